//! The derived views on the seed record (outlines, treatment sections, drug
//! index, lint, medical.json export), on small hand-written records for the
//! cases the seed lacks, and `to_json --derived`.

use jibing::derived::{
    drug_index, lint, outline, to_medical, treatment_sections, Derived, FindingKind, MarkerFamily,
    OutlineItem, TreatmentKind,
};
use jibing::{Label, ParseOptions, Position, Record};

const SEED: &str = include_str!("../fixtures/000_c5ae55a5813883a5.txt");

fn seed() -> Record<'static> {
    jibing::parse(SEED).expect("the seed parses")
}

fn numbers(items: &[OutlineItem<'_>]) -> Vec<u32> {
    items.iter().map(|i| i.number).collect()
}

/// The seed's raw value of `label`, read straight from the fixture.
fn raw(label: &str) -> &'static str {
    SEED.lines()
        .find_map(|l| l.strip_prefix(label)?.strip_prefix(' '))
        .expect("label in seed")
        .trim_end()
}

#[test]
fn seed_prevention_outline_has_items_1_to_7() {
    let record = seed();
    let o = outline(record.prevention.as_deref().unwrap());
    assert_eq!(o.heading, "肌肉萎缩预防");
    assert_eq!(numbers(&o.items), [1, 2, 3, 4, 5, 6, 7]);
    assert!(o
        .items
        .iter()
        .all(|i| i.family == MarkerFamily::ArabicComma));
    assert_eq!(o.depth(), 1);
    // `胃肠炎5、` starts item 5 although no punctuation precedes it.
    assert_eq!(o.items[3].text, "严格预防感冒、胃肠炎");
    assert!(o.items[4].text.starts_with("物理疗法"));
    // `B1、B6、B12` does not split item 6.
    assert_eq!(o.items[5].text, "应用B族维生素，且B1、B6、B12联合应用。");
    assert_eq!(o.to_text(), raw("预防"));
}

#[test]
fn seed_examination_outline_nests_three_levels() {
    let record = seed();
    let o = outline(record.examination_details.as_deref().unwrap());
    assert_eq!(o.heading, "肌肉萎缩的检查");
    assert_eq!(o.depth(), 3);
    assert_eq!(numbers(&o.items), [1, 2, 3, 4]);
    assert!(o
        .items
        .iter()
        .all(|i| i.family == MarkerFamily::ChineseComma));
    assert_eq!(o.items[0].text, "肌电图(EMG)");
    // `(一)`…`(六)` all sit under `四、`; `⑴`…`⑸` under `(一)`.
    let fourth = &o.items[3];
    assert_eq!(numbers(&fourth.items), [1, 2, 3, 4, 5, 6]);
    assert!(fourth
        .items
        .iter()
        .all(|i| i.family == MarkerFamily::ChineseParen));
    let first = &fourth.items[0];
    assert_eq!(numbers(&first.items), [1, 2, 3, 4, 5]);
    assert_eq!(first.items[0].family, MarkerFamily::Parenthesized);
    assert_eq!(first.items[3].text, "神经的再生能力；");
    assert_eq!(o.count(), 4 + 6 + 5);
    assert_eq!(o.to_text(), raw("检查细节"));
}

#[test]
fn seed_other_outlines() {
    let record = seed();
    let derived = Derived::of(&record);
    let outlines = &derived.outlines;
    let symptoms = outlines.symptom_details.as_ref().unwrap();
    assert_eq!(numbers(&symptoms.items), [1, 2, 3, 4]);
    assert_eq!(symptoms.items[0].family, MarkerFamily::DigitFullStop);
    assert!(symptoms.heading.starts_with("肌肉萎缩症状常见症状"));
    let good = outlines.diet_good_details.as_ref().unwrap();
    assert_eq!((good.heading, numbers(&good.items)), ("", vec![1, 2, 3]));
    let bad = outlines.diet_bad_details.as_ref().unwrap();
    assert_eq!(numbers(&bad.items), [1, 2, 3, 4]);
    assert_eq!(bad.items[0].family, MarkerFamily::ArabicDot);
    assert_eq!(bad.items[3].text, "少吃油炸食品。");
    // The treatment text and the cause texts have no numbered items.
    assert!(outlines
        .treatment_details
        .as_ref()
        .unwrap()
        .items
        .is_empty());
    assert_eq!(outlines.causes.len(), 5);
    assert!(outlines.causes.iter().all(|c| c.items.is_empty()));
}

