//! The disease name inferred from whole records (format reference: the
//! disease name): names that hold commas and enumeration commas, which the
//! name rule keeps and the causes item-name rule does not.

use jibing::Record;

/// Real names of the public disease list that hold `、` or `，`.
const NAMES: [&str; 3] = [
    "胃、十二指肠溃疡出血",
    "强酸、强碱中毒",
    "小儿人类疱疹病毒6，7，8型感染性疾病",
];

/// The five name-bearing fields, each opening with `name` and one of its
/// head words, as the seed's fields do.
fn fields(name: &str) -> [String; 5] {
    [
        format!("病因 {name}病因遗传（10%）：遗传的因素。感染（20%）：病毒感染。"),
        format!("预防 {name}预防1、保持乐观愉快的情绪。2、合理调配饮食结构。"),
        format!("症状细节 {name}症状常见症状为腹痛、呕吐，严重者休克。"),
        format!("检查细节 {name}的检查一、血常规二、胃镜检查"),
        format!("治疗 {name}西医治疗目前以对症治疗为主。"),
    ]
}

fn parse(lines: &[&str]) -> Record<'static> {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    jibing::parse(&text)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .into_owned()
}

#[test]
fn names_with_commas_are_inferred_from_all_five_fields() {
    for name in NAMES {
        let fields = fields(name);
        let lines: Vec<&str> = fields.iter().map(String::as_str).collect();
        let record = parse(&lines);
        assert_eq!(record.name.as_deref(), Some(name));
    }
}

#[test]
fn names_with_commas_are_inferred_from_any_two_fields() {
    for name in NAMES {
        let fields = fields(name);
        for (i, a) in fields.iter().enumerate() {
            for b in &fields[i + 1..] {
                let record = parse(&[a, b]);
                assert_eq!(record.name.as_deref(), Some(name), "{a} + {b}");
            }
        }
    }
}

#[test]
fn every_head_word_follows_a_name_with_commas() {
    let name = "强酸、强碱中毒";
    for (label, head) in [("检查细节", "检查"), ("治疗", "中医治疗"), ("治疗", "治疗")]
    {
        let first = format!("病因 {name}病因不明");
        let second = format!("{label} {name}{head}x");
        let record = parse(&[&first, &second]);
        assert_eq!(record.name.as_deref(), Some(name), "{second}");
    }
}

#[test]
fn the_causes_item_name_still_stops_at_commas() {
    let name = "胃、十二指肠溃疡出血";
    let record = parse(&[
        &format!("病因 {name}病因胃、十二指肠溃疡（60%）：溃疡侵蚀血管。"),
        &format!("预防 {name}预防规律饮食。"),
    ]);
    assert_eq!(record.name.as_deref(), Some(name));
    let causes = record.causes.as_ref().expect("病因 is present");
    assert_eq!(causes.intro, format!("{name}病因胃、"));
    assert_eq!(causes.items.len(), 1);
    assert_eq!(causes.items[0].name, "十二指肠溃疡");
}

#[test]
fn clause_stops_whitespace_and_dots_still_end_the_name() {
    for name in [
        "强酸；强碱中毒",
        "强酸。强碱中毒",
        "强酸：强碱中毒",
        "强酸!强碱中毒",
        "强酸 强碱中毒",
        "强酸\u{3000}强碱中毒",
        "强酸.强碱中毒",
    ] {
        let record = parse(&[
            &format!("病因 {name}病因不明"),
            &format!("预防 {name}预防为主"),
        ]);
        // Only the part after the stop could be a candidate, and it is not
        // directly at the start of the value.
        assert_eq!(record.name, None, "{name:?}");
    }
}

#[test]
fn a_name_with_commas_survives_json_and_the_canonical_writer() {
    for name in NAMES {
        let fields = fields(name);
        let lines: Vec<&str> = fields.iter().map(String::as_str).collect();
        let record = parse(&lines);
        let json = serde_json::to_value(&record).expect("serialisable");
        assert_eq!(json["name"], name);
        let text = record.to_string();
        let again = jibing::parse(&text).expect("canonical text parses");
        assert_eq!(again.name.as_deref(), Some(name));
        assert_eq!(again, record);
    }
}
