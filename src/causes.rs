//! The causes value kind ([format reference: causes](crate::format#causes),
//! label `病因`): an intro, then named, percentage-tagged items.

pub use crate::model::causes::{Cause, Causes};

use crate::grammar;

/// Reads a causes value; never fails, a value without a tag is all intro
/// ([format reference: causes](crate::format#causes)).
///
/// ```
/// let causes = jibing::causes::parse_causes("某病病因遗传（10%）：一。中毒(15%):二");
/// assert_eq!(causes.intro, "某病病因");
/// let items: Vec<_> = causes.items.iter().map(|c| (&*c.name, c.percent)).collect();
/// assert_eq!(items, [("遗传", 10.0), ("中毒", 15.0)]);
/// ```
pub fn parse_causes(value: &str) -> Causes<'_> {
    grammar::causes::causes(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    /// The seed's whole 病因 value (line 14, after the label and separator,
    /// trailing whitespace trimmed).
    const SEED: &str = "肌肉萎缩病因遗传（10%）：遗传的因素，有遗传性的患者有5%-10%，这一般称为家族性肌萎缩性侧索硬化，成年型属常染色体显性遗传，青年型为常染色体显性或隐性遗传，临床上与散发病例难以分别。长期不运动（25%）：废用性肌萎缩上运动神经元病变系由肌肉长期不运动引起，全身消耗性疾病如甲状腺功能亢进、恶性肿瘤、自身免疫性疾病等。中毒（15%）：中毒的因素，兴奋毒性神经递质。经过调查，一些患者转运功能丧失是由于运动皮质内转运体mRNA转录副本异常连接异常所致。免疫（15%）：免疫的因素，尽管MND患者血清曾检出多种抗体和免疫复合物，但尚无证据表明这些抗体可选择性以运动神经元为靶神经因子。现在认为，MND是不属于神经系统自身免疫病的。疾病因素（20%）：肌源性肌萎缩常见于肌营养不良、营养不良性肌强直症、周期性麻痹、多发性肌炎、外伤如挤压综合征等、缺血性肌病、代谢性肌病、内分泌性肌病、药源性肌病、神经肌肉传递障碍性肌病如重症肌无力等。";

    fn cause<'a>(name: &'a str, percent: f64, tag: &'a str, text: &'a str) -> Cause<'a> {
        Cause {
            name: Cow::Borrowed(name),
            percent,
            text: Cow::Borrowed(text),
            tag: Cow::Borrowed(tag),
        }
    }

    fn rebuilt(causes: &Causes<'_>) -> String {
        let mut out = String::new();
        causes
            .write_to(&mut out)
            .expect("writing to a String cannot fail");
        out
    }

    /// Parses, checks the lossless rebuild and that everything is borrowed.
    fn parse(value: &str) -> Causes<'_> {
        let causes = parse_causes(value);
        assert_eq!(rebuilt(&causes), value, "rebuild of {value:?}");
        assert!(matches!(causes.intro, Cow::Borrowed(_)));
        for item in &causes.items {
            assert!(matches!(item.name, Cow::Borrowed(_)));
            assert!(matches!(item.text, Cow::Borrowed(_)));
            assert!(matches!(item.tag, Cow::Borrowed(_)));
        }
        causes
    }

    /// (name, percent, tag, text) of every item, tags included.
    fn items<'a>(causes: &'a Causes<'_>) -> Vec<(&'a str, f64, &'a str, &'a str)> {
        causes
            .items
            .iter()
            .map(|c| (&*c.name, c.percent, &*c.tag, &*c.text))
            .collect()
    }

    #[test]
    fn seed_value_gives_the_expected_causes() {
        let expected = Causes {
            intro: Cow::Borrowed("肌肉萎缩病因"),
            items: vec![
                cause("遗传", 10.0, "（10%）：", "遗传的因素，有遗传性的患者有5%-10%，这一般称为家族性肌萎缩性侧索硬化，成年型属常染色体显性遗传，青年型为常染色体显性或隐性遗传，临床上与散发病例难以分别。"),
                cause("长期不运动", 25.0, "（25%）：", "废用性肌萎缩上运动神经元病变系由肌肉长期不运动引起，全身消耗性疾病如甲状腺功能亢进、恶性肿瘤、自身免疫性疾病等。"),
                cause("中毒", 15.0, "（15%）：", "中毒的因素，兴奋毒性神经递质。经过调查，一些患者转运功能丧失是由于运动皮质内转运体mRNA转录副本异常连接异常所致。"),
                cause("免疫", 15.0, "（15%）：", "免疫的因素，尽管MND患者血清曾检出多种抗体和免疫复合物，但尚无证据表明这些抗体可选择性以运动神经元为靶神经因子。现在认为，MND是不属于神经系统自身免疫病的。"),
                cause("疾病因素", 20.0, "（20%）：", "肌源性肌萎缩常见于肌营养不良、营养不良性肌强直症、周期性麻痹、多发性肌炎、外伤如挤压综合征等、缺血性肌病、代谢性肌病、内分泌性肌病、药源性肌病、神经肌肉传递障碍性肌病如重症肌无力等。"),
            ],
        };
        let got = parse(SEED);
        assert_eq!(got, expected);
        // PartialEq ignores tags; check them separately.
        let tags: Vec<&str> = got.items.iter().map(|c| &*c.tag).collect();
        assert_eq!(
            tags,
            [
                "（10%）：",
                "（25%）：",
                "（15%）：",
                "（15%）：",
                "（20%）："
            ]
        );
    }

    #[test]
    fn seed_value_serializes_to_the_expected_json_shape() {
        let json = serde_json::to_value(parse_causes(SEED)).unwrap();
        assert_eq!(json["intro"], "肌肉萎缩病因");
        assert_eq!(json["items"].as_array().map(Vec::len), Some(5));
        let first = &json["items"][0];
        assert_eq!(first["name"], "遗传");
        assert_eq!(first["percent"], serde_json::json!(10.0));
        assert_eq!(
            first
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>()),
            Some(vec!["name".into(), "percent".into(), "text".into()])
        );
    }

    #[test]
    fn json_round_trip_compares_equal_and_rebuilds_canonically() {
        let original = parse_causes("病因A(0.5%):x。B（10％）：y");
        let json = serde_json::to_string(&original).unwrap();
        let back: Causes<'static> = serde_json::from_str::<Causes<'_>>(&json)
            .unwrap()
            .into_owned();
        assert_eq!(back, original);
        assert!(back.items.iter().all(|c| c.tag.is_empty()));
        assert_eq!(rebuilt(&back), "病因A（0.5%）：x。B（10%）：y");
    }

    #[test]
    fn into_owned_keeps_everything() {
        let value = String::from("引言：甲（1%）：一");
        let owned = parse_causes(&value).into_owned();
        drop(value);
        assert_eq!(owned.intro, "引言：");
        assert_eq!(owned.items.first().map(|c| &*c.tag), Some("（1%）："));
        assert_eq!(rebuilt(&owned), "引言：甲（1%）：一");
    }

    #[test]
    fn round_trip_on_assorted_values() {
        for value in [
            "",
            "无",
            "：（1%）：",
            "病因病因（1%）：（2%）：病因（3%）：",
            "a (1%) b (2%): c\u{a0}d（3％）：e",
            "x(1%)(2%)：y（３%）:z",
            "（（（(1%）：",
            "1.2.3(4.5%):6.7",
            "尾部（9%）：",
            SEED,
        ] {
            parse(value);
        }
    }

    #[test]
    fn tag_without_colon_is_text() {
        let c = parse("病因甲（10%）：有5%-10%的人（5%）不会，(6%) 也不会");
        assert_eq!(
            items(&c),
            [(
                "甲",
                10.0,
                "（10%）：",
                "有5%-10%的人（5%）不会，(6%) 也不会"
            )]
        );
        let c = parse("只有（5%）没有冒号");
        assert_eq!(c.intro, "只有（5%）没有冒号");
        assert!(c.items.is_empty());
    }

    #[test]
    fn whitespace_inside_a_tag_is_not_a_tag() {
        for value in [
            "甲（ 10%）：",
            "甲（10 %）：",
            "甲（10% ）：",
            "甲（10%） ：",
        ] {
            let c = parse(value);
            assert!(c.items.is_empty(), "{value:?}");
            assert_eq!(c.intro, value);
        }
    }

    #[test]
    fn ascii_and_full_width_and_mixed_tags() {
        let c = parse("病因甲(10%):一。乙（10％）：二。丙(1%）：三。丁（2%):四");
        assert_eq!(
            items(&c),
            [
                ("甲", 10.0, "(10%):", "一。"),
                ("乙", 10.0, "（10％）：", "二。"),
                ("丙", 1.0, "(1%）：", "三。"),
                ("丁", 2.0, "（2%):", "四"),
            ]
        );
        assert_eq!(c.intro, "病因");
    }

    #[test]
    fn full_width_digits_and_decimal_percent() {
        let c = parse("甲（１５%）：一，乙（0.5%）：二，丙（１２.５％）：三");
        assert_eq!(
            items(&c),
            [
                ("甲", 15.0, "（１５%）：", "一，"),
                ("乙", 0.5, "（0.5%）：", "二，"),
                ("丙", 12.5, "（１２.５％）：", "三"),
            ]
        );
        // A malformed decimal is not a tag.
        let c = parse("甲（1.%）：一");
        assert!(c.items.is_empty());
    }

    #[test]
    fn overflowing_percent_is_not_a_tag() {
        let value = format!("甲（{}%）：一", "9".repeat(400));
        let c = parse(&value);
        assert!(c.items.is_empty());
        assert_eq!(c.intro, value);
    }

    #[test]
    fn empty_names() {
        let c = parse("（10%）：开头");
        assert_eq!(c.intro, "");
        assert_eq!(items(&c), [("", 10.0, "（10%）：", "开头")]);

        let c = parse("前言。（10%）：一，（20%）：二");
        assert_eq!(c.intro, "前言。");
        assert_eq!(
            items(&c),
            [
                ("", 10.0, "（10%）：", "一，"),
                ("", 20.0, "（20%）：", "二")
            ]
        );

        // Consecutive tags: the second name cannot reach into the first tag.
        let c = parse("甲（1%）：（2%）：");
        assert_eq!(
            items(&c),
            [("甲", 1.0, "（1%）：", ""), ("", 2.0, "（2%）：", "")]
        );
    }

    #[test]
    fn ascii_dot_between_digits_belongs_to_the_name() {
        let c = parse("B1.5（10%）：x");
        assert_eq!(c.intro, "");
        assert_eq!(items(&c), [("B1.5", 10.0, "（10%）：", "x")]);

        let c = parse("维生素B１.５（10%）：x");
        assert_eq!(items(&c)[0].0, "维生素B１.５");
    }

    #[test]
    fn ascii_dot_not_between_digits_stops_the_name() {
        let c = parse("a.b（10%）：x");
        assert_eq!(c.intro, "a.");
        assert_eq!(items(&c), [("b", 10.0, "（10%）：", "x")]);

        for (value, name) in [
            ("1.b（1%）：", "b"),
            ("a.1（1%）：", "1"),
            ("1.（1%）：", ""),
            (".1（1%）：", "1"),
            ("1..2（1%）：", "2"),
        ] {
            let c = parse(value);
            assert_eq!(items(&c)[0].0, name, "{value:?}");
        }
    }

    #[test]
    fn whitespace_before_the_name_stops_it() {
        for (value, intro) in [
            ("前言 遗传（10%）：x", "前言 "),
            ("前言\u{a0}遗传（10%）：x", "前言\u{a0}"),
            ("前言\u{3000}遗传（10%）：x", "前言\u{3000}"),
            ("前言\t遗传（10%）：x", "前言\t"),
        ] {
            let c = parse(value);
            assert_eq!(c.intro, intro, "{value:?}");
            assert_eq!(items(&c)[0].0, "遗传", "{value:?}");
        }
    }

    #[test]
    fn every_stop_character_stops_the_name() {
        for stop in [
            '。', '！', '？', '；', '!', '?', ';', '，', ',', '、', '：', ':',
        ] {
            let value = format!("前{stop}名（1%）：x");
            let c = parse(&value);
            assert_eq!(items(&c)[0].0, "名", "{value:?}");
        }
    }

    #[test]
    fn no_heading_means_intro_is_everything_before_the_first_name() {
        let c = parse("常见原因如下：遗传（10%）：一。中毒（5%）：二");
        assert_eq!(c.intro, "常见原因如下：");
        assert_eq!(
            items(&c),
            [
                ("遗传", 10.0, "（10%）：", "一。"),
                ("中毒", 5.0, "（5%）：", "二"),
            ]
        );
    }

    #[test]
    fn last_heading_before_the_first_tag_wins() {
        let c = parse("某病病因概述，病因分析：遗传（10%）：一。疾病因素（5%）：二");
        assert_eq!(c.intro, "某病病因概述，病因分析：");
        // The heading rule does not apply after the first tag: `疾病因素`
        // keeps its `病因`.
        assert_eq!(
            items(&c),
            [
                ("遗传", 10.0, "（10%）：", "一。"),
                ("疾病因素", 5.0, "（5%）：", "二"),
            ]
        );

        // Without a stop, the name starts right after the last `病因`.
        let c = parse("某病病因概述，病因分析遗传（10%）：一");
        assert_eq!(c.intro, "某病病因概述，病因");
        assert_eq!(items(&c)[0].0, "分析遗传");

        // Heading directly before the tag: empty name.
        let c = parse("某病病因（10%）：一");
        assert_eq!(c.intro, "某病病因");
        assert_eq!(items(&c), [("", 10.0, "（10%）：", "一")]);
    }

    #[test]
    fn no_tag_and_empty_value() {
        let c = parse("肌肉萎缩病因不明，5%-10%有家族史（约10%）。");
        assert_eq!(c.intro, "肌肉萎缩病因不明，5%-10%有家族史（约10%）。");
        assert!(c.items.is_empty());

        let c = parse("");
        assert_eq!(c, Causes::default());
        assert_eq!(c.intro, "");
    }

    #[test]
    fn adversarial_inputs_complete() {
        let openers = "（".repeat(200_000);
        let c = parse(&openers);
        assert!(c.items.is_empty());

        let ascii_openers = "(".repeat(200_000);
        assert!(parse(&ascii_openers).items.is_empty());

        let no_colon = "(1%)".repeat(50_000);
        assert!(parse(&no_colon).items.is_empty());

        let tags = "(1%):".repeat(50_000);
        let c = parse(&tags);
        assert_eq!(c.items.len(), 50_000);
        assert!(c
            .items
            .iter()
            .all(|i| i.name.is_empty() && i.text.is_empty()));

        // Long names between tags: each character is scanned back once.
        let long_names = format!("{}(1%):", "名".repeat(1000)).repeat(200);
        let c = parse(&long_names);
        assert_eq!(c.items.len(), 200);

        let digits = format!("（{}", "1".repeat(200_000)).repeat(5);
        assert!(parse(&digits).items.is_empty());

        let heading = format!("{}甲（1%）：", "病因".repeat(100_000));
        let c = parse(&heading);
        assert_eq!(items(&c), [("甲", 1.0, "（1%）：", "")]);
    }
}