#[test]
fn seed_treatment_sections() {
    let record = seed();
    let text = record.treatment_details.as_deref().unwrap();
    let s = treatment_sections(text, record.name.as_deref());
    let kinds: Vec<_> = s.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [Some(TreatmentKind::Western), Some(TreatmentKind::Chinese)]
    );
    let western = s.get(TreatmentKind::Western).unwrap();
    assert_eq!(western.heading, "肌肉萎缩西医治疗");
    assert!(western.body.starts_with("目前认为"));
    assert!(western.parts.is_empty());
    let chinese = s.get(TreatmentKind::Chinese).unwrap();
    assert_eq!((chinese.heading, chinese.body), ("肌肉萎缩中医治疗", ""));
    let titles: Vec<_> = chinese.parts.iter().map(|p| p.title).collect();
    assert_eq!(titles, ["症状", "治法"]);
    assert_eq!(
        chinese.part("症状").unwrap().text,
        "肌肉萎缩、肌无力而长期卧床，易并发肺炎、褥疮等。"
    );
    assert!(chinese.part("治法").unwrap().text.starts_with("以扶正为主"));
    assert_eq!(s.to_text(), text);
    // Without the record's name, the name before the first heading is used.
    assert_eq!(treatment_sections(text, None), s);
}

#[test]
fn seed_drug_index() {
    let record = seed();
    let drugs = record.drugs.as_deref().unwrap();
    assert_eq!(drugs.len(), 23);
    let index = drug_index(drugs, record.common_drugs.as_ref());
    let groups: Vec<_> = index
        .groups
        .iter()
        .map(|g| (g.generic, g.entries.len()))
        .collect();
    assert_eq!(
        groups,
        [
            ("盐酸乙哌立松片", 4),
            ("利鲁唑片", 4),
            ("三磷酸腺苷二钠注射液", 15)
        ]
    );
    assert!(index.without_generic.is_empty());
    let truncated: Vec<_> = index.truncated().map(|e| e.product.unwrap()).collect();
    assert_eq!(truncated.len(), 13);
    assert_eq!(
        truncated.iter().filter(|p| **p == "三磷酸腺苷二").count(),
        2
    );
    // `容生`'s product is the whole generic name, not cut short.
    let whole = index.entries().find(|e| e.brand == Some("容生")).unwrap();
    assert!(!whole.truncated_product);
    let dups: Vec<_> = index
        .duplicates()
        .map(|e| (e.index, e.duplicate_of))
        .collect();
    assert_eq!(dups, [(7, Some(6))]);
    let check = index.common_drugs.as_ref().unwrap();
    assert_eq!(check.in_drugs, ["盐酸乙哌立松片", "利鲁唑片"]);
    assert!(check.not_in_drugs.is_empty());
    assert_eq!(check.generics_not_common, ["三磷酸腺苷二钠注射液"]);
}

fn pos(line: usize, column: usize) -> (usize, usize) {
    (line, column)
}

fn at(p: Position) -> (usize, usize) {
    (p.line, p.column)
}

#[test]
fn seed_lint() {
    let linted: Vec<_> = lint(SEED, ParseOptions::new())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(linted.len(), 1);
    let findings = linted[0].findings();
    assert_eq!(findings.len(), 2 + 1 + 13);
    let empty: Vec<_> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::EmptyField)
        .map(|f| (f.label, at(f.position)))
        .collect();
    assert_eq!(
        empty,
        [
            (Some(Label::Symptoms), pos(17, 1)),
            (Some(Label::Examinations), pos(19, 1))
        ]
    );
    let dup = findings
        .iter()
        .find(|f| matches!(f.kind, FindingKind::DuplicateDrug { .. }))
        .unwrap();
    assert_eq!(dup.kind, FindingKind::DuplicateDrug { index: 7, first: 6 });
    // The second `'妙纳'`: its first character is at column 162 of line 26.
    let line = SEED.lines().nth(25).unwrap();
    let second = line.match_indices("妙纳").nth(1).unwrap().0;
    assert_eq!(
        at(dup.position),
        pos(26, line[..second].chars().count() + 1)
    );
    assert_eq!(&SEED[dup.position.offset..][..6], "妙纳");
    let truncated: Vec<_> = findings
        .iter()
        .filter_map(|f| match f.kind {
            FindingKind::TruncatedProduct { product, .. } => Some((product, f.position)),
            _ => None,
        })
        .collect();
    assert_eq!(truncated.len(), 13);
    for (product, position) in truncated {
        assert!(SEED[position.offset..].starts_with(&format!("{product}'")));
    }
    assert_eq!(findings[2].to_string(), "drug tuple 8 repeats tuple 7");
}

