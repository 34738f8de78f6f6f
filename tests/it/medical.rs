//! `jibing::medical`, the reader of `medical.json` (issue 18): the seed's
//! golden both ways, the round trip text → `to_medical` → reader over
//! generated records, one test per mapping decision and drug-string rule,
//! and bad inputs, each a positioned error.

use std::borrow::Cow;
use std::io::BufReader;

use jibing::derived::to_medical;
use jibing::medical::{self, InputFormat};
use jibing::{Drug, DrugFaultKind, Error, ErrorKind, Label, ParseOptions, Parsed, Record};
use proptest::prelude::*;

use crate::properties::strategies::{assign, field, record, Value};
use crate::random::proptest_config;
use crate::support::lines::line_column;

const SEED: &str = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
const SEED_MEDICAL: &str = include_str!("../fixtures/000_c5ae55a5813883a5.medical.jsonl");

/// The labels `medical.json` has no key for.
const UNMAPPED: [Label; 6] = [
    Label::Tips,
    Label::SymptomDetails,
    Label::ExaminationDetails,
    Label::TreatmentDetails,
    Label::DietGoodDetails,
    Label::DietBadDetails,
];

/// What `medical.json` keeps of `record`: the mapped fields, empty ones
/// absent, each drug's brand and product merged into `brand`.
fn medical_view(record: &Record<'_>) -> Record<'static> {
    let mut view = record.clone().into_owned();
    for label in Label::ALL {
        let empty = match field(&view, label) {
            None => true,
            Some(Value::Text(text)) => text.is_empty(),
            Some(Value::List(list)) => list.is_empty(),
            Some(Value::Rate(rate)) => rate.text.is_empty(),
            Some(Value::Period(period)) => period.text.is_empty(),
            Some(Value::Cost(cost)) => cost.text.is_empty(),
            Some(Value::Causes(causes)) => causes.intro.is_empty() && causes.items.is_empty(),
            Some(Value::Drugs(drugs)) => drugs.is_empty(),
            Some(Value::Bool(_)) => false,
        };
        if empty || UNMAPPED.contains(&label) {
            assign(&mut view, label, None);
        }
    }
    for drug in view.drugs.iter_mut().flatten() {
        let brand = format!(
            "{}{}",
            drug.brand.as_deref().unwrap_or(""),
            drug.product.as_deref().unwrap_or("")
        );
        drug.brand = (!brand.is_empty()).then_some(Cow::Owned(brand));
        drug.product = None;
    }
    view
}

fn json_line(record: &Record<'_>) -> String {
    serde_json::to_string(&to_medical(record)).expect("serialises")
}

fn strict(input: &str) -> Vec<Result<Parsed<'_>, Error>> {
    medical::records(input).collect()
}

fn lenient(input: &str) -> Parsed<'_> {
    let mut records = ParseOptions::new().lenient().medical_records(input);
    let parsed = records.next().expect("a record").expect("lenient reads it");
    assert!(records.next().is_none());
    parsed
}

/// The error of reading `input` strictly, as `(kind, line, column, label)`.
fn error(input: &str) -> (ErrorKind, usize, usize, Option<String>) {
    let err = medical::from_str(input).expect_err("a fault");
    (
        err.kind().clone(),
        err.line(),
        err.column(),
        err.label().map(str::to_owned),
    )
}

/// Line and column of the first `needle` in `input`, shifted by `skip` chars.
fn at(input: &str, needle: &str, skip: usize) -> (usize, usize) {
    let (line, column) = line_column(input, input.find(needle).expect("needle"));
    (line, column + skip)
}

#[test]
fn seed_golden_reads_back_the_text_record() {
    let text = jibing::parse(SEED).unwrap();
    assert_eq!(json_line(&text) + "\n", SEED_MEDICAL);
    let read = medical::from_str(SEED_MEDICAL).unwrap();
    let whole = |r: &Record<'_>| serde_json::to_value(r).unwrap();
    assert_eq!(whole(&read), whole(&medical_view(&text)));
    assert!(read.extra.is_empty(), "{:?}", read.extra);
    // And back again, byte for byte.
    assert_eq!(json_line(&read) + "\n", SEED_MEDICAL);
}

