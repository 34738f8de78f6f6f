//! Whole-record checks against the format's rules (`jibing::format`): the
//! seed fixture and its expected JSON, the three entry points agreeing on
//! it, the JSON round trip, and a record built by hand from the contract's
//! rules (never shown to the crate's authors) whose whole JSON value is
//! derived by hand from those rules.

use jibing::{OwnedRecord, ParseOptions, Parsed, Record};
use serde_json::{json, Value};

const SEED: &str = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
const SEED_JSON: &str = include_str!("../fixtures/000_c5ae55a5813883a5.expected.jsonl");

fn expected_seed() -> Value {
    let line = SEED_JSON
        .lines()
        .find(|l| !l.trim().is_empty())
        .expect("the expected file holds one JSON line");
    serde_json::from_str(line).expect("expected JSON parses")
}

fn to_value(record: &Record<'_>) -> Value {
    serde_json::to_value(record).expect("a record serialises")
}

/// Every record of `input` through `records()`, all required to be Ok.
fn via_records(input: &str, options: ParseOptions) -> Vec<Parsed<'static>> {
    options
        .records(input)
        .map(|r| r.expect("record parses").into_owned())
        .collect()
}

/// Every record of `input` through the streaming reader, all required Ok.
fn via_reader(input: &str, options: ParseOptions) -> Vec<Parsed<'static>> {
    options
        .reader(input.as_bytes())
        .map(|r| r.expect("record reads").into_parsed())
        .collect()
}

#[test]
fn seed_strict_parse_gives_the_expected_json() {
    let record = jibing::parse(SEED).expect("the seed parses strictly");
    assert_eq!(to_value(&record), expected_seed());
}

#[test]
fn seed_is_the_same_through_parse_records_and_reader() {
    let strict = ParseOptions::new();
    let parsed = strict.parse(SEED).expect("parse").into_owned();
    assert!(parsed.warnings.is_empty());

    let from_records = via_records(SEED, strict);
    assert_eq!(from_records.len(), 1);
    let from_reader = via_reader(SEED, strict);
    assert_eq!(from_reader.len(), 1);

    assert_eq!(from_records[0], parsed);
    assert_eq!(from_reader[0], parsed);
    assert_eq!(to_value(&from_records[0].record), expected_seed());
    assert_eq!(to_value(&from_reader[0].record), expected_seed());
}

#[test]
fn seed_owned_record_serialises_as_the_expected_json() {
    let owned: Vec<OwnedRecord> = ParseOptions::new()
        .reader(SEED.as_bytes())
        .collect::<Result<_, _>>()
        .expect("the seed reads");
    assert_eq!(owned.len(), 1);
    let record = jibing::parse(SEED).expect("the seed parses strictly");
    let json = serde_json::to_string(&owned[0]).expect("serialise");
    assert_eq!(json, serde_json::to_string(&record).expect("serialise"));
    assert_eq!(
        serde_json::from_str::<Value>(&json).expect("JSON"),
        expected_seed()
    );
    assert_eq!(*owned[0].get(), record);
    assert_eq!(owned[0].clone().into_record(), record);
    assert!(SEED.starts_with(owned[0].text()), "{:?}", owned[0].text());
}

#[test]
fn seed_lenient_parse_is_the_same_and_has_no_warnings() {
    let parsed = jibing::parse_lenient(SEED).expect("lenient parse");
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(to_value(&parsed.record), expected_seed());
}

