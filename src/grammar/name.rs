//! The grammar of the disease name
//! ([format reference: the disease name](crate::format#the-disease-name)):
//! the candidates of one field value.
//!
//! This module owns the productions `name_candidate`, `name_char` and
//! `head_word`. It does not own the head-word table, which fields are read,
//! or how the name is chosen among the candidates of several fields (all in
//! `crate::name`), nor character classes (`crate::lex`). No production here
//! names a fault: a field without candidates is not an error.

use std::convert::Infallible;

use nom::combinator::{all_consuming, opt, peek};
use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::multi::{fold, fold_many_m_n};
use nom::Parser;

use crate::grammar::{Failure, Inline};
use crate::lex::{is_clause_stop, is_comma, is_ideograph_lead, is_space};

/// The result of a name production; none names a fault.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, Failure<&'a str, Infallible>>;

/// Longest name, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 40;

/// The candidates of one field: entry `n` is the byte length of the
/// `n`-character candidate when bit `n` of the mask
/// [`name_candidate`] returns is set (40 characters of at most four bytes
/// fit a `u8`).
pub(crate) type Candidates = [u8; MAX_NAME_CHARS + 1];

/// Every candidate of one field value:
///
/// ```text
/// name_candidate = name_edge [ { name_char } name_edge ] head_word ;  (1 to 40 chars)
/// name_edge      = name_char - comma ;
/// comma          = "，" | "," | "、" ;
/// ```
///
/// Commas stand only *inside* a name (`胃、十二指肠溃疡出血`): a prefix
/// that opens or ends with one is not a candidate, so `多休息，治疗…` names
/// nothing.
///
/// One pass reads the value's opening name characters (at most
/// `max_chars`, itself at most 40) and, after each that is not a comma,
/// notes the prefix read so far as a candidate when one of the field's
/// `heads` follows (`peek(head_word)`). The candidates are folded into `out`, which the
/// closure borrows; yields the mask of the entries set (bit `n` for the
/// `n`-character candidate). Fails when the value does not open with a
/// name character (no candidate).
///
/// `max_chars` bounds the work: the caller passes the number of characters
/// the value shares with another field, since a longer candidate cannot be
/// found in two fields.
pub(crate) fn name_candidate<'a, 'h, 'o>(
    heads: &[&'h str],
    max_chars: usize,
    out: &'o mut Candidates,
) -> impl FnOnce(&'a str) -> PResult<'a, u64> + use<'a, 'h, 'o> {
    let head = head_word(heads);
    let max_chars = max_chars.min(MAX_NAME_CHARS);
    move |value: &'a str| {
        let (mut chars, mut bytes, mut mask) = (0usize, 0usize, 0u64);
        // No candidate at all when the value opens with a comma.
        let opens_with_comma = value.chars().next().is_some_and(is_comma);
        let (rest, ()) = fold_many_m_n(
            1,
            max_chars,
            (Inline(name_char), opt(peek(Inline(&head)))),
            || (),
            |(), (c, head): (&str, Option<&str>)| {
                chars += 1;
                bytes += c.len();
                // Whether `c` may end a name is only asked when a head
                // follows: decoding it for every character cost more.
                let edge = || !opens_with_comma && !c.chars().next().is_some_and(is_comma);
                if head.is_some() && edge() {
                    if let (Some(slot), Ok(end)) = (out.get_mut(chars), u8::try_from(bytes)) {
                        *slot = end;
                        mask |= 1 << chars;
                    } else {
                        debug_assert!(false, "{chars} characters, {bytes} bytes fit the table");
                    }
                }
            },
        )
        .parse(value)?;
        Ok((rest, mask))
    }
}

/// Whether all of `text` reads as a name: the characters of a
/// [`name_candidate`] without its head word,
/// `name_edge [ { name_char } name_edge ]`, 1 to 40 of them.
pub(crate) fn is_name(text: &str) -> bool {
    let mut name_chars = all_consuming(fold(1..=MAX_NAME_CHARS, name_char, || (), |(), _| ()));
    let edges = [text.chars().next(), text.chars().next_back()];
    name_chars.parse(text).is_ok() && !edges.into_iter().flatten().any(is_comma)
}

