//! The lossless document: byte-for-byte text, spans, and edits that touch
//! only their own line.

use std::borrow::Cow;

use jibing::{Document, Drug, EditError, ErrorKind, Label, ValueKind};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

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
    let seed = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
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

// ---------------------------------------------------------------------------
// Typed setters.

#[test]
fn set_list_writes_items_that_read_back() {
    let mut doc = Document::new("简介 甲\r\n");
    doc.set_list(0, Label::Symptoms, ["咳嗽", "发热（高）"])
        .unwrap();
    assert_eq!(doc.as_str(), "简介 甲\r\n症状 咳嗽 发热（高）\r\n");
    let items = vec![String::from("a"), String::from("b")];
    doc.set_list(0, Label::Symptoms, &items).unwrap();
    let record = doc.records().next().unwrap().unwrap().record;
    assert_eq!(record.symptoms.unwrap(), ["a", "b"]);
    // No items: a label-only line, an empty list.
    doc.set_list(0, Label::GoodFoods, Vec::<&str>::new())
        .unwrap();
    assert_eq!(doc.get(0, Label::GoodFoods), Some(""));
    let record = doc.records().next().unwrap().unwrap().record;
    assert_eq!(record.good_foods, Some(jibing::List::default()));
}

#[test]
fn set_list_refuses_items_that_would_not_read_back() {
    let input = "简介 甲\n症状 咳嗽\n";
    let mut doc = Document::new(input);
    for (items, index) in [
        (vec!["a", "b c"], 1),
        (vec!["a", "", "b"], 1),
        (vec!["\u{3000}x"], 0),
        (vec!["ok", "ok", "tab\there"], 2),
        (vec!["nbsp\u{a0}"], 0),
    ] {
        assert_eq!(
            doc.set_list(0, Label::Symptoms, &items),
            Err(EditError::ListItem { index }),
            "{items:?}"
        );
    }
    assert_eq!(
        doc.set_list(0, Label::Symptoms, ["a\nb"]),
        Err(EditError::LineBreak)
    );
    assert_eq!(
        doc.set_list(0, Label::Summary, ["a"]),
        Err(EditError::WrongKind {
            label: Label::Summary,
            kind: ValueKind::List
        })
    );
    assert_eq!(
        doc.set_list(3, Label::Symptoms, ["a"]),
        Err(EditError::NoSuchRecord { index: 3, count: 1 })
    );
    assert_eq!(doc.as_str(), input);
}

#[test]
fn set_bool_writes_shi_or_fou() {
    let mut doc = Document::new("简介 甲\n医保疾病 也许\n");
    doc.set_bool(0, Label::Insurance, false).unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n医保疾病 否\n");
    doc.set_bool(1, Label::Insurance, true).unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n医保疾病 否\n\n医保疾病 是\n");
    for label in Label::ALL {
        if label.kind() != ValueKind::Bool {
            assert_eq!(
                doc.set_bool(0, label, true),
                Err(EditError::WrongKind {
                    label,
                    kind: ValueKind::Bool
                })
            );
        }
    }
    let err = doc.set_bool(0, Label::Tips, true).unwrap_err();
    assert_eq!(err.to_string(), "温馨提示 holds Text values, not Bool");
}

fn drug(brand: Option<&str>, product: Option<&str>, generic: Option<&str>) -> Drug<'static> {
    let part = |s: Option<&str>| s.map(|s| Cow::Owned(s.to_owned()));
    Drug {
        brand: part(brand),
        product: part(product),
        generic: part(generic),
    }
}

