//! The `药品` (drugs) value: a run of Python list literals such as
//! `['协一力', '利鲁唑片', '(利鲁唑片)']`, each read into one [`Drug`].
//!
//! This module owns only the drug tuple grammar: list brackets, commas,
//! Python string literals with their escapes, and the brand / product /
//! generic roles of a tuple's strings. It must not touch labels, line
//! splitting, line endings or trailing-space trimming of the value (the
//! caller hands over the value alone), nor line/column positions: a fault
//! carries a BYTE offset into the value it was given, and the caller turns
//! that into a line and a character column.
//!
//! The grammar is written out on [`parse_drugs`]. It is scanned in a single
//! left-to-right pass with no backtracking; a string with escapes is scanned
//! once to find its closing quote and once more to decode it, so the work is
//! linear in the value's length. Strings without escapes are borrowed from
//! the value (zero-copy); only a string with at least one escape allocates.
//!
//! # Where a fault points
//!
//! A [`DrugFault`] points at the character where the tuple grammar fails:
//!
//! | input | kind | offset of |
//! |---|---|---|
//! | `x ['a']`, `['a'] x` | [`ExpectedList`](DrugFaultKind::ExpectedList) | the junk (`x`) |
//! | `['a', 'b` | [`UnterminatedString`](DrugFaultKind::UnterminatedString) | the string's opening quote |
//! | `['a\x4g']` | [`BadEscape`](DrugFaultKind::BadEscape) | the escape's backslash |
//! | `[]`, `[ ]` | [`NoStrings`](DrugFaultKind::NoStrings) | the `]` |
//! | `['a','b','c','d']` | [`TooManyStrings`](DrugFaultKind::TooManyStrings) | the fourth string's opening quote |
//! | `['a' 'b']` | [`MissingComma`](DrugFaultKind::MissingComma) | the second string's opening quote |
//! | `[,]`, `['a',,]`, `[1]` | [`ExpectedString`](DrugFaultKind::ExpectedString) | the character found instead of a string |
//! | `['a' x]` | [`ExpectedCommaOrBracket`](DrugFaultKind::ExpectedCommaOrBracket) | the character after the string (`x`) |
//! | `['a', 'b'` | [`UnclosedBracket`](DrugFaultKind::UnclosedBracket) | the end of the value (`offset == value.len()`) |
//!
//! # Decisions where FORMAT.md is silent
//!
//! - String boundaries are found before escapes are decoded, as Python's
//!   tokenizer does: `['\x4` is an unterminated string (at its quote), not a
//!   bad escape; `['\x4']` is a bad escape (at its backslash).
//! - A string cannot hold a raw line break (`\n` or `\r`), escaped or not; it
//!   is then unterminated, as a one-line Python literal would be. Between
//!   tokens only the format's whitespace (`crate::lex::is_space`) is allowed.
//! - Only the listed escapes are decoded. `\0` is NUL and is not the start
//!   of an octal escape (`\01` is NUL then `1`); every other escape, including
//!   Python's `\a \b \f \v \N{…}` and octal `\1`–`\7`, keeps its backslash.
//!   `\x` takes exactly 2 hex digits and gives U+0000–U+00FF, `\u` exactly 4,
//!   `\U` exactly 8; any case.
//! - Adjacent strings are not concatenated as Python would (`['a' 'b']` is a
//!   missing comma), and string prefixes (`r''`, `u''`) and triple quotes are
//!   not accepted (`'''a'''` fails as a missing comma after `''`).
//! - Strings are kept exactly as written: an empty string is `Some("")`, not
//!   `None`; no inner trimming; a parenthesised string that is not the last
//!   one keeps its parentheses. The generic-name check needs a matching pair
//!   (`(…)` or `（…）`, not `(…）`) around the decoded string, so `'()'` is an
//!   empty generic name.

use std::borrow::Cow;

use nom::bytes::complete::take_while_m_n;
use nom::combinator::map_opt;
use nom::{IResult, Parser};

use crate::lex::space_len;

/// One drug tuple: the names a `药品` list gives for one product.
///
/// Each part is `None` when the tuple does not provide it. Serialises as
/// `{"brand", "product", "generic"}` in that order, with `null` for `None`.
/// Deserialising always produces owned strings.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Drug<'a> {
    /// The brand or maker (`协一力`): the first string that is not the generic name.
    pub brand: Option<Cow<'a, str>>,
    /// The product name (`利鲁唑片`), possibly cut short as in the source: the
    /// second string that is not the generic name.
    pub product: Option<Cow<'a, str>>,
    /// The generic name, without the parentheses that mark it (`利鲁唑片`
    /// from `(利鲁唑片)`), or the third string of a tuple with none
    /// parenthesised.
    pub generic: Option<Cow<'a, str>>,
}

impl Drug<'_> {
    /// Detaches the drug from the text it was parsed from.
    pub fn into_owned(self) -> Drug<'static> {
        fn own(part: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
            part.map(|s| Cow::Owned(s.into_owned()))
        }
        Drug {
            brand: own(self.brand),
            product: own(self.product),
            generic: own(self.generic),
        }
    }
}

/// Where and why a drug list failed to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct DrugFault {
    /// What went wrong.
    pub kind: DrugFaultKind,
    /// The byte offset, inside the value passed to [`parse_drugs`], of the
    /// character where the grammar fails (see the module docs); equal to the
    /// value's length when it ends too early.
    pub offset: usize,
}

