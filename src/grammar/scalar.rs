//! The grammars of the scalar value kinds: [booleans](crate::format#booleans),
//! [rates](crate::format#rates), [periods](crate::format#periods) and
//! [costs](crate::format#costs).
//!
//! This module owns the productions `boolean`, `rate`, `period`, `cost` and
//! `cost_match` with their small pieces (`approx`, `pct`, `unit`, the
//! bounds) and what a match means (bounds applied, `万` scaled). It does not
//! own the value types or what a value that does not match gives (both in
//! [`crate::value`]), nor numbers and range separators (`crate::lex`). No
//! production here names a fault: a value that does not match is not an
//! error in any mode.

use std::convert::Infallible;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::{all_consuming, map, map_opt, opt, value};
use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::multi::many_till;
use nom::sequence::preceded;
use nom::Parser;

use crate::grammar::{offset, Failure};
use crate::lex::{digit_len, is_digit, number, number_text, number_value, range_sep};
use crate::value::Unit;

/// The result of a scalar production; none names a fault.
pub(crate) type PResult<'a, O> = crate::grammar::PResult<&'a str, O, Infallible>;

/// `(low, high)` of a rate, period or cost; `None` for an open end.
type Bounds = (Option<f64>, Option<f64>);

/// `boolean = "是" | "否" ;` — the whole value.
pub(crate) fn boolean(input: &str) -> PResult<'_, bool> {
    all_consuming(alt((value(true, tag("是")), value(false, tag("否"))))).parse(input)
}

/// `approx = "约" | "大约" ;`
fn approx(input: &str) -> PResult<'_, &str> {
    alt((tag("大约"), tag("约"))).parse(input)
}

/// `pct = "%" | "％" ;`
fn pct(input: &str) -> PResult<'_, &str> {
    alt((tag("%"), tag("％"))).parse(input)
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

/// `rate_bound = "以上" | "以下" | "以内" | "左右" ;`
fn rate_bound(input: &str) -> PResult<'_, Bound> {
    alt((
        value(Bound::Above, tag("以上")),
        value(Bound::Below, tag("以下")),
        value(Bound::Below, tag("以内")),
        value(Bound::About, tag("左右")),
    ))
    .parse(input)
}

/// `period_bound = "左右" | "以上" ;`
fn period_bound(input: &str) -> PResult<'_, Bound> {
    alt((
        value(Bound::Above, tag("以上")),
        value(Bound::About, tag("左右")),
    ))
    .parse(input)
}

/// Applies a qualifier to `low` and `high`.
fn bounded(low: f64, high: f64, bound: Option<Bound>) -> Bounds {
    match bound {
        Some(Bound::Above) => (Some(low), None),
        Some(Bound::Below) => (None, Some(high)),
        Some(Bound::About) | None => (Some(low), Some(high)),
    }
}

/// The whole value is a rate:
///
/// ```text
/// rate = [ approx ] number [ pct ] [ range_sep number [ pct ] ] [ rate_bound ] ;
///        (at least one pct)
/// ```
///
/// A single number gives low = high; `以上` clears `high`, `以下`/`以内`
/// clear `low`.
pub(crate) fn rate(input: &str) -> PResult<'_, Bounds> {
    all_consuming(map_opt(
        (
            opt(approx),
            number,
            opt(pct),
            opt((range_sep, number, opt(pct))),
            opt(rate_bound),
        ),
        |(_, low, pct1, range, bound)| {
            let (high, pct2) = match range {
                Some((_, high, pct2)) => (high, pct2.is_some()),
                None => (low, false),
            };
            (pct1.is_some() || pct2).then(|| bounded(low, high, bound))
        },
    ))
    .parse(input)
}

/// `unit = "小时" | "天" | "日" | "周" | "星期" | "个月" | "月" | "年" ;`
/// (`个月` is tried before `月`).
pub(crate) fn unit(input: &str) -> PResult<'_, Unit> {
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

/// The whole value is a period:
///
/// ```text
/// period = [ approx ] number [ unit ] [ range_sep number unit ] [ period_bound ] ;
///          (a unit after the last number, and the same unit on both numbers)
/// ```
///
/// which is `[ approx ] number [ unit ] [ range_sep number ] unit
/// [ period_bound ]` with nom's greedy `opt`: `3个月`, `3-6个月`, `3个月-6个月`
/// (`1个月-3月` agrees: both are [`Unit::Month`]). A single number gives
/// low = high; `以上` clears `high`.
pub(crate) fn period(input: &str) -> PResult<'_, (Bounds, Unit)> {
    all_consuming(map_opt(
        (
            opt(approx),
            number,
            opt(unit),
            opt((range_sep, number, unit)),
            opt(period_bound),
        ),
        |(_, low, first, range, bound)| {
            let (high, unit) = match (first, range) {
                // `3个月`
                (Some(unit), None) => (low, unit),
                // `3-6个月`, `3个月-6个月`
                (None, Some((_, high, unit))) => (high, unit),
                (Some(first), Some((_, high, unit))) if first == unit => (high, unit),
                // `3`, `3-6`, `1周-3月`
                _ => return None,
            };
            Some((bounded(low, high, bound), unit))
        },
    ))
    .parse(input)
}

