//! The productions of the scalar value kinds: [booleans](crate::format#booleans),
//! [numbers and ranges](crate::format#numbers-and-ranges),
//! [rates](crate::format#rates), [periods](crate::format#periods) and
//! [costs](crate::format#costs). None names a fault: a value that does not
//! match keeps its text.

use std::borrow::Cow;
use std::convert::Infallible;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::combinator::{all_consuming, map, map_opt, opt, recognize, value};
use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::multi::many_till;
use nom::sequence::preceded;
use nom::Parser;

use super::{offset, split_at, Failure};
use crate::model::value::{Cost, Period, Rate, Unit};
use crate::scan::{digit_len, digit_run, is_digit, is_range_sep, next_digit, number_value};

/// The result of a scalar production; none names a fault.
pub(crate) type PResult<'a, O> = super::PResult<&'a str, O, Infallible>;

/// `(low, high)` of a rate, period or cost; `None` for an open end.
type Bounds = (Option<f64>, Option<f64>);

/// ```text
/// number = digit { digit } [ "." digit { digit } ] ;
/// ```
pub(crate) fn number_text(input: &str) -> PResult<'_, &str> {
    let bytes = input.as_bytes();
    let whole = digit_run(bytes);
    if whole == 0 {
        return Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Digit,
        )));
    }
    let fraction = match bytes.get(whole..) {
        Some([b'.', rest @ ..]) => digit_run(rest),
        _ => 0,
    };
    let end = if fraction > 0 {
        whole + 1 + fraction
    } else {
        whole
    };
    let (number, rest) = split_at(input, end);
    Ok((rest, number))
}

/// A [`number_text`] as an `f64`; a number that overflows is no number.
pub(crate) fn number(input: &str) -> PResult<'_, f64> {
    map_opt(number_text, |digits| number_value(digits, 0)).parse(input)
}

/// `range_sep = sep_char { sep_char } ;`
pub(crate) fn range_sep(input: &str) -> PResult<'_, &str> {
    recognize(take_while1(is_range_sep)).parse(input)
}

/// `boolean = "是" | "否" ;`
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

/// ```text
/// rate       = [ approx ] number [ pct ] [ range_sep number [ pct ] ] [ rate_bound ] ;
/// ```
///
/// The whole value, with at least one `pct`.
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

/// ```text
/// period       = [ approx ] number [ unit ] [ range_sep number ] unit [ period_bound ] ;
/// ```
///
/// The whole value; with nom's greedy `opt` the last `unit` is read with the
/// second number, and two units must name the same [`Unit`].
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

/// ```text
/// cost       = { char } [ cost_match { char } ] ;
/// ```
///
/// The first `cost_match`, tried only where a digit run starts: each
/// attempt reads a bounded tail past its greedy first number, so the scan
/// is linear.
pub(crate) fn cost(value: &str) -> PResult<'_, (f64, f64)> {
    preceded(
        run_start(value),
        map(
            many_till(map((number_text, run_start(value)), |_| ()), cost_match),
            |(_, found)| found,
        ),
    )
    .parse(value)
}

/// `run_start`: skips to the next start of a maximal digit run of `value`
/// (a digit not preceded by a digit or by `digit.`), looking behind its
/// input, a suffix of `value`. Fails when there is none.
fn run_start<'a>(value: &'a str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| {
        let bytes = value.as_bytes();
        let start = offset(&value, &input);
        let mut at = start;
        while let Some(digit) = next_digit(bytes, at) {
            let (before, _) = split_at(value, digit);
            let mut before = before.chars().rev();
            let (prev, prev2) = (before.next(), before.next());
            let continues_number =
                prev.is_some_and(is_digit) || (prev == Some('.') && prev2.is_some_and(is_digit));
            if !continues_number {
                let (skipped, rest) = split_at(input, digit - start);
                return Ok((rest, skipped));
            }
            at = digit + bytes.get(digit..).map_or(1, digit_len);
        }
        Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Digit,
        )))
    }
}

/// ```text
/// cost_match = number [ "万" ] [ range_sep number ] [ "万" ] "元" ;
/// ```
///
/// In yuan; no `万` on the first number alone, nor two without a range.
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

/// A bool value, `None` when it is neither `是` nor `否`.
pub(crate) fn read_bool(text: &str) -> Option<bool> {
    boolean(text).ok().map(|(_, yes)| yes)
}

/// A rate value; its numbers are `None` when it does not match.
pub(crate) fn read_rate(text: &str) -> Rate<'_> {
    let (low, high) = rate(text).map_or((None, None), |(_, bounds)| bounds);
    let text = Cow::Borrowed(text);
    Rate { low, high, text }
}

/// A period value; its numbers and unit are `None` when it does not match.
pub(crate) fn read_period(text: &str) -> Period<'_> {
    let ((low, high), unit) = match period(text) {
        Ok((_, (bounds, unit))) => (bounds, Some(unit)),
        Err(_) => ((None, None), None),
    };
    let text = Cow::Borrowed(text);
    Period {
        low,
        high,
        unit,
        text,
    }
}

/// A cost value; its numbers are `None` when it holds no match.
pub(crate) fn read_cost(text: &str) -> Cost<'_> {
    let (low, high) = match cost(text) {
        Ok((_, (low, high))) => (Some(low), Some(high)),
        Err(_) => (None, None),
    };
    let text = Cow::Borrowed(text);
    Cost { low, high, text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::tag;
    use nom::combinator::opt;
    use nom::error::Error as NomError;
    use nom::IResult;

    use crate::scan::is_digit;

    #[test]
    fn numbers_ascii_fullwidth_and_decimal() {
        assert_eq!(number("0.003%"), Ok(("%", 0.003)));
        assert_eq!(number("１２．5"), Ok(("．5", 12.0)));
        assert_eq!(number("３.５万"), Ok(("万", 3.5)));
        assert_eq!(number("10."), Ok((".", 10.0)));
        assert!(number("abc").is_err());
        assert!(number(".5").is_err());
    }

    /// The byte scanner against the nom expression of the rule.
    fn number_text_nom(input: &str) -> IResult<&str, &str, NomError<&str>> {
        recognize((
            take_while1(is_digit),
            opt(preceded(tag("."), take_while1(is_digit))),
        ))
        .parse(input)
    }

    #[test]
    fn number_text_agrees_with_the_nom_expression() {
        let pieces = [
            "0", "9", "１", "９", "０", ".", "．", "a", "万", "\u{ff1a}", "\u{ff0f}", "\u{ff20}",
            "%", "", "\u{3000}", "¢",
        ];
        // Every string of up to four pieces.
        let mut inputs = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            inputs.extend(longer);
        }
        for input in &inputs {
            assert_eq!(
                number_text(input).ok(),
                number_text_nom(input).ok(),
                "{input:?}"
            );
        }
    }

    #[test]
    fn overflowing_numbers_are_rejected() {
        let huge = "9".repeat(400);
        assert!(number(&huge).is_err());
    }

    #[test]
    fn separators_cover_every_listed_character() {
        for sep in [
            "-", "‐", "–", "—", "―", "－", "~", "～", "〜", "至", "到", "――",
        ] {
            assert_eq!(range_sep(sep), Ok(("", sep)), "{sep:?}");
        }
        assert!(range_sep("+").is_err());
    }

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
    fn cost_match_needs_yuan_at_the_start() {
        assert_eq!(cost_match("5元x"), Ok(("x", (5.0, 5.0))));
        assert!(cost_match("x5元").is_err());
        assert!(cost_match("1万-2元").is_err());
    }
}