/// The ways a drug list can be malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DrugFaultKind {
    /// Something other than whitespace or `[` where a list must start.
    #[error("expected '['")]
    ExpectedList,
    /// The value ends inside a list.
    #[error("unclosed '[': the value ends before ']'")]
    UnclosedBracket,
    /// A string has no closing quote on its line.
    #[error("unterminated string")]
    UnterminatedString,
    /// A `\x`, `\u` or `\U` escape with too few hex digits, or naming a
    /// surrogate or a code point above U+10FFFF.
    #[error("bad escape: \\x needs 2 hex digits, \\u 4 and \\U 8, naming a unicode scalar value")]
    BadEscape,
    /// An empty list `[]`.
    #[error("a tuple needs 1 to 3 strings, found none")]
    NoStrings,
    /// A fourth string in one list.
    #[error("a tuple needs 1 to 3 strings, found a fourth")]
    TooManyStrings,
    /// Two strings with no comma between them.
    #[error("missing ',' between two strings")]
    MissingComma,
    /// Something other than a quoted string where a string must come (after
    /// `[` or after a comma).
    #[error("expected a quoted string")]
    ExpectedString,
    /// Something other than `,` or `]` right after a string.
    #[error("expected ',' or ']' after a string")]
    ExpectedCommaOrBracket,
}

/// Parses a whole `药品` value into its drug tuples, in order, keeping
/// duplicates.
///
/// ```text
/// value   = ws* ( list ws* )* EOF ;
/// list    = "[" ws* string ( ws* "," ws* string ){0,2} ( ws* "," )? ws* "]" ;
/// string  = "'" ( char - "'" | escape )* "'"
///         | '"' ( char - '"' | escape )* '"' ;      (no raw "\n" or "\r")
/// escape  = "\" ( "\" | "'" | '"' | "n" | "r" | "t" | "0"
///               | "x" hex{2} | "u" hex{4} | "U" hex{8}
///               | other )                          (other keeps its "\")
/// ws      = " " | "\t" | U+00A0 | U+3000 ;
/// ```
///
/// Roles: when the last string of a tuple is wrapped in `(…)` or `（…）` it
/// is the `generic` name (parentheses removed) and the strings before it are
/// `brand` then `product`; otherwise the strings are `brand`, `product`,
/// `generic` in order. An empty (or all-whitespace) value gives no drugs.
///
/// Strings without escapes (and generic names cut from them) borrow from
/// `value`.
///
/// # Errors
///
/// The first structural fault, with the byte offset where the grammar fails
/// (see [`DrugFaultKind`] and the module docs).
pub fn parse_drugs(value: &str) -> Result<Vec<Drug<'_>>, DrugFault> {
    let scanner = Scanner {
        value,
        bytes: value.as_bytes(),
    };
    let mut at = scanner.skip_space(0);
    // Reserve from an estimate rather than counting the `[`s first: the
    // counting pass cost more (about 6% of drug parsing) than the estimate's
    // occasional regrowth. A blank value allocates nothing.
    let mut drugs = Vec::new();
    if let Some(rest) = value.len().checked_sub(at).filter(|&rest| rest > 0) {
        drugs.reserve_exact((rest / BYTES_PER_TUPLE + 1).min(MAX_RESERVE));
    }
    while let Some(&b) = scanner.bytes.get(at) {
        if b != b'[' {
            return Err(fault(DrugFaultKind::ExpectedList, at));
        }
        let after = scanner.list(at + 1, &mut drugs)?;
        at = scanner.skip_space(after);
    }
    Ok(drugs)
}

/// A typical tuple's length in bytes, to reserve the vector from the value's
/// length: the seed's tuples (two or three CJK strings) take 40 to 55
/// bytes. A value of shorter tuples grows the vector as usual.
const BYTES_PER_TUPLE: usize = 40;

/// Most tuples reserved up front, so a long value does not reserve in
/// proportion before its tuples are seen.
const MAX_RESERVE: usize = 64;

/// A fault of `kind` at byte `offset`.
fn fault(kind: DrugFaultKind, offset: usize) -> DrugFault {
    DrugFault { kind, offset }
}

/// The value being parsed, walked by byte offset.
///
/// Every offset the scanner stops at is a char boundary: it only ever
/// stops on an ASCII byte (a token or a stop byte), after one, or after a
/// whole whitespace character; multibyte characters are stepped over byte
/// by byte, and their bytes (all `>= 0x80`) never match an ASCII stop.
struct Scanner<'a> {
    value: &'a str,
    bytes: &'a [u8],
}

impl<'a> Scanner<'a> {
    /// The offset of the first byte at or after `at` that does not start a
    /// [whitespace](crate::lex::is_space) character, matched on bytes by
    /// [`space_len`].
    #[inline(always)]
    fn skip_space(&self, mut at: usize) -> usize {
        loop {
            match space_len(self.bytes, at) {
                0 => return at,
                n => at += n,
            }
        }
    }

