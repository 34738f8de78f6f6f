//! Lexical atoms shared by every value grammar: the format's notion of
//! whitespace, the stop characters of the causes and name rules, numbers
//! (ASCII and full-width digits) and range separators.
//!
//! This module owns only character classes and the smallest parsers built on
//! them. It knows nothing about labels, records or value kinds.

use std::borrow::Cow;

use nom::bytes::complete::take_while1;
use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::{IResult, Parser};

use crate::grammar::line;

/// Whitespace as the format defines it
/// ([format reference: records and lines](crate::format#records-and-lines)):
/// ASCII space, tab, U+00A0 (NBSP) and U+3000 (ideographic space). Nothing
/// else — in particular not `\r`, which only ever appears as part of a
/// `\r\n` line ending. The grammar's `ws` leaf
/// ([`line::ws_len`]) matches the same four characters as bytes.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// A sentence or clause stop: `。！？；!?;：:`. It ends a disease name
/// ([format reference: the disease name](crate::format#the-disease-name))
/// and a causes item name
/// ([format reference: causes](crate::format#causes)).
#[inline]
pub(crate) fn is_clause_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '：' | ':')
}

/// A comma or enumeration comma: `，,、`. It ends a causes item name but
/// may stand inside a disease name (`胃、十二指肠溃疡出血`).
#[inline]
pub(crate) fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',' | '、')
}

/// The stop characters of a causes item name: a [clause stop](is_clause_stop)
/// or a [comma](is_comma), without the ASCII `.` (whose status depends on
/// its neighbours, see [format reference: causes](crate::format#causes)).
#[inline]
pub(crate) fn is_stop_char(c: char) -> bool {
    is_clause_stop(c) || is_comma(c)
}

/// Whether `lead` is the lead byte (`E4`–`E9`) of a character in
/// U+4000–U+9FFF, the common CJK ideographs. None of them is whitespace, a
/// stop character, `.` or a digit, so the name scans step over them without
/// decoding (a unit test checks every one).
#[inline]
pub(crate) fn is_ideograph_lead(lead: u8) -> bool {
    matches!(lead, 0xE4..=0xE9)
}

/// An ASCII digit or a full-width digit `０`–`９`.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A character that can make up a range separator run (`-` `‐` `–` `—` `―`
/// `－` `~` `～` `〜`, `至`, `到`).
#[inline]
pub(crate) fn is_range_sep(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{FF0D}'
            | '~'
            | '\u{FF5E}'
            | '\u{301C}'
            | '至'
            | '到'
    )
}

/// Length in bytes of the [whitespace](is_space) character that starts at
/// `bytes[at..]`, 0 when none does: the grammar's `ws` leaf
/// ([`line::ws_len`], which explains why bytes suffice).
#[inline]
pub(crate) fn space_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..) {
        Some(rest) => line::ws_len(rest),
        None => {
            debug_assert!(false, "offset {at} past the end of {} bytes", bytes.len());
            0
        }
    }
}

/// Byte offset of the first [whitespace](is_space) character of `value`,
/// or its length when there is none ([`line::ws_start`]: a label
/// or list item is found without decoding its characters).
#[inline]
pub(crate) fn space_start(value: &str) -> usize {
    line::ws_start(value.as_bytes())
}

/// `value` without trailing [whitespace](is_space).
#[inline]
pub(crate) fn trim_end_space(value: &str) -> &str {
    let end = value.len() - line::trailing_ws_len(value.as_bytes());
    line::str_at(value, 0..end)
}

/// `value` without leading [whitespace](is_space).
#[inline]
pub(crate) fn trim_start_space(value: &str) -> &str {
    let start = line::leading_ws_len(value.as_bytes());
    line::str_at(value, start..value.len())
}

/// Length in bytes of the [digit](is_digit) that starts at `bytes[at..]`,
/// 0 when none does (also at or past the end: the number scanner looks for
/// a fraction one byte past the integer part). An ASCII digit is one byte; `０`–`９` (U+FF10–U+FF19)
/// are `EF BC 90`–`EF BC 99`, whose `EF` is a lead byte, so in valid UTF-8 a
/// match is a whole character at a char boundary.
#[inline]
pub(crate) fn digit_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..) {
        Some([b'0'..=b'9', ..]) => 1,
        Some([0xEF, 0xBC, 0x90..=0x99, ..]) => 3,
        _ => 0,
    }
}

/// Byte length of the run of [digits](is_digit) that opens `bytes[at..]`.
#[inline]
fn digit_run(bytes: &[u8], at: usize) -> usize {
    let mut end = at;
    loop {
        match digit_len(bytes, end) {
            0 => return end - at,
            n => end += n,
        }
    }
}

