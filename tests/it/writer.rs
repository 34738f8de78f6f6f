//! The canonical writer: exact text for a small record, and parse(write(r))
//! == r for the seed.

use jibing::{parse, Record};

#[test]
fn canonical_text_of_a_small_record() {
    let input = "药品 [\"it's\", '(a\\\\b\\u3000)']\r\n症状\r\n\u{3000}简介\t某病  \r\n就诊科室 内科\u{a0}\u{a0}外科\r\n病因 某病病因受凉(10%):冬季。\r\n医保疾病 是\r\n";
    let record = parse(input).unwrap();
    assert_eq!(
        record.to_string(),
        "简介 某病\n医保疾病 是\n就诊科室 内科 外科\n病因 某病病因受凉(10%):冬季。\n症状\n药品 [\"it's\", '(a\\\\b\\u3000)']\n "
    );
    assert_eq!(parse(&record.to_string()).unwrap(), record);
}

#[test]
fn the_seed_round_trips_through_canonical_text() {
    let seed = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
    let record = parse(seed).unwrap();
    let canonical = record.to_string();
    let again = parse(&canonical).unwrap();
    assert_eq!(again, record);
    assert_eq!(again.to_string(), canonical);
    // Canonical text is the seed without its trailing padding, and with the
    // NBSP between the two complications written as a space.
    let expected: String = seed
        .replace('\u{a0}', " ")
        .lines()
        .map(|l| format!("{}\n", l.trim_end_matches(' ')))
        .collect();
    assert!(
        canonical == expected.trim_end_matches('\n').to_owned() + "\n ",
        "canonical seed differs"
    );
}

#[test]
fn an_empty_record_is_a_lone_space_line() {
    assert_eq!(Record::default().to_string(), " ");
    assert_eq!(parse(" ").unwrap(), Record::default());
}

#[test]
fn deserialised_causes_get_canonical_tags() {
    let json = r#"{"causes": {"intro": "X病因", "items": [{"name": "甲", "percent": 12.5, "text": "乙。"}, {"name": "", "percent": 30.0, "text": ""}]}}"#;
    let record: Record<'static> = serde_json::from_str(json).unwrap();
    assert_eq!(
        record.to_string(),
        "病因 X病因甲（12.5%）：乙。（30%）：\n "
    );
    assert_eq!(parse(&record.to_string()).unwrap().causes, record.causes);
}