#[test]
fn set_drugs_writes_python_literals_that_read_back() {
    let mut doc = Document::new("简介 甲\n药品 ['旧']\n");
    let drugs = [
        drug(Some("it's"), Some("a\"b"), Some("(c)")),
        drug(None, None, Some("")),
        drug(Some("\\\n\t\r\u{0}\u{3000}"), None, None),
    ];
    doc.set_drugs(0, &drugs).unwrap();
    assert_eq!(
        doc.get(0, Label::Drugs),
        Some(r#"["it's", 'a"b', '((c))'] ['()'] ['\\\n\t\r\x00\u3000']"#)
    );
    let record = doc.records().next().unwrap().unwrap().record;
    assert_eq!(record.drugs.as_deref(), Some(&drugs[..]));
    // No drugs: a label-only line.
    doc.set_drugs(0, &[]).unwrap();
    assert_eq!(doc.as_str(), "简介 甲\n药品 \n");
    let record = doc.records().next().unwrap().unwrap().record;
    assert_eq!(record.drugs, Some(vec![]));
}

#[test]
fn set_drugs_refuses_drugs_that_would_read_back_otherwise() {
    let input = "简介 甲\n";
    let mut doc = Document::new(input);
    let ok = drug(Some("a"), None, None);
    for (bad, why) in [
        (drug(None, None, None), "no part"),
        (
            drug(None, Some("p"), Some("g")),
            "a product without a brand",
        ),
        (drug(Some("(b)"), None, None), "read as a generic name"),
        (
            drug(Some("b"), Some("（p）"), None),
            "read as a generic name",
        ),
    ] {
        assert_eq!(
            doc.set_drugs(0, &[ok.clone(), bad]),
            Err(EditError::Drug { index: 1 }),
            "{why}"
        );
    }
    // Mismatched parentheses are not a generic name.
    doc.set_drugs(0, &[drug(Some("b"), Some("(p）"), None)])
        .unwrap();
    assert_eq!(doc.get(0, Label::Drugs), Some("['b', '(p）']"));
}

proptest! {
    /// Any drugs that can be told apart from their literal (a brand
    /// whenever there is a product, a last part not in parentheses without
    /// a generic name) come back from `records()` exactly, whatever their
    /// strings hold: quotes, backslashes, parentheses, control characters,
    /// line breaks, non-BMP characters.
    #[test]
    fn set_drugs_round_trips(drugs in prop::collection::vec(drug_strategy(), 0..6)) {
        let mut doc = Document::new("简介 某病\n\n简介 另一病\n");
        doc.set_drugs(1, &drugs).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let parsed = doc.records().nth(1).unwrap().map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed.record.drugs.as_deref(), Some(&drugs[..]));
        // The same through the formatter alone.
        let value = jibing::drugs::to_python(&drugs);
        prop_assert_eq!(jibing::drugs::parse_drugs(&value).ok(), Some(drugs.clone()));
    }
}

/// Strings of quotes, backslashes, parentheses (both widths), control
/// characters, whitespace of every kind, line breaks and other text.
fn part() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '\'',
        '"',
        '\\',
        '(',
        ')',
        '（',
        '）',
        '[',
        ']',
        ',',
        '\n',
        '\r',
        '\t',
        '\u{0}',
        '\u{1b}',
        '\u{7f}',
        '\u{85}',
        '\u{a0}',
        '\u{3000}',
        '\u{200b}',
        '\u{2028}',
        '\u{feff}',
        '\u{e000}',
        '\u{fffe}',
        '😀',
        '\u{f0000}',
        'x',
        ' ',
        '药',
        'u',
        'x',
    ]);
    prop_oneof![
        prop::collection::vec(tricky, 0..8).prop_map(|c| c.into_iter().collect()),
        any::<String>(),
    ]
}

fn drug_strategy() -> impl Strategy<Value = Drug<'static>> {
    (
        prop::option::of(part()),
        prop::option::of(part()),
        prop::option::of(part()),
    )
        .prop_filter_map("the literal must tell the roles apart", |(b, p, g)| {
            let (brand, product) = match (b, p) {
                (None, product) => (product, None),
                both => both,
            };
            let wrapped = |s: &str| {
                let pair = |o: char, c: char| s.len() > 1 && s.starts_with(o) && s.ends_with(c);
                pair('(', ')') || pair('（', '）')
            };
            if g.is_none() && product.as_deref().or(brand.as_deref()).is_none_or(wrapped) {
                return None;
            }
            Some(drug(brand.as_deref(), product.as_deref(), g.as_deref()))
        })
}

