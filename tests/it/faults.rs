//! The strict faults of `jibing::format`, section "Strict and lenient", each
//! with its exact position (line, character column, byte offset) and label,
//! and the same fault in lenient mode: a warning at the same place, the line
//! kept in `extra`, a bad bool left `null`, a bad drug list left `[]`, the
//! first duplicate winning.

use jibing::{Diagnostic, DrugFaultKind, ErrorKind, Extra, Record};

use crate::expected::{diag, extra};

/// Strict parse must fail with exactly `expected`; checks every accessor
/// and that the offset really points at `at` in the input.
fn strict_fails(input: &str, expected: &Diagnostic, at: &str) {
    let err = jibing::parse(input).expect_err("strict parse must fail");
    assert_eq!(err.diagnostic(), expected, "input {input:?}");
    assert_eq!(err.kind(), &expected.kind);
    assert_eq!(err.line(), expected.position.line);
    assert_eq!(err.column(), expected.position.column);
    assert_eq!(err.offset(), expected.position.offset);
    assert_eq!(err.label(), expected.label.as_deref());
    assert!(
        input[expected.position.offset..].starts_with(at),
        "offset {} does not point at {at:?}",
        expected.position.offset
    );
    // Display is `LINE:COL: message`.
    let prefix = format!("{}:{}: ", expected.position.line, expected.position.column);
    assert!(err.to_string().starts_with(&prefix), "{err}");
}

