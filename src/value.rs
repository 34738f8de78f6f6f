//! Scalar value kinds (FORMAT.md §3): **bool**, **rate**, **period** and
//! **cost**.
//!
//! This module turns one field's value — a single `&str` whose trailing
//! whitespace the caller has already removed — into a typed value. It owns
//! nothing else: it does not know labels, lines, records, positions or
//! warnings, and the other kinds (**list** in [`crate::list`], **causes**,
//! **drugs**) and plain text live elsewhere. Shared atoms (whitespace, numbers, range separators) come
//! from `crate::lex`.
//!
//! Rates, periods and costs never fail: a value that does not fit the grammar
//! keeps its `text` (always the whole value as given, borrowed) and reports
//! `None` for its numbers. Numbers that overflow to infinity never match.
//!
//! # Decisions where FORMAT.md is silent
//!
//! - **No trimming.** Only the whole value is matched, so inner or leading
//!   whitespace (`约 5%`) makes a rate or period unparsable.
//! - **Full-width `％`** is accepted wherever `%` is.
//! - **Ranges are reported as written**, never reordered: `10-5%` gives
//!   low 10, high 5.
//! - **Bounds on ranges.** `以上` clears `high`, `以下`/`以内` clear `low`, also
//!   after a range (`5-10%以上` → low 5, high `None`). Periods accept only
//!   `左右` and `以上`, as FORMAT.md lists.
//! - **Period units agree** when both name the same [`Unit`], so `1个月-3月`
//!   is a month range. A unit only on the first number (`3个月-6`) or no unit
//!   at all (`3-6`) parses as nothing.
//! - **Cost and 万.** `万元` multiplies both ends of a range by 10 000; the
//!   `万` may also be repeated on the first number (`1万-2万元` → 10 000 and
//!   20 000). A `万` on the first number alone (`1万-2元`) is not a range: the
//!   attempt at `1` fails and the scan finds `2元` (2 and 2), exactly what the
//!   literal FORMAT.md grammar gives. The scaling is exact: the decimal text
//!   is read with an `e4` exponent, so `0.07万元` is `700.0`, not the
//!   `700.0000000000001` that multiplying by 10 000 would give.
//! - **Cost match positions.** A match is only tried where a maximal digit
//!   run starts (a digit not preceded by a digit or by `digit.`). So
//!   `1000元-2000元` is 1000 and 1000 (the first match), `5-6-7元` is 6 and 7
//!   (the match at `5` fails at the second `-`, the one at `6` succeeds), and
//!   `1.2.3元` has no match (the `3` continues `1.2.`).

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{all_consuming, opt, value};
use nom::{IResult, Parser};

use crate::lex::{digit_len, is_digit, number, number_text, range_sep};

/// A rate in percent units (`0.003%` → low = high = 0.003), from
/// [`parse_rate`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Rate<'a> {
    /// Lower bound in percent; `None` when open (`以下`) or unparsed.
    pub low: Option<f64>,
    /// Upper bound in percent; `None` when open (`以上`) or unparsed.
    pub high: Option<f64>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

/// A duration or duration range (`3-6个月`), from [`parse_period`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Period<'a> {
    /// Lower bound, in `unit`s; `None` when unparsed.
    pub low: Option<f64>,
    /// Upper bound, in `unit`s; `None` when open (`以上`) or unparsed.
    pub high: Option<f64>,
    /// The unit of both bounds; `None` when unparsed.
    pub unit: Option<Unit>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

/// The unit of a [`Period`]. Serialises as its lowercase English word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// `小时`.
    Hour,
    /// `天` or `日`.
    Day,
    /// `周` or `星期`.
    Week,
    /// `个月` or `月`.
    Month,
    /// `年`.
    Year,
}

