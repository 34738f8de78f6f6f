//! Corpora of many records (`jibing::format`, section "Records and lines"):
//! blank and whitespace-only separators, records glued by a second `简介`,
//! BOM, CRLF, faults that end only their own record, and `parse()` on more
//! than one record.

use std::borrow::Cow;

use jibing::{Diagnostic, ErrorKind, Extra, ParseOptions, Record};
use serde_json::{json, Value};

use crate::expected::{diag, extra};
use crate::random::{random_corpus, Rng};
use crate::support::lines::{oracle_records, OracleLine};

/// What a corpus item comes down to: the record's JSON, or the fault.
#[derive(Debug, PartialEq)]
enum Item {
    Ok(Value),
    Err(Diagnostic),
}

fn items(input: &str, options: ParseOptions) -> Vec<Item> {
    options
        .records(input)
        .map(|r| match r {
            Ok(parsed) => Item::Ok(serde_json::to_value(&parsed.record).expect("serialise")),
            Err(e) => Item::Err(e.diagnostic().clone()),
        })
        .collect()
}

/// The `summary` of each record, all required Ok.
fn summaries(input: &str) -> Vec<Option<String>> {
    jibing::records(input)
        .map(|r| {
            let parsed = r.unwrap_or_else(|e| panic!("record failed: {e} in {input:?}"));
            parsed.record.summary.map(Cow::into_owned)
        })
        .collect()
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

/// The JSON of a record holding only the given keys (everything else null).
fn record_json(fields: Value) -> Value {
    let mut value = serde_json::to_value(Record::default()).expect("serialise");
    let object = value.as_object_mut().expect("object");
    for (k, v) in fields.as_object().expect("fields object") {
        assert!(object.contains_key(k), "unknown key {k}");
        object.insert(k.clone(), v.clone());
    }
    value
}

#[test]
fn one_blank_line_or_several_separate_records() {
    assert_eq!(
        summaries("简介 甲\n\n简介 乙\n\n\n\n简介 丙\n"),
        vec![s("甲"), s("乙"), s("丙")]
    );
}

#[test]
fn whitespace_only_lines_separate_records() {
    let input = "简介 甲\n \n简介 乙\n\t\n简介 丙\n\u{a0}\n简介 丁\n\u{3000}\n简介 戊\n \t\u{a0}\u{3000} \n\n简介 己";
    assert_eq!(
        summaries(input),
        vec![s("甲"), s("乙"), s("丙"), s("丁"), s("戊"), s("己")]
    );
}

#[test]
fn records_without_summary_are_separated_by_blank_lines_only() {
    let input = "症状 咳嗽\n\n医保疾病 是\n检查 血常规\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Ok(record_json(json!({"symptoms": ["咳嗽"]}))),
            Item::Ok(record_json(
                json!({"insurance": true, "examinations": ["血常规"]})
            )),
        ]
    );
}

#[test]
fn a_second_summary_starts_a_new_record() {
    let input = "简介 甲\n症状 咳嗽\n简介 乙\n症状 发热\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Ok(record_json(json!({"summary": "甲", "symptoms": ["咳嗽"]}))),
            Item::Ok(record_json(json!({"summary": "乙", "symptoms": ["发热"]}))),
        ]
    );
}

#[test]
fn a_second_summary_splits_even_when_the_first_is_not_on_the_first_line() {
    let input = "医保疾病 否\n简介 甲\n\u{3000}简介\u{a0}乙\n简介\n医保疾病 是";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Ok(record_json(json!({"summary": "甲", "insurance": false}))),
            Item::Ok(record_json(json!({"summary": "乙"}))),
            Item::Ok(record_json(json!({"summary": "", "insurance": true}))),
        ]
    );
}

#[test]
fn a_summary_after_a_record_without_one_does_not_split() {
    let input = "医保疾病 否\n症状 咳嗽\n简介 甲\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![Item::Ok(record_json(
            json!({"summary": "甲", "insurance": false, "symptoms": ["咳嗽"]})
        ))]
    );
}

#[test]
fn no_final_newline() {
    assert_eq!(summaries("简介 甲\n\n简介 乙"), vec![s("甲"), s("乙")]);
    assert_eq!(summaries("简介 甲"), vec![s("甲")]);
}

#[test]
fn lone_space_last_line_like_the_seed() {
    assert_eq!(summaries("简介 甲\n医保疾病 否 \n "), vec![s("甲")]);
    let seed = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
    assert!(seed.ends_with("\n "));
    assert_eq!(jibing::records(seed).count(), 1);
    let doubled = format!("{seed}\n{seed}");
    let all: Vec<_> = jibing::records(&doubled)
        .map(|r| r.expect("seed parses"))
        .collect();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].record, all[1].record);
}