/// The first cost match of the value, tried only where a maximal digit run
/// starts (a digit not preceded by a digit or by `digit.`):
///
/// ```text
/// cost = run_start { number run_start } cost_match ;   (the first cost_match wins)
/// ```
///
/// `run_start` skips to the next digit-run start; at each one `cost_match`
/// is tried, and when it fails the number there is skipped. Fails when the
/// value has no match (or only matches whose numbers overflow).
///
/// Linear in the length of `value`: each `run_start` reads what it skips
/// once; each attempt reads the first number, at most one `万`, a separator
/// run, a second number and at most two more characters, without
/// backtracking, and the scan then resumes right after the first number,
/// which was read greedily. So the first number's characters are read twice
/// (attempt and skip), and the separator and second number of an attempt
/// at most three times (that attempt, the next `run_start` or the next
/// attempt's first number, and that next attempt's skip): the next attempt
/// cannot start before the second number, since separators and `万` are not
/// digits, and its own tail starts after its greedy first number, so the
/// tails of two attempts never overlap. The only allocation is one short
/// buffer per `万` or full-width conversion, made only after a structural
/// match.
pub(crate) fn cost(value: &str) -> PResult<'_, (f64, f64)> {
    preceded(
        run_start(value),
        map(
            // The skipped numbers are `()`: a `Vec` of them never allocates.
            many_till(map((number_text, run_start(value)), |_| ()), cost_match),
            |(_, found)| found,
        ),
    )
    .parse(value)
}

/// `run_start`: skips to the next maximal digit-run start of `value` (its
/// input is a suffix of `value`, which it looks behind into); yields the
/// text skipped. Fails when there is none.
///
/// Steps over bytes to the next digit (`crate::lex::digit_len`); the two
/// characters before a digit are decoded only there.
fn run_start<'a>(value: &'a str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| {
        let bytes = value.as_bytes();
        let start = offset(&value, &input);
        let mut at = start;
        while let Some(digit) = next_digit(bytes, at) {
            let Some(before) = value.get(..digit) else {
                debug_assert!(false, "a digit starts at a char boundary");
                break;
            };
            let mut before = before.chars().rev();
            let (prev, prev2) = (before.next(), before.next());
            let continues_number =
                prev.is_some_and(is_digit) || (prev == Some('.') && prev2.is_some_and(is_digit));
            if !continues_number {
                return match input.split_at_checked(digit - start) {
                    Some((skipped, rest)) => Ok((rest, skipped)),
                    None => {
                        debug_assert!(false, "a digit starts at a char boundary");
                        break;
                    }
                };
            }
            at = digit + digit_len(bytes, digit);
        }
        Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Digit,
        )))
    }
}

/// One cost at the start of the input, in yuan:
///
/// ```text
/// cost_match = number [ "万" ] [ range_sep number ] [ "万" ] "元" ;
/// ```
///
/// with no whitespace inside. `万元` multiplies both ends of a range by
/// 10 000, and the `万` may also stand on the first number (`1万-2万元`); a
/// `万` on the first number alone (`1万-2元`) or twice (`1万万元`) is no
/// match. A single number gives low = high. Numbers that overflow are no
/// match either.
pub(crate) fn cost_match(input: &str) -> PResult<'_, (f64, f64)> {
    map_opt(
        (
            number_text,
            opt(tag("万")),
            opt(preceded(range_sep, number_text)),
            opt(tag("万")),
            tag("元"),
        ),
        |(first, wan1, second, wan2, _)| {
            let yuan = |digits: &str, wan: bool| number_value(digits, if wan { 4 } else { 0 });
            match (wan1.is_some(), second, wan2.is_some()) {
                // `5元`
                (false, None, false) => yuan(first, false).map(|n| (n, n)),
                // `5万元` (the `万` is read by whichever `opt` comes first)
                (true, None, false) | (false, None, true) => yuan(first, true).map(|n| (n, n)),
                // `5-6元`
                (false, Some(second), false) => Some((yuan(first, false)?, yuan(second, false)?)),
                // `5-6万元`, `5万-6万元`
                (_, Some(second), true) => Some((yuan(first, true)?, yuan(second, true)?)),
                // `5万万元`, `5万-6元`
                (true, None, true) | (true, Some(_), false) => None,
            }
        },
    )
    .parse(input)
}

/// Where the first digit at or after `at` starts in `bytes` (the UTF-8
/// of a `&str`, `at` a char boundary), if one does.
///
/// A lead byte `E0`–`EE` opens a three-byte character that is no digit
/// (the fullwidth digits open with `EF`), whose two continuation bytes
/// open none either: it is stepped over at once. Every other byte is
/// tried with `digit_len`, as the search once tried them all.
#[inline]
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&byte) = bytes.get(at) {
        match byte {
            0xE0..=0xEE => at += 3,
            _ if digit_len(bytes, at) > 0 => return Some(at),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_start_skips_digits_that_continue_a_number() {
        let value = "1.2.3元 x4";
        let skip = run_start(value);
        assert_eq!(skip(value), Ok((value, "")));
        // After `1.2`, the `3` continues it (`2.3`); the next start is `4`.
        let after = value.get(3..).unwrap_or_default();
        assert_eq!(skip(after), Ok(("4", ".3元 x")));
        assert!(skip("").is_err());
    }

    #[test]
    fn next_digit_agrees_with_trying_every_byte() {
        let texts = [
            "",
            "元",
            "约5000元",
            "１２３万",
            "（5000——10000元）",
            "a１b",
            "😀9",
            "é8",
            "\u{e000}7",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let every = (at..bytes.len()).find(|&at| digit_len(bytes, at) > 0);
                assert_eq!(next_digit(bytes, at), every, "{text:?} from {at}");
            }
        }
    }

    #[test]
    fn cost_match_needs_yuan_at_the_start() {
        assert_eq!(cost_match("5元x"), Ok(("x", (5.0, 5.0))));
        assert!(cost_match("x5元").is_err());
        assert!(cost_match("1万-2元").is_err());
    }
}