// ---------------------------------------------------------------------------
// Positions, records that vanish, glued records, owned documents.

#[test]
fn an_invalid_value_points_where_the_edited_document_would_fault() {
    let input = "\u{feff}简介 甲\r\n医保疾病 否\r\n\r\n简介 乙\r\n";
    let mut doc = Document::new(input);
    let cases: [(usize, Label, &str, &str); 5] = [
        // A new line after 医保疾病.
        (
            0,
            Label::Drugs,
            "['a', [1]",
            "\u{feff}简介 甲\r\n医保疾病 否\r\n药品 ['a', [1]\r\n\r\n简介 乙\r\n",
        ),
        // In the second record, after its 简介.
        (
            1,
            Label::Insurance,
            "也许",
            "\u{feff}简介 甲\r\n医保疾病 否\r\n\r\n简介 乙\r\n医保疾病 也许\r\n",
        ),
        // An empty boolean is read where the label ends.
        (
            1,
            Label::Insurance,
            "",
            "\u{feff}简介 甲\r\n医保疾病 否\r\n\r\n简介 乙\r\n医保疾病\r\n",
        ),
        (
            0,
            Label::Insurance,
            "",
            "\u{feff}简介 甲\r\n医保疾病 \r\n\r\n简介 乙\r\n",
        ),
        // A new record, after a blank line.
        (
            2,
            Label::Drugs,
            "['a' 'b']",
            "\u{feff}简介 甲\r\n医保疾病 否\r\n\r\n简介 乙\r\n\r\n药品 ['a' 'b']\r\n",
        ),
    ];
    for (record, label, value, edited) in cases {
        let Err(EditError::Invalid(d)) = doc.set(record, label, value) else {
            panic!("{value:?} must be refused");
        };
        // Where parsing the edited text faults.
        let err = jibing::records(edited)
            .find_map(Result::err)
            .expect("the edited text faults");
        assert_eq!(&d, err.diagnostic(), "{value:?} in {edited:?}");
        assert_eq!(doc.as_str(), input);
    }
}

#[test]
fn removing_the_last_line_of_a_record_removes_the_record() {
    let mut doc = Document::new("简介 甲\n\n症状 a\n\n简介 乙\n");
    assert_eq!(doc.remove(1, Label::Symptoms), Ok(true));
    assert_eq!(doc.as_str(), "简介 甲\n\n\n简介 乙\n");
    assert_eq!(doc.record_count(), 2);
    assert_eq!(doc.get(1, Label::Summary), Some("乙"));
    doc.set(1, Label::Tips, "t").unwrap();
    doc.set(2, Label::Tips, "u").unwrap();
    assert_eq!(
        doc.as_str(),
        "简介 甲\n\n\n简介 乙\n温馨提示 t\n\n温馨提示 u\n"
    );
    assert_eq!(doc.remove(0, Label::Summary), Ok(true));
    assert_eq!(doc.remove(0, Label::Summary), Ok(true));
    assert_eq!(doc.remove(0, Label::Tips), Ok(true));
    assert_eq!(doc.as_str(), "\n\n\n温馨提示 u\n");
    assert_eq!(doc.record_count(), 1);
    let fields: Vec<_> = doc.fields().map(|f| (f.record, f.line)).collect();
    assert_eq!(fields, [(0, 4)]);
}