/// Lenient parse: exactly one warning equal to `expected`, the line in
/// `extra`; returns the record for field checks.
fn lenient_warns(input: &str, expected: &Diagnostic, kept: Extra<'static>) -> Record<'static> {
    let parsed = jibing::parse_lenient(input).expect("lenient parse never fails on faults");
    assert_eq!(parsed.warnings, vec![expected.clone()], "input {input:?}");
    let record = parsed.record.into_owned();
    assert_eq!(record.extra, vec![kept]);
    record
}

// ---- unknown label ----------------------------------------------------------

#[test]
fn unknown_label() {
    // 14 + 17 bytes before line 3.
    let input = "简介 甲病\n医保疾病 否\n别名 肌萎缩\n";
    let expected = diag(ErrorKind::UnknownLabel, 3, 1, 31, "别名");
    strict_fails(input, &expected, "别名");
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!(err.to_string(), "3:1: unknown label '别名'");

    let record = lenient_warns(input, &expected, extra("别名", "肌萎缩", 3));
    assert_eq!(record.summary.as_deref(), Some("甲病"));
    assert_eq!(record.insurance, Some(false));
}

#[test]
fn unknown_label_after_leading_whitespace_points_at_the_label() {
    // Line 2 starts at 14; U+3000 (3 bytes) and NBSP (2 bytes) come first.
    let input = "简介 甲病\n\u{3000}\u{a0}别名\u{3000}肌萎缩  \n";
    let expected = diag(ErrorKind::UnknownLabel, 2, 3, 19, "别名");
    strict_fails(input, &expected, "别名");
    lenient_warns(input, &expected, extra("别名", "肌萎缩", 2));
}

#[test]
fn unknown_label_on_the_first_line_after_a_bom() {
    // The BOM counts in the offset, not in the column.
    let input = "\u{feff}别名 肌萎缩\n简介 甲病\n";
    let expected = diag(ErrorKind::UnknownLabel, 1, 1, 3, "别名");
    strict_fails(input, &expected, "别名");
    lenient_warns(input, &expected, extra("别名", "肌萎缩", 1));
}

#[test]
fn label_prefix_is_not_a_label() {
    // `治疗费` is a prefix of `治疗费用` and `症状细节x` extends `症状细节`:
    // labels match as whole tokens.
    let input = "简介 甲\n治疗费 100元\n";
    strict_fails(
        input,
        &diag(ErrorKind::UnknownLabel, 2, 1, 11, "治疗费"),
        "治疗费",
    );
    let input = "简介 甲\n症状细节x 咳嗽\n";
    strict_fails(
        input,
        &diag(ErrorKind::UnknownLabel, 2, 1, 11, "症状细节x"),
        "症状细节x",
    );
}

#[test]
fn only_the_four_whitespace_characters_separate() {
    // U+2003 EM SPACE is not whitespace in this format: the label token is
    // the whole run, an unknown label.
    let input = "简介 甲\n症状\u{2003}咳嗽\n";
    let expected = diag(ErrorKind::UnknownLabel, 2, 1, 11, "症状\u{2003}咳嗽");
    strict_fails(input, &expected, "症状");
    lenient_warns(input, &expected, extra("症状\u{2003}咳嗽", "", 2));
}

// ---- duplicate label --------------------------------------------------------

#[test]
fn duplicate_label_at_the_second_occurrence() {
    // Lines start at 0, 14, 28, 45; the second 症状 is after a U+3000.
    let input = "简介 甲病\n症状 咳嗽\n医保疾病 否\n\u{3000}症状 发热\n";
    let expected = diag(
        ErrorKind::DuplicateLabel { first_line: 2 },
        4,
        2,
        48,
        "症状",
    );
    strict_fails(input, &expected, "症状 发热");

    let record = lenient_warns(input, &expected, extra("症状", "发热", 4));
    // The first occurrence wins.
    assert_eq!(record.symptoms, Some(jibing::List::from_items(["咳嗽"])));
    assert_eq!(record.insurance, Some(false));
}

#[test]
fn second_summary_is_a_duplicate_in_single_record_parse() {
    let input = "简介 甲\n简介 乙\n";
    let expected = diag(
        ErrorKind::DuplicateLabel { first_line: 1 },
        2,
        1,
        11,
        "简介",
    );
    strict_fails(input, &expected, "简介 乙");
    let record = lenient_warns(input, &expected, extra("简介", "乙", 2));
    assert_eq!(record.summary.as_deref(), Some("甲"));
}

#[test]
fn duplicate_of_a_bad_bool_keeps_the_first_value() {
    let input = "医保疾病 是\n医保疾病 否\n";
    let expected = diag(
        ErrorKind::DuplicateLabel { first_line: 1 },
        2,
        1,
        17,
        "医保疾病",
    );
    strict_fails(input, &expected, "医保疾病 否");
    let record = lenient_warns(input, &expected, extra("医保疾病", "否", 2));
    assert_eq!(record.insurance, Some(true));
}

// ---- bad bool -----------------------------------------------------------------

#[test]
fn bad_bool_at_the_values_first_character() {
    let input = "简介 甲病\n医保疾病 也许\n";
    let expected = diag(
        ErrorKind::InvalidBool {
            found: "也许".into(),
        },
        2,
        6,
        27,
        "医保疾病",
    );
    strict_fails(input, &expected, "也许");
    let record = lenient_warns(input, &expected, extra("医保疾病", "也许", 2));
    assert_eq!(record.insurance, None);
    assert_eq!(record.summary.as_deref(), Some("甲病"));
}

#[test]
fn bad_bool_on_a_cjk_indented_line_counts_characters() {
    // Line 2 starts at 14: U+3000 (3 bytes), 医保疾病 (12), two U+3000 (6).
    let input = "简介 甲病\n\u{3000}医保疾病\u{3000}\u{3000}不详  \n";
    let expected = diag(
        ErrorKind::InvalidBool {
            found: "不详".into(),
        },
        2,
        8,
        35,
        "医保疾病",
    );
    strict_fails(input, &expected, "不详");
    let record = lenient_warns(input, &expected, extra("医保疾病", "不详", 2));
    assert_eq!(record.insurance, None);
}

#[test]
fn bool_values_that_are_not_exactly_shi_or_fou_fail() {
    for value in ["是的", "否否", "yes", "true", "1", "非"] {
        let input = format!("医保疾病 {value}\n");
        let err = jibing::parse(&input).expect_err(value);
        assert_eq!(
            err.kind(),
            &ErrorKind::InvalidBool {
                found: value.into()
            }
        );
        assert_eq!(
            (err.line(), err.column(), err.offset()),
            (1, 6, 13),
            "{value}"
        );
    }
    // An empty bool is not 是/否 either.
    let err = jibing::parse("简介 甲\n医保疾病\n").expect_err("empty bool");
    assert_eq!(err.kind(), &ErrorKind::InvalidBool { found: "".into() });
    assert_eq!(err.line(), 2);
    // Trailing whitespace is not part of the value.
    let record = jibing::parse("医保疾病 是\u{3000}\t \n").expect("padded bool");
    assert_eq!(record.insurance, Some(true));
}

#[test]
fn bad_bool_with_crlf_endings() {
    // Lines end in \r\n: line 2 starts at byte 15.
    let input = "简介 甲病\r\n医保疾病 未知\r\n";
    let expected = diag(
        ErrorKind::InvalidBool {
            found: "未知".into(),
        },
        2,
        6,
        28,
        "医保疾病",
    );
    strict_fails(input, &expected, "未知");
    lenient_warns(input, &expected, extra("医保疾病", "未知", 2));
}

// ---- drug list faults -------------------------------------------------------
// Line 2 starts at byte 14; "药品 " is 7 bytes, so the value starts at byte 21,
// column 4.

fn drug_fault(value: &str, kind: DrugFaultKind, column: usize, offset: usize, at: &str) {
    let input = format!("简介 甲病\n药品 {value}\n");
    let expected = diag(ErrorKind::InvalidDrugs(kind), 2, column, offset, "药品");
    strict_fails(&input, &expected, at);
    let record = lenient_warns(&input, &expected, extra("药品", value.trim_end(), 2));
    assert_eq!(record.drugs, Some(vec![]), "a bad drug list leaves []");
    assert_eq!(record.summary.as_deref(), Some("甲病"));
}

#[test]
fn drugs_unclosed_bracket_at_the_end_of_the_value() {
    // 9 characters, 13 bytes; trailing padding is not part of the value.
    drug_fault(
        "['甲', '乙'  ",
        DrugFaultKind::UnclosedBracket,
        13,
        34,
        "  \n",
    );
}

#[test]
fn drugs_unclosed_second_list() {
    // "['甲'] ['乙'" is 10 characters, 14 bytes.
    drug_fault("['甲'] ['乙'", DrugFaultKind::UnclosedBracket, 14, 35, "\n");
}

#[test]
fn drugs_unterminated_string_at_its_opening_quote() {
    drug_fault(
        "['甲', '乙]",
        DrugFaultKind::UnterminatedString,
        10,
        29,
        "'乙]",
    );
}

#[test]
fn drugs_unterminated_double_quoted_string() {
    drug_fault(
        "[\"甲', '乙']",
        DrugFaultKind::UnterminatedString,
        5,
        22,
        "\"甲",
    );
}

#[test]
fn drugs_bad_escape_at_its_backslash() {
    drug_fault(r"['甲\x4g']", DrugFaultKind::BadEscape, 7, 26, r"\x4g");
    drug_fault(r"['甲', '\u12']", DrugFaultKind::BadEscape, 11, 30, r"\u12");
    drug_fault(
        r"['\U0011FFFF']",
        DrugFaultKind::BadEscape,
        6,
        23,
        r"\U0011",
    );
}

#[test]
fn drugs_zero_strings() {
    drug_fault("[]", DrugFaultKind::NoStrings, 5, 22, "]");
    // "['甲'] [ ]": the second list's `]` is character 8, byte 10.
    drug_fault("['甲'] [ ]", DrugFaultKind::NoStrings, 12, 31, "]");
}

#[test]
fn drugs_four_strings_at_the_fourth() {
    drug_fault(
        "['甲', '乙', '丙', '丁']",
        DrugFaultKind::TooManyStrings,
        20,
        43,
        "'丁'",
    );
}

#[test]
fn drugs_missing_comma_at_the_second_string() {
    drug_fault("['甲' '乙']", DrugFaultKind::MissingComma, 9, 28, "'乙'");
}

// ---- display and render -----------------------------------------------------

#[test]
fn display_is_line_colon_column_colon_message() {
    let err = jibing::parse("简介 甲\n别名 乙\n").expect_err("fails");
    assert_eq!(err.to_string(), "2:1: unknown label '别名'");
    let err = jibing::parse("简介 甲病\n医保疾病 也许\n").expect_err("fails");
    assert!(err.to_string().starts_with("2:6: "), "{err}");
    assert_eq!(err.to_string(), err.diagnostic().to_string());
    let warning = &jibing::parse_lenient("简介 甲病\n医保疾病 也许\n")
        .expect("lenient")
        .warnings[0];
    assert_eq!(warning.to_string(), err.to_string());
}

#[test]
fn render_puts_the_caret_under_the_faulty_character() {
    let input = "简介 甲病\n医保疾病 也许\n";
    let err = jibing::parse(input).expect_err("fails");
    // 医保疾病 is 8 columns wide, then one space; 也 is 2 columns wide.
    assert_eq!(err.render(input), "2 | 医保疾病 也许\n  |          ^^");

    let input = "简介 甲病\n医保疾病 否\n别名 肌萎缩\n";
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!(err.render(input), "3 | 别名 肌萎缩\n  | ^^");

    // ASCII under the caret: one caret; CJK before it: two columns each.
    let input = "药品 ['甲' x]\n";
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!((err.line(), err.column()), (1, 9));
    assert_eq!(err.render(input), "1 | 药品 ['甲' x]\n  |            ^");
}

#[test]
fn render_ignores_bom_and_crlf() {
    let input = "\u{feff}医保疾病 不\r\n";
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!((err.line(), err.column(), err.offset()), (1, 6, 16));
    assert_eq!(err.render(input), "1 | 医保疾病 不\n  |          ^^");
}

// ---- more positions and lenient details -------------------------------------

#[test]
fn drugs_escaped_quote_leaves_the_string_unterminated() {
    // `'\'` : the quote is escaped, so the string never closes.
    drug_fault(r"['\']", DrugFaultKind::UnterminatedString, 5, 22, r"'\']");
}

#[test]
fn astral_characters_count_as_one_column() {
    // 😀 is 4 bytes, one character: the second string's quote is character
    // 5 of the value (column 9), byte 8 (offset 29).
    drug_fault("['😀' '乙']", DrugFaultKind::MissingComma, 9, 29, "'乙'");
}

#[test]
fn lenient_collects_every_fault_of_a_record_in_input_order() {
    // Line starts: 0, 11, 20, 40, 57, 74.
    let input = "简介 甲\n别名 x\n医保疾病 也许\n药品 ['a' 'b']\n医保疾病 是\n药品 ['c']\n";
    let parsed = jibing::parse_lenient(input).expect("lenient");
    assert_eq!(
        parsed.warnings,
        vec![
            diag(ErrorKind::UnknownLabel, 2, 1, 11, "别名"),
            diag(
                ErrorKind::InvalidBool {
                    found: "也许".into()
                },
                3,
                6,
                33,
                "医保疾病"
            ),
            diag(
                ErrorKind::InvalidDrugs(DrugFaultKind::MissingComma),
                4,
                9,
                52,
                "药品"
            ),
            diag(
                ErrorKind::DuplicateLabel { first_line: 3 },
                5,
                1,
                57,
                "医保疾病"
            ),
            diag(
                ErrorKind::DuplicateLabel { first_line: 4 },
                6,
                1,
                74,
                "药品"
            ),
        ]
    );
    let record = parsed.record.into_owned();
    assert_eq!(
        record.extra,
        vec![
            extra("别名", "x", 2),
            extra("医保疾病", "也许", 3),
            extra("药品", "['a' 'b']", 4),
            extra("医保疾病", "是", 5),
            extra("药品", "['c']", 6),
        ]
    );
    // The first occurrences win even though they were bad.
    assert_eq!(record.insurance, None);
    assert_eq!(record.drugs, Some(vec![]));
    assert_eq!(record.summary.as_deref(), Some("甲"));

    // Strict mode stops at the first of them.
    let err = jibing::parse(input).expect_err("strict");
    assert_eq!(err.diagnostic(), &parsed.warnings[0]);
}

#[test]
fn unparsable_rate_period_cost_are_not_faults() {
    let input = "患病比例 不易治愈\n治疗周期 长期\n治疗费用 根据病情而定\n治愈率 \n";
    let parsed = jibing::parse_lenient(input).expect("lenient");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!(parsed.record.extra.is_empty());
    let strict = jibing::parse(input).expect("strict");
    assert_eq!(strict, parsed.record);
    assert_eq!(
        strict
            .prevalence
            .as_ref()
            .map(|r| (r.low, r.high, &*r.text)),
        Some((None, None, "不易治愈"))
    );
}

#[test]
fn render_at_the_end_of_a_line_and_after_a_tab() {
    // Unclosed bracket: the caret goes just past the value.
    let input = "药品 ['a'\n";
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!((err.line(), err.column(), err.offset()), (1, 8, 11));
    assert_eq!(err.render(input), "1 | 药品 ['a'\n  |          ^");
    // A tab before the fault is copied into the caret line.
    let input = "简介 甲\n\t别名 x\n";
    let err = jibing::parse(input).expect_err("fails");
    assert_eq!((err.line(), err.column(), err.offset()), (2, 2, 12));
    assert_eq!(err.render(input), "2 | \t别名 x\n  | \t^^");
}