    /// One list, from just after its `[` to just after its `]` (the
    /// returned offset); its drug is pushed onto `drugs`, then filled in
    /// place: the strings go to `brand`, `product`, `generic` in order and
    /// [`roles`] moves a parenthesised last one. (Building the drug where it
    /// lives, rather than in a local that is returned and pushed, kept the
    /// hot path from copying 72-byte drugs and large `Result`s around; on
    /// a fault the caller drops the vector, half-filled drug and all.)
    #[inline]
    fn list(&self, inside: usize, drugs: &mut Vec<Drug<'a>>) -> Result<usize, DrugFault> {
        drugs.push(Drug::default());
        let Some(drug) = drugs.last_mut() else {
            return Ok(inside); // unreachable: just pushed
        };
        let mut filled = 0;
        let mut at = self.skip_space(inside);
        loop {
            // Expecting a string, or `]` after a trailing comma.
            let quote = match self.bytes.get(at) {
                Some(&q @ (b'\'' | b'"')) => q,
                Some(b']') if filled > 0 => break,
                Some(b']') => return Err(fault(DrugFaultKind::NoStrings, at)),
                Some(_) => return Err(fault(DrugFaultKind::ExpectedString, at)),
                None => return Err(fault(DrugFaultKind::UnclosedBracket, at)),
            };
            let slot = match filled {
                0 => &mut drug.brand,
                1 => &mut drug.product,
                2 => &mut drug.generic,
                _ => return Err(fault(DrugFaultKind::TooManyStrings, at)),
            };
            let after = self.string(at, quote, slot)?;
            filled += 1;

            // Expecting `,` or `]`.
            at = self.skip_space(after);
            match self.bytes.get(at) {
                Some(b',') => at = self.skip_space(at + 1),
                Some(b']') => break,
                Some(b'\'' | b'"') => return Err(fault(DrugFaultKind::MissingComma, at)),
                Some(_) => return Err(fault(DrugFaultKind::ExpectedCommaOrBracket, at)),
                None => return Err(fault(DrugFaultKind::UnclosedBracket, at)),
            }
        }
        roles(drug, filled);
        Ok(at + 1)
    }

    /// One string literal whose opening `quote` is at byte `open`: its
    /// decoded text goes into `slot`; returns the offset just after the
    /// closing quote.
    ///
    /// [`find_stop`] finds the next quote, backslash or raw line break. An
    /// escape's backslash skips the byte after it (when that is the first
    /// byte of a multibyte character, its other bytes, all `>= 0x80`, are
    /// passed over as plain text) and the search resumes there, so each
    /// byte is looked at once however many escapes there are.
    #[inline]
    fn string(
        &self,
        open: usize,
        quote: u8,
        slot: &mut Option<Cow<'a, str>>,
    ) -> Result<usize, DrugFault> {
        let body = open + 1;
        let mut at = body;
        let mut has_escape = false;
        loop {
            at = find_stop(self.bytes, at, quote);
            match self.bytes.get(at) {
                Some(&b) if b == quote => {
                    let text = self.value.get(body..at).unwrap_or_default();
                    *slot = Some(if has_escape {
                        Cow::Owned(decode(text, body)?)
                    } else {
                        Cow::Borrowed(text)
                    });
                    return Ok(at + 1);
                }
                Some(b'\\') => match self.bytes.get(at + 1) {
                    Some(b'\n' | b'\r') | None => break,
                    Some(_) => {
                        has_escape = true;
                        at += 2;
                    }
                },
                _ => break,
            }
        }
        // The end of the value, or a raw line break.
        Err(fault(DrugFaultKind::UnterminatedString, open))
    }
}

/// Every byte set to 1.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The high bit of every byte.
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit set in the bytes of `word` equal to `byte`. Only the lowest
/// set bit is exact (a borrow can flag a `0x01` byte above a true match),
/// which is all [`find_stop`] uses.
#[inline(always)]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The offset of the first `quote`, `\\`, `\n` or `\r` byte at or after
/// `at`, or `bytes.len()`.
///
/// String bodies are short (a few CJK characters), where `memchr`'s setup
/// costs more than the search, so this reads 8 bytes at a time as one
/// `u64` and tests all four stop bytes at once (SWAR), with a byte loop for
/// the last few bytes. All four are ASCII, so a hit is never inside a
/// multibyte character. The scan ends at the offset it returns, so a caller
/// that resumes after it (past an escape) keeps the whole string linear.
#[inline]
fn find_stop(bytes: &[u8], mut at: usize, quote: u8) -> usize {
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        if word & HIGHS == HIGHS {
            // No ASCII byte (the middle of CJK text): no stop byte either.
            at += 8;
            continue;
        }
        let hits = bytes_equal(word, quote)
            | bytes_equal(word, b'\\')
            | bytes_equal(word, b'\n')
            | bytes_equal(word, b'\r');
        if hits != 0 {
            // Little-endian: the lowest set bit is the first byte.
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == quote || matches!(b, b'\\' | b'\n' | b'\r') {
            return at;
        }
        at += 1;
    }
    at
}

/// Decodes the escapes of a string body that starts at byte `start` of the
/// value and is known to be terminated.
fn decode(text: &str, start: usize) -> Result<String, DrugFault> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let Some(at) = memchr::memchr(b'\\', rest.as_bytes()) else {
            out.push_str(rest);
            return Ok(out);
        };
        // `at` is an ASCII byte, so both cuts are char boundaries.
        out.push_str(rest.get(..at).unwrap_or_default());
        let escape = rest.get(at + 1..).unwrap_or_default();
        rest = push_escape(escape, &mut out).ok_or(DrugFault {
            kind: DrugFaultKind::BadEscape,
            offset: start + text.len().saturating_sub(rest.len()) + at,
        })?;
    }
}