impl Unit {
    /// The English word used in JSON: `"hour"`, `"day"`, `"week"`, `"month"`
    /// or `"year"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

/// A cost or cost range in yuan (`10000――50000元`), from [`parse_cost`].
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cost<'a> {
    /// Lower bound in yuan; `None` when no cost was found.
    pub low: Option<f64>,
    /// Upper bound in yuan; `None` when no cost was found.
    pub high: Option<f64>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

impl Rate<'_> {
    /// The same rate with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Rate<'static> {
        Rate {
            low: self.low,
            high: self.high,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

impl Period<'_> {
    /// The same period with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Period<'static> {
        Period {
            low: self.low,
            high: self.high,
            unit: self.unit,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

impl Cost<'_> {
    /// The same cost with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Cost<'static> {
        Cost {
            low: self.low,
            high: self.high,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

/// Reads a **bool** value: exactly `是` → `Some(true)`, exactly `否` →
/// `Some(false)`; anything else, the empty value included, → `None` (the
/// caller decides whether that is an error or a warning).
pub fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    }
}

/// A qualifier after the numbers of a rate or period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// `以上`: no upper bound.
    Above,
    /// `以下` or `以内`: no lower bound.
    Below,
    /// `左右`: both bounds kept.
    About,
}

/// `约` or `大约`.
fn approx(input: &str) -> IResult<&str, &str> {
    alt((tag("大约"), tag("约"))).parse(input)
}

/// `%` or full-width `％`.
fn percent(input: &str) -> IResult<&str, &str> {
    alt((tag("%"), tag("％"))).parse(input)
}

/// Applies a qualifier to `(low, high)`.
fn bounded(low: f64, high: f64, bound: Option<Bound>) -> (Option<f64>, Option<f64>) {
    match bound {
        Some(Bound::Above) => (Some(low), None),
        Some(Bound::Below) => (None, Some(high)),
        Some(Bound::About) | None => (Some(low), Some(high)),
    }
}

/// The rate grammar; yields `(low, high)` before the percent check.
/// The `bool` is whether any `%` was present.
fn rate_grammar(input: &str) -> IResult<&str, (f64, f64, bool, Option<Bound>)> {
    let qualifier = alt((
        value(Bound::Above, tag("以上")),
        value(Bound::Below, tag("以下")),
        value(Bound::Below, tag("以内")),
        value(Bound::About, tag("左右")),
    ));
    all_consuming((
        opt(approx),
        number,
        opt(percent),
        opt((range_sep, number, opt(percent))),
        opt(qualifier),
    ))
    .map(|(_, low, pct1, range, bound)| match range {
        Some((_, high, pct2)) => (low, high, pct1.is_some() || pct2.is_some(), bound),
        None => (low, low, pct1.is_some(), bound),
    })
    .parse(input)
}

/// Reads a **rate** value. It parses only when the whole value is
///
/// ```text
/// rate      = [ "约" | "大约" ] NUMBER [ PCT ] [ SEP NUMBER [ PCT ] ] [ qualifier ]
/// PCT       = "%" | "％"          (at least one must be present)
/// qualifier = "以上" | "以下" | "以内" | "左右"
/// ```
///
/// where NUMBER is ASCII or full-width digits with an optional `.` decimal
/// part (`crate::lex::number`) and SEP is a run of range separator
/// characters (`crate::lex::range_sep`). A single number gives low = high; `以上` clears
/// `high`; `以下`/`以内` clear `low`. Anything else (`不易治愈`, the empty
/// value, `约 5%` with inner whitespace) gives `None` for both numbers.
pub fn parse_rate(value: &str) -> Rate<'_> {
    let (low, high) = match rate_grammar(value) {
        Ok((_, (low, high, true, bound))) => bounded(low, high, bound),
        _ => (None, None),
    };
    Rate {
        low,
        high,
        text: Cow::Borrowed(value),
    }
}

/// A period unit word. `个月` is tried before `月`.
fn unit(input: &str) -> IResult<&str, Unit> {
    alt((
        value(Unit::Month, tag("个月")),
        value(Unit::Month, tag("月")),
        value(Unit::Day, tag("天")),
        value(Unit::Day, tag("日")),
        value(Unit::Week, tag("星期")),
        value(Unit::Week, tag("周")),
        value(Unit::Year, tag("年")),
        value(Unit::Hour, tag("小时")),
    ))
    .parse(input)
}

