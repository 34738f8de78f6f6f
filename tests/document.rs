//! The lossless document: byte-for-byte text, spans, and edits that touch
//! only their own line.

use jibing::{Document, EditError, ErrorKind, Label};

#[test]
fn reproduces_tricky_inputs_byte_for_byte() {
    let inputs = [
        "",
        "\u{feff}",
        "\u{feff}简介 a\r\n\r\n",
        "简介\t a  \n别名 x\n简介 a\n\n\n \u{3000}\n症状",
        "a\rb\r\n\r",
        "\n\n\n",
        "医保疾病 也许\n药品 ['x'\n",
    ];
    for input in inputs {
        let doc = Document::new(input);
        assert_eq!(doc.to_string(), input);
        assert_eq!(doc.as_str(), input);
    }
}

#[test]
fn fields_carry_spans_into_the_text() {
    let input = "\u{feff}简介  甲病 \r\n症状\n\n 别名\u{3000}乙\n";
    let doc = Document::new(input);
    let fields: Vec<_> = doc.fields().collect();
    assert_eq!(fields.len(), 3);
    let summary = &fields[0];
    assert_eq!(
        (summary.record, summary.line, summary.label, summary.value),
        (0, 1, "简介", "甲病")
    );
    assert_eq!(&input[summary.span.clone()], "简介  甲病 ");
    assert_eq!(&input[summary.label_span.clone()], "简介");
    assert_eq!(&input[summary.value_span.clone()], "甲病");
    assert_eq!(summary.known_label(), Some(Label::Summary));
    let symptoms = &fields[1];
    assert_eq!((symptoms.value, symptoms.value_span.clone()), ("", 26..26));
    assert_eq!(&input[symptoms.span.clone()], "症状");
    let unknown = &fields[2];
    assert_eq!(
        (unknown.record, unknown.line, unknown.known_label()),
        (1, 4, None)
    );
    assert_eq!(&input[unknown.value_span.clone()], "乙");
    assert_eq!(doc.record_count(), 2);
}

#[test]
fn set_replaces_only_the_value() {
    let mut doc = Document::new("简介 甲\r\n医保疾病\t否  \r\n症状\r\n");
    doc.set(0, Label::Insurance, "是").unwrap();
    doc.set(0, Label::Symptoms, "咳嗽 发热").unwrap();
    assert_eq!(
        doc.as_str(),
        "简介 甲\r\n医保疾病\t是  \r\n症状 咳嗽 发热\r\n"
    );
    doc.set(0, Label::Symptoms, "").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\r\n医保疾病\t是  \r\n症状 \r\n");
    assert_eq!(doc.get(0, Label::Symptoms), Some(""));
}

#[test]
fn new_fields_go_to_their_canonical_position() {
    let mut doc = Document::new("易感人群 老人\n药品 ['a']");
    doc.set(0, Label::Summary, "甲").unwrap();
    doc.set(0, Label::Recipes, "粥").unwrap();
    doc.set(0, Label::Departments, "内科").unwrap();
    doc.set(0, Label::Causes, "受凉（50%）：冬季。").unwrap();
    assert_eq!(
        doc.as_str(),
        "简介 甲\n易感人群 老人\n就诊科室 内科\n病因 受凉（50%）：冬季。\n推荐食谱 粥\n药品 ['a']"
    );
    let record = doc.records().next().unwrap().unwrap().record;
    assert_eq!(record.causes.unwrap().items[0].percent, 50.0);
}

#[test]
fn inserting_after_a_last_line_without_ending_keeps_its_bytes() {
    let mut doc = Document::new("简介 甲");
    doc.set(0, Label::Tips, "多喝水").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n温馨提示 多喝水");
    let mut doc = Document::new("简介 甲\r\n症状 a");
    doc.set(0, Label::Drugs, "['x']").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\r\n症状 a\r\n药品 ['x']");
}

#[test]
fn appending_a_record() {
    let mut doc = Document::new("");
    doc.set(0, Label::Summary, "甲").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n");
    doc.set(1, Label::Summary, "乙").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n\n简介 乙\n");
    let mut doc = Document::new("简介 甲\n ");
    doc.set(1, Label::Summary, "乙").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n \n简介 乙\n");
    let mut doc = Document::new("简介 甲");
    doc.set(1, Label::Summary, "乙").unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n\n简介 乙\n");
    assert_eq!(doc.record_count(), 2);
    assert_eq!(
        doc.set(3, Label::Summary, "丁"),
        Err(EditError::NoSuchRecord { index: 3, count: 2 })
    );
}

#[test]
fn remove_takes_the_line_and_its_ending() {
    let mut doc = Document::new("简介 甲\r\n症状 a\r\n检查 b\r\n");
    assert_eq!(doc.remove(0, Label::Symptoms), Ok(true));
    assert_eq!(doc.as_str(), "简介 甲\r\n检查 b\r\n");
    assert_eq!(doc.remove(0, Label::Symptoms), Ok(false));
}

#[test]
fn edits_that_would_merge_records_are_refused() {
    let input = "简介 甲\n症状 a\n简介 乙\n症状 b\n";
    let mut doc = Document::new(input);
    assert_eq!(doc.record_count(), 2);
    assert_eq!(doc.remove(0, Label::Summary), Err(EditError::Boundary));
    assert_eq!(doc.as_str(), input);
}

#[test]
fn values_are_checked_by_the_label_grammar() {
    let input = "简介 甲\n医保疾病 否\n";
    let mut doc = Document::new(input);
    let Err(EditError::Invalid(diagnostic)) = doc.set(0, Label::Drugs, "['a', 'b'] ['c' 'd']")
    else {
        panic!("a drug list with a missing comma must be refused");
    };
    assert_eq!(
        diagnostic.kind,
        ErrorKind::InvalidDrugs(jibing::DrugFaultKind::MissingComma)
    );
    // The new line would be line 3, `药品 ` then the value: the fault is at
    // the second string of the second tuple.
    assert_eq!(
        (diagnostic.position.line, diagnostic.position.column),
        (3, 20)
    );
    let Err(EditError::Invalid(diagnostic)) = doc.set(0, Label::Insurance, "也许") else {
        panic!("a bad bool must be refused");
    };
    assert_eq!(
        (diagnostic.position.line, diagnostic.position.column),
        (2, 6)
    );
    assert_eq!(doc.set(0, Label::Tips, "a\nb"), Err(EditError::LineBreak));
    assert_eq!(
        doc.set(0, Label::Tips, " a"),
        Err(EditError::EdgeWhitespace)
    );
    assert_eq!(doc.as_str(), input);
}

#[test]
fn the_seed_survives_an_edit_everywhere_else() {
    let seed = include_str!("fixtures/000_c5ae55a5813883a5.txt");
    let mut doc = Document::new(seed);
    doc.set(0, Label::Departments, "内科 神经内科 康复科")
        .unwrap();
    let edited = doc.as_str();
    let line = "就诊科室 内科 神经内科 ";
    let at = seed.find(line).unwrap();
    assert_eq!(&edited[..at], &seed[..at]);
    assert_eq!(
        &edited[at..at + "就诊科室 内科 神经内科 康复科 ".len()],
        "就诊科室 内科 神经内科 康复科 "
    );
    assert_eq!(
        &edited[at + "就诊科室 内科 神经内科 康复科 ".len()..],
        &seed[at + line.len()..]
    );
}
