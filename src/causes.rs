//! The `causes` value kind
//! ([format reference: causes](crate::format#causes), label `病因`):
//! splitting a cause text such as `肌肉萎缩病因遗传（10%）：…中毒（15%）：…`
//! into an intro and named, percentage-tagged items.
//!
//! This module owns the [`Causes`]/[`Cause`] structs with their lossless
//! rebuild ([`Causes::write_to`]) and [`parse_causes`]; the grammar (the
//! percentage tag, the name and intro rules) is the nom productions of
//! `crate::grammar::causes`. It does not touch line splitting, labels,
//! trailing whitespace trimming (the caller passes the already trimmed
//! value) or any other value kind.
//!
//! Decisions where the format is silent:
//!
//! - Bracket styles may be mixed: any opening bracket (`（` or `(`) pairs with
//!   any closing one (`）` or `)`), and any percent sign (`%`, `％`) and colon
//!   (`：`, `:`) may be combined with them. The tag is kept exactly as written
//!   in [`Cause::tag`], so mixing costs nothing on rebuild.
//! - A percentage whose digits overflow `f64` is not a tag (ordinary text),
//!   so every reported `percent` is finite.
//! - The `病因` heading rule is applied literally: before the first tag, the
//!   name is searched only after the *last* `病因`, even when that `病因` sits
//!   inside a would-be name (`疾病因素（20%）：` as the first item gives intro
//!   `疾病因`, name `素`). Later items are not affected.
//! - For the ASCII `.` rule, "between two digits" means an ASCII or
//!   full-width digit directly on each side.
//! - A causes item name stops at commas (`，,、`), unlike the
//!   [disease name](crate::format#the-disease-name), which may hold them.

use std::borrow::Cow;
use std::fmt;

use crate::grammar;

/// A parsed `causes` value: the text before the first item, then the items.
///
/// Joining [`intro`](Causes::intro) and, for each item, `name + tag + text`
/// gives back the parsed value exactly (see [`Causes::write_to`]).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Causes<'a> {
    /// Everything before the first item's name; the whole value when there
    /// is no item.
    pub intro: Cow<'a, str>,
    /// The items, in the order they appear.
    pub items: Vec<Cause<'a>>,
}

/// One cause: `NAME（PERCENT%）：TEXT`.
///
/// Equality compares [`name`](Cause::name), [`percent`](Cause::percent) and
/// [`text`](Cause::text) only, not [`tag`](Cause::tag), so a value that went
/// through JSON (where `tag` is not stored) compares equal to the original.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cause<'a> {
    /// The run of non-whitespace, non-stop characters right before the tag;
    /// may be empty.
    pub name: Cow<'a, str>,
    /// The percentage inside the tag, in percent units (`10%` → `10.0`).
    pub percent: f64,
    /// Everything after the tag up to the next item's name (or the end).
    pub text: Cow<'a, str>,
    /// The tag exactly as written, e.g. `（10%）：`, so that the value can be
    /// rebuilt byte for byte. Not serialized; empty after deserializing, in
    /// which case [`Causes::write_to`] writes the canonical `（{percent}%）：`.
    #[serde(skip)]
    pub tag: Cow<'a, str>,
}

impl PartialEq for Cause<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.percent == other.percent && self.text == other.text
    }
}

impl Cause<'_> {
    /// Detaches the cause from the input it borrows from.
    pub fn into_owned(self) -> Cause<'static> {
        Cause {
            name: Cow::Owned(self.name.into_owned()),
            percent: self.percent,
            text: Cow::Owned(self.text.into_owned()),
            tag: Cow::Owned(self.tag.into_owned()),
        }
    }

    /// Writes `name + tag + text` to `out`; an empty [`tag`](Cause::tag) is
    /// written in the canonical form `（{percent}%）：` (`10` not `10.0`,
    /// `0.5` stays `0.5`).
    ///
    /// ```
    /// let causes = jibing::causes::parse_causes("甲病病因受凉（20%）：着凉。");
    /// let mut out = String::new();
    /// causes.items[0].write_to(&mut out)?;
    /// assert_eq!(out, "受凉（20%）：着凉。");
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only what `out` returns: writing to a `String` never fails.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(&self.name)?;
        if self.tag.is_empty() {
            // `f64`'s `Display` prints integral values without a fractional
            // part (`10`), others in shortest round-trip form (`0.5`), never
            // in exponent notation.
            write!(out, "（{}%）：", self.percent)?;
        } else {
            out.write_str(&self.tag)?;
        }
        out.write_str(&self.text)
    }
}

impl Causes<'_> {
    /// Detaches the value from the input it borrows from.
    pub fn into_owned(self) -> Causes<'static> {
        Causes {
            intro: Cow::Owned(self.intro.into_owned()),
            items: self.items.into_iter().map(Cause::into_owned).collect(),
        }
    }

    /// Writes the value as written to `out`: `intro`, then for each item
    /// `name + tag + text` (see [`Cause::write_to`] for an empty tag). For a
    /// result of [`parse_causes`] this is exactly the parsed value.
    ///
    /// ```
    /// let value = "甲病病因受凉（20%）：着凉。劳累(10%):少休息。";
    /// let mut out = String::new();
    /// jibing::causes::parse_causes(value).write_to(&mut out)?;
    /// assert_eq!(out, value);
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only what `out` returns: writing to a `String` never fails.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(&self.intro)?;
        for item in &self.items {
            item.write_to(out)?;
        }
        Ok(())
    }
}

impl fmt::Display for Causes<'_> {
    /// The value as written, see [`Causes::write_to`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// Parses a `causes` value
/// ([format reference: causes](crate::format#causes)). Never fails: a value
/// without any tag is all intro. All strings in the result borrow from
/// `value`.
///
/// Grammar of a percentage tag (no whitespace anywhere inside):
///
/// ```text
/// percent_tag = open number pct close colon ;
/// open = "（" | "(" ;   close = "）" | ")" ;     (any combination)
/// pct  = "%" | "％" ;   colon = "：" | ":" ;
/// number = digit { digit } [ "." digit { digit } ] ;   (ASCII or full-width, finite f64)
/// ```
///
/// A bracketed percentage not followed by the colon (`(5%)` or `5%-10%`) is
/// ordinary text. Tags are found left to right and never overlap.
///
/// Each tag starts an item:
///
/// - `name` is the longest run of characters directly before the tag that
///   holds no whitespace and no stop character (`。！？；!?;，,、：:`, or an
///   ASCII `.` that does not have a digit on both sides). It may be empty.
///   It never reaches back past the end of the previous tag (a tag ends in
///   a colon, itself a stop character).
/// - For the *first* tag only: when the text before it contains `病因`, the
///   name is searched only after the last `病因` in that text.
/// - `text` is everything from the end of the tag to the start of the next
///   item's name, or to the end of the value for the last item.
/// - `intro` is everything before the first item's name; with no tag at all
///   it is the whole value and `items` is empty.
///
/// Runs in time linear in `value.len()`: each opening bracket is found by
/// a byte search and tried once (a real tag twice), a failed attempt reads
/// only the digits after it (which hold no bracket), and the backward name
/// search of a tag stops at the previous tag's end.
pub fn parse_causes(value: &str) -> Causes<'_> {
    match grammar::causes::causes(value) {
        Ok((rest, causes)) => {
            debug_assert!(rest.is_empty(), "causes reads the whole value");
            causes
        }
        Err(_) => {
            debug_assert!(false, "causes never fails");
            Causes {
                intro: Cow::Borrowed(value),
                items: Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