/// The text of a number: `DIGITS ("." DIGITS)?`, where a digit is ASCII or
/// full-width. The decimal point is the ASCII `.` only.
///
/// Written on bytes ([`digit_len`]) rather than as the nom expression
/// `recognize((take_while1(is_digit), opt(preceded(tag("."),
/// take_while1(is_digit)))))`, which it matches exactly (a unit test
/// checks both): numbers are read in every tag, rate, period and cost, and
/// the combinators decoded each character.
pub(crate) fn number_text<'a, E: ParseError<&'a str>>(
    input: &'a str,
) -> IResult<&'a str, &'a str, E> {
    let bytes = input.as_bytes();
    let whole = digit_run(bytes, 0);
    if whole == 0 {
        return Err(nom::Err::Error(E::from_error_kind(
            input,
            NomErrorKind::TakeWhile1,
        )));
    }
    let end = match (bytes.get(whole), digit_run(bytes, whole + 1)) {
        (Some(b'.'), fraction) if fraction > 0 => whole + 1 + fraction,
        _ => whole,
    };
    match input.split_at_checked(end) {
        Some((number, rest)) => Ok((rest, number)),
        None => {
            // `end` follows whole digits, each a whole character.
            debug_assert!(
                false,
                "number end {end} is not a char boundary of {input:?}"
            );
            Err(nom::Err::Error(E::from_error_kind(
                input,
                NomErrorKind::TakeWhile1,
            )))
        }
    }
}