/// `name_char = any char but ws, clause_stop and "." ;` — a leaf on bytes:
/// a common ideograph (lead byte `E4`–`E9`) is a name character without
/// decoding; anything else is decoded and checked. Yields the character
/// as written.
#[inline]
pub(crate) fn name_char(input: &str) -> PResult<'_, &str> {
    let width = match input.as_bytes().first() {
        Some(&lead) if is_ideograph_lead(lead) => 3,
        _ => match input.chars().next() {
            Some(c) if !(c == '.' || is_space(c) || is_clause_stop(c)) => c.len_utf8(),
            _ => 0,
        },
    };
    match input.split_at_checked(width) {
        Some((c, rest)) if width > 0 => Ok((rest, c)),
        _ => Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Char,
        ))),
    }
}

/// `head_word`, one of the field's `heads` (per field: `病因`; `预防`;
/// `症状`; `的检查` | `检查`; `西医治疗` | `中医治疗` | `治疗`); yields it.
///
/// A leaf, tried after every name character: the heads' first characters
/// (three bytes each, a unit test of `crate::name` checks) decide before
/// `starts_with`, which calls `memcmp` (nom's `alt` over `tag`s cost more).
pub(crate) fn head_word<'h>(heads: &[&'h str]) -> impl Fn(&str) -> PResult<'_, &'h str> {
    let mut table: [(&'h str, [u8; 3]); 3] = [("", [0; 3]); 3];
    let mut count = 0;
    for (slot, head) in table.iter_mut().zip(heads) {
        if let [a, b, c, ..] = *head.as_bytes() {
            *slot = (head, [a, b, c]);
            count += 1;
        }
    }
    debug_assert_eq!(
        count,
        heads.len(),
        "at most three heads of three bytes or more"
    );
    move |input: &str| {
        if let [a, b, c, ..] = *input.as_bytes() {
            for &(head, first) in table.iter().take(count) {
                if first == [a, b, c] {
                    if let Some(rest) = input.strip_prefix(head) {
                        return Ok((rest, head));
                    }
                }
            }
        }
        Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Tag,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_char_takes_commas_but_no_clause_stop() {
        for c in ["甲", "，", ",", "、", "a", "6", "（", "😀"] {
            assert_eq!(name_char(c), Ok(("", c)), "{c:?}");
        }
        for c in [
            "。", "！", "？", "；", "!", "?", ";", "：", ":", ".", " ", "\u{3000}", "",
        ] {
            assert!(name_char(c).is_err(), "{c:?}");
        }
    }

    #[test]
    fn head_word_tries_every_head_of_the_field() {
        let heads = head_word(&["西医治疗", "中医治疗", "治疗"]);
        assert_eq!(heads("中医治疗x"), Ok(("x", "中医治疗")));
        assert_eq!(heads("治疗"), Ok(("", "治疗")));
        assert!(heads("西医").is_err());
        assert!(heads("病因").is_err());
    }

    #[test]
    fn candidates_of_one_field() {
        let mut out = [0; MAX_NAME_CHARS + 1];
        let value = "强酸、强碱中毒的检查：…";
        let parsed = name_candidate(&["的检查", "检查"], 40, &mut out)(value);
        // `强酸、强碱中毒` (7 characters, head 的检查) and `强酸、强碱中毒的`
        // (8, head 检查); the colon ends the name characters.
        assert_eq!(parsed.map(|(_, mask)| mask), Ok((1 << 7) | (1 << 8)));
        assert_eq!((out[7], out[8]), (21, 24));
        // At most `max_chars` name characters are read.
        let mut out = [0; MAX_NAME_CHARS + 1];
        let parsed = name_candidate(&["的检查", "检查"], 7, &mut out)(value);
        assert_eq!(parsed.map(|(_, mask)| mask), Ok(1 << 7));
        assert!(name_candidate(&["病因"], 40, &mut out)("：病因").is_err());
    }
}
