//! Lines, labels and separators
//! ([format reference: records and lines](crate::format#records-and-lines)).
//!
//! The productions read bytes, so the streaming reader can split lines it
//! has not validated yet. On UTF-8 every offset they return is a char
//! boundary: `\n` and each whitespace sequence start with an ASCII or lead
//! byte.

use std::convert::Infallible;
use std::ops::Range;

use nom::branch::alt;
use nom::combinator::{eof, map, map_parser, not, opt, recognize};
use nom::sequence::{preceded, terminated};
use nom::Parser;

use super::{Failure, Inline, PResult};
pub(crate) use crate::scan::{
    bom_len, leading_ws_len, trailing_ws_len, ws_len, ws_start, BOM, MAX_WS_LEN,
};

/// The result of a line production: lines have no faults.
pub(crate) type LineResult<'a, O> = PResult<&'a [u8], O, Infallible>;

/// A failure at `input`, which no production names.
fn fail<O>(input: &[u8]) -> LineResult<'_, O> {
    Err(nom::Err::Error(Failure { input, kind: None }))
}

/// Splits `input` after its first `at` bytes (all of them if fewer):
/// `(rest, taken)`.
fn take(input: &[u8], at: usize) -> LineResult<'_, &[u8]> {
    let (taken, rest) = input.split_at(at.min(input.len()));
    Ok((rest, taken))
}

/// A literal (a leaf).
#[inline]
fn literal(lit: &'static [u8]) -> impl Fn(&[u8]) -> LineResult<'_, &[u8]> {
    move |input: &[u8]| {
        if input.starts_with(lit) {
            take(input, lit.len())
        } else {
            fail(input)
        }
    }
}

/// `text[range]`, for a `range` a production found in `text.as_bytes()`
/// (so on char boundaries): the one checked slice of the grammar.
pub(crate) fn str_at(text: &str, range: Range<usize>) -> &str {
    let slice = text.get(range.clone());
    debug_assert!(slice.is_some(), "{range:?} is not a char range of {text:?}");
    slice.unwrap_or_default()
}

/// ```text
/// bom = U+FEFF ;
/// ```
pub(crate) fn bom(input: &[u8]) -> LineResult<'_, &[u8]> {
    literal(BOM).parse(input)
}

/// The [`bom`] that opens `input` (empty when none) and the rest: the one
/// place a BOM is stripped, for every entry point.
pub(crate) fn split_bom(input: &[u8]) -> (&[u8], &[u8]) {
    match bom(input) {
        Ok((rest, bom)) => (bom, rest),
        Err(_) => (&[], input),
    }
}

/// `text` without its [`bom`], and the BOM's length.
pub(crate) fn after_bom(text: &str) -> (&str, usize) {
    let len = bom_len(text.as_bytes());
    (str_at(text, len..text.len()), len)
}

/// ```text
/// ws = " " | "\t" | U+00A0 | U+3000 ;
/// ```
#[inline]
pub(crate) fn ws(input: &[u8]) -> LineResult<'_, &[u8]> {
    match ws_len(input) {
        0 => fail(input),
        n => take(input, n),
    }
}

/// `{ ws }`: a run of whitespace, possibly empty.
#[inline]
pub(crate) fn ws0(input: &[u8]) -> LineResult<'_, &[u8]> {
    take(input, leading_ws_len(input))
}

/// ```text
/// separator = ws { ws } ;
/// ```
#[inline]
pub(crate) fn separator(input: &[u8]) -> LineResult<'_, &[u8]> {
    recognize((ws, ws0)).parse(input)
}

/// ```text
/// label = non_ws { non_ws } ;
/// ```
///
/// The whole token, looked up in the label table by the record's builder.
#[inline]
pub(crate) fn label(input: &[u8]) -> LineResult<'_, &[u8]> {
    match ws_start(input) {
        0 => fail(input),
        n => take(input, n),
    }
}

/// ```text
/// value = non_ws [ { line_char } non_ws ] ;
/// ```
#[inline]
pub(crate) fn value(input: &[u8]) -> LineResult<'_, &[u8]> {
    match input.len() - trailing_ws_len(input) {
        0 => fail(input),
        n => take(input, n),
    }
}

/// ```text
/// line_text = { line_char } ;
/// ```
#[inline]
pub(crate) fn line_text(input: &[u8]) -> LineResult<'_, &[u8]> {
    let end = memchr::memchr(b'\n', input).unwrap_or(input.len());
    let cr = end
        .checked_sub(1)
        .is_some_and(|last| input.get(last) == Some(&b'\r'));
    take(input, end - usize::from(cr))
}

