//! The scalar value kinds: [booleans](crate::format#booleans),
//! [rates](crate::format#rates), [periods](crate::format#periods) and
//! [costs](crate::format#costs). Rates, periods and costs never fail: a
//! value that does not match keeps its `text` and has no numbers.

pub use crate::model::value::{bool_text, Cost, ParseUnitError, Period, Rate, Unit};

use crate::grammar::scalar;

/// Reads a bool value: `是` or `否`, else `None`
/// ([format reference: booleans](crate::format#booleans)).
///
/// ```
/// assert_eq!(jibing::value::parse_bool("是"), Some(true));
/// assert_eq!(jibing::value::parse_bool("是的"), None);
/// ```
pub fn parse_bool(value: &str) -> Option<bool> {
    scalar::read_bool(value)
}

/// Reads a rate value ([format reference: rates](crate::format#rates)).
///
/// ```
/// let rate = jibing::value::parse_rate("约5-10%");
/// assert_eq!((rate.low, rate.high), (Some(5.0), Some(10.0)));
/// assert_eq!(jibing::value::parse_rate("不易治愈").low, None);
/// ```
pub fn parse_rate(value: &str) -> Rate<'_> {
    scalar::read_rate(value)
}

/// Reads a period value ([format reference: periods](crate::format#periods)).
///
/// ```
/// use jibing::Unit;
/// let period = jibing::value::parse_period("3-6个月");
/// assert_eq!((period.low, period.high, period.unit), (Some(3.0), Some(6.0), Some(Unit::Month)));
/// ```
pub fn parse_period(value: &str) -> Period<'_> {
    scalar::read_period(value)
}