#[test]
fn lint_reports_each_kind_where_it_is() {
    let input = "\u{feff}简介 甲\r\n病因 病因甲（60%）：x。乙（50%）：y。\r\n治愈率 不易治愈\r\n治疗费用 视情况\r\n药品 ['a\\'b', '(c)'] ['a\\'b', '(c)']\r\n\r\n简介 乙\r\n简介 丙\r\n医保疾病 也许\r\n";
    let linted: Vec<_> = lint(input, ParseOptions::new().lenient())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(linted.len(), 3);
    let first: Vec<_> = linted[0]
        .findings()
        .iter()
        .map(|f| (f.label, at(f.position), f.to_string()))
        .collect();
    assert_eq!(
        first,
        [
            (
                None,
                pos(1, 1),
                "the disease name cannot be inferred from the long fields".to_owned()
            ),
            (
                Some(Label::Causes),
                pos(2, 4),
                "cause percentages add up to 110%, over 100%".to_owned()
            ),
            (
                Some(Label::CureRate),
                pos(3, 5),
                "'治愈率' value '不易治愈' has no numbers".to_owned()
            ),
            (
                Some(Label::Cost),
                pos(4, 6),
                "'治疗费用' value '视情况' has no numbers".to_owned()
            ),
            // An unescaped (owned) string has no address in the input: the
            // finding falls back to the value's start.
            (
                Some(Label::Drugs),
                pos(5, 4),
                "drug tuple 2 repeats tuple 1".to_owned()
            ),
        ]
    );
    // Record boundaries as in parsing: a blank line, then a second 简介.
    assert_eq!(linted[1].fields.start.line, 7);
    assert_eq!(linted[2].fields.start.line, 8);
    // Lenient parse warnings stay with their record, positioned as usual.
    let warning = &linted[2].parsed.warnings[0];
    assert_eq!(at(warning.position), pos(9, 6));
    // Strict mode reports the fault as an error and goes on.
    let strict: Vec<_> = lint(input, ParseOptions::new()).collect();
    assert!(strict[0].is_ok() && strict[1].is_ok());
    assert_eq!(strict[2].as_ref().unwrap_err().line(), 9);
}

#[test]
fn lint_without_records() {
    assert_eq!(lint("", ParseOptions::new()).count(), 0);
    assert_eq!(lint(" \n\u{3000}\n", ParseOptions::new()).count(), 0);
}

#[test]
fn seed_medical_json() {
    let record = seed();
    let m = to_medical(&record);
    let value = serde_json::to_value(&m).unwrap();
    let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    let mut expected = [
        "name",
        "desc",
        "category",
        "prevent",
        "cause",
        "symptom",
        "yibao_status",
        "get_prob",
        "easy_get",
        "get_way",
        "acompany",
        "cure_department",
        "cure_way",
        "cure_lasttime",
        "cured_prob",
        "common_drug",
        "cost_money",
        "check",
        "do_eat",
        "not_eat",
        "recommand_eat",
        "recommand_drug",
        "drug_detail",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    expected.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(m.name, "肌肉萎缩");
    assert_eq!(m.cause, raw("病因"));
    assert_eq!(m.prevent, raw("预防"));
    assert_eq!(m.yibao_status, "否");
    assert_eq!(
        (m.get_prob, m.cure_lasttime, m.cured_prob),
        ("0.003%", "3-6个月", "30%")
    );
    assert_eq!(m.category, ["内科", "神经内科"]);
    assert_eq!(m.cure_department, m.category);
    assert_eq!(m.acompany, ["肌营养不良症", "重症肌无力样综合征"]);
    assert!(m.symptom.is_empty() && m.check.is_empty());
    assert_eq!(
        m.recommand_drug,
        ["盐酸乙哌立松片", "利鲁唑片", "三磷酸腺苷二钠注射液"]
    );
    assert_eq!(m.drug_detail.len(), 23);
    assert_eq!(m.drug_detail[0], "佐宁(盐酸乙哌立松片)");
    assert_eq!(m.drug_detail[1], "协一力利鲁唑片(利鲁唑片)");
    assert_eq!(
        m.drug_detail[22],
        "三磷酸腺苷二钠注射液(三磷酸腺苷二钠注射液)"
    );
}

#[test]
fn medical_json_of_an_empty_record_has_every_key() {
    let record = jibing::parse("").unwrap();
    let value = serde_json::to_value(to_medical(&record)).unwrap();
    assert_eq!(value.as_object().unwrap().len(), 23);
    assert_eq!(value["name"], "");
    assert_eq!(value["do_eat"], serde_json::json!([]));
}

#[test]
fn derived_json_leaves_the_record_keys_alone() {
    let record = seed();
    let derived = serde_json::to_value(Derived::of(&record)).unwrap();
    let keys: Vec<_> = derived.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["drug_index", "outlines", "treatment"]); // sorted by serde_json
    let prevention = &derived["outlines"]["prevention"];
    assert_eq!(prevention["items"][5]["marker"], "6、");
    assert_eq!(prevention["items"][5]["family"], "arabic_comma");
    assert_eq!(derived["treatment"]["sections"][1]["kind"], "chinese");
    assert_eq!(
        derived["drug_index"]["groups"][2]["entries"][0]["truncated_product"],
        true
    );
    // An absent field is null, as in the record's own JSON.
    let empty = jibing::parse("").unwrap();
    let derived = serde_json::to_value(Derived::of(&empty)).unwrap();
    assert_eq!(derived["outlines"]["prevention"], serde_json::Value::Null);
    assert_eq!(derived["drug_index"], serde_json::Value::Null);
}