/// A [number](number_text) as an `f64`. Fails (without consuming) when the
/// digits overflow to infinity, so every number this crate reports is finite.
pub(crate) fn number<'a, E: ParseError<&'a str>>(input: &'a str) -> IResult<&'a str, f64, E> {
    let (rest, digits) = number_text(input)?;
    match number_value(digits, 0) {
        Some(n) => Ok((rest, n)),
        None => Err(nom::Err::Error(E::from_error_kind(
            input,
            NomErrorKind::Float,
        ))),
    }
}

/// The value of the text matched by [`number_text`] times `10^exponent`,
/// when finite. The scaled value is read from the decimal text with an
/// exponent, so it is the correctly rounded value of the exact product
/// (`0.07` × 10⁴ is `700.0`, not the `700.0000000000001` of a float
/// multiplication). ASCII text without exponent is parsed in place; only
/// full-width digits or an exponent need a short translated copy.
pub(crate) fn number_value(digits: &str, exponent: u8) -> Option<f64> {
    match exact_value(digits, exponent) {
        Some(n) => Some(n),
        None => parsed_value(digits, exponent),
    }
}

/// [`number_value`] when it takes one exact operation (Clinger's fast
/// path): ASCII text of at most 15 digits is an integer `m` below 2^53
/// and the value is `m × 10^e` for `e` = `exponent` less the fraction's
/// digits; when `|e| ≤ 22`, `10^|e|` is exact too, and one multiplication
/// or division of two exact values is the correctly rounded value of the
/// exact result: what [`parsed_value`] gives, without its parsing (a third
/// of the cost of a percentage tag). `None` for any other text.
#[inline]
fn exact_value(digits: &str, exponent: u8) -> Option<f64> {
    /// `10^0` to `10^22`, each exact in an `f64`.
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    const MAX_DIGITS: usize = 15;
    let (mut mantissa, mut count, mut scale, mut point) =
        (0u64, 0usize, i32::from(exponent), false);
    for &byte in digits.as_bytes() {
        match byte {
            b'0'..=b'9' if count < MAX_DIGITS => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                count += 1;
                scale -= i32::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let power = *POWERS.get(usize::try_from(scale.unsigned_abs()).ok()?)?;
    // `mantissa` < 10^15 < 2^53: exact as an `f64`.
    let mantissa = mantissa as f64;
    Some(if scale < 0 {
        mantissa / power
    } else {
        mantissa * power
    })
}

/// [`number_value`] by std's parser: the digits as ASCII text with the
/// exponent, parsed (correctly rounded).
fn parsed_value(digits: &str, exponent: u8) -> Option<f64> {
    let text: Cow<'_, str> = if digits.is_ascii() && exponent == 0 {
        Cow::Borrowed(digits)
    } else {
        let mut ascii = String::with_capacity(digits.len() + 4);
        ascii.extend(digits.chars().map(|c| match c {
            // `c - '０'` is 0 to 9 here.
            '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
            other => other,
        }));
        if exponent != 0 {
            ascii.push('e');
            ascii.push_str(&exponent.to_string());
        }
        Cow::Owned(ascii)
    };
    match text.parse::<f64>() {
        Ok(n) => n.is_finite().then_some(n),
        Err(_) => {
            debug_assert!(false, "{digits:?} is the text of a number");
            None
        }
    }
}

/// A range separator: a run of one or more [separator characters](is_range_sep).
pub(crate) fn range_sep<'a, E: ParseError<&'a str>>(
    input: &'a str,
) -> IResult<&'a str, &'a str, E> {
    take_while1(is_range_sep).parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::tag;
    use nom::combinator::{opt, recognize};
    use nom::error::Error as NomError;
    use nom::sequence::preceded;

    fn number(input: &str) -> IResult<&str, f64> {
        super::number(input)
    }

    fn number_text(input: &str) -> IResult<&str, &str> {
        super::number_text(input)
    }

    fn range_sep(input: &str) -> IResult<&str, &str> {
        super::range_sep(input)
    }

    #[test]
    fn numbers_ascii_fullwidth_and_decimal() {
        assert_eq!(number("0.003%"), Ok(("%", 0.003)));
        assert_eq!(number("１２．5"), Ok(("．5", 12.0)));
        assert_eq!(number("３.５万"), Ok(("万", 3.5)));
        assert_eq!(number("10."), Ok((".", 10.0)));
        assert!(number("abc").is_err());
        assert!(number(".5").is_err());
    }

    /// The fast path gives what std's parser gives, bit for bit, wherever
    /// it answers: every digit string of up to 17 digits drawn from a
    /// fixed generator, with and without a fraction, scaled by 1 and 10⁴,
    /// and the fast path answers for most of them.
    #[test]
    fn exact_value_agrees_with_parsing() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut answered = 0;
        let mut texts = vec![
            "0".to_owned(),
            "0.0".to_owned(),
            "999999999999999".to_owned(),
        ];
        for _ in 0..20_000 {
            let len = 1 + (next() % 17) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            if next() % 2 == 0 && len > 1 {
                let at = 1 + (next() as usize % (len - 1));
                text.insert(at, '.');
            }
            texts.push(text);
        }
        for text in &texts {
            for exponent in [0, 4] {
                let slow = parsed_value(text, exponent);
                if let Some(fast) = exact_value(text, exponent) {
                    answered += 1;
                    assert_eq!(
                        Some(fast.to_bits()),
                        slow.map(f64::to_bits),
                        "{text} e{exponent}"
                    );
                }
                assert_eq!(number_value(text, exponent), slow, "{text} e{exponent}");
            }
        }
        assert!(
            answered > texts.len(),
            "the fast path answered {answered} times"
        );
        assert_eq!(exact_value("１２", 0), None);
        assert_eq!(exact_value("1.2.3", 0), None);
    }

    /// The byte scanner against the nom expression it replaces.
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
    fn digit_bytes_are_exactly_the_digits() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            let len = if is_digit(c) { s.len() } else { 0 };
            assert_eq!(digit_len(s.as_bytes(), 0), len, "{c:?}");
        }
    }

    #[test]
    fn ideograph_leads_start_plain_characters_only() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let lead = c.encode_utf8(&mut buf).as_bytes()[0];
            assert_eq!(
                is_ideograph_lead(lead),
                ('\u{4000}'..='\u{9fff}').contains(&c),
                "{c:?}"
            );
            if is_ideograph_lead(lead) {
                assert!(
                    !(is_space(c) || is_stop_char(c) || c == '.' || is_digit(c)),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn stops_are_clause_stops_and_commas() {
        for c in "。！？；!?;：:".chars() {
            assert!(
                is_clause_stop(c) && !is_comma(c) && is_stop_char(c),
                "{c:?}"
            );
        }
        for c in "，,、".chars() {
            assert!(
                is_comma(c) && !is_clause_stop(c) && is_stop_char(c),
                "{c:?}"
            );
        }
        let stops = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_stop_char(c))
            .count();
        assert_eq!(stops, 12);
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
    fn whitespace_is_exactly_four_characters() {
        for c in [' ', '\t', '\u{a0}', '\u{3000}'] {
            assert!(is_space(c));
        }
        for c in ['\r', '\n', '\u{2003}', 'a'] {
            assert!(!is_space(c));
        }
        assert_eq!(trim_end_space("a b\u{a0}\u{3000} \t"), "a b");
        assert_eq!(trim_start_space("\u{a0}\u{3000} \ta b "), "a b ");
    }

    #[test]
    fn byte_trims_agree_with_char_trims() {
        let values = [
            "",
            " ",
            "\u{3000}",
            "\u{a0}x\u{a0}",
            "¢\u{a0}",
            "\u{3001}\u{3000}\u{3002}",
            "\u{e3}\u{80}",
            "\u{3000}\u{30a0} \u{2003}",
            " \t\u{3000}症状\u{a0} ",
        ];
        for value in values {
            let first = value.find(is_space).unwrap_or(value.len());
            assert_eq!(space_start(value), first, "{value:?}");
            assert_eq!(
                trim_end_space(value),
                value.trim_end_matches(is_space),
                "{value:?}"
            );
            assert_eq!(
                trim_start_space(value),
                value.trim_start_matches(is_space),
                "{value:?}"
            );
        }
    }
}