#[test]
fn seed_glued_to_itself_gives_two_records() {
    let seed = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
    // Remove the lone-space line so the copies touch: the second 简介 splits.
    let body = seed.trim_end_matches([' ', '\n']);
    let glued = format!("{body}\n{body}\n");
    let all: Vec<_> = jibing::records(&glued)
        .map(|r| r.expect("seed parses"))
        .collect();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].record, all[1].record);
    assert_eq!(all[1].record.name.as_deref(), Some("肌肉萎缩"));
}

#[test]
fn strict_fault_in_record_two_of_three_ends_only_that_record() {
    // Line 4 starts at 11 + 1 + 11 = 23.
    let input = "简介 甲\n\n简介 乙\n别名 x\n症状 咳嗽\n\n简介 丙\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Ok(record_json(json!({"summary": "甲"}))),
            Item::Err(diag(ErrorKind::UnknownLabel, 4, 1, 23, "别名")),
            Item::Ok(record_json(json!({"summary": "丙"}))),
        ]
    );
}

#[test]
fn lenient_corpus_counts_lines_in_the_whole_input() {
    let input = "简介 甲\n\n简介 乙\n别名 x\n症状 咳嗽\n\n简介 丙\n医保疾病 也许\n";
    let all: Vec<_> = ParseOptions::new()
        .lenient()
        .records(input)
        .map(|r| r.expect("lenient").into_owned())
        .collect();
    assert_eq!(all.len(), 3);
    assert!(all[0].warnings.is_empty());
    assert_eq!(
        all[1].warnings,
        vec![diag(ErrorKind::UnknownLabel, 4, 1, 23, "别名")]
    );
    assert_eq!(all[1].record.extra, vec![extra("别名", "x", 4)]);
    assert_eq!(
        all[1].record.symptoms,
        Some(jibing::List::from_items(["咳嗽"]))
    );
    // Line 8 starts at 23 + 9 + 14 + 1 + 11 = 58; the value at +13.
    assert_eq!(
        all[2].warnings,
        vec![diag(
            ErrorKind::InvalidBool {
                found: "也许".into()
            },
            8,
            6,
            71,
            "医保疾病"
        )]
    );
    assert_eq!(all[2].record.extra, vec![extra("医保疾病", "也许", 8)]);
    assert_eq!(all[2].record.insurance, None);
}

#[test]
fn glued_records_in_lenient_mode_count_lines_in_the_whole_input() {
    let input = "简介 甲\n简介 乙\n别名 x\n";
    let all: Vec<_> = ParseOptions::new()
        .lenient()
        .records(input)
        .map(|r| r.expect("lenient").into_owned())
        .collect();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].record.summary.as_deref(), Some("乙"));
    assert_eq!(all[1].record.extra, vec![extra("别名", "x", 3)]);
    assert_eq!(
        all[1].warnings,
        vec![diag(ErrorKind::UnknownLabel, 3, 1, 22, "别名")]
    );
}

#[test]
fn strict_fault_before_the_summary_does_not_swallow_a_glued_record() {
    // Record 1 is `别名 x` + `简介 甲`; it has a 简介, so `简介 乙` starts
    // record 2 (`jibing::format`, section "Record boundaries"). The fault
    // ends only record 1.
    let input = "别名 x\n简介 甲\n简介 乙\n症状 咳嗽\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Err(diag(ErrorKind::UnknownLabel, 1, 1, 0, "别名")),
            Item::Ok(record_json(json!({"summary": "乙", "symptoms": ["咳嗽"]}))),
        ]
    );
}

#[test]
fn strict_fault_after_the_summary_ends_only_its_glued_record() {
    let input = "简介 甲\n别名 x\n简介 乙\n症状 咳嗽\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Err(diag(ErrorKind::UnknownLabel, 2, 1, 11, "别名")),
            Item::Ok(record_json(json!({"summary": "乙", "symptoms": ["咳嗽"]}))),
        ]
    );
}

#[test]
fn em_space_line_is_not_a_separator() {
    // U+2003 is not whitespace here: the line is a field line (an unknown
    // label), not a record separator.
    let input = "简介 甲\n\u{2003}\n简介 乙\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Err(diag(ErrorKind::UnknownLabel, 2, 1, 11, "\u{2003}")),
            Item::Ok(record_json(json!({"summary": "乙"}))),
        ]
    );
}

#[test]
fn bom_at_start_is_ignored() {
    let input = "\u{feff}简介 甲\n\n简介 乙\n";
    assert_eq!(summaries(input), vec![s("甲"), s("乙")]);
    // A fault on line 1 after the BOM: offset counts the BOM, column not.
    let input = "\u{feff}医保疾病 x\n\n简介 乙\n";
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Err(diag(
                ErrorKind::InvalidBool { found: "x".into() },
                1,
                6,
                16,
                "医保疾病"
            )),
            Item::Ok(record_json(json!({"summary": "乙"}))),
        ]
    );
}