#[test]
fn seed_keys_are_in_canonical_order() {
    let record = jibing::parse(SEED).expect("parse");
    let text = serde_json::to_string(&record).expect("serialise");
    let keys = [
        "name",
        "summary",
        "insurance",
        "prevalence",
        "susceptible",
        "transmission",
        "complications",
        "departments",
        "treatments",
        "treatment_period",
        "cure_rate",
        "common_drugs",
        "cost",
        "tips",
        "causes",
        "prevention",
        "symptom_details",
        "symptoms",
        "examination_details",
        "examinations",
        "treatment_details",
        "diet_good_details",
        "diet_bad_details",
        "good_foods",
        "bad_foods",
        "recipes",
        "drugs",
        "extra",
    ];
    assert!(text.starts_with("{\"name\":"), "{}", &text[..40]);
    assert!(text.ends_with("\"extra\":[]}"));
    let positions: Vec<usize> = keys
        .iter()
        .map(|k| {
            text.find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("key {k} missing"))
        })
        .collect();
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(positions, sorted, "keys out of canonical order");
    // Exactly these 28 top-level keys.
    let value = to_value(&record);
    assert_eq!(value.as_object().map(|o| o.len()), Some(keys.len()));
}

#[test]
fn seed_json_round_trip() {
    let record = jibing::parse(SEED).expect("parse");
    let text = serde_json::to_string(&record).expect("serialise");
    let back: Record<'static> = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(back, record.clone().into_owned());
    // And the value serialises to the same JSON again.
    assert_eq!(to_value(&back), expected_seed());
}

// ---------------------------------------------------------------------------
// A record built by hand from the format's rules (`jibing::format`): a
// different disease, all 26 labels in a shuffled order, CRLF line endings,
// a BOM, NBSP / U+3000 / tab separators, label-only lines, an indented
// line, padded values.
// ---------------------------------------------------------------------------

const DRUGS_VALUE: &str = concat!(
    r#"['诺和锐', '门冬胰岛素注射液', '（门冬胰岛素）']"#,
    r#"["拜唐苹", '阿卡波糖片',]"#,
    "\u{3000}",
    r#"['(二甲双胍片)'] ['格华止', "盐酸二甲双胍片", '二甲双胍']"#,
    "\u{a0}",
    r#"['\u4e2d\x41\\\'\"\n\t\q\U0001F600\0']"#,
);

const CAUSES_VALUE: &str = concat!(
    "糖尿病病因遗传因素（30%）：有家族史者风险高。",
    "肥胖(40％):体重指数超标。病毒感染（5%）不是标签。环境 ",
    "污染（１０%）：见于2.5级以上。",
    "维生素B1.2缺乏（15%）：少见于成人.",
    "药物（5%）：偶见",
);