/// Decodes the escape whose text (after the backslash) starts `escape` onto
/// `out`; returns what follows it, or `None` for a bad escape.
fn push_escape<'s>(escape: &'s str, out: &mut String) -> Option<&'s str> {
    let mut chars = escape.chars();
    let decoded = match chars.next()? {
        '\\' => '\\',
        '\'' => '\'',
        '"' => '"',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '0' => '\0',
        'x' => return push_hex(chars.as_str(), 2, out),
        'u' => return push_hex(chars.as_str(), 4, out),
        'U' => return push_hex(chars.as_str(), 8, out),
        other => {
            out.push('\\');
            other
        }
    };
    out.push(decoded);
    Some(chars.as_str())
}

/// Exactly `digits` hex digits naming a Unicode scalar value, pushed onto
/// `out`; returns what follows them.
fn push_hex<'s>(input: &'s str, digits: usize, out: &mut String) -> Option<&'s str> {
    let parsed: IResult<&str, char, ()> = map_opt(
        take_while_m_n(digits, digits, |c: char| c.is_ascii_hexdigit()),
        |hex: &str| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
    )
    .parse(input);
    let (rest, c) = parsed.ok()?;
    out.push(c);
    Some(rest)
}

/// Gives a tuple's strings their roles. `drug` holds its `filled` (1 to 3)
/// strings in `brand`, `product`, `generic` order: the last one loses its
/// parentheses when wrapped in `(…)` or `（…）` and, if it was not already
/// third, moves to `generic`; the others stay brand then product.
#[inline]
fn roles(drug: &mut Drug<'_>, filled: usize) {
    let last = match filled {
        1 => &mut drug.brand,
        2 => &mut drug.product,
        _ => &mut drug.generic,
    };
    let Some(string) = last else { return };
    if strip_generic(string) && filled < 3 {
        drug.generic = last.take();
    }
}

/// Removes the parentheses when `s` is wrapped in `(…)` or `（…）` (staying
/// borrowed when `s` is) and says whether it was.
#[inline(always)]
fn strip_generic(s: &mut Cow<'_, str>) -> bool {
    let Some(inner) = generic_inner(s.as_bytes()) else {
        return false;
    };
    match s {
        Cow::Borrowed(b) => *b = b.get(inner).unwrap_or_default(),
        // Only strings with escapes are owned: rare, so a copy is fine.
        Cow::Owned(o) => *o = o.get(inner).unwrap_or_default().to_owned(),
    }
    true
}