#[test]
fn glued_records_stay_apart() {
    // Three records glued by their 简介 lines.
    let input = "简介 甲\n简介 乙\n简介 丙\n症状 c\n";
    let mut doc = Document::new(input);
    assert_eq!(doc.record_count(), 3);
    // Removing the middle record's only line: 丙 now follows 甲, still
    // apart (both have a 简介).
    assert_eq!(doc.remove(1, Label::Summary), Ok(true));
    assert_eq!(doc.as_str(), "简介 甲\n简介 丙\n症状 c\n");
    assert_eq!(doc.record_count(), 2);
    // A field of 甲 goes after its 简介, before 丙.
    doc.set(0, Label::Tips, "t").unwrap();
    let glued = "简介 甲\n温馨提示 t\n简介 丙\n症状 c\n";
    assert_eq!(doc.as_str(), glued);
    // 甲 without its 简介 would take in 丙's lines; 丙 without its 简介
    // would join 甲.
    assert_eq!(doc.remove(0, Label::Summary), Err(EditError::Boundary));
    assert_eq!(doc.remove(1, Label::Summary), Err(EditError::Boundary));
    assert_eq!(doc.as_str(), glued);
    // Removing 甲's lines one by one removes the record; 丙 stays one.
    assert_eq!(doc.remove(0, Label::Tips), Ok(true));
    assert_eq!(doc.remove(0, Label::Summary), Ok(true));
    assert_eq!(doc.as_str(), "简介 丙\n症状 c\n");
    assert_eq!(doc.record_count(), 1);
    doc.set(0, Label::Tips, "x").unwrap();
    assert_eq!(doc.as_str(), "简介 丙\n温馨提示 x\n症状 c\n");
    // A second 简介 cannot be inserted: setting 简介 sets the first.
    doc.set(0, Label::Summary, "丁").unwrap();
    assert_eq!(doc.as_str(), "简介 丁\n温馨提示 x\n症状 c\n");
}

#[test]
fn a_stray_bom_does_not_become_the_documents() {
    let input = "症状 a\n\u{feff}简介 b\n";
    let mut doc = Document::new(input);
    assert_eq!(doc.remove(0, Label::Symptoms), Err(EditError::OtherLines));
    assert_eq!(doc.as_str(), input);
    // With a BOM already, the second one stays in its line.
    let input = "\u{feff}症状 a\n\u{feff}简介 b\n";
    let mut doc = Document::new(input);
    assert_eq!(doc.remove(0, Label::Symptoms), Ok(true));
    assert_eq!(doc.as_str(), "\u{feff}\u{feff}简介 b\n");
}

#[test]
fn owned_documents() {
    let mut doc: Document<'static> = "简介 甲\n".parse().unwrap();
    doc.set(0, Label::Tips, "t").unwrap();
    assert_eq!(doc.to_string(), "简介 甲\n温馨提示 t\n");
    let from_string = Document::from(String::from("简介 甲\n温馨提示 t\n"));
    assert_eq!(doc, from_string);
    assert_eq!(Document::default(), Document::new(""));
    assert_eq!(Document::default().record_count(), 0);
    let copy = doc.clone();
    doc.set(0, Label::Tips, "u").unwrap();
    assert_ne!(copy, doc);
    assert_eq!(copy.into_string(), "简介 甲\n温馨提示 t\n");
    fn shared<T: Send + Sync>(_: &T) {}
    shared(&doc);
}

#[test]
fn many_edits_of_a_large_document_match_the_text_read_afresh() {
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(&format!("简介 病{i}\r\n症状 咳嗽\r\n医保疾病 否\r\n\r\n"));
    }
    let mut doc = Document::new(&input);
    let mut expected: Vec<String> = (0..300)
        .map(|i| format!("简介 病{i}\r\n症状 咳嗽\r\n医保疾病 否\r\n"))
        .collect();
    for i in (0..300).step_by(7) {
        doc.set_bool(i, Label::Insurance, true).unwrap();
        expected[i] = expected[i].replace("医保疾病 否", "医保疾病 是");
        doc.set(i + 1, Label::Tips, "多喝水").unwrap();
        expected[i + 1].push_str("温馨提示 多喝水\r\n");
        if i % 3 == 0 {
            doc.remove(i + 2, Label::Symptoms).unwrap();
            expected[i + 2] = expected[i + 2].replace("症状 咳嗽\r\n", "");
        }
    }
    let text: String = expected.iter().map(|r| format!("{r}\r\n")).collect();
    assert_eq!(doc.as_str(), text);
    let fresh = Document::new(&text);
    assert!(fresh.fields().eq(doc.fields()));
    assert_eq!(doc.record_count(), 300);
    assert_eq!(doc.get(299, Label::Summary), Some("病299"));
    assert_eq!(doc.get(300, Label::Summary), None);
}