fn hand_built() -> String {
    let lines: Vec<String> = vec![
        "\u{feff}治疗周期\u{3000}约1个月-3个月左右".into(),
        format!("药品 {DRUGS_VALUE}  "),
        "症状".into(),
        "  温馨提示 控制饮食，适量运动。 ".into(),
        "医保疾病\u{a0}是 ".into(),
        format!("病因 {CAUSES_VALUE}"),
        "患病比例 大约0.5%～1%".into(),
        "易感人群 中老年人\u{3000}肥胖者".into(),
        "检查\u{3000} ".into(),
        "治愈率 ８０%以上".into(),
        "传染方式 无传染性\t".into(),
        "症状细节 糖尿病症状典型为三多一少：多饮、多食、多尿、体重减轻。".into(),
        "并发症 糖尿病足\u{a0}视网膜病变\u{3000} 肾病".into(),
        "推荐食谱 苦瓜炒蛋 山药粥".into(),
        "就诊科室\t内分泌科".into(),
        "治疗 糖尿病中医治疗以滋阴为主。西医治疗以降糖为主。".into(),
        "宜吃 苦瓜\u{3000}燕麦 荞麦（粗粮）".into(),
        "常用药品 二甲双胍 阿卡波糖".into(),
        "治疗方式 药物治疗 饮食治疗 运动疗法".into(),
        "预防 糖尿病预防：控制体重，合理膳食。".into(),
        "检查细节 糖尿病的检查：空腹血糖、糖耐量试验".into(),
        "忌吃细节 1.忌食甜食；2.忌饮酒。".into(),
        "治疗费用 门诊约0.5至1万元，住院另计3000元".into(),
        "简介 糖尿病是一组以高血糖为特征的代谢性疾病。  ".into(),
        "忌吃 白糖 蜂蜜".into(),
        "宜吃细节 1、宜食粗粮；2、宜食蔬菜。".into(),
        "\u{3000}".into(),
    ];
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

/// The JSON derived by hand from `jibing::format` (sections "Value kinds",
/// "The disease name" and "JSON") for [`hand_built`].
fn hand_built_expected() -> Value {
    json!({
        "name": "糖尿病",
        "summary": "糖尿病是一组以高血糖为特征的代谢性疾病。",
        "insurance": true,
        "prevalence": {"low": 0.5, "high": 1.0, "text": "大约0.5%～1%"},
        "susceptible": "中老年人\u{3000}肥胖者",
        "transmission": "无传染性",
        "complications": ["糖尿病足", "视网膜病变", "肾病"],
        "departments": ["内分泌科"],
        "treatments": ["药物治疗", "饮食治疗", "运动疗法"],
        "treatment_period": {"low": 1.0, "high": 3.0, "unit": "month", "text": "约1个月-3个月左右"},
        "cure_rate": {"low": 80.0, "high": null, "text": "８０%以上"},
        "common_drugs": ["二甲双胍", "阿卡波糖"],
        "cost": {"low": 5000.0, "high": 10000.0, "text": "门诊约0.5至1万元，住院另计3000元"},
        "tips": "控制饮食，适量运动。",
        "causes": {
            "intro": "糖尿病病因",
            "items": [
                {"name": "遗传因素", "percent": 30.0, "text": "有家族史者风险高。"},
                {"name": "肥胖", "percent": 40.0, "text": "体重指数超标。病毒感染（5%）不是标签。环境 "},
                {"name": "污染", "percent": 10.0, "text": "见于2.5级以上。"},
                {"name": "维生素B1.2缺乏", "percent": 15.0, "text": "少见于成人."},
                {"name": "药物", "percent": 5.0, "text": "偶见"}
            ]
        },
        "prevention": "糖尿病预防：控制体重，合理膳食。",
        "symptom_details": "糖尿病症状典型为三多一少：多饮、多食、多尿、体重减轻。",
        "symptoms": [],
        "examination_details": "糖尿病的检查：空腹血糖、糖耐量试验",
        "examinations": [],
        "treatment_details": "糖尿病中医治疗以滋阴为主。西医治疗以降糖为主。",
        "diet_good_details": "1、宜食粗粮；2、宜食蔬菜。",
        "diet_bad_details": "1.忌食甜食；2.忌饮酒。",
        "good_foods": ["苦瓜", "燕麦", "荞麦（粗粮）"],
        "bad_foods": ["白糖", "蜂蜜"],
        "recipes": ["苦瓜炒蛋", "山药粥"],
        "drugs": [
            {"brand": "诺和锐", "product": "门冬胰岛素注射液", "generic": "门冬胰岛素"},
            {"brand": "拜唐苹", "product": "阿卡波糖片", "generic": null},
            {"brand": null, "product": null, "generic": "二甲双胍片"},
            {"brand": "格华止", "product": "盐酸二甲双胍片", "generic": "二甲双胍"},
            {"brand": "中A\\'\"\n\t\\q\u{1F600}\0", "product": null, "generic": null}
        ],
        "extra": []
    })
}

#[test]
fn hand_built_record_gives_the_json_derived_from_the_contract() {
    let input = hand_built();
    let record = jibing::parse(&input).expect("the hand-built record parses strictly");
    assert_eq!(to_value(&record), hand_built_expected());
}

#[test]
fn hand_built_record_is_the_same_through_records_reader_and_lenient() {
    let input = hand_built();
    let expected = hand_built_expected();

    let from_records = via_records(&input, ParseOptions::new());
    assert_eq!(from_records.len(), 1);
    assert_eq!(to_value(&from_records[0].record), expected);

    let from_reader = via_reader(&input, ParseOptions::new());
    assert_eq!(from_reader.len(), 1);
    assert_eq!(to_value(&from_reader[0].record), expected);

    let lenient = jibing::parse_lenient(&input).expect("lenient");
    assert!(lenient.warnings.is_empty(), "{:?}", lenient.warnings);
    assert_eq!(to_value(&lenient.record), expected);
}

#[test]
fn hand_built_record_json_round_trip() {
    let input = hand_built();
    let record = jibing::parse(&input).expect("parse");
    let text = serde_json::to_string(&record).expect("serialise");
    let back: Record<'static> = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(back, record.into_owned());
}

#[test]
fn absent_and_empty_values_stay_distinguishable() {
    // Label-only lines: present with an empty value. Everything else absent.
    let input = "简介\n患病比例\n治疗周期 \n治疗费用\u{3000}\n病因\n药品\n宜吃\n";
    let record = jibing::parse(input).expect("parse");
    assert_eq!(
        to_value(&record),
        json!({
            "name": null,
            "summary": "",
            "insurance": null,
            "prevalence": {"low": null, "high": null, "text": ""},
            "susceptible": null,
            "transmission": null,
            "complications": null,
            "departments": null,
            "treatments": null,
            "treatment_period": {"low": null, "high": null, "unit": null, "text": ""},
            "cure_rate": null,
            "common_drugs": null,
            "cost": {"low": null, "high": null, "text": ""},
            "tips": null,
            "causes": {"intro": "", "items": []},
            "prevention": null,
            "symptom_details": null,
            "symptoms": null,
            "examination_details": null,
            "examinations": null,
            "treatment_details": null,
            "diet_good_details": null,
            "diet_bad_details": null,
            "good_foods": [],
            "bad_foods": null,
            "recipes": null,
            "drugs": [],
            "extra": []
        })
    );
}

#[test]
fn empty_input_is_an_empty_record() {
    let record = jibing::parse("").expect("empty input parses");
    assert_eq!(record, Record::default());
    let value = to_value(&record);
    let object = value.as_object().expect("object");
    assert_eq!(object.len(), 28);
    for (key, v) in object {
        if key == "extra" {
            assert_eq!(v, &json!([]));
        } else {
            assert_eq!(v, &Value::Null, "{key}");
        }
    }
}

#[test]
fn expected_json_deserialises_to_the_parsed_seed() {
    let line = SEED_JSON.lines().next().expect("one line");
    let from_json: Record<'static> = serde_json::from_str(line).expect("deserialise");
    let parsed = jibing::parse(SEED).expect("parse").into_owned();
    assert_eq!(from_json, parsed);
}

#[test]
fn lenient_extra_serialises_as_label_value_line() {
    let input = "简介 甲\r\n  别名\u{3000}肌萎缩  \r\n医保疾病 也许\r\n药品 ['a'\r\n";
    let parsed = jibing::parse_lenient(input).expect("lenient");
    assert_eq!(parsed.warnings.len(), 3);
    let mut expected = serde_json::to_value(Record::default()).expect("json");
    expected["summary"] = json!("甲");
    expected["drugs"] = json!([]);
    expected["extra"] = json!([
        {"label": "别名", "value": "肌萎缩", "line": 2},
        {"label": "医保疾病", "value": "也许", "line": 3},
        {"label": "药品", "value": "['a'", "line": 4}
    ]);
    assert_eq!(to_value(&parsed.record), expected);
    let text = serde_json::to_string(&parsed.record).expect("serialise");
    assert!(
        text.ends_with(
            r#""extra":[{"label":"别名","value":"肌萎缩","line":2},{"label":"医保疾病","value":"也许","line":3},{"label":"药品","value":"['a'","line":4}]}"#
        ),
        "{text}"
    );
    // Round trip with extra.
    let back: Record<'static> = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(back, parsed.record.into_owned());
}
