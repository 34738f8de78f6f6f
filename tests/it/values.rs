//! The value kinds of `jibing::format` (section "Value kinds", and the name
//! rule of section "The disease name"), table-driven through `parse()` on
//! one-line records, each compared with the whole JSON value the contract
//! gives.

use serde_json::{json, Value};

use crate::random::Rng;
use crate::support::chars::is_ws;

/// The JSON of field `key` after strictly parsing the one-line record
/// `LABEL VALUE\n`.
fn field(label: &str, value: &str, key: &str) -> Value {
    let input = format!("{label} {value}\n");
    let record = jibing::parse(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    let json = serde_json::to_value(&record).expect("serialise");
    json.get(key).cloned().expect("key present")
}

fn check(label: &str, key: &str, cases: &[(&str, Value)]) {
    let mut failures = Vec::new();
    for (value, expected) in cases {
        let got = field(label, value, key);
        if &got != expected {
            failures.push(format!("{label} {value:?}: expected {expected}, got {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn rate(low: Option<f64>, high: Option<f64>, text: &str) -> Value {
    json!({"low": low, "high": high, "text": text})
}

fn period(low: Option<f64>, high: Option<f64>, unit: Option<&str>, text: &str) -> Value {
    json!({"low": low, "high": high, "unit": unit, "text": text})
}

fn cost(low: Option<f64>, high: Option<f64>, text: &str) -> Value {
    json!({"low": low, "high": high, "text": text})
}

const SEPARATORS: [&str; 11] = [
    "-", "\u{2010}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{FF0D}", "~", "\u{FF5E}", "\u{301C}",
    "至", "到",
];

// ---- text and list ------------------------------------------------------------

#[test]
fn text_keeps_inner_whitespace_and_drops_trailing() {
    check(
        "简介",
        "summary",
        &[
            ("肌肉萎缩是指…", json!("肌肉萎缩是指…")),
            ("a  b\u{3000}c\u{a0}d\te", json!("a  b\u{3000}c\u{a0}d\te")),
            ("末尾 \u{3000}\u{a0}\t", json!("末尾")),
            ("'引号' \"x\" \\n", json!("'引号' \"x\" \\n")),
        ],
    );
    // Separator of several whitespace characters of every kind.
    let record = jibing::parse("简介 \u{3000}\u{a0}\t甲病\n").expect("parse");
    assert_eq!(record.summary.as_deref(), Some("甲病"));
}

#[test]
fn list_splits_on_whitespace_runs() {
    check(
        "并发症",
        "complications",
        &[
            (
                "肌营养不良症\u{a0}重症肌无力样综合征",
                json!(["肌营养不良症", "重症肌无力样综合征"]),
            ),
            ("内科 神经内科", json!(["内科", "神经内科"])),
            (
                "鸡心 莲子 花生仁（生） 青豆",
                json!(["鸡心", "莲子", "花生仁（生）", "青豆"]),
            ),
            ("a \t\u{a0}\u{3000} b", json!(["a", "b"])),
            ("a,b、c；d", json!(["a,b、c；d"])),
            ("单项", json!(["单项"])),
            ("a\u{2003}b", json!(["a\u{2003}b"])),
        ],
    );
    // Label only: present and empty.
    let record = jibing::parse("症状\n检查 \u{3000}\n").expect("parse");
    assert_eq!(record.symptoms, Some(jibing::List::default()));
    assert!(record
        .examinations
        .as_ref()
        .is_some_and(jibing::List::is_empty));
    assert_eq!(
        record
            .examinations
            .as_ref()
            .and_then(jibing::List::as_written),
        Some("")
    );
}

// ---- bool -----------------------------------------------------------------------

#[test]
fn bool_values() {
    check(
        "医保疾病",
        "insurance",
        &[
            ("是", json!(true)),
            ("否", json!(false)),
            ("是\u{3000}", json!(true)),
        ],
    );
}

// ---- rate -----------------------------------------------------------------------

#[test]
fn rate_format_examples() {
    check(
        "患病比例",
        "prevalence",
        &[
            ("0.003%", rate(Some(0.003), Some(0.003), "0.003%")),
            ("30%", rate(Some(30.0), Some(30.0), "30%")),
            ("5-10%", rate(Some(5.0), Some(10.0), "5-10%")),
            ("0.5%--1%", rate(Some(0.5), Some(1.0), "0.5%--1%")),
            ("不易治愈", rate(None, None, "不易治愈")),
        ],
    );
}

#[test]
fn rate_every_range_separator() {
    let cases: Vec<(String, Value)> = SEPARATORS
        .iter()
        .map(|sep| {
            let text = format!("5{sep}10%");
            let v = rate(Some(5.0), Some(10.0), &text);
            (text, v)
        })
        .collect();
    let cases: Vec<(&str, Value)> = cases.iter().map(|(t, v)| (t.as_str(), v.clone())).collect();
    check("治愈率", "cure_rate", &cases);
    // Runs of separator characters.
    check(
        "治愈率",
        "cure_rate",
        &[
            ("5――10%", rate(Some(5.0), Some(10.0), "5――10%")),
            ("5~～10%", rate(Some(5.0), Some(10.0), "5~～10%")),
        ],
    );
}

#[test]
fn rate_percent_placement() {
    check(
        "治愈率",
        "cure_rate",
        &[
            ("5%-10%", rate(Some(5.0), Some(10.0), "5%-10%")),
            ("5%-10", rate(Some(5.0), Some(10.0), "5%-10")),
            ("5-10", rate(None, None, "5-10")),
            ("5", rate(None, None, "5")),
            ("%5", rate(None, None, "%5")),
            ("5%的患者", rate(None, None, "5%的患者")),
            ("约为5%", rate(None, None, "约为5%")),
            ("5-10-15%", rate(None, None, "5-10-15%")),
            ("5%-", rate(None, None, "5%-")),
        ],
    );
}

#[test]
fn rate_numbers_fullwidth_and_decimal() {
    check(
        "治愈率",
        "cure_rate",
        &[
            ("９０%", rate(Some(90.0), Some(90.0), "９０%")),
            ("１２.５%", rate(Some(12.5), Some(12.5), "１２.５%")),
            ("５-１０%", rate(Some(5.0), Some(10.0), "５-１０%")),
            ("0.25%", rate(Some(0.25), Some(0.25), "0.25%")),
            ("100%", rate(Some(100.0), Some(100.0), "100%")),
        ],
    );
}

#[test]
fn rate_approx_and_qualifiers() {
    check(
        "治愈率",
        "cure_rate",
        &[
            ("约5%", rate(Some(5.0), Some(5.0), "约5%")),
            ("大约5%", rate(Some(5.0), Some(5.0), "大约5%")),
            ("大约5-8%", rate(Some(5.0), Some(8.0), "大约5-8%")),
            ("90%以上", rate(Some(90.0), None, "90%以上")),
            ("1%以下", rate(None, Some(1.0), "1%以下")),
            ("1%以内", rate(None, Some(1.0), "1%以内")),
            ("50%左右", rate(Some(50.0), Some(50.0), "50%左右")),
            ("约50%左右", rate(Some(50.0), Some(50.0), "约50%左右")),
            ("80-90%以上", rate(Some(80.0), None, "80-90%以上")),
            ("1-2%以下", rate(None, Some(2.0), "1-2%以下")),
            ("1-2%左右", rate(Some(1.0), Some(2.0), "1-2%左右")),
            ("约约5%", rate(None, None, "约约5%")),
            ("5%以上左右", rate(None, None, "5%以上左右")),
            ("以上5%", rate(None, None, "以上5%")),
        ],
    );
}

#[test]
fn rate_empty_value() {
    let record = jibing::parse("治愈率\n").expect("parse");
    assert_eq!(
        serde_json::to_value(&record).expect("json")["cure_rate"],
        rate(None, None, "")
    );
}

// ---- period -----------------------------------------------------------------

#[test]
fn period_format_examples() {
    check(
        "治疗周期",
        "treatment_period",
        &[
            (
                "3-6个月",
                period(Some(3.0), Some(6.0), Some("month"), "3-6个月"),
            ),
            (
                "3个月-6个月",
                period(Some(3.0), Some(6.0), Some("month"), "3个月-6个月"),
            ),
            ("长期", period(None, None, None, "长期")),
            ("根据病情而定", period(None, None, None, "根据病情而定")),
            ("3-6", period(None, None, None, "3-6")),
        ],
    );
}

#[test]
fn period_each_unit_word() {
    check(
        "治疗周期",
        "treatment_period",
        &[
            ("7天", period(Some(7.0), Some(7.0), Some("day"), "7天")),
            ("7日", period(Some(7.0), Some(7.0), Some("day"), "7日")),
            ("2周", period(Some(2.0), Some(2.0), Some("week"), "2周")),
            ("2星期", period(Some(2.0), Some(2.0), Some("week"), "2星期")),
            (
                "3个月",
                period(Some(3.0), Some(3.0), Some("month"), "3个月"),
            ),
            ("3月", period(Some(3.0), Some(3.0), Some("month"), "3月")),
            ("1年", period(Some(1.0), Some(1.0), Some("year"), "1年")),
            (
                "24小时",
                period(Some(24.0), Some(24.0), Some("hour"), "24小时"),
            ),
            (
                "1-2星期",
                period(Some(1.0), Some(2.0), Some("week"), "1-2星期"),
            ),
            (
                "7-10日",
                period(Some(7.0), Some(10.0), Some("day"), "7-10日"),
            ),
            (
                "3-6月",
                period(Some(3.0), Some(6.0), Some("month"), "3-6月"),
            ),
            ("1-3年", period(Some(1.0), Some(3.0), Some("year"), "1-3年")),
            (
                "2-4小时",
                period(Some(2.0), Some(4.0), Some("hour"), "2-4小时"),
            ),
        ],
    );
}

#[test]
fn period_units_on_both_numbers() {
    check(
        "治疗周期",
        "treatment_period",
        &[
            (
                "1年-2年",
                period(Some(1.0), Some(2.0), Some("year"), "1年-2年"),
            ),
            (
                "1周至2周",
                period(Some(1.0), Some(2.0), Some("week"), "1周至2周"),
            ),
            (
                "3天到5天",
                period(Some(3.0), Some(5.0), Some("day"), "3天到5天"),
            ),
            (
                "2小时-4小时",
                period(Some(2.0), Some(4.0), Some("hour"), "2小时-4小时"),
            ),
            // Units must agree.
            ("1周-3个月", period(None, None, None, "1周-3个月")),
            ("1年-6个月", period(None, None, None, "1年-6个月")),
            // The unit after the last number is not optional.
            ("3个月-6", period(None, None, None, "3个月-6")),
            ("3", period(None, None, None, "3")),
        ],
    );
}

#[test]
fn period_every_range_separator() {
    let cases: Vec<(String, Value)> = SEPARATORS
        .iter()
        .map(|sep| {
            let text = format!("1{sep}2周");
            let v = period(Some(1.0), Some(2.0), Some("week"), &text);
            (text, v)
        })
        .collect();
    let cases: Vec<(&str, Value)> = cases.iter().map(|(t, v)| (t.as_str(), v.clone())).collect();
    check("治疗周期", "treatment_period", &cases);
}

#[test]
fn period_approx_qualifiers_fullwidth_decimal() {
    check(
        "治疗周期",
        "treatment_period",
        &[
            ("约2周", period(Some(2.0), Some(2.0), Some("week"), "约2周")),
            (
                "大约3-6个月",
                period(Some(3.0), Some(6.0), Some("month"), "大约3-6个月"),
            ),
            (
                "2周左右",
                period(Some(2.0), Some(2.0), Some("week"), "2周左右"),
            ),
            (
                "1-2年左右",
                period(Some(1.0), Some(2.0), Some("year"), "1-2年左右"),
            ),
            (
                "1个月以上",
                period(Some(1.0), None, Some("month"), "1个月以上"),
            ),
            (
                "大约3-6个月以上",
                period(Some(3.0), None, Some("month"), "大约3-6个月以上"),
            ),
            (
                "３-６个月",
                period(Some(3.0), Some(6.0), Some("month"), "３-６个月"),
            ),
            (
                "0.5-1.5小时",
                period(Some(0.5), Some(1.5), Some("hour"), "0.5-1.5小时"),
            ),
            // Only 左右 and 以上 may follow.
            ("2周以内", period(None, None, None, "2周以内")),
            ("2周以下", period(None, None, None, "2周以下")),
            ("3个月治疗", period(None, None, None, "3个月治疗")),
            ("个月", period(None, None, None, "个月")),
        ],
    );
}

// ---- cost -----------------------------------------------------------------------

#[test]
fn cost_format_examples() {
    check(
        "治疗费用",
        "cost",
        &[
            (
                "根据不同医院，收费标准不一致，市三甲医院约（10000――50000元）",
                cost(
                    Some(10000.0),
                    Some(50000.0),
                    "根据不同医院，收费标准不一致，市三甲医院约（10000――50000元）",
                ),
            ),
            ("500元", cost(Some(500.0), Some(500.0), "500元")),
            (
                "约3000-5000元左右",
                cost(Some(3000.0), Some(5000.0), "约3000-5000元左右"),
            ),
            ("根据病情而定", cost(None, None, "根据病情而定")),
            ("1000", cost(None, None, "1000")),
            ("", cost(None, None, "")),
        ],
    );
}

#[test]
fn cost_wan_multiplies_by_ten_thousand() {
    check(
        "治疗费用",
        "cost",
        &[
            ("1万元", cost(Some(10000.0), Some(10000.0), "1万元")),
            ("1.5万元", cost(Some(15000.0), Some(15000.0), "1.5万元")),
            ("1-2万元", cost(Some(10000.0), Some(20000.0), "1-2万元")),
            (
                "约0.5至1万元",
                cost(Some(5000.0), Some(10000.0), "约0.5至1万元"),
            ),
            // The crate's documented decision (`jibing::format`, section
            // "Costs"): 万 may be repeated on the first number.
            ("1万-2万元", cost(Some(10000.0), Some(20000.0), "1万-2万元")),
            ("5万", cost(None, None, "5万")),
        ],
    );
}

#[test]
fn cost_first_match_anywhere() {
    check(
        "治疗费用",
        "cost",
        &[
            (
                "门诊100元，住院1-2万元",
                cost(Some(100.0), Some(100.0), "门诊100元，住院1-2万元"),
            ),
            ("第2次10元", cost(Some(10.0), Some(10.0), "第2次10元")),
            (
                "2020年花费300至500元",
                cost(Some(300.0), Some(500.0), "2020年花费300至500元"),
            ),
            ("１０００元", cost(Some(1000.0), Some(1000.0), "１０００元")),
            (
                "１０００-２０００元",
                cost(Some(1000.0), Some(2000.0), "１０００-２０００元"),
            ),
            ("12.5元", cost(Some(12.5), Some(12.5), "12.5元")),
            ("100 元", cost(None, None, "100 元")),
        ],
    );
}

#[test]
fn cost_every_range_separator() {
    let cases: Vec<(String, Value)> = SEPARATORS
        .iter()
        .map(|sep| {
            let text = format!("费用100{sep}200元");
            let v = cost(Some(100.0), Some(200.0), &text);
            (text, v)
        })
        .collect();
    let cases: Vec<(&str, Value)> = cases.iter().map(|(t, v)| (t.as_str(), v.clone())).collect();
    check("治疗费用", "cost", &cases);
}

// ---- causes -------------------------------------------------------------------

fn causes(intro: &str, items: &[(&str, f64, &str)]) -> Value {
    json!({
        "intro": intro,
        "items": items
            .iter()
            .map(|(n, p, t)| json!({"name": n, "percent": p, "text": t}))
            .collect::<Vec<_>>(),
    })
}

#[test]
fn causes_seed_like_value() {
    check(
        "病因",
        "causes",
        &[(
            "肌肉萎缩病因遗传（10%）：有5%-10%的患者。长期不运动（25%）：废用。疾病因素（20%）：肌源性。",
            causes(
                "肌肉萎缩病因",
                &[
                    ("遗传", 10.0, "有5%-10%的患者。"),
                    ("长期不运动", 25.0, "废用。"),
                    ("疾病因素", 20.0, "肌源性。"),
                ],
            ),
        )],
    );
}

#[test]
fn causes_tag_forms() {
    check(
        "病因",
        "causes",
        &[
            // ASCII brackets, full-width percent, ASCII colon.
            (
                "甲病病因吸烟(30％):多见。",
                causes("甲病病因", &[("吸烟", 30.0, "多见。")]),
            ),
            (
                "甲病病因吸烟(30%)：多见。",
                causes("甲病病因", &[("吸烟", 30.0, "多见。")]),
            ),
            (
                "甲病病因吸烟（30％）:多见。",
                causes("甲病病因", &[("吸烟", 30.0, "多见。")]),
            ),
            // Full-width digits and a decimal part.
            (
                "甲病病因吸烟（３０%）：多见。",
                causes("甲病病因", &[("吸烟", 30.0, "多见。")]),
            ),
            (
                "甲病病因吸烟（2.5%）：少见。",
                causes("甲病病因", &[("吸烟", 2.5, "少见。")]),
            ),
        ],
    );
}

#[test]
fn causes_tag_without_colon_is_ordinary_text() {
    check(
        "病因",
        "causes",
        &[
            (
                "甲病病因吸烟（30%）是主因",
                causes("甲病病因吸烟（30%）是主因", &[]),
            ),
            (
                "甲病病因吸烟（30%） ：多见",
                causes("甲病病因吸烟（30%） ：多见", &[]),
            ),
            (
                "甲病病因吸烟（30 %）：多见",
                causes("甲病病因吸烟（30 %）：多见", &[]),
            ),
            (
                "甲病病因吸烟（ 30%）：多见",
                causes("甲病病因吸烟（ 30%）：多见", &[]),
            ),
            (
                "甲病病因吸烟（30）：多见",
                causes("甲病病因吸烟（30）：多见", &[]),
            ),
            (
                "甲病病因吸烟（30%）多见。饮酒（10%）：少见",
                causes("甲病病因吸烟（30%）多见。", &[("饮酒", 10.0, "少见")]),
            ),
        ],
    );
}

#[test]
fn causes_no_tag_and_empty() {
    check(
        "病因",
        "causes",
        &[
            ("病因不明", causes("病因不明", &[])),
            ("尚不清楚。", causes("尚不清楚。", &[])),
        ],
    );
    let record = jibing::parse("病因\n").expect("parse");
    assert_eq!(
        serde_json::to_value(&record).expect("json")["causes"],
        causes("", &[])
    );
}

#[test]
fn causes_name_rules() {
    check(
        "病因",
        "causes",
        &[
            // No 病因 before the first tag: intro is everything before the name.
            (
                "常见原因：吸烟（30%）：多见",
                causes("常见原因：", &[("吸烟", 30.0, "多见")]),
            ),
            // Whitespace ends a name.
            (
                "概述 吸烟（30%）：多见",
                causes("概述 ", &[("吸烟", 30.0, "多见")]),
            ),
            // The name may be empty.
            (
                "病因：（10%）：未知",
                causes("病因：", &[("", 10.0, "未知")]),
            ),
            ("（10%）：未知", causes("", &[("", 10.0, "未知")])),
            // Every stop character ends a name.
            ("a。b（1%）：x", causes("a。", &[("b", 1.0, "x")])),
            ("a！b（1%）：x", causes("a！", &[("b", 1.0, "x")])),
            ("a？b（1%）：x", causes("a？", &[("b", 1.0, "x")])),
            ("a；b（1%）：x", causes("a；", &[("b", 1.0, "x")])),
            ("a!b（1%）：x", causes("a!", &[("b", 1.0, "x")])),
            ("a?b（1%）：x", causes("a?", &[("b", 1.0, "x")])),
            ("a;b（1%）：x", causes("a;", &[("b", 1.0, "x")])),
            ("a，b（1%）：x", causes("a，", &[("b", 1.0, "x")])),
            ("a,b（1%）：x", causes("a,", &[("b", 1.0, "x")])),
            ("a、b（1%）：x", causes("a、", &[("b", 1.0, "x")])),
            ("a：b（1%）：x", causes("a：", &[("b", 1.0, "x")])),
            ("a:b（1%）：x", causes("a:", &[("b", 1.0, "x")])),
            (
                "a\u{3000}b（1%）：x",
                causes("a\u{3000}", &[("b", 1.0, "x")]),
            ),
            ("a\u{a0}b（1%）：x", causes("a\u{a0}", &[("b", 1.0, "x")])),
            // Other punctuation does not.
            ("a（b）c（1%）：x", causes("", &[("a（b）c", 1.0, "x")])),
            // ASCII `.` between two digits is kept; otherwise it stops.
            (
                "维生素B1.2缺乏（15%）：少见",
                causes("", &[("维生素B1.2缺乏", 15.0, "少见")]),
            ),
            (
                "维生素B.缺乏（15%）：少见",
                causes("维生素B.", &[("缺乏", 15.0, "少见")]),
            ),
            (
                "PM2.5污染（15%）：见",
                causes("", &[("PM2.5污染", 15.0, "见")]),
            ),
            ("x.5污染（15%）：见", causes("x.", &[("5污染", 15.0, "见")])),
            ("5.污染（15%）：见", causes("5.", &[("污染", 15.0, "见")])),
        ],
    );
}

#[test]
fn causes_heading_rule_uses_the_last_bingyin_before_the_first_tag() {
    check(
        "病因",
        "causes",
        &[
            // The name is searched only after the last 病因.
            (
                "甲病病因遗传（10%）：x",
                causes("甲病病因", &[("遗传", 10.0, "x")]),
            ),
            (
                "甲病病因，乙病病因遗传（10%）：x",
                causes("甲病病因，乙病病因", &[("遗传", 10.0, "x")]),
            ),
            // Literally: 疾病因素 holds 病因, so the first name is 素.
            ("疾病因素（20%）：x", causes("疾病因", &[("素", 20.0, "x")])),
            // Only for the first tag.
            (
                "甲病病因遗传（10%）：x。疾病因素（20%）：y",
                causes(
                    "甲病病因",
                    &[("遗传", 10.0, "x。"), ("疾病因素", 20.0, "y")],
                ),
            ),
            // 病因 right before the tag: empty name.
            ("甲病病因（10%）：x", causes("甲病病因", &[("", 10.0, "x")])),
        ],
    );
}

#[test]
fn causes_items_texts_run_to_the_next_name() {
    check(
        "病因",
        "causes",
        &[(
            "甲病病因A（10%）：一 二。B（20%）：（5%）三 C（30%）：",
            causes(
                "甲病病因",
                &[
                    ("A", 10.0, "一 二。"),
                    ("B", 20.0, "（5%）三 "),
                    ("C", 30.0, ""),
                ],
            ),
        )],
    );
}

// ---- drugs ----------------------------------------------------------------------

fn drug(brand: Option<&str>, product: Option<&str>, generic: Option<&str>) -> Value {
    json!({"brand": brand, "product": product, "generic": generic})
}

#[test]
fn drugs_format_examples() {
    check(
        "药品",
        "drugs",
        &[
            (
                "['佐宁', '(盐酸乙哌立松片)']",
                json!([drug(Some("佐宁"), None, Some("盐酸乙哌立松片"))]),
            ),
            (
                "['协一力', '利鲁唑片', '(利鲁唑片)']",
                json!([drug(Some("协一力"), Some("利鲁唑片"), Some("利鲁唑片"))]),
            ),
            (
                "['妙纳', '(盐酸乙哌立松片)'] ['妙纳', '(盐酸乙哌立松片)']",
                json!([
                    drug(Some("妙纳"), None, Some("盐酸乙哌立松片")),
                    drug(Some("妙纳"), None, Some("盐酸乙哌立松片"))
                ]),
            ),
            (
                "['广州白云山天心', '三磷酸腺苷二', '(三磷酸腺苷二钠注射液)']",
                json!([drug(
                    Some("广州白云山天心"),
                    Some("三磷酸腺苷二"),
                    Some("三磷酸腺苷二钠注射液")
                )]),
            ),
        ],
    );
}

#[test]
fn drugs_tuple_sizes_and_roles() {
    check(
        "药品",
        "drugs",
        &[
            ("['甲']", json!([drug(Some("甲"), None, None)])),
            ("['(甲)']", json!([drug(None, None, Some("甲"))])),
            ("['（甲）']", json!([drug(None, None, Some("甲"))])),
            ("['甲', '乙']", json!([drug(Some("甲"), Some("乙"), None)])),
            (
                "['甲', '（乙）']",
                json!([drug(Some("甲"), None, Some("乙"))]),
            ),
            (
                "['(甲)', '乙']",
                json!([drug(Some("(甲)"), Some("乙"), None)]),
            ),
            (
                "['甲', '乙', '丙']",
                json!([drug(Some("甲"), Some("乙"), Some("丙"))]),
            ),
            (
                "['甲', '乙', '（丙）']",
                json!([drug(Some("甲"), Some("乙"), Some("丙"))]),
            ),
            (
                "['甲', '乙', '(丙)']",
                json!([drug(Some("甲"), Some("乙"), Some("丙"))]),
            ),
        ],
    );
}

#[test]
fn drugs_quotes_commas_and_separators() {
    check(
        "药品",
        "drugs",
        &[
            (
                "[\"甲\", \"(乙)\"]",
                json!([drug(Some("甲"), None, Some("乙"))]),
            ),
            (
                "['甲', \"乙\",]",
                json!([drug(Some("甲"), Some("乙"), None)]),
            ),
            ("['甲',]", json!([drug(Some("甲"), None, None)])),
            (
                "[ '甲' , '乙' ]",
                json!([drug(Some("甲"), Some("乙"), None)]),
            ),
            ("[\"it's\"]", json!([drug(Some("it's"), None, None)])),
            (
                "['say \"hi\"']",
                json!([drug(Some("say \"hi\""), None, None)]),
            ),
            (
                "['a']['b']\u{3000}['c']\u{a0}['d']\t['e']",
                json!([
                    drug(Some("a"), None, None),
                    drug(Some("b"), None, None),
                    drug(Some("c"), None, None),
                    drug(Some("d"), None, None),
                    drug(Some("e"), None, None)
                ]),
            ),
        ],
    );
}

#[test]
fn drugs_escapes() {
    check(
        "药品",
        "drugs",
        &[
            (r"['a\\b']", json!([drug(Some("a\\b"), None, None)])),
            (r"['a\'b']", json!([drug(Some("a'b"), None, None)])),
            (r#"['a\"b']"#, json!([drug(Some("a\"b"), None, None)])),
            (r#"["a\"b"]"#, json!([drug(Some("a\"b"), None, None)])),
            (r"['a\nb']", json!([drug(Some("a\nb"), None, None)])),
            (r"['a\rb']", json!([drug(Some("a\rb"), None, None)])),
            (r"['a\tb']", json!([drug(Some("a\tb"), None, None)])),
            (r"['a\0b']", json!([drug(Some("a\0b"), None, None)])),
            (r"['\x41\x4a']", json!([drug(Some("AJ"), None, None)])),
            (r"['\u4e2d\u6587']", json!([drug(Some("中文"), None, None)])),
            (
                r"['\U0001F600']",
                json!([drug(Some("\u{1F600}"), None, None)]),
            ),
            (r"['\U00004E2D']", json!([drug(Some("中"), None, None)])),
            // An unknown escape keeps its backslash.
            (r"['a\qb']", json!([drug(Some("a\\qb"), None, None)])),
            (r"['a\(b']", json!([drug(Some("a\\(b"), None, None)])),
            // An escaped parenthesised string is a generic name too.
            (
                r"['甲', '\uff08乙\uff09']",
                json!([drug(Some("甲"), None, Some("乙"))]),
            ),
        ],
    );
}

#[test]
fn drugs_empty_value() {
    let record = jibing::parse("药品\n").expect("parse");
    assert_eq!(record.drugs, Some(vec![]));
    let record = jibing::parse("药品 \u{3000} \n").expect("parse");
    assert_eq!(record.drugs, Some(vec![]));
}

// ---- the disease name (section 4) -------------------------------------------------

fn name_of(lines: &[&str]) -> Value {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let record = jibing::parse(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
    serde_json::to_value(&record).expect("json")["name"].clone()
}

#[test]
fn name_needs_two_fields() {
    assert_eq!(name_of(&["病因 甲病病因遗传（10%）：x"]), Value::Null);
    assert_eq!(name_of(&["治疗 甲病西医治疗"]), Value::Null);
    assert_eq!(
        name_of(&["病因 甲病病因", "预防 乙病预防", "症状细节 丙病症状"]),
        Value::Null
    );
    assert_eq!(
        name_of(&["简介 甲病是一种病", "症状 甲病症状"]),
        Value::Null
    );
    assert_eq!(name_of(&["病因 甲病病因", "预防 甲病预防"]), json!("甲病"));
}

#[test]
fn name_from_any_two_fields_with_every_head_word() {
    let fields = [
        "病因 糖尿病病因遗传",
        "预防 糖尿病预防为主",
        "症状细节 糖尿病症状多样",
        "检查细节 糖尿病检查血糖",
        "治疗 糖尿病治疗以药物为主",
    ];
    for (i, a) in fields.iter().enumerate() {
        for b in &fields[i + 1..] {
            assert_eq!(name_of(&[a, b]), json!("糖尿病"), "{a} + {b}");
        }
    }
    assert_eq!(
        name_of(&["检查细节 甲病的检查：血常规", "治疗 甲病中医治疗"]),
        json!("甲病")
    );
    assert_eq!(
        name_of(&["检查细节 甲病的检查：血常规", "治疗 甲病西医治疗"]),
        json!("甲病")
    );
}

#[test]
fn name_is_the_longest_shared_candidate() {
    // 的检查 and 检查 both count: 甲病的 is a candidate of 检查细节, and of
    // 症状细节 (甲病的 + 症状): longer than 甲病.
    assert_eq!(
        name_of(&[
            "病因 甲病病因x",
            "症状细节 甲病的症状",
            "检查细节 甲病的检查"
        ]),
        json!("甲病的")
    );
    // 甲病中医 is a candidate of 治疗 only; 甲病 is shared.
    assert_eq!(
        name_of(&["治疗 甲病中医治疗", "预防 甲病预防"]),
        json!("甲病")
    );
}

#[test]
fn name_prefix_stops_at_whitespace_and_stop_characters() {
    assert_eq!(
        name_of(&["病因 甲病。乙病病因", "预防 甲病。乙病预防"]),
        Value::Null
    );
    assert_eq!(name_of(&["病因 甲 病病因", "预防 甲 病预防"]), Value::Null);
    // Any ASCII `.` stops the prefix, even between digits.
    assert_eq!(
        name_of(&["病因 PM2.5中毒病因", "预防 PM2.5中毒预防"]),
        Value::Null
    );
    assert_eq!(
        name_of(&["病因 甲病，病因", "预防 甲病，预防"]),
        Value::Null
    );
}

#[test]
fn name_is_at_most_forty_characters() {
    let forty = "甲".repeat(39) + "病";
    let forty_one = "甲".repeat(40) + "病";
    assert_eq!(
        name_of(&[&format!("病因 {forty}病因x"), &format!("预防 {forty}预防x")]),
        json!(forty)
    );
    assert_eq!(
        name_of(&[
            &format!("病因 {forty_one}病因x"),
            &format!("预防 {forty_one}预防x")
        ]),
        Value::Null
    );
}

#[test]
fn drugs_strings_keep_brackets_commas_and_spaces() {
    check(
        "药品",
        "drugs",
        &[
            (
                "['a]b', 'c,d']",
                json!([drug(Some("a]b"), Some("c,d"), None)]),
            ),
            ("['a [b] c']", json!([drug(Some("a [b] c"), None, None)])),
            (
                "['  a\u{3000}b ']",
                json!([drug(Some("  a\u{3000}b "), None, None)]),
            ),
            (r"['\\']", json!([drug(Some("\\"), None, None)])),
            ("['', '(x)']", json!([drug(Some(""), None, Some("x"))])),
        ],
    );
}

#[test]
fn causes_rebuild_the_value_exactly() {
    for value in [
        "肌肉萎缩病因遗传（10%）：有5%-10%的患者。长期不运动（25%）：废用。",
        "甲病病因吸烟(30％):多见。饮酒（１０%）:少见 其他 （5%）：x",
        "常见原因：吸烟（30%）：多见",
        "（10%）：未知",
        "无标签（5%）的文本",
        "疾病因素（20%）：x",
    ] {
        let input = format!("病因 {value}\n");
        let record = jibing::parse(&input).expect("parse");
        let causes = record.causes.expect("present");
        let mut joined = causes.intro.to_string();
        for item in &causes.items {
            joined.push_str(&item.name);
            joined.push_str(&item.tag);
            joined.push_str(&item.text);
        }
        assert_eq!(joined, value);
        let mut written = String::new();
        causes
            .write_to(&mut written)
            .expect("writing to a String cannot fail");
        assert_eq!(written, value);
    }
}

// ---- generated values: expected JSON known by construction -------------------

/// A random number as written (ASCII or full-width digits, optional ASCII
/// decimal part) and its value, with `scale` added to the exponent.
fn random_number(rng: &mut Rng, scale: i32) -> (String, f64) {
    let digits = |rng: &mut Rng, n: usize| -> String {
        (0..n)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect()
    };
    let int_len = 1 + rng.below(4);
    let int = digits(rng, int_len);
    let frac = if rng.below(3) == 0 {
        let frac_len = 1 + rng.below(3);
        Some(digits(rng, frac_len))
    } else {
        None
    };
    let ascii = match &frac {
        Some(f) => format!("{int}.{f}"),
        None => int.clone(),
    };
    let value: f64 = format!("{ascii}e{scale}").parse().expect("number");
    let fullwidth = rng.below(3) == 0;
    let written: String = ascii
        .chars()
        .map(|c| match c {
            '0'..='9' if fullwidth => {
                char::from_u32('０' as u32 + (c as u32 - '0' as u32)).expect("full-width digit")
            }
            other => other,
        })
        .collect();
    (written, value)
}

fn random_sep(rng: &mut Rng) -> String {
    const SYMBOLS: [&str; 9] = [
        "-", "\u{2010}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{FF0D}", "~", "\u{FF5E}",
        "\u{301C}",
    ];
    match rng.below(6) {
        0 => "至".to_owned(),
        1 => "到".to_owned(),
        _ => {
            let n = 1 + rng.below(3);
            (0..n).map(|_| rng.pick(&SYMBOLS)).collect()
        }
    }
}

#[test]
fn generated_rates() {
    let mut rng = Rng::new(7);
    for _ in 0..3000 {
        let approx = rng.pick(&["", "约", "大约"]);
        let (n1, v1) = random_number(&mut rng, 0);
        let p1 = rng.pick(&["", "%"]);
        let range = if rng.below(2) == 0 {
            let sep = random_sep(&mut rng);
            let (n2, v2) = random_number(&mut rng, 0);
            let p2 = rng.pick(&["", "%"]);
            Some((format!("{sep}{n2}{p2}"), v2, !p2.is_empty()))
        } else {
            None
        };
        let qualifier = rng.pick(&["", "", "以上", "以下", "以内", "左右"]);
        let text = format!(
            "{approx}{n1}{p1}{}{qualifier}",
            range.as_ref().map_or("", |r| r.0.as_str())
        );
        let has_pct = !p1.is_empty() || range.as_ref().is_some_and(|r| r.2);
        let high = range.as_ref().map_or(v1, |r| r.1);
        let expected = if !has_pct {
            rate(None, None, &text)
        } else {
            match qualifier {
                "以上" => rate(Some(v1), None, &text),
                "以下" | "以内" => rate(None, Some(high), &text),
                _ => rate(Some(v1), Some(high), &text),
            }
        };
        assert_eq!(field("治愈率", &text, "cure_rate"), expected, "{text:?}");
    }
}

#[test]
fn generated_periods() {
    const UNITS: [(&str, &str); 8] = [
        ("天", "day"),
        ("日", "day"),
        ("周", "week"),
        ("星期", "week"),
        ("个月", "month"),
        ("月", "month"),
        ("年", "year"),
        ("小时", "hour"),
    ];
    let mut rng = Rng::new(11);
    for _ in 0..3000 {
        let approx = rng.pick(&["", "约", "大约"]);
        let (n1, v1) = random_number(&mut rng, 0);
        let u1 = if rng.below(3) == 0 {
            None
        } else {
            Some(UNITS[rng.below(UNITS.len())])
        };
        let range = if rng.below(2) == 0 {
            let sep = random_sep(&mut rng);
            let (n2, v2) = random_number(&mut rng, 0);
            let u2 = if rng.below(6) == 0 {
                None
            } else {
                Some(UNITS[rng.below(UNITS.len())])
            };
            Some((sep, n2, v2, u2))
        } else {
            None
        };
        let qualifier = rng.pick(&["", "", "左右", "以上"]);
        let mut text = format!("{approx}{n1}{}", u1.map_or("", |u| u.0));
        if let Some((sep, n2, _, u2)) = &range {
            text.push_str(&format!("{sep}{n2}{}", u2.map_or("", |u| u.0)));
        }
        text.push_str(qualifier);
        // The unit: after the last number, and the same on both numbers.
        let parsed = match &range {
            None => u1.map(|u| (v1, u.1)),
            Some((_, _, v2, Some(u2))) => match u1 {
                Some(u) if u.1 != u2.1 => None,
                _ => Some((*v2, u2.1)),
            },
            Some((_, _, _, None)) => None,
        };
        let expected = match parsed {
            None => period(None, None, None, &text),
            Some((_, unit)) if qualifier == "以上" => period(Some(v1), None, Some(unit), &text),
            Some((high, unit)) => period(Some(v1), Some(high), Some(unit), &text),
        };
        assert_eq!(
            field("治疗周期", &text, "treatment_period"),
            expected,
            "{text:?}"
        );
    }
}

#[test]
fn generated_costs() {
    let mut rng = Rng::new(13);
    for _ in 0..3000 {
        let prefix = rng.pick(&["", "约", "门诊约（", "根据不同医院，约", "第2次", "费用为 "]);
        let suffix = rng.pick(&["", "）", "左右", "，住院另计3000元", "。"]);
        let wan = rng.below(3) == 0;
        let scale = if wan { 4 } else { 0 };
        let (n1, v1) = random_number(&mut rng, scale);
        let (middle, high) = if rng.below(2) == 0 {
            let sep = random_sep(&mut rng);
            let (n2, v2) = random_number(&mut rng, scale);
            (format!("{sep}{n2}"), v2)
        } else {
            (String::new(), v1)
        };
        let unit = if wan { "万元" } else { "元" };
        let text = format!("{prefix}{n1}{middle}{unit}{suffix}");
        assert_eq!(
            field("治疗费用", &text, "cost"),
            cost(Some(v1), Some(high), &text),
            "{text:?}"
        );
    }
}

#[test]
fn generated_causes() {
    const NAMES: [&str; 8] = [
        "遗传",
        "长期不运动",
        "维生素B1.2缺乏",
        "PM2.5污染",
        "a（b）c",
        "",
        "免疫",
        "x（5%）y",
    ];
    // Each text ends where a name may start: empty, or with whitespace or a
    // stop character (an ASCII `.` after a non-digit).
    const TEXTS: [&str; 10] = [
        "",
        "有5%-10%的患者。",
        "见（5%）表；",
        "一 二 ",
        "PM2.5超标，",
        "少见于成人.",
        "（３０%）无冒号！",
        "病因不明、",
        "a:b?",
        "末尾\u{3000}",
    ];
    const INTROS: [(&str, bool); 6] = [
        ("", false),
        ("甲病病因", true),
        ("甲病病因概述：", true),
        ("概述：", false),
        ("总述 ", false),
        ("前言。病因", true),
    ];
    let mut rng = Rng::new(17);
    for _ in 0..3000 {
        let (intro, _) = INTROS[rng.below(INTROS.len())];
        let count = rng.below(5);
        let mut value = intro.to_owned();
        let mut items = Vec::new();
        for _ in 0..count {
            let name = rng.pick(&NAMES);
            let (number, percent) = random_number(&mut rng, 0);
            let tag = format!(
                "{}{number}{}{}{}",
                rng.pick(&["（", "("]),
                rng.pick(&["%", "％"]),
                rng.pick(&["）", ")"]),
                rng.pick(&["：", ":"])
            );
            let text = rng.pick(&TEXTS);
            value.push_str(&format!("{name}{tag}{text}"));
            items.push((name, percent, text));
        }
        // Trailing whitespace is not part of the value.
        let trimmed = value.trim_end_matches(is_ws);
        // Without a tag the whole value is the intro.
        let expected = match items.last_mut() {
            None => causes(trimmed, &[]),
            Some(last) => {
                last.2 = last.2.trim_end_matches(is_ws);
                causes(intro, &items)
            }
        };
        let input = format!("病因 {value}\n");
        let record = jibing::parse(&input).expect("parse");
        let got = serde_json::to_value(&record).expect("json")["causes"].clone();
        assert_eq!(got, expected, "{value:?}");
    }
}

#[test]
fn generated_drug_lists() {
    const PIECES: [(&str, &str); 14] = [
        ("利鲁唑片", "利鲁唑片"),
        ("a b", "a b"),
        (r"\\", "\\"),
        (r"\'", "'"),
        (r#"\""#, "\""),
        (r"\n", "\n"),
        (r"\r", "\r"),
        (r"\t", "\t"),
        (r"\0", "\0"),
        (r"\x41", "A"),
        (r"\u4e2d", "中"),
        (r"\U0001F600", "\u{1F600}"),
        (r"\q", "\\q"),
        ("\u{3000}", "\u{3000}"),
    ];
    const WS: [&str; 6] = ["", "", " ", "\u{3000}", "\u{a0}", "\t"];
    let mut rng = Rng::new(19);
    for _ in 0..3000 {
        let lists = 1 + rng.below(4);
        let mut value = String::new();
        let mut expected = Vec::new();
        for _ in 0..lists {
            value.push_str(rng.pick(&WS));
            value.push('[');
            let count = 1 + rng.below(3);
            // (decoded string, its inside when wrapped in parentheses)
            let mut strings: Vec<(String, Option<String>)> = Vec::new();
            for i in 0..count {
                let quote = if rng.below(2) == 0 { '\'' } else { '"' };
                let mut raw = String::new();
                let mut decoded = String::new();
                for _ in 0..rng.below(4) {
                    let (r, d) = PIECES[rng.below(PIECES.len())];
                    raw.push_str(r);
                    decoded.push_str(d);
                }
                // The other quote may appear raw.
                if rng.below(4) == 0 {
                    let other = if quote == '\'' { '"' } else { '\'' };
                    raw.push(other);
                    decoded.push(other);
                }
                let mut inner = None;
                if rng.below(3) == 0 {
                    let (open, close) = if rng.below(2) == 0 {
                        ("(", ")")
                    } else {
                        ("（", "）")
                    };
                    raw = format!("{open}{raw}{close}");
                    inner = Some(decoded.clone());
                    decoded = format!("{open}{decoded}{close}");
                }
                value.push_str(rng.pick(&WS));
                value.push(quote);
                value.push_str(&raw);
                value.push(quote);
                value.push_str(rng.pick(&WS));
                if i + 1 < count || rng.below(3) == 0 {
                    value.push(',');
                }
                strings.push((decoded, inner));
            }
            value.push_str(rng.pick(&WS));
            value.push(']');
            // Roles, per `jibing::format` (section "Drugs", "Roles").
            let as_value = |s: Option<&(String, Option<String>)>| s.map(|(d, _)| d.clone());
            let drug = match strings.last() {
                Some((_, Some(inner))) => json!({
                    "brand": as_value(strings.first().filter(|_| count > 1)),
                    "product": as_value(strings.get(1).filter(|_| count > 2)),
                    "generic": inner,
                }),
                _ => json!({
                    "brand": as_value(strings.first()),
                    "product": as_value(strings.get(1)),
                    "generic": as_value(strings.get(2)),
                }),
            };
            expected.push(drug);
        }
        let input = format!("药品 {value}\n");
        let record = jibing::parse(&input).unwrap_or_else(|e| panic!("{value:?}: {e}"));
        let got = serde_json::to_value(&record).expect("json")["drugs"].clone();
        assert_eq!(got, Value::Array(expected), "{value:?}");
    }
}