/// `"\n"`, the usual line ending.
#[inline]
fn lf(input: &[u8]) -> LineResult<'_, &[u8]> {
    match input.first() {
        Some(b'\n') => take(input, 1),
        _ => fail(input),
    }
}

/// ```text
/// eol = "\n" | "\r\n" | "\r" EOF | EOF ;
/// ```
#[inline]
pub(crate) fn eol(input: &[u8]) -> LineResult<'_, &[u8]> {
    alt((lf, literal(b"\r\n"), terminated(literal(b"\r"), eof), eof)).parse(input)
}

/// ```text
/// line = line_text eol ;
/// ```
pub(crate) fn line(input: &[u8]) -> LineResult<'_, &[u8]> {
    preceded(not(eof), terminated(line_text, eol)).parse(input)
}

/// ```text
/// blank_line = { ws } eol ;
/// ```
pub(crate) fn blank_line(input: &[u8]) -> LineResult<'_, &[u8]> {
    preceded(not(eof), recognize((ws0, eol))).parse(input)
}

/// A field line split into label and value, at byte offsets from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldLine<'a> {
    /// The line without its ending.
    pub text: &'a [u8],
    /// The label token.
    pub label: &'a [u8],
    /// Where the label starts.
    pub label_at: usize,
    /// The value, trailing whitespace removed (empty for a label-only line).
    pub value: &'a [u8],
    /// Where the value starts (the end of the label when the value is empty).
    pub value_at: usize,
}

/// ```text
/// field_line = { ws } label [ separator value ] { ws } eol ;
/// ```
#[inline]
pub(crate) fn field_line(input: &[u8]) -> LineResult<'_, FieldLine<'_>> {
    terminated(map_parser(line_text, field), Inline(eol)).parse(input)
}

/// The text of a [`field_line`]: `{ ws } label [ separator value ] { ws }`.
fn field(text: &[u8]) -> LineResult<'_, FieldLine<'_>> {
    map(
        (ws0, label, opt((separator, value)), ws0, eof),
        |(lead, label, separated, _, _)| {
            let label_at = lead.len();
            let label_end = label_at + label.len();
            let (value, value_at) = match separated {
                Some((separator, value)) => (value, label_end + separator.len()),
                None => (&[][..], label_end),
            };
            FieldLine {
                text,
                label,
                label_at,
                value,
                value_at,
            }
        },
    )
    .parse(text)
}

/// What a line means for record boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// A [`blank_line`].
    Blank,
    /// A [`field_line`] whose label is `简介`.
    Summary,
    /// Any other field line.
    Other,
}

impl LineClass {
    /// The class of a field line whose label is `label`.
    #[inline]
    pub(crate) fn of_label(label: &[u8]) -> Self {
        if label == crate::Label::Summary.text().as_bytes() {
            LineClass::Summary
        } else {
            LineClass::Other
        }
    }
}

/// One line and its [`LineClass`]: a [`field_line`], else a [`blank_line`].
pub(crate) fn classified_line(input: &[u8]) -> LineResult<'_, (LineClass, Option<FieldLine<'_>>)> {
    alt((
        map(field_line, |field| {
            (LineClass::of_label(field.label), Some(field))
        }),
        map(blank_line, |_| (LineClass::Blank, None)),
    ))
    .parse(input)
}

/// The most bytes after a line's leading whitespace that its class depends
/// on: `简介` (6 bytes) and the whitespace character after it (up to 3).
pub(crate) const CLASS_BYTES: usize = "简介".len() + MAX_WS_LEN;

/// The class of a line from its head: the line without some of its
/// leading whitespace, cut at least [`CLASS_BYTES`] bytes after it (what
/// follows cannot turn `简介` into another label or a blank line).
pub(crate) fn class_of_head(head: &[u8]) -> LineClass {
    match classified_line(head) {
        Ok((_, (class, _))) => class,
        // Only empty input has no line: a line with nothing yet is blank.
        Err(_) => LineClass::Blank,
    }
}