/// The period grammar, before the unit-agreement check: `(low, first unit,
/// (high, second unit), qualifier)`.
type PeriodParts = (f64, Option<Unit>, Option<(f64, Unit)>, Option<Bound>);

fn period_grammar(input: &str) -> IResult<&str, PeriodParts> {
    let qualifier = alt((
        value(Bound::Above, tag("以上")),
        value(Bound::About, tag("左右")),
    ));
    all_consuming((
        opt(approx),
        number,
        opt(unit),
        opt((range_sep, number, unit)),
        opt(qualifier),
    ))
    .map(|(_, low, unit1, range, bound)| (low, unit1, range.map(|(_, high, u)| (high, u)), bound))
    .parse(input)
}

/// Reads a **period** value. It parses only when the whole value is
///
/// ```text
/// period    = [ "约" | "大约" ] NUMBER [ UNIT ] [ SEP NUMBER ] UNIT [ "左右" | "以上" ]
/// UNIT      = "小时" | "天" | "日" | "周" | "星期" | "个月" | "月" | "年"
/// ```
///
/// i.e. `3个月`, `3-6个月` or `3个月-6个月`; when both numbers carry a unit
/// the two must be the same [`Unit`] (`1个月-3月` agrees, `1周-3月` does not).
/// A single number gives low = high; `以上` clears `high`. Anything else
/// (`长期`, `根据病情而定`, `3-6`, `3个月-6`, the empty value) gives `None`
/// for `low`, `high` and `unit`.
pub fn parse_period(value: &str) -> Period<'_> {
    let parsed = match period_grammar(value) {
        // `3个月`
        Ok((_, (low, Some(u), None, bound))) => Some((low, low, u, bound)),
        // `3-6个月`, `3个月-6个月`
        Ok((_, (low, first, Some((high, u)), bound))) if first.is_none() || first == Some(u) => {
            Some((low, high, u, bound))
        }
        _ => None,
    };
    match parsed {
        Some((low, high, u, bound)) => {
            let (low, high) = bounded(low, high, bound);
            Period {
                low,
                high,
                unit: Some(u),
                text: Cow::Borrowed(value),
            }
        }
        None => Period {
            text: Cow::Borrowed(value),
            ..Period::default()
        },
    }
}

/// Reads a **cost** value: the first match anywhere in the value of
///
/// ```text
/// cost = NUMBER "元"
///      | NUMBER "万元"                        (× 10 000)
///      | NUMBER SEP NUMBER "元"
///      | NUMBER [ "万" ] SEP NUMBER "万元"    (both × 10 000)
/// ```
///
/// with no whitespace inside the match, tried only where a maximal digit run
/// starts. A single number gives low = high. No match (or only matches whose
/// numbers overflow) gives `None` for both. Runs in time linear in the
/// length of the value.
pub fn parse_cost(value: &str) -> Cost<'_> {
    let (low, high) = match find_cost(value) {
        Some((low, high)) => (Some(low), Some(high)),
        None => (None, None),
    };
    Cost {
        low,
        high,
        text: Cow::Borrowed(value),
    }
}