/// The byte range inside the parentheses when `s` is wrapped in `(…)` or
/// `（…）` (U+FF08 `EF BC 88`, U+FF09 `EF BC 89`). The checks are on bytes:
/// in UTF-8 a leading `EF BC 88` is always the whole first character and a
/// trailing `EF BC 89` the whole last one, so the range is on char
/// boundaries, and a one-character string cannot match both ends.
#[inline]
fn generic_inner(s: &[u8]) -> Option<std::ops::Range<usize>> {
    match s {
        [b'(', .., b')'] => Some(1..s.len().saturating_sub(1)),
        [0xEF, 0xBC, 0x88, .., 0xEF, 0xBC, 0x89] => Some(3..s.len().saturating_sub(3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DrugFaultKind::*;

    fn drug(brand: Option<&str>, product: Option<&str>, generic: Option<&str>) -> Drug<'static> {
        Drug {
            brand: brand.map(|s| Cow::Owned(s.to_owned())),
            product: product.map(|s| Cow::Owned(s.to_owned())),
            generic: generic.map(|s| Cow::Owned(s.to_owned())),
        }
    }

    fn one(value: &str) -> Drug<'_> {
        let mut drugs = parse_drugs(value).expect("valid");
        assert_eq!(drugs.len(), 1, "{value:?}");
        drugs.remove(0)
    }

    fn fault(value: &str) -> (DrugFaultKind, usize) {
        let f = parse_drugs(value).expect_err("must fail");
        assert!(
            f.offset <= value.len() && value.is_char_boundary(f.offset),
            "{value:?}"
        );
        (f.kind, f.offset)
    }

    fn is_borrowed(part: &Option<Cow<'_, str>>) -> bool {
        matches!(part, Some(Cow::Borrowed(_)))
    }

    const SEED: &str = "['佐宁', '(盐酸乙哌立松片)'] ['协一力', '利鲁唑片', '(利鲁唑片)'] \
        ['妙纳', '(盐酸乙哌立松片)'] ['妙纳', '(盐酸乙哌立松片)'] \
        ['广州白云山天心', '三磷酸腺苷二', '(三磷酸腺苷二钠注射液)'] \
        ['三磷酸腺苷二钠注射液', '(三磷酸腺苷二钠注射液)'] ";

    #[test]
    fn seed_tuples() {
        let drugs = parse_drugs(SEED).unwrap();
        assert_eq!(
            drugs,
            vec![
                drug(Some("佐宁"), None, Some("盐酸乙哌立松片")),
                drug(Some("协一力"), Some("利鲁唑片"), Some("利鲁唑片")),
                drug(Some("妙纳"), None, Some("盐酸乙哌立松片")),
                drug(Some("妙纳"), None, Some("盐酸乙哌立松片")),
                drug(
                    Some("广州白云山天心"),
                    Some("三磷酸腺苷二"),
                    Some("三磷酸腺苷二钠注射液")
                ),
                drug(
                    Some("三磷酸腺苷二钠注射液"),
                    None,
                    Some("三磷酸腺苷二钠注射液")
                ),
            ]
        );
        assert!(drugs.iter().all(|d| [&d.brand, &d.product, &d.generic]
            .into_iter()
            .all(|p| p.is_none() || is_borrowed(p))));
    }

    #[test]
    fn serde_shape_and_owned_round_trip() {
        let drugs = parse_drugs(SEED).unwrap();
        let json = serde_json::to_string(&drugs[..2]).unwrap();
        assert_eq!(
            json,
            r#"[{"brand":"佐宁","product":null,"generic":"盐酸乙哌立松片"},{"brand":"协一力","product":"利鲁唑片","generic":"利鲁唑片"}]"#
        );
        let back: Vec<Drug<'static>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, drugs[..2]);
        let owned: Vec<Drug<'static>> = drugs.into_iter().map(Drug::into_owned).collect();
        assert!(matches!(owned[0].brand, Some(Cow::Owned(_))));
    }

    #[test]
    fn empty_and_blank_values_have_no_drugs() {
        for value in ["", " ", "\t\u{a0}\u{3000} "] {
            assert_eq!(parse_drugs(value), Ok(vec![]), "{value:?}");
        }
    }

    #[test]
    fn one_string_tuples() {
        assert_eq!(one("['佐宁']"), drug(Some("佐宁"), None, None));
        assert_eq!(one("['(利鲁唑片)']"), drug(None, None, Some("利鲁唑片")));
        assert_eq!(one("['()']"), drug(None, None, Some("")));
        assert_eq!(one("['']"), drug(Some(""), None, None));
        assert_eq!(one("['(']"), drug(Some("("), None, None));
        assert_eq!(one("['）']"), drug(Some("）"), None, None));
    }

    #[test]
    fn two_string_tuples() {
        assert_eq!(one("['a', 'b']"), drug(Some("a"), Some("b"), None));
        assert_eq!(one("['a', '(b)']"), drug(Some("a"), None, Some("b")));
        // Only the last string can be the generic name.
        assert_eq!(one("['(a)', 'b']"), drug(Some("(a)"), Some("b"), None));
    }

    #[test]
    fn three_string_tuples() {
        assert_eq!(
            one("['a', 'b', 'c']"),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one("['a', 'b', '(c)']"),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one("['(a)', '(b)', 'c']"),
            drug(Some("(a)"), Some("(b)"), Some("c"))
        );
    }

    #[test]
    fn full_width_and_mismatched_parentheses() {
        assert_eq!(
            one("['a', '（利鲁唑片）']"),
            drug(Some("a"), None, Some("利鲁唑片"))
        );
        assert_eq!(one("['a', '(b）']"), drug(Some("a"), Some("(b）"), None));
        assert_eq!(one("['a', '（b)']"), drug(Some("a"), Some("（b)"), None));
        assert_eq!(one("['a', ' (b)']"), drug(Some("a"), Some(" (b)"), None));
        assert_eq!(one("['（）']"), drug(None, None, Some("")));
    }

    #[test]
    fn double_quotes() {
        assert_eq!(
            one(r#"["a", 'b', "(c)"]"#),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one(r#"["it's", 'say "hi"']"#),
            drug(Some("it's"), Some("say \"hi\""), None)
        );
    }

    #[test]
    fn every_escape() {
        let d = one(r#"['\\ \' \" \n \r \t \0 \x41\xfF \u4e2D\U0001F600', "\"\'"]"#);
        assert_eq!(d.brand.as_deref(), Some("\\ ' \" \n \r \t \0 A\u{ff} 中😀"));
        assert_eq!(d.product.as_deref(), Some("\"'"));
        assert!(matches!(d.brand, Some(Cow::Owned(_))));
    }

    #[test]
    fn unknown_escapes_keep_their_backslash() {
        let d = one(r"['\q\a\1\N{x}', '\01']");
        assert_eq!(d.brand.as_deref(), Some(r"\q\a\1\N{x}"));
        assert_eq!(d.product.as_deref(), Some("\u{0}1"));
    }

    #[test]
    fn non_bmp_characters() {
        assert_eq!(one("['😀', '(😀)']"), drug(Some("😀"), None, Some("😀")));
        assert_eq!(
            one(r"['\U0001f600', '(\U0001F600)']"),
            drug(Some("😀"), None, Some("😀"))
        );
        assert_eq!(one(r"['\U0010FFFF']").brand.as_deref(), Some("\u{10FFFF}"));
    }

    #[test]
    fn trailing_comma() {
        assert_eq!(one("['a',]"), drug(Some("a"), None, None));
        assert_eq!(one("['a', '(b)' , ]"), drug(Some("a"), None, Some("b")));
        assert_eq!(one("['a','b','c',]"), drug(Some("a"), Some("b"), Some("c")));
    }

    #[test]
    fn whitespace_everywhere() {
        let value = " \u{3000}[ 'a'\t,\u{a0}'b' ,'(c)' ]\u{a0}['d']['e' ,] \t";
        assert_eq!(
            parse_drugs(value).unwrap(),
            vec![
                drug(Some("a"), Some("b"), Some("c")),
                drug(Some("d"), None, None),
                drug(Some("e"), None, None),
            ]
        );
        // Whitespace inside a string is kept.
        assert_eq!(one("[' a b ']").brand.as_deref(), Some(" a b "));
    }

    #[test]
    fn escape_free_strings_are_borrowed() {
        let d = one("['协一力', '利鲁唑片', '（利鲁唑片）']");
        assert!(is_borrowed(&d.brand) && is_borrowed(&d.product) && is_borrowed(&d.generic));
        let d = one(r"['a\n', '(\x41)']");
        assert!(matches!(d.brand, Some(Cow::Owned(_))));
        assert_eq!(d.generic, Some(Cow::Owned("A".to_owned())));
        // An escaped parenthesis still marks the generic name.
        assert_eq!(one(r"['\x28b\x29']").generic.as_deref(), Some("b"));
    }

    #[test]
    fn expected_list() {
        assert_eq!(fault("x ['a']"), (ExpectedList, 0));
        assert_eq!(fault(" 药['a']"), (ExpectedList, 1));
        assert_eq!(fault("['a'] x"), (ExpectedList, 6));
        assert_eq!(fault("['a'],['b']"), (ExpectedList, 5));
        assert_eq!(fault("'a'"), (ExpectedList, 0));
        assert_eq!(fault("['a']\r"), (ExpectedList, 5));
        assert_eq!(fault("]"), (ExpectedList, 0));
    }

    #[test]
    fn unclosed_bracket() {
        for value in [
            "[",
            "[ ",
            "['a'",
            "['a', 'b'",
            "['a',",
            "['a', ",
            "['佐宁' ",
        ] {
            assert_eq!(fault(value), (UnclosedBracket, value.len()), "{value:?}");
        }
    }

    #[test]
    fn unterminated_string() {
        assert_eq!(fault("['abc"), (UnterminatedString, 1));
        assert_eq!(fault("['a', \"b]"), (UnterminatedString, 6));
        assert_eq!(
            fault("['佐宁', 'b"),
            (UnterminatedString, "['佐宁', ".len())
        );
        assert_eq!(fault("['a\"]"), (UnterminatedString, 1));
        assert_eq!(fault(r"['\']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\\"), (UnterminatedString, 1));
        assert_eq!(fault(r"['\x4"), (UnterminatedString, 1));
        assert_eq!(fault("['a\nb']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\\\nb']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\r']"), (UnterminatedString, 1));
    }

    #[test]
    fn bad_escape() {
        let cases = [
            r"['ok', 'a\x4g']",
            r"['ok', 'a\x']",
            r"['ok', 'a\u12']",
            r"['ok', 'a\u12G4']",
            r"['ok', 'a\U0001F60']",
            r"['ok', 'a\ud800']",
            r"['ok', 'a\uDFFF']",
            r"['ok', 'a\U00110000']",
            r"['ok', 'a\UFFFFFFFF']",
            r"['ok', 'a\x+1']",
        ];
        for value in cases {
            assert_eq!(fault(value), (BadEscape, 9), "{value:?}");
        }
        // The first bad escape wins, after good ones and multibyte text.
        let value = r"['佐\n宁\q\u00e9\x1']";
        assert_eq!(fault(value), (BadEscape, value.find(r"\x1").unwrap()));
    }

    #[test]
    fn no_strings() {
        assert_eq!(fault("[]"), (NoStrings, 1));
        assert_eq!(fault("[ \u{3000}]"), (NoStrings, 5));
        assert_eq!(fault("['a'] []"), (NoStrings, 7));
    }

    #[test]
    fn too_many_strings() {
        assert_eq!(fault("['a','b','c','d']"), (TooManyStrings, 13));
        let value = "['佐', '宁', '(x)', \"d\"]";
        assert_eq!(fault(value), (TooManyStrings, value.find('"').unwrap()));
    }

    #[test]
    fn missing_comma() {
        assert_eq!(fault("['a' 'b']"), (MissingComma, 5));
        assert_eq!(fault("['a'\"b\"]"), (MissingComma, 4));
        assert_eq!(fault("['a','b','c' 'd']"), (MissingComma, 13));
        assert_eq!(fault("['''a''']"), (MissingComma, 3));
    }

    #[test]
    fn expected_string() {
        assert_eq!(fault("[,]"), (ExpectedString, 1));
        assert_eq!(fault("['a',,]"), (ExpectedString, 5));
        assert_eq!(fault("['a', ,]"), (ExpectedString, 6));
        assert_eq!(fault("[1]"), (ExpectedString, 1));
        assert_eq!(fault("[r'a']"), (ExpectedString, 1));
        assert_eq!(fault("[['a']]"), (ExpectedString, 1));
        assert_eq!(fault("[ 佐]"), (ExpectedString, 2));
    }

    #[test]
    fn expected_comma_or_bracket() {
        assert_eq!(fault("['a' x]"), (ExpectedCommaOrBracket, 5));
        assert_eq!(
            fault("['佐宁'x]"),
            (ExpectedCommaOrBracket, "['佐宁'".len())
        );
        assert_eq!(fault("['a')"), (ExpectedCommaOrBracket, 4));
    }

    #[test]
    fn nasty_inputs_fail_cleanly() {
        assert_eq!(fault("'"), (ExpectedList, 0));
        assert_eq!(fault("\\"), (ExpectedList, 0));
        assert_eq!(fault("['\\"), (UnterminatedString, 1));
        assert_eq!(fault(&"[".repeat(100_000)), (ExpectedString, 1));
        let many_quotes = format!("['{}", "\\'".repeat(50_000));
        assert_eq!(fault(&many_quotes), (UnterminatedString, 1));
        let long = format!("['{}']", "\\x41".repeat(50_000));
        assert_eq!(one(&long).brand.map(|b| b.len()), Some(50_000));
        let lists = "['a'] ".repeat(20_000);
        assert_eq!(parse_drugs(&lists).map(|d| d.len()), Ok(20_000));
    }

    /// A straightforward char-by-char reading of the grammar and the roles
    /// (string methods and `chars()`, no byte tricks), the oracle for the
    /// byte scanner.
    mod reference {
        use super::super::*;
        use crate::lex::is_space;

        fn at(value: &str, rest: &str, kind: DrugFaultKind) -> DrugFault {
            DrugFault {
                kind,
                offset: value.len() - rest.len(),
            }
        }

        fn decode(text: &str, start: usize) -> Result<String, DrugFault> {
            let mut out = String::new();
            let mut chars = text.char_indices();
            while let Some((i, c)) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                let bad = DrugFault {
                    kind: DrugFaultKind::BadEscape,
                    offset: start + i,
                };
                let (_, e) = chars.next().ok_or(bad)?;
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => {
                        out.push_str(match e {
                            '\\' => "\\",
                            '\'' => "'",
                            '"' => "\"",
                            'n' => "\n",
                            'r' => "\r",
                            't' => "\t",
                            '0' => "\0",
                            _ => "\\",
                        });
                        if !"\\'\"nrt0".contains(e) {
                            out.push(e);
                        }
                        continue;
                    }
                };
                let hex: String = chars.by_ref().take(digits).map(|(_, h)| h).collect();
                let c = (hex.chars().count() == digits
                    && hex.chars().all(|h| h.is_ascii_hexdigit()))
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
                .ok_or(bad)?;
                out.push(c);
            }
            Ok(out)
        }

        fn generic_of(s: &str) -> Option<&str> {
            s.strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .or_else(|| s.strip_prefix('（').and_then(|r| r.strip_suffix('）')))
        }

        fn strip(s: Cow<'_, str>) -> Result<Cow<'_, str>, Cow<'_, str>> {
            match s {
                Cow::Borrowed(b) => generic_of(b).map(Cow::Borrowed).ok_or(s),
                Cow::Owned(ref o) => match generic_of(o) {
                    Some(g) => Ok(Cow::Owned(g.to_owned())),
                    None => Err(s),
                },
            }
        }

        fn roles(mut strings: Vec<Cow<'_, str>>) -> Drug<'_> {
            let last = strings.pop().expect("1 to 3 strings");
            let mut drug = Drug::default();
            let (generic, other) = match strip(last) {
                Ok(g) => (Some(g), None),
                Err(s) if strings.len() == 2 => (Some(s), None),
                Err(s) => (None, Some(s)),
            };
            drug.generic = generic;
            let mut rest = strings.into_iter().chain(other);
            drug.brand = rest.next();
            drug.product = rest.next();
            drug
        }

        pub(super) fn parse(value: &str) -> Result<Vec<Drug<'_>>, DrugFault> {
            let mut drugs = Vec::new();
            let mut rest = value.trim_start_matches(is_space);
            while !rest.is_empty() {
                let Some(inside) = rest.strip_prefix('[') else {
                    return Err(at(value, rest, DrugFaultKind::ExpectedList));
                };
                let mut strings = Vec::new();
                rest = inside.trim_start_matches(is_space);
                loop {
                    let mut chars = rest.chars();
                    let quote = match chars.next() {
                        Some(q @ ('\'' | '"')) => q,
                        Some(']') if !strings.is_empty() => {
                            rest = chars.as_str();
                            break;
                        }
                        Some(']') => return Err(at(value, rest, DrugFaultKind::NoStrings)),
                        Some(_) => return Err(at(value, rest, DrugFaultKind::ExpectedString)),
                        None => return Err(at(value, rest, DrugFaultKind::UnclosedBracket)),
                    };
                    if strings.len() == 3 {
                        return Err(at(value, rest, DrugFaultKind::TooManyStrings));
                    }
                    let open = rest;
                    let body = chars.as_str();
                    let mut escaped = false;
                    loop {
                        match chars.next() {
                            None | Some('\n' | '\r') => {
                                return Err(at(value, open, DrugFaultKind::UnterminatedString))
                            }
                            Some('\\') => match chars.next() {
                                None | Some('\n' | '\r') => {
                                    return Err(at(value, open, DrugFaultKind::UnterminatedString))
                                }
                                Some(_) => escaped = true,
                            },
                            Some(c) if c == quote => break,
                            Some(_) => {}
                        }
                    }
                    let after = chars.as_str();
                    let text = &body[..body.len() - after.len() - 1];
                    strings.push(if escaped {
                        Cow::Owned(decode(text, value.len() - body.len())?)
                    } else {
                        Cow::Borrowed(text)
                    });
                    rest = after.trim_start_matches(is_space);
                    let mut chars = rest.chars();
                    match chars.next() {
                        Some(',') => rest = chars.as_str().trim_start_matches(is_space),
                        Some(']') => {
                            rest = chars.as_str();
                            break;
                        }
                        Some('\'' | '"') => {
                            return Err(at(value, rest, DrugFaultKind::MissingComma))
                        }
                        Some(_) => {
                            return Err(at(value, rest, DrugFaultKind::ExpectedCommaOrBracket))
                        }
                        None => return Err(at(value, rest, DrugFaultKind::UnclosedBracket)),
                    }
                }
                drugs.push(roles(strings));
                rest = rest.trim_start_matches(is_space);
            }
            Ok(drugs)
        }
    }

    /// Pieces that exercise every branch of the scanner: tokens, every
    /// whitespace character and near misses of their bytes (U+00A1 `C2 A1`,
    /// U+3001 `E3 80 81`, U+2003), escapes and their digits, both quotes and
    /// both kinds of parentheses, raw line breaks, and CJK and 4-byte text.
    const PIECES: &[&str] = &[
        "[",
        "]",
        "'",
        "\"",
        ",",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\u{a1}",
        "\u{3001}",
        "\u{2003}",
        "\\",
        "\n",
        "\r",
        "x",
        "u",
        "U",
        "4",
        "0",
        "f",
        "D800",
        "(",
        ")",
        "（",
        "）",
        "佐宁",
        "盐酸乙哌立松片",
        "😀",
        "a",
        "\u{0}",
        "['",
        "']",
        "', '",
        "\\'",
        "\\\"",
        "\\\\",
    ];

    /// A value drawn from [`PIECES`], mostly shaped like real drug lists.
    fn value_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(PIECES);
        let string = (
            prop_oneof![Just('\''), Just('"')],
            proptest::collection::vec(piece.clone(), 0..6),
        )
            .prop_map(|(q, parts)| format!("{q}{}{q}", parts.concat()));
        let tuple = (
            proptest::collection::vec(string, 0..5),
            proptest::sample::select(&[", ", ",", " ,\u{a0}", "\u{3000},"][..]),
            any::<bool>(),
        )
            .prop_map(|(strings, sep, trailing)| {
                format!("[{}{}]", strings.join(sep), if trailing { "," } else { "" })
            });
        prop_oneof![
            proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat()),
            proptest::collection::vec(tuple, 0..5).prop_map(|t| t.join(" ")),
        ]
    }

    fn same_as_reference(value: &str) {
        let got = parse_drugs(value);
        let want = reference::parse(value);
        assert_eq!(got, want, "{value:?}");
        // Borrowed exactly when the reference borrows too (no escape).
        if let (Ok(got), Ok(want)) = (got, want) {
            for (g, w) in got.iter().zip(&want) {
                for (gp, wp) in [
                    (&g.brand, &w.brand),
                    (&g.product, &w.product),
                    (&g.generic, &w.generic),
                ] {
                    assert_eq!(is_borrowed(gp), is_borrowed(wp), "{value:?}");
                }
            }
        }
    }

    #[test]
    fn find_stop_matches_a_byte_search() {
        let texts = [
            "",
            "a",
            "佐宁'",
            "0123456'89",
            "佐宁盐酸乙哌立松片\\x",
            "abcdefgh\r",
            "abcdefghi\n",
            "\u{a0}\u{3000}😀😀'",
            "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}'",
            "\u{0}\u{1}\u{1}\"\u{1}'",
            "(盐酸乙哌立松片)', '",
            "\"\"\"\"\"\"\"\"\"'",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for quote in [b'\'', b'"'] {
                for start in 0..=bytes.len() {
                    let want = (start..bytes.len())
                        .find(|&i| matches!(bytes[i], b'\\' | b'\n' | b'\r') || bytes[i] == quote)
                        .unwrap_or(bytes.len());
                    assert_eq!(find_stop(bytes, start, quote), want, "{text:?} {start}");
                }
            }
        }
        // Every byte value at every position of a word and of the tail.
        for len in 1..=17 {
            for pos in 0..len {
                for b in 0..=u8::MAX {
                    let mut bytes = vec![0xE4; len];
                    bytes[pos] = b;
                    let stop = matches!(b, b'\'' | b'\\' | b'\n' | b'\r');
                    let want = if stop { pos } else { len };
                    assert_eq!(find_stop(&bytes, 0, b'\''), want, "{len} {pos} {b:#x}");
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_fixed_values() {
        for value in [
            SEED,
            "",
            "[\u{a0}'a'\u{3000},\t\"(b)\"\u{a0}]\u{3000}['c','d','（e）',]",
            "['a'\u{a1}]",
            "[\u{3001}'a']",
            "['a',\u{2003}'b']",
            r"['\x28b\x29', '\U0001F600', '\u00e9\0\q']",
            r#"["a\"b", 'c\'d', "\\"]"#,
            "['a\\\r']",
            "['佐宁', '(盐酸乙哌立松片)'] ['协一力\\'s', '利鲁唑片', '利鲁唑片']",
            "['a', 'b', 'c', 'd']",
            "['abcdefghijklmnop\\",
        ] {
            same_as_reference(value);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2048),
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn agrees_with_the_reference(value in value_strategy()) {
            same_as_reference(&value);
        }
    }

    #[test]
    fn fault_messages() {
        for kind in [
            ExpectedList,
            UnclosedBracket,
            UnterminatedString,
            BadEscape,
            NoStrings,
            TooManyStrings,
            MissingComma,
            ExpectedString,
            ExpectedCommaOrBracket,
        ] {
            let message = kind.to_string();
            assert!(
                message.starts_with(|c: char| c.is_ascii_lowercase()),
                "{message}"
            );
            assert!(!message.ends_with('.'), "{message}");
        }
        assert_eq!(
            NoStrings.to_string(),
            "a tuple needs 1 to 3 strings, found none"
        );
        let f = parse_drugs("[]").unwrap_err();
        assert_eq!(
            f.to_string(),
            "a tuple needs 1 to 3 strings, found none at byte 1"
        );
    }
}