#[test]
fn seed_reads_the_same_in_every_shape_and_way() {
    let line = SEED_MEDICAL.trim_end();
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(line).unwrap())
            .unwrap();
    let with_id = line.replacen('{', r#"{"_id": {"$oid": "5bb578b6831b973a137e3ee6"}, "#, 1);
    let shapes = [
        format!("{line}\n{line}\n"),
        format!("\u{feff}[{line},\n {line}]"),
        format!("[\n{pretty},\n{pretty}\n]\n"),
        format!("{pretty}\n{pretty}"),
        format!("{with_id}\r\n{with_id}\r\n"),
    ];
    let expected = medical::from_str(line).unwrap();
    for shape in &shapes {
        let records: Vec<_> = medical::records(shape).collect::<Result<_, _>>().unwrap();
        let streamed: Vec<_> = medical::Reader::new(BufReader::with_capacity(1, shape.as_bytes()))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(records.len(), 2, "{shape}");
        assert_eq!(records, streamed, "{shape}");
        for parsed in &records {
            let mut record = parsed.record.clone();
            record.extra.retain(|e| e.label != "_id");
            assert_eq!(record, expected);
        }
    }
}

proptest! {
    #![proptest_config(proptest_config(128, "proptest-regressions/medical.txt"))]

    /// Text → `to_medical` → the reader gives the typed record back, up to
    /// what `medical.json` keeps. Brackets are left out of drug parts: where
    /// they stand, `medical.json` itself cannot tell the parts apart (the
    /// drug-string tests cover them).
    #[test]
    fn text_to_medical_reads_back(mut generated in record()) {
        for drug in generated.drugs.iter_mut().flatten() {
            for text in [&mut drug.brand, &mut drug.product, &mut drug.generic].into_iter().flatten() {
                *text = Cow::Owned(text.replace(['(', ')', '（', '）'], ""));
            }
        }
        let text = generated.to_string();
        let typed = jibing::parse(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let line = json_line(&typed);
        let read = medical::from_str(&line).map_err(|e| TestCaseError::fail(format!("{e}: {line}")))?;
        prop_assert_eq!(read, medical_view(&typed), "{}", line);
    }
}

#[test]
fn name_comes_from_name_and_is_not_inferred() {
    let record = medical::from_str(
        r#"{"name": "", "cause": "某病病因受凉（60%）：着凉。", "prevent": "某病预防保暖。"}"#,
    )
    .unwrap();
    assert_eq!(record.name, None);
    assert_eq!(record.causes.as_ref().map(|c| c.items.len()), Some(1));
    let record = medical::from_str(r#"{"name": "感冒"}"#).unwrap();
    assert_eq!(record.name.as_deref(), Some("感冒"));
}

#[test]
fn empty_strings_and_lists_are_absent() {
    let record = medical::from_str(
        r#"{"desc": "", "symptom": [], "cured_prob": "", "yibao_status": "", "drug_detail": []}"#,
    )
    .unwrap();
    assert_eq!(record, Record::default());
}

#[test]
fn each_key_fills_its_field_through_its_grammar() {
    let input = r#"{"desc": "甲", "prevent": "乙", "yibao_status": "是", "get_prob": "5-10%", "easy_get": "丙",
        "get_way": "丁", "acompany": ["a", "b c"], "cure_department": ["内科"], "cure_way": ["药物治疗"],
        "cure_lasttime": "3-6个月", "cured_prob": "90%以上", "common_drug": ["x"], "cost_money": "约（100-500元）",
        "check": ["血常规"], "do_eat": ["鸡蛋"], "not_eat": ["辣椒"], "recommand_eat": ["粥"], "symptom": ["咳嗽"]}"#;
    let r = medical::from_str(input).unwrap();
    assert_eq!(
        (r.summary.as_deref(), r.prevention.as_deref(), r.insurance),
        (Some("甲"), Some("乙"), Some(true))
    );
    assert_eq!(
        r.prevalence.as_ref().map(|p| (p.low, p.high)),
        Some((Some(5.0), Some(10.0)))
    );
    assert_eq!(
        (r.susceptible.as_deref(), r.transmission.as_deref()),
        (Some("丙"), Some("丁"))
    );
    // Items are kept as given, even with whitespace inside.
    assert_eq!(
        r.complications.as_ref().map(|l| l.to_vec()),
        Some(vec!["a", "b c"])
    );
    assert_eq!(
        r.treatment_period.as_ref().map(|p| (p.low, p.high)),
        Some((Some(3.0), Some(6.0)))
    );
    assert_eq!(
        r.cure_rate.as_ref().map(|p| (p.low, p.high)),
        Some((Some(90.0), None))
    );
    assert_eq!(
        r.cost.as_ref().map(|c| (c.low, c.high)),
        Some((Some(100.0), Some(500.0)))
    );
    for (list, item) in [
        (&r.departments, "内科"),
        (&r.treatments, "药物治疗"),
        (&r.common_drugs, "x"),
        (&r.examinations, "血常规"),
        (&r.good_foods, "鸡蛋"),
        (&r.bad_foods, "辣椒"),
        (&r.recipes, "粥"),
        (&r.symptoms, "咳嗽"),
    ] {
        assert_eq!(list.as_ref().map(|l| l.to_vec()), Some(vec![item]));
    }
}

#[test]
fn category_is_kept_unless_it_is_the_departments() {
    let same = medical::from_str(r#"{"category": ["内科"], "cure_department": ["内科"]}"#).unwrap();
    assert!(same.extra.is_empty());
    let input = "{\"cure_department\": [\"内科\"],\n \"category\": [\"疾病百科\", \"内科\"]}";
    let other = medical::from_str(input).unwrap();
    let kept: Vec<_> = other
        .extra
        .iter()
        .map(|e| (e.label.as_ref(), e.value.as_ref(), e.line))
        .collect();
    assert_eq!(kept, [("category", r#"["疾病百科", "内科"]"#, 2)]);
}

#[test]
fn recommand_drug_is_kept_unless_it_is_the_generic_names() {
    let derived = r#"{"recommand_drug": ["甲片", "乙片"], "drug_detail": ["a(甲片)", "b(乙片)", "c(甲片)", "d"]}"#;
    assert!(medical::from_str(derived).unwrap().extra.is_empty());
    let other =
        medical::from_str(r#"{"recommand_drug": ["丙片"], "drug_detail": ["a(甲片)"]}"#).unwrap();
    assert_eq!(other.extra[0].label, "recommand_drug");
    assert_eq!(other.extra[0].value, r#"["丙片"]"#);
}

#[test]
fn id_is_kept_in_extra_as_written_in_both_modes() {
    let input = r#"{"_id": {"$oid": "5bb578b6831b973a137e3ee6"}, "name": "甲"}"#;
    for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
        let parsed = options.medical_records(input).next().unwrap().unwrap();
        assert!(parsed.warnings.is_empty());
        let extra = &parsed.record.extra[0];
        assert_eq!(
            (extra.label.as_ref(), extra.value.as_ref(), extra.line),
            ("_id", r#"{"$oid": "5bb578b6831b973a137e3ee6"}"#, 1)
        );
    }
}

#[test]
fn unknown_keys_fail_strictly_and_are_kept_leniently() {
    let input = "{\"name\": \"甲\",\n  \"alias\": [1, {\"a\": null}]}";
    assert_eq!(
        error(input),
        (ErrorKind::UnknownLabel, 2, 4, Some("alias".into()))
    );
    let parsed = lenient(input);
    assert_eq!(parsed.record.name.as_deref(), Some("甲"));
    assert_eq!(parsed.record.extra[0].value, r#"[1, {"a": null}]"#);
    assert_eq!(parsed.warnings[0].to_string(), "2:4: unknown label 'alias'");
}

#[test]
fn duplicate_keys_keep_the_first() {
    let input = "{\"desc\": \"甲\",\n\"desc\": \"乙\"}";
    assert_eq!(
        error(input),
        (
            ErrorKind::DuplicateLabel { first_line: 1 },
            2,
            2,
            Some("desc".into())
        )
    );
    let parsed = lenient(input);
    assert_eq!(parsed.record.summary.as_deref(), Some("甲"));
    assert_eq!(parsed.record.extra[0].value, r#""乙""#);
}

#[test]
fn wrong_types_are_positioned_and_kept_leniently() {
    let input = r#"{"desc": ["甲"], "symptom": ["a", 2], "name": null}"#;
    let expected = |e| ErrorKind::WrongType { expected: e };
    assert_eq!(
        error(input),
        (expected("a string"), 1, 10, Some("desc".into()))
    );
    let parsed = lenient(input);
    let kinds: Vec<_> = parsed
        .warnings
        .iter()
        .map(|w| (w.kind.clone(), w.position.column))
        .collect();
    assert_eq!(
        kinds,
        [
            (expected("a string"), 10),
            (expected("a list of strings"), 34),
            (expected("a string"), 46)
        ]
    );
    let kept: Vec<_> = parsed
        .record
        .extra
        .iter()
        .map(|e| e.value.as_ref())
        .collect();
    assert_eq!(kept, [r#"["甲"]"#, r#"["a", 2]"#, "null"]);
    assert_eq!(parsed.record.symptoms, None);
}

#[test]
fn a_value_fault_points_into_its_string() {
    let input = "{\"name\": \"甲\",\n \"yibao_status\": \"\\t也许\"}";
    let (kind, line, column, _) = error(input);
    assert!(matches!(kind, ErrorKind::InvalidBool { found } if found == "\t也许"));
    assert_eq!((line, column), at(input, "\\t也许", 0));
    let parsed = lenient(input);
    assert_eq!(parsed.record.insurance, None);
    assert_eq!(parsed.record.extra[0].value, "\"\\t也许\"");
}

#[test]
fn escaped_strings_are_read_by_the_grammar_too() {
    let r = medical::from_str(
        r#"{"cured_prob": "\u7ea6\"30%\"", "desc": "a\nb", "symptom": ["\u54b3"]}"#,
    )
    .unwrap();
    assert_eq!(
        r.cure_rate.as_ref().map(|c| c.text.as_ref()),
        Some("约\"30%\"")
    );
    assert_eq!(r.summary.as_deref(), Some("a\nb"));
    assert_eq!(r.symptoms.as_ref().map(|l| l.to_vec()), Some(vec!["咳"]));
}

fn drug(brand: Option<&str>, generic: Option<&str>) -> Drug<'static> {
    let own = |s: Option<&str>| s.map(|s| Cow::Owned(s.to_owned()));
    Drug {
        brand: own(brand),
        product: None,
        generic: own(generic),
    }
}

fn drugs(details: &str) -> Vec<Drug<'static>> {
    let input = format!(r#"{{"drug_detail": {details}}}"#);
    medical::from_str(&input)
        .unwrap()
        .drugs
        .unwrap_or_default()
        .into_iter()
        .map(Drug::into_owned)
        .collect()
}

#[test]
fn drug_strings_nested_brackets() {
    assert_eq!(
        drugs(r#"["博美欣(阿莫西林克拉维酸钾(4:1)分散片)"]"#),
        [drug(Some("博美欣"), Some("阿莫西林克拉维酸钾(4:1)分散片"))]
    );
    // The project's `split('(')` would make this `冯了性`.
    assert_eq!(
        drugs(r#"["冯了性(佛山)药业保济丸(保济丸)"]"#),
        [drug(Some("冯了性(佛山)药业保济丸"), Some("保济丸"))]
    );
    assert_eq!(
        drugs(r#"["冯了性(佛山)药业保济丸"]"#),
        [drug(Some("冯了性(佛山)药业保济丸"), None)]
    );
}

#[test]
fn drug_strings_full_width_brackets() {
    assert_eq!(
        drugs(r#"["佐宁（盐酸乙哌立松片）", "甲（乙(丙)）"]"#),
        [
            drug(Some("佐宁"), Some("盐酸乙哌立松片")),
            drug(Some("甲"), Some("乙(丙)"))
        ]
    );
}

#[test]
fn drug_strings_empty() {
    assert_eq!(
        drugs(r#"["", "()", "(利鲁唑片)"]"#),
        [
            drug(None, None),
            drug(None, Some("")),
            drug(None, Some("利鲁唑片"))
        ]
    );
}

#[test]
fn drug_strings_unbalanced() {
    let input = "{\"drug_detail\": [\"甲(乙)\",\n  \"丙(丁\"]}";
    let kind = ErrorKind::InvalidDrugs(DrugFaultKind::UnbalancedBracket);
    assert_eq!(
        error(input),
        (kind.clone(), 2, 5, Some("drug_detail".into()))
    );
    let parsed = lenient(input);
    assert_eq!(parsed.warnings.len(), 1);
    assert_eq!(parsed.warnings[0].kind, kind);
    let read: Vec<_> = parsed
        .record
        .drugs
        .unwrap()
        .into_iter()
        .map(Drug::into_owned)
        .collect();
    assert_eq!(
        read,
        [drug(Some("甲"), Some("乙")), drug(Some("丙(丁"), None)]
    );
    // After an escape, the fault still points at the bracket.
    let escaped = r#"{"drug_detail": ["\u4e19)"]}"#;
    assert_eq!(error(escaped).2, at(escaped, ")", 0).1);
}

#[test]
fn bad_inputs_are_positioned_errors() {
    let json = |e| ErrorKind::InvalidJson { expected: e };
    // Truncated.
    assert_eq!(
        error(r#"{"desc": "甲"#),
        (json("the string's closing quote"), 1, 12, None)
    );
    assert_eq!(error(r#"{"desc": "甲""#), (json("',' or '}'"), 1, 13, None));
    assert_eq!(
        error("[{\"desc\": \"甲\"}"),
        (json("',' or ']'"), 1, 15, None)
    );
    // A number where a string belongs.
    assert_eq!(
        error(r#"{"cured_prob": 0.3}"#).0,
        ErrorKind::WrongType {
            expected: "a string"
        }
    );
    // Deep nesting, kept leniently until too deep.
    let deep = format!("{{\"x\": {}{}}}", "[".repeat(100), "]".repeat(100));
    let mut records = ParseOptions::new().lenient().medical_records(&deep);
    let err = records.next().unwrap().unwrap_err();
    assert_eq!(
        (err.kind(), err.column()),
        (&json("nesting at most 64 deep"), 7 + 64)
    );
    // Garbage between objects, and a second object for `from_str`.
    assert_eq!(error("{}\nx"), (json("'{' or '['"), 2, 1, None));
    assert_eq!(error("{} {}"), (ErrorKind::TrailingRecord, 1, 4, None));
    assert_eq!(error(" "), (json("an object"), 1, 2, None));
    assert_eq!(
        error(r#"{"desc": "a\x"}"#),
        (json("a JSON escape"), 1, 12, None)
    );
}

#[test]
fn big_strings_read_and_limits_hold() {
    let big = "甲".repeat(350_000);
    let input = format!(r#"{{"desc": "{big}"}}"#);
    assert_eq!(
        medical::from_str(&input).unwrap().summary.as_deref(),
        Some(big.as_str())
    );
    let unterminated = format!(r#"{{"desc": "{big}"#);
    assert_eq!(error(&unterminated).2, 11 + 350_000);
    let options = ParseOptions::new().with_max_record_size(64 << 10);
    let two = format!("{input}\n{{}}\n");
    let results: Vec<_> = options.medical_reader(two.as_bytes()).collect();
    let in_memory: Vec<_> = options.medical_records(&two).collect();
    assert_eq!(
        in_memory[0].as_ref().unwrap_err().to_string(),
        "1:1: record is larger than the limit of 65536 bytes"
    );
    assert!(in_memory[1].is_ok());
    assert_eq!(
        results[0].as_ref().unwrap_err().kind(),
        &ErrorKind::RecordTooLarge { limit: 64 << 10 }
    );
    assert!(results[1].is_ok());
}

#[test]
fn reader_positions_invalid_utf8_and_goes_on() {
    let mut input = b"{\"desc\": \"ok\"}\n{\"desc\": \"\xe7\x94\xb2".to_vec();
    input.extend_from_slice(b"\xff\"}\n{\"desc\": \"b\"}\n");
    let results: Vec<_> = medical::Reader::new(&input[..]).collect();
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(
        (err.kind(), err.line(), err.column()),
        (&ErrorKind::InvalidUtf8, 2, 12)
    );
    assert_eq!(
        results[2].as_ref().unwrap().record.summary.as_deref(),
        Some("b")
    );
    assert_eq!(results.len(), 3);
}

#[test]
fn records_go_on_after_a_fault_in_an_object() {
    let input = "{\"desc\": 1}\n{\"desc\": \"乙\"}\nx\n{\"desc\": \"丙\"}\n";
    let results = strict(input);
    let ok: Vec<_> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|p| p.record.summary.as_deref())
        .collect();
    assert_eq!(ok, [Some("乙"), Some("丙")]);
    assert_eq!(results.len(), 4);
    let streamed: Vec<_> = medical::Reader::new(input.as_bytes())
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    let in_memory: Vec<_> = results
        .into_iter()
        .map(|r| r.map_err(|e| e.to_string()))
        .collect();
    assert_eq!(streamed, in_memory);
}

#[test]
fn input_format_detection() {
    assert_eq!(
        InputFormat::detect(SEED_MEDICAL.as_bytes()),
        InputFormat::Medical
    );
    assert_eq!(InputFormat::detect(SEED.as_bytes()), InputFormat::Text);
    assert_eq!(
        InputFormat::detect("\u{feff} \n[".as_bytes()),
        InputFormat::Medical
    );
    assert_eq!(InputFormat::detect(b""), InputFormat::Text);
}

/// The graph's files from `medical.json` are those of the text form.
#[cfg(feature = "csv")]
#[test]
fn seed_graph_is_the_same_from_either_form() {
    use jibing::graph::{CsvSink, GraphBuilder};
    let files = |record: &Record<'_>| {
        let mut graph = GraphBuilder::new(CsvSink::in_memory().unwrap());
        graph.add(record).unwrap();
        let (sink, _) = graph.finish().unwrap();
        let mut files = sink.into_inner().unwrap();
        files.sort();
        files
    };
    let text = files(&jibing::parse(SEED).unwrap());
    assert_eq!(files(&medical::from_str(SEED_MEDICAL).unwrap()), text);
    assert!(text.len() > 10);
}

#[test]
fn positions_on_one_long_line_and_after_it() {
    let input = "[{\"desc\": 1}, {\"甲\": \"乙\"}, {\"desc\": [2]},\n {\"x\": 3}]";
    let errors: Vec<_> = strict(input)
        .into_iter()
        .map(|r| {
            let e = r.unwrap_err();
            (e.line(), e.column())
        })
        .collect();
    let expected = [
        at(input, "1}", 0),
        at(input, "甲", 0),
        at(input, "[2]", 0),
        at(input, "x\"", 0),
    ];
    assert_eq!(errors, expected);
}

#[test]
fn a_bom_is_skipped_a_byte_at_a_time_and_its_near_misses_are_faults() {
    for input in ["\u{feff}{}\n{}", "\u{fe00}{}\n{}", "\u{feff}\u{feff}{}"] {
        let view = |results: Vec<Result<Parsed<'_>, Error>>| {
            let view = |r: Result<Parsed<'_>, Error>| {
                r.map(|p| p.record.into_owned()).map_err(|e| e.to_string())
            };
            results.into_iter().map(view).collect::<Vec<_>>()
        };
        let in_memory = view(strict(input));
        for capacity in [1, 2, 3, 64] {
            let reader = medical::Reader::new(BufReader::with_capacity(capacity, input.as_bytes()));
            assert_eq!(
                view(reader.collect()),
                in_memory,
                "{input:?} in chunks of {capacity}"
            );
        }
    }
    assert_eq!(strict("\u{feff}{}").len(), 1);
    assert_eq!(
        error("\u{fe00}{}"),
        (
            ErrorKind::InvalidJson {
                expected: "'{' or '['"
            },
            1,
            1,
            None
        )
    );
}

#[test]
fn strings_without_escapes_borrow_the_input() {
    let input = r#"{"desc": "甲", "prevent": "a\"b", "symptom": ["咳"]}"#;
    let record = medical::from_str(input).unwrap();
    assert!(matches!(record.summary, Some(Cow::Borrowed(_))));
    assert!(matches!(record.prevention, Some(Cow::Owned(_))));
    let range = input.as_bytes().as_ptr_range();
    let item = record.symptoms.as_ref().unwrap().iter().next().unwrap();
    assert!(range.contains(&item.as_ptr()));
}
