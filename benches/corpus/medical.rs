//! A mirror of the `medical.json` schema whose strings all borrow from the
//! JSON text unless they hold escapes: serde_json's fastest reading of the
//! file `medical/corpus` reads into typed records, the anchor of
//! `medical/serde_json_borrowed`.

use std::borrow::Cow;

use serde::Deserialize;

type Text<'a> = Cow<'a, str>;
type Items<'a> = Vec<Cow<'a, str>>;

#[derive(Deserialize)]
#[allow(dead_code)] // read only to be built
pub struct MedicalMirror<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    desc: Text<'a>,
    #[serde(borrow)]
    category: Items<'a>,
    #[serde(borrow)]
    prevent: Text<'a>,
    #[serde(borrow)]
    cause: Text<'a>,
    #[serde(borrow)]
    symptom: Items<'a>,
    #[serde(borrow)]
    yibao_status: Text<'a>,
    #[serde(borrow)]
    get_prob: Text<'a>,
    #[serde(borrow)]
    easy_get: Text<'a>,
    #[serde(borrow)]
    get_way: Text<'a>,
    #[serde(borrow)]
    acompany: Items<'a>,
    #[serde(borrow)]
    cure_department: Items<'a>,
    #[serde(borrow)]
    cure_way: Items<'a>,
    #[serde(borrow)]
    cure_lasttime: Text<'a>,
    #[serde(borrow)]
    cured_prob: Text<'a>,
    #[serde(borrow)]
    common_drug: Items<'a>,
    #[serde(borrow)]
    cost_money: Text<'a>,
    #[serde(borrow)]
    check: Items<'a>,
    #[serde(borrow)]
    do_eat: Items<'a>,
    #[serde(borrow)]
    not_eat: Items<'a>,
    #[serde(borrow)]
    recommand_eat: Items<'a>,
    #[serde(borrow)]
    recommand_drug: Items<'a>,
    #[serde(borrow)]
    drug_detail: Items<'a>,
}

/// The objects of `jsonl` that read.
pub fn count(jsonl: &str) -> usize {
    serde_json::Deserializer::from_str(jsonl)
        .into_iter::<MedicalMirror<'_>>()
        .filter(|r| r.is_ok())
        .count()
}

/// The `medical.json` form of `text`'s records, one object per line.
pub fn medical_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for parsed in jibing::records(text) {
        let record = parsed.expect("the generated corpus is valid").record;
        let medical = jibing::derived::to_medical(&record);
        out.push_str(&serde_json::to_string(&medical).expect("serialisable"));
        out.push('\n');
    }
    out
}

/// The records of `medical.json` text, read into typed records.
pub fn count_typed(jsonl: &str) -> usize {
    jibing::medical::records(jsonl)
        .filter(|r| r.is_ok())
        .count()
}