/// The [`LineClass`] of a whole line's bytes (its ending included or not):
/// that of [`classified_line`], from the bytes after its leading whitespace.
pub(crate) fn class_of_line(line: &[u8]) -> LineClass {
    let rest = line.split_at(leading_ws_len(line)).1;
    if eol(rest).is_ok() {
        return LineClass::Blank;
    }
    match rest.strip_prefix(crate::Label::Summary.text().as_bytes()) {
        Some(after) if ws_len(after) > 0 || eol(after).is_ok() => LineClass::Summary,
        _ => LineClass::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of up to four `pieces`, each piece any number of times.
    fn joined(pieces: &[&[u8]]) -> Vec<Vec<u8>> {
        let mut lines: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| [l.as_slice(), p].concat()))
                .collect();
            lines.extend(longer);
        }
        lines
    }

    fn texts(input: &str) -> Vec<&str> {
        let mut rest = input.as_bytes();
        let mut out = Vec::new();
        while let Ok((next, text)) = line(rest) {
            out.push(std::str::from_utf8(text).expect("utf-8"));
            rest = next;
        }
        assert!(rest.is_empty());
        out
    }

    #[test]
    fn line_endings() {
        assert_eq!(texts("a\nb\r\nc"), ["a", "b", "c"]);
        assert_eq!(texts("a\n"), ["a"]);
        assert_eq!(texts("a\n\n"), ["a", ""]);
        assert_eq!(texts("a\r"), ["a"]);
        assert_eq!(texts("a\rb\n"), ["a\rb"]);
        assert_eq!(texts("\r"), [""]);
        assert_eq!(texts("a\r\r\n"), ["a\r"]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }

    fn fields(text: &str) -> Option<(&str, usize, &str, usize)> {
        let (rest, f) = field_line(text.as_bytes()).ok()?;
        assert!(rest.is_empty());
        let s = |b: &[u8]| std::str::from_utf8(b).expect("utf-8").to_owned();
        assert_eq!(
            s(&text.as_bytes()[f.value_at..][..f.value.len()]),
            s(f.value)
        );
        let label = str_at(text, f.label_at..f.label_at + f.label.len());
        let value = str_at(text, f.value_at..f.value_at + f.value.len());
        Some((label, f.label_at, value, f.value_at))
    }

    #[test]
    fn field_lines() {
        assert_eq!(
            fields("  症状\u{a0}\u{3000} 咳嗽 发热  "),
            Some(("症状", 2, "咳嗽 发热", 14))
        );
        assert_eq!(fields("症状 "), Some(("症状", 0, "", 6)));
        assert_eq!(fields("症状"), Some(("症状", 0, "", 6)));
        assert_eq!(fields("症状\r\n"), Some(("症状", 0, "", 6)));
        assert_eq!(fields("症状\r x\r"), Some(("症状\r", 0, "x", 8)));
        assert_eq!(fields(" \t\u{3000}\u{a0}"), None);
        assert_eq!(fields(" \r\n"), None);
        assert_eq!(fields(""), None);
        assert_eq!(fields("\n症状"), None);
        assert!(blank_line(b" \t\r\n").is_ok());
        assert!(blank_line(b" \r").is_ok());
        assert!(blank_line(b"").is_err());
        assert!(blank_line(b" \rx").is_err());
    }

    #[test]
    fn the_bom_is_stripped_once() {
        assert_eq!(after_bom("\u{feff}\u{feff}a"), ("\u{feff}a", 3));
        assert_eq!(after_bom("a\u{feff}"), ("a\u{feff}", 0));
        assert_eq!(bom_len(&[0xef, 0xbb]), 0);
    }

    /// `class_of_line` is `classified_line`'s class, on every line made of
    /// the pieces.
    #[test]
    fn the_class_of_a_line_is_that_of_its_productions() {
        let pieces: [&[u8]; 10] = [
            b" ",
            "\u{3000}".as_bytes(),
            "简介".as_bytes(),
            b"\r",
            b"\n",
            b"x",
            "\u{a0}".as_bytes(),
            &[0xe3, 0x80],
            "介".as_bytes(),
            b"\t",
        ];
        let lines = joined(&pieces);
        for bytes in &lines {
            let Ok((rest, (want, _))) = classified_line(bytes) else {
                assert!(bytes.is_empty());
                continue;
            };
            let line = &bytes[..bytes.len() - rest.len()];
            assert_eq!(class_of_line(line), want, "{bytes:?}");
        }
    }

    /// Every way to cut a line's bytes after its leading whitespace and at
    /// least `CLASS_BYTES` more gives the line's own class.
    #[test]
    fn a_head_of_class_bytes_decides_the_class() {
        let pieces: [&[u8]; 12] = [
            b" ",
            "\u{3000}".as_bytes(),
            "简介".as_bytes(),
            "简".as_bytes(),
            b"\r",
            b"x",
            "\u{a0}".as_bytes(),
            &[0xe3, 0x80],
            &[0xff],
            "介".as_bytes(),
            b"\t",
            "症状".as_bytes(),
        ];
        let lines = joined(&pieces);
        for line in &lines {
            let class = class_of_head(line);
            let lead = line.len() - ws0(line).map_or(0, |(rest, _)| rest.len());
            for cut in lead + CLASS_BYTES..line.len() {
                assert_eq!(class_of_head(&line[..cut]), class, "{line:?} cut at {cut}");
            }
            // Dropping leading whitespace does not change the class.
            assert_eq!(class_of_head(&line[lead..]), class, "{line:?}");
        }
    }
}