/// Reads a cost value: the first cost match anywhere in it
/// ([format reference: costs](crate::format#costs)).
///
/// ```
/// let cost = jibing::value::parse_cost("市三甲医院约（1万-2万元）");
/// assert_eq!((cost.low, cost.high), (Some(10000.0), Some(20000.0)));
/// ```
pub fn parse_cost(value: &str) -> Cost<'_> {
    scalar::read_cost(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn rate(low: Option<f64>, high: Option<f64>, text: &str) -> Rate<'_> {
        Rate {
            low,
            high,
            text: Cow::Borrowed(text),
        }
    }

    fn period(low: Option<f64>, high: Option<f64>, unit: Option<Unit>, text: &str) -> Period<'_> {
        Period {
            low,
            high,
            unit,
            text: Cow::Borrowed(text),
        }
    }

    fn cost(low: Option<f64>, high: Option<f64>, text: &str) -> Cost<'_> {
        Cost {
            low,
            high,
            text: Cow::Borrowed(text),
        }
    }

    const SEPARATORS: [&str; 12] = [
        "-", "‐", "–", "—", "―", "－", "~", "～", "〜", "至", "到", "――",
    ];

    // ---- bool ----

    #[test]
    fn bool_yes_no_other_empty() {
        assert_eq!(parse_bool("是"), Some(true));
        assert_eq!(parse_bool("否"), Some(false));
        assert_eq!(parse_bool("不是"), None);
        assert_eq!(parse_bool("是 "), None);
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(parse_bool(""), None);
    }

    // ---- rate ----

    #[test]
    fn rate_format_examples() {
        assert_eq!(
            parse_rate("0.003%"),
            rate(Some(0.003), Some(0.003), "0.003%")
        );
        assert_eq!(parse_rate("30%"), rate(Some(30.0), Some(30.0), "30%"));
        assert_eq!(parse_rate("5-10%"), rate(Some(5.0), Some(10.0), "5-10%"));
        assert_eq!(
            parse_rate("0.5%--1%"),
            rate(Some(0.5), Some(1.0), "0.5%--1%")
        );
        assert_eq!(parse_rate("不易治愈"), rate(None, None, "不易治愈"));
    }

    #[test]
    fn rate_every_separator() {
        for sep in SEPARATORS {
            let text = format!("5{sep}10%");
            assert_eq!(
                parse_rate(&text),
                rate(Some(5.0), Some(10.0), &text),
                "{sep:?}"
            );
        }
    }

    #[test]
    fn rate_percent_placement() {
        assert_eq!(parse_rate("5%-10"), rate(Some(5.0), Some(10.0), "5%-10"));
        assert_eq!(parse_rate("5%-10%"), rate(Some(5.0), Some(10.0), "5%-10%"));
        assert_eq!(parse_rate("5-10"), rate(None, None, "5-10"));
        assert_eq!(parse_rate("5"), rate(None, None, "5"));
        assert_eq!(parse_rate("5%%"), rate(None, None, "5%%"));
        assert_eq!(parse_rate("%5"), rate(None, None, "%5"));
    }

    #[test]
    fn rate_fullwidth_percent_and_digits() {
        assert_eq!(parse_rate("５％"), rate(Some(5.0), Some(5.0), "５％"));
        assert_eq!(
            parse_rate("１０.５%"),
            rate(Some(10.5), Some(10.5), "１０.５%")
        );
        assert_eq!(
            parse_rate("5％-10%"),
            rate(Some(5.0), Some(10.0), "5％-10%")
        );
        assert_eq!(parse_rate("5-10％"), rate(Some(5.0), Some(10.0), "5-10％"));
    }

    #[test]
    fn rate_approx_prefix() {
        assert_eq!(parse_rate("约5%"), rate(Some(5.0), Some(5.0), "约5%"));
        assert_eq!(
            parse_rate("大约5-8%"),
            rate(Some(5.0), Some(8.0), "大约5-8%")
        );
        assert_eq!(parse_rate("约 5%"), rate(None, None, "约 5%"));
        assert_eq!(parse_rate("约约5%"), rate(None, None, "约约5%"));
    }

    #[test]
    fn rate_qualifiers() {
        assert_eq!(parse_rate("90%以上"), rate(Some(90.0), None, "90%以上"));
        assert_eq!(parse_rate("1%以下"), rate(None, Some(1.0), "1%以下"));
        assert_eq!(parse_rate("1%以内"), rate(None, Some(1.0), "1%以内"));
        assert_eq!(
            parse_rate("50%左右"),
            rate(Some(50.0), Some(50.0), "50%左右")
        );
        assert_eq!(parse_rate("5-10%以上"), rate(Some(5.0), None, "5-10%以上"));
        assert_eq!(parse_rate("5-10%以下"), rate(None, Some(10.0), "5-10%以下"));
        assert_eq!(
            parse_rate("约5-10%左右"),
            rate(Some(5.0), Some(10.0), "约5-10%左右")
        );
        assert_eq!(parse_rate("5%以上左右"), rate(None, None, "5%以上左右"));
    }

    #[test]
    fn rate_rejects_partial_values() {
        assert_eq!(parse_rate("5% "), rate(None, None, "5% "));
        assert_eq!(parse_rate(" 5%"), rate(None, None, " 5%"));
        assert_eq!(parse_rate("5%-"), rate(None, None, "5%-"));
        assert_eq!(parse_rate("5%的患者"), rate(None, None, "5%的患者"));
        assert_eq!(parse_rate("10.%"), rate(None, None, "10.%"));
        assert_eq!(parse_rate("5-10-15%"), rate(None, None, "5-10-15%"));
    }

    #[test]
    fn rate_keeps_range_order_as_written() {
        assert_eq!(parse_rate("10-5%"), rate(Some(10.0), Some(5.0), "10-5%"));
    }

    #[test]
    fn rate_overflow_does_not_parse() {
        let text = format!("{}%", "9".repeat(400));
        assert_eq!(parse_rate(&text), rate(None, None, &text));
    }

    #[test]
    fn rate_empty() {
        assert_eq!(parse_rate(""), rate(None, None, ""));
    }

    // ---- period ----

    #[test]
    fn period_format_examples() {
        assert_eq!(
            parse_period("3-6个月"),
            period(Some(3.0), Some(6.0), Some(Unit::Month), "3-6个月")
        );
        assert_eq!(
            parse_period("3个月-6个月"),
            period(Some(3.0), Some(6.0), Some(Unit::Month), "3个月-6个月")
        );
        assert_eq!(parse_period("长期"), period(None, None, None, "长期"));
        assert_eq!(
            parse_period("根据病情而定"),
            period(None, None, None, "根据病情而定")
        );
        assert_eq!(parse_period("3-6"), period(None, None, None, "3-6"));
    }

    #[test]
    fn period_every_unit_word() {
        let cases = [
            ("2小时", Unit::Hour),
            ("2天", Unit::Day),
            ("2日", Unit::Day),
            ("2周", Unit::Week),
            ("2星期", Unit::Week),
            ("2个月", Unit::Month),
            ("2月", Unit::Month),
            ("2年", Unit::Year),
        ];
        for (text, unit) in cases {
            assert_eq!(
                parse_period(text),
                period(Some(2.0), Some(2.0), Some(unit), text),
                "{text}"
            );
        }
    }

    #[test]
    fn period_unit_names() {
        assert_eq!(Unit::Hour.as_str(), "hour");
        assert_eq!(Unit::Day.as_str(), "day");
        assert_eq!(Unit::Week.as_str(), "week");
        assert_eq!(Unit::Month.as_str(), "month");
        assert_eq!(Unit::Year.as_str(), "year");
        for unit in [Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year] {
            assert_eq!(
                serde_json::to_string(&unit).ok(),
                Some(format!("\"{}\"", unit.as_str()))
            );
        }
    }

    #[test]
    fn unit_display_and_from_str_use_the_english_word() {
        for unit in Unit::ALL {
            assert_eq!(unit.to_string(), unit.as_str());
            assert_eq!(unit.as_str().parse::<Unit>(), Ok(unit));
            let json = serde_json::to_string(&unit).ok();
            assert_eq!(json, Some(format!("\"{unit}\"")));
        }
        for text in ["", "Month", "months", " month", "月", "个月", "小时"] {
            assert_eq!(text.parse::<Unit>(), Err(ParseUnitError), "{text:?}");
        }
        assert_eq!(
            ParseUnitError.to_string(),
            "not a unit: expected `hour`, `day`, `week`, `month` or `year`"
        );
    }

    #[test]
    fn period_every_separator() {
        for sep in SEPARATORS {
            let text = format!("1{sep}2周");
            assert_eq!(
                parse_period(&text),
                period(Some(1.0), Some(2.0), Some(Unit::Week), &text),
                "{sep:?}"
            );
        }
    }

    #[test]
    fn period_units_on_both_numbers() {
        assert_eq!(
            parse_period("1个月-3月"),
            period(Some(1.0), Some(3.0), Some(Unit::Month), "1个月-3月")
        );
        assert_eq!(
            parse_period("1天至3日"),
            period(Some(1.0), Some(3.0), Some(Unit::Day), "1天至3日")
        );
        assert_eq!(parse_period("1周-3月"), period(None, None, None, "1周-3月"));
        assert_eq!(
            parse_period("1年-6个月"),
            period(None, None, None, "1年-6个月")
        );
        assert_eq!(parse_period("3个月-6"), period(None, None, None, "3个月-6"));
    }

    #[test]
    fn period_approx_and_qualifiers() {
        assert_eq!(
            parse_period("约2周"),
            period(Some(2.0), Some(2.0), Some(Unit::Week), "约2周")
        );
        assert_eq!(
            parse_period("大约1-2年左右"),
            period(Some(1.0), Some(2.0), Some(Unit::Year), "大约1-2年左右")
        );
        assert_eq!(
            parse_period("1个月以上"),
            period(Some(1.0), None, Some(Unit::Month), "1个月以上")
        );
        assert_eq!(
            parse_period("3-6个月以上"),
            period(Some(3.0), None, Some(Unit::Month), "3-6个月以上")
        );
        assert_eq!(
            parse_period("2周左右"),
            period(Some(2.0), Some(2.0), Some(Unit::Week), "2周左右")
        );
        assert_eq!(parse_period("2周以内"), period(None, None, None, "2周以内"));
        assert_eq!(parse_period("2周以下"), period(None, None, None, "2周以下"));
    }

    #[test]
    fn period_fullwidth_digits_and_decimals() {
        assert_eq!(
            parse_period("１-２年"),
            period(Some(1.0), Some(2.0), Some(Unit::Year), "１-２年")
        );
        assert_eq!(
            parse_period("0.5-1.5小时"),
            period(Some(0.5), Some(1.5), Some(Unit::Hour), "0.5-1.5小时")
        );
    }

    #[test]
    fn period_rejects_partial_values() {
        for text in [
            "3",
            "个月",
            "3个月治疗",
            "约 3个月",
            "3 个月",
            "3-6个月-9个月",
            "3个月个月",
            "3-个月",
            "3月份",
        ] {
            assert_eq!(parse_period(text), period(None, None, None, text), "{text}");
        }
    }

    #[test]
    fn period_empty() {
        assert_eq!(parse_period(""), period(None, None, None, ""));
    }

    // ---- cost ----

    #[test]
    fn cost_seed_value() {
        let text = "根据不同医院，收费标准不一致，市三甲医院约（10000――50000元）";
        assert_eq!(parse_cost(text), cost(Some(10000.0), Some(50000.0), text));
    }

    #[test]
    fn cost_single_and_range() {
        assert_eq!(parse_cost("500元"), cost(Some(500.0), Some(500.0), "500元"));
        assert_eq!(
            parse_cost("约3000-5000元左右"),
            cost(Some(3000.0), Some(5000.0), "约3000-5000元左右")
        );
        assert_eq!(
            parse_cost("１０００元"),
            cost(Some(1000.0), Some(1000.0), "１０００元")
        );
        assert_eq!(parse_cost("12.5元"), cost(Some(12.5), Some(12.5), "12.5元"));
    }

    #[test]
    fn cost_every_separator() {
        for sep in SEPARATORS {
            let text = format!("费用100{sep}200元");
            assert_eq!(
                parse_cost(&text),
                cost(Some(100.0), Some(200.0), &text),
                "{sep:?}"
            );
        }
    }

    #[test]
    fn cost_wan() {
        assert_eq!(
            parse_cost("1万元"),
            cost(Some(10000.0), Some(10000.0), "1万元")
        );
        assert_eq!(
            parse_cost("1.5万元"),
            cost(Some(15000.0), Some(15000.0), "1.5万元")
        );
        // Exact: 0.07 * 10000.0 would be 700.0000000000001.
        assert_eq!(
            parse_cost("0.07万元"),
            cost(Some(700.0), Some(700.0), "0.07万元")
        );
        assert_eq!(
            parse_cost("0.0003万元"),
            cost(Some(3.0), Some(3.0), "0.0003万元")
        );
        assert_eq!(
            parse_cost("0.0001万元"),
            cost(Some(1.0), Some(1.0), "0.0001万元")
        );
        assert_eq!(
            parse_cost("1-2万元"),
            cost(Some(10000.0), Some(20000.0), "1-2万元")
        );
        assert_eq!(
            parse_cost("1万-2万元"),
            cost(Some(10000.0), Some(20000.0), "1万-2万元")
        );
        assert_eq!(
            parse_cost("３.５万元"),
            cost(Some(35000.0), Some(35000.0), "３.５万元")
        );
    }

    #[test]
    fn cost_wan_on_first_number_only() {
        assert_eq!(parse_cost("1万-2元"), cost(Some(2.0), Some(2.0), "1万-2元"));
        assert_eq!(parse_cost("1万万元"), cost(None, None, "1万万元"));
        assert_eq!(parse_cost("5万"), cost(None, None, "5万"));
    }

    #[test]
    fn cost_first_of_several() {
        let text = "门诊100元，住院1-2万元";
        assert_eq!(parse_cost(text), cost(Some(100.0), Some(100.0), text));
        let text = "1000元-2000元";
        assert_eq!(parse_cost(text), cost(Some(1000.0), Some(1000.0), text));
    }

    #[test]
    fn cost_failed_first_run_resumes() {
        assert_eq!(
            parse_cost("第2次10元"),
            cost(Some(10.0), Some(10.0), "第2次10元")
        );
        assert_eq!(parse_cost("5-6-7元"), cost(Some(6.0), Some(7.0), "5-6-7元"));
        assert_eq!(
            parse_cost("2020年花费300至500元"),
            cost(Some(300.0), Some(500.0), "2020年花费300至500元")
        );
    }

    #[test]
    fn cost_digit_run_starts() {
        // The `3` continues `1.2.`: no attempt starts there.
        assert_eq!(parse_cost("1.2.3元"), cost(None, None, "1.2.3元"));
        // After a non-digit, `.` does not join: `.5元` is 5 yuan.
        assert_eq!(parse_cost("价.5元"), cost(Some(5.0), Some(5.0), "价.5元"));
        assert_eq!(parse_cost("10.元"), cost(None, None, "10.元"));
    }

    #[test]
    fn cost_no_whitespace_inside() {
        assert_eq!(parse_cost("100 元"), cost(None, None, "100 元"));
        assert_eq!(
            parse_cost("100 -200元"),
            cost(Some(200.0), Some(200.0), "100 -200元")
        );
        assert_eq!(parse_cost("1 万元"), cost(None, None, "1 万元"));
    }

    #[test]
    fn cost_none() {
        assert_eq!(parse_cost("根据病情而定"), cost(None, None, "根据病情而定"));
        assert_eq!(parse_cost("元"), cost(None, None, "元"));
        assert_eq!(parse_cost("100"), cost(None, None, "100"));
        assert_eq!(parse_cost(""), cost(None, None, ""));
    }

    #[test]
    fn cost_overflow_does_not_match() {
        let text = format!("{}元，另5元", "9".repeat(400));
        assert_eq!(parse_cost(&text), cost(Some(5.0), Some(5.0), &text));
        let text = format!("1e300 {}万元", "9".repeat(306));
        assert_eq!(parse_cost(&text), cost(None, None, &text));
    }

    #[test]
    fn cost_adversarial_input_completes() {
        let text = "1-".repeat(100_000);
        assert_eq!(parse_cost(&text), cost(None, None, &text));
        let text = format!("{}1元", "1万-".repeat(100_000));
        assert_eq!(parse_cost(&text), cost(Some(1.0), Some(1.0), &text));
        let text = "1.".repeat(100_000);
        assert_eq!(parse_cost(&text), cost(None, None, &text));
    }

    // ---- owned and serde ----

    #[test]
    fn into_owned_keeps_everything() {
        let text = String::from("3-6个月");
        let owned: Period<'static> = parse_period(&text).into_owned();
        assert_eq!(
            owned,
            period(Some(3.0), Some(6.0), Some(Unit::Month), "3-6个月")
        );
        let owned: Rate<'static> = parse_rate(&text).into_owned();
        assert_eq!(owned, rate(None, None, "3-6个月"));
        let owned: Cost<'static> = parse_cost(&text).into_owned();
        assert_eq!(owned, cost(None, None, "3-6个月"));
    }

    #[test]
    fn serde_field_order_matches_format() {
        let json = serde_json::to_string(&parse_period("3-6个月")).ok();
        assert_eq!(
            json.as_deref(),
            Some(r#"{"low":3.0,"high":6.0,"unit":"month","text":"3-6个月"}"#)
        );
        let json = serde_json::to_string(&parse_rate("0.003%")).ok();
        assert_eq!(
            json.as_deref(),
            Some(r#"{"low":0.003,"high":0.003,"text":"0.003%"}"#)
        );
        let json = serde_json::to_string(&parse_cost("长期")).ok();
        assert_eq!(
            json.as_deref(),
            Some(r#"{"low":null,"high":null,"text":"长期"}"#)
        );
        let back: Option<Period<'static>> =
            serde_json::from_str(r#"{"low":3.0,"high":6.0,"unit":"month","text":"3-6个月"}"#).ok();
        assert_eq!(
            back,
            Some(period(Some(3.0), Some(6.0), Some(Unit::Month), "3-6个月"))
        );
    }
}