#[test]
fn empty_input_and_blank_only_input_have_no_records() {
    for input in [
        "",
        "\n",
        "\n\n\n",
        " \n\t\n\u{a0}\n\u{3000}\n",
        "\r\n\r\n",
        "\u{feff}",
        "\u{feff}\n \n",
        "   ",
    ] {
        assert_eq!(jibing::records(input).count(), 0, "{input:?}");
        assert_eq!(
            ParseOptions::new().lenient().records(input).count(),
            0,
            "{input:?}"
        );
    }
}

#[test]
fn crlf_everywhere() {
    let input =
        "简介 甲\r\n症状 咳嗽 发热\r\n\r\n简介 乙\r\n医保疾病 是\r\n \r\n简介 丙\r\n别名 x\r\n";
    // Line 8 starts at 12 + 22 + 2 + 12 + 18 + 3 + 12 = 81.
    assert_eq!(
        items(input, ParseOptions::new()),
        vec![
            Item::Ok(record_json(
                json!({"summary": "甲", "symptoms": ["咳嗽", "发热"]})
            )),
            Item::Ok(record_json(json!({"summary": "乙", "insurance": true}))),
            Item::Err(diag(ErrorKind::UnknownLabel, 8, 1, 81, "别名")),
        ]
    );
}

#[test]
fn parse_on_two_records_is_a_trailing_record_error() {
    // Line 3 starts at 11 + 1 = 12; the label after two spaces at 14.
    let input = "简介 甲\n\n  简介 乙\n症状 咳嗽\n";
    let err = jibing::parse(input).expect_err("two records");
    assert_eq!(
        err.diagnostic(),
        &diag(ErrorKind::TrailingRecord, 3, 3, 14, "简介")
    );
    assert!(err.to_string().starts_with("3:3: "), "{err}");

    let parsed = jibing::parse_lenient(input).expect("lenient");
    assert_eq!(
        parsed.warnings,
        vec![diag(ErrorKind::TrailingRecord, 3, 3, 14, "简介")]
    );
    assert_eq!(parsed.record.summary.as_deref(), Some("甲"));
    assert_eq!(
        parsed.record.into_owned().extra,
        vec![extra("简介", "乙", 3), extra("症状", "咳嗽", 4)]
    );
}

#[test]
fn parse_accepts_blank_lines_around_one_record() {
    let record = jibing::parse("\n \n简介 甲\n症状 咳嗽\n\u{3000}\n\n").expect("one record");
    assert_eq!(
        serde_json::to_value(&record).expect("serialise"),
        record_json(json!({"summary": "甲", "symptoms": ["咳嗽"]}))
    );
}

// ---- random corpora against an independent splitter ----------------------------

/// What a record of the random corpora must come to: its summary and the
/// unknown-label lines lenient parsing keeps in `extra`.
fn expected_lenient(record: &[OracleLine]) -> (Option<String>, Vec<Extra<'static>>) {
    let summary = record
        .iter()
        .find(|l| l.label == "简介")
        .map(|l| l.value.clone());
    let extras = record
        .iter()
        .filter(|l| l.label != "简介")
        .map(|l| extra(&l.label, &l.value, l.line))
        .collect();
    (summary, extras)
}

#[test]
fn random_corpora_split_as_the_contract_says() {
    for seed in 0..3000 {
        let mut rng = Rng::new(seed);
        let corpus = random_corpus(&mut rng);
        let oracle = oracle_records(&corpus);

        let lenient: Vec<_> = ParseOptions::new()
            .lenient()
            .records(&corpus)
            .map(|r| {
                let parsed = r.expect("lenient never fails here").into_owned();
                (
                    parsed.record.summary.map(|s| s.into_owned()),
                    parsed.record.extra,
                )
            })
            .collect();
        let expected: Vec<_> = oracle.iter().map(|r| expected_lenient(r)).collect();
        assert_eq!(lenient, expected, "seed {seed}, corpus {corpus:?}");

        // Strict: a record with an unknown label fails at its first one.
        let strict: Vec<Result<Option<String>, (ErrorKind, usize)>> = jibing::records(&corpus)
            .map(|r| {
                r.map(|p| p.record.summary.map(|s| s.into_owned()))
                    .map_err(|e| (e.kind().clone(), e.line()))
            })
            .collect();
        let expected: Vec<Result<Option<String>, (ErrorKind, usize)>> = oracle
            .iter()
            .map(|r| match r.iter().find(|l| l.label != "简介") {
                Some(bad) => Err((ErrorKind::UnknownLabel, bad.line)),
                None => Ok(r.first().map(|l| l.value.clone())),
            })
            .collect();
        assert_eq!(strict, expected, "seed {seed}, corpus {corpus:?}");
    }
}