/// Scans `value` for the first cost match.
///
/// Linearity: the loop visits each character outside an attempted first
/// number once. At each digit-run start it makes one attempt
/// ([`cost_at`]), which reads the first number, at most one `万`, a
/// separator run, a second number and at most three more characters, all
/// without backtracking; afterwards the scan resumes right after the first
/// number, which was read greedily. So the first number's characters are read
/// twice (attempt + skip), and the separator and second number of an attempt
/// are read at most three times (by that attempt, by the scan loop or as the
/// first number of the next attempt, and by that next attempt's skip): the
/// next attempt cannot start before the second number, since separators and
/// `万` are not digits, and its own tail starts after its greedy first
/// number, so the tails of two attempts never overlap. Every character is
/// therefore read O(1) times. The only allocation is one short buffer per
/// `万` conversion, bounded by the length of the numbers converted, and made
/// only after a structural match.
///
/// The scan steps over bytes to the next digit ([`digit_len`]); the two
/// characters before a digit are decoded only there.
fn find_cost(value: &str) -> Option<(f64, f64)> {
    let bytes = value.as_bytes();
    let mut at = 0;
    while let Some(digit) = next_digit(bytes, at) {
        let mut before = value.get(..digit).unwrap_or_default().chars().rev();
        let (prev, prev2) = (before.next(), before.next());
        let continues_number =
            prev.is_some_and(is_digit) || (prev == Some('.') && prev2.is_some_and(is_digit));
        if continues_number {
            at = digit + digit_len(bytes, digit);
            continue;
        }
        let rest = value.get(digit..).unwrap_or_default();
        if let Some(found) = cost_at(rest) {
            return Some(found);
        }
        // Resume after the first number (it always parses: `rest` opens
        // with a digit).
        let Ok((after, _)) = number_text(rest) else {
            return None;
        };
        at = value.len() - after.len();
    }
    None
}

/// Byte offset of the first digit at or after `from`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    (from..bytes.len()).find(|&at| digit_len(bytes, at) > 0)
}

/// The cost grammar at one position: `(first number, 万 on it, (second
/// number), 万 before 元)`.
type CostParts<'a> = (&'a str, bool, Option<&'a str>, bool);

fn cost_grammar(input: &str) -> IResult<&str, CostParts<'_>> {
    (
        number_text,
        opt(tag("万")),
        opt((range_sep, number_text)),
        opt(tag("万")),
        tag("元"),
    )
        .map(|(first, wan1, range, wan2, _)| {
            (first, wan1.is_some(), range.map(|(_, n)| n), wan2.is_some())
        })
        .parse(input)
}

/// Tries a cost match at the start of `input` (a digit-run start); returns
/// `(low, high)` in yuan.
fn cost_at(input: &str) -> Option<(f64, f64)> {
    let (_, (first, wan1, second, wan2)) = cost_grammar(input).ok()?;
    match (wan1, second, wan2) {
        // `5元`
        (false, None, false) => {
            let n = yuan(first, false)?;
            Some((n, n))
        }
        // `5万元` (the `万` is read by whichever `opt` comes first)
        (true, None, false) | (false, None, true) => {
            let n = yuan(first, true)?;
            Some((n, n))
        }
        // `5-6元`
        (false, Some(second), false) => Some((yuan(first, false)?, yuan(second, false)?)),
        // `5-6万元`, `5万-6万元`
        (_, Some(second), true) => Some((yuan(first, true)?, yuan(second, true)?)),
        // `5万万元`, `5万-6元`
        (true, None, true) | (true, Some(_), false) => None,
    }
}

/// Converts the text of a number (as matched by [`number_text`]) to a finite
/// amount in yuan, times 10 000 when `wan`. The scaled value is read from
/// the decimal text with an `e4` exponent, so it is the correctly rounded
/// value of the exact product.
fn yuan(digits: &str, wan: bool) -> Option<f64> {
    if !wan {
        return match number(digits) {
            Ok(("", n)) => Some(n),
            _ => None,
        };
    }
    let mut ascii = String::with_capacity(digits.len() + 2);
    for c in digits.chars() {
        let a = match c {
            '０'..='９' => char::from_digit(u32::from(c) - u32::from('０'), 10)?,
            other => other,
        };
        ascii.push(a);
    }
    ascii.push_str("e4");
    ascii.parse::<f64>().ok().filter(|n| n.is_finite())
}

// ---------------------------------------------------------------------------
// The way back: values as text.

/// The text of a **bool** value, as the canonical writer writes it: `是`
/// for `true`, `否` for `false` ([`parse_bool`] reads it back).
///
/// ```
/// use jibing::value::{bool_text, parse_bool};
/// assert_eq!(bool_text(true), "是");
/// assert_eq!(parse_bool(bool_text(false)), Some(false));
/// ```
pub const fn bool_text(value: bool) -> &'static str {
    if value {
        "是"
    } else {
        "否"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
