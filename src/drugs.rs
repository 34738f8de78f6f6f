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

use crate::lex::trim_start_space;

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
    let scanner = Scanner { value };
    // One allocation: every tuple opens with a `[` (a vector count).
    let tuples = memchr::memchr_iter(b'[', value.as_bytes()).count();
    let mut drugs = Vec::with_capacity(tuples.min(MAX_RESERVE));
    let mut rest = trim_start_space(value);
    while !rest.is_empty() {
        let Some(inside) = rest.strip_prefix('[') else {
            return Err(scanner.fault(DrugFaultKind::ExpectedList, rest));
        };
        let (after, drug) = scanner.list(inside)?;
        drugs.push(drug);
        rest = trim_start_space(after);
    }
    Ok(drugs)
}

/// Most tuples reserved up front; a value of many `[` but few tuples must
/// not allocate in proportion.
const MAX_RESERVE: usize = 64;

/// Up to three strings of one tuple, filled in order.
type Slots<'a> = [Option<Cow<'a, str>>; 3];

/// The value being parsed, kept to turn a remaining suffix into an offset.
struct Scanner<'a> {
    value: &'a str,
}

impl<'a> Scanner<'a> {
    /// The byte offset of `rest`, which must be a suffix of the value.
    fn offset(&self, rest: &str) -> usize {
        self.value.len().saturating_sub(rest.len())
    }

    /// A fault of `kind` at the start of the suffix `rest`.
    fn fault(&self, kind: DrugFaultKind, rest: &str) -> DrugFault {
        DrugFault {
            kind,
            offset: self.offset(rest),
        }
    }

    /// One list, from just after its `[` to just after its `]`.
    fn list(&self, inside: &'a str) -> Result<(&'a str, Drug<'a>), DrugFault> {
        let mut slots: Slots<'a> = [None, None, None];
        let mut rest = trim_start_space(inside);
        loop {
            // Expecting a string, or `]` after a trailing comma.
            let mut chars = rest.chars();
            let quote = match chars.next() {
                Some(q @ ('\'' | '"')) => q,
                Some(']') if slots[0].is_some() => return Ok((chars.as_str(), roles(slots))),
                Some(']') => return Err(self.fault(DrugFaultKind::NoStrings, rest)),
                Some(_) => return Err(self.fault(DrugFaultKind::ExpectedString, rest)),
                None => return Err(self.fault(DrugFaultKind::UnclosedBracket, rest)),
            };
            let Some(slot) = slots.iter_mut().find(|slot| slot.is_none()) else {
                return Err(self.fault(DrugFaultKind::TooManyStrings, rest));
            };
            let (after, string) = self.string(rest, quote, chars.as_str())?;
            *slot = Some(string);

            // Expecting `,` or `]`.
            rest = trim_start_space(after);
            let mut chars = rest.chars();
            match chars.next() {
                Some(',') => rest = trim_start_space(chars.as_str()),
                Some(']') => return Ok((chars.as_str(), roles(slots))),
                Some('\'' | '"') => return Err(self.fault(DrugFaultKind::MissingComma, rest)),
                Some(_) => return Err(self.fault(DrugFaultKind::ExpectedCommaOrBracket, rest)),
                None => return Err(self.fault(DrugFaultKind::UnclosedBracket, rest)),
            }
        }
    }

    /// One string literal: `open` starts at its opening `quote`, `body` just
    /// after it. Returns what follows the closing quote and the decoded text.
    fn string(
        &self,
        open: &'a str,
        quote: char,
        body: &'a str,
    ) -> Result<(&'a str, Cow<'a, str>), DrugFault> {
        let mut rest = body;
        let mut has_escape = false;
        loop {
            let stop = skip_plain(rest, quote);
            let mut chars = stop.chars();
            match chars.next() {
                Some('\\') => match chars.next() {
                    Some(c) if !is_line_break(c) => {
                        has_escape = true;
                        rest = chars.as_str();
                    }
                    _ => break,
                },
                Some(c) if c == quote => {
                    let text = prefix_before(body, stop);
                    let string = if has_escape {
                        Cow::Owned(self.decode(text, self.offset(body))?)
                    } else {
                        Cow::Borrowed(text)
                    };
                    return Ok((chars.as_str(), string));
                }
                // The end of the value, or a raw line break.
                _ => break,
            }
        }
        Err(self.fault(DrugFaultKind::UnterminatedString, open))
    }

    /// Decodes the escapes of a string body that starts at byte `start` of
    /// the value and is known to be terminated.
    fn decode(&self, text: &str, start: usize) -> Result<String, DrugFault> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            let backslash = rest.trim_start_matches(|c: char| c != '\\');
            out.push_str(prefix_before(rest, backslash));
            let Some(escape) = backslash.strip_prefix('\\') else {
                return Ok(out);
            };
            rest = push_escape(escape, &mut out).ok_or(DrugFault {
                kind: DrugFaultKind::BadEscape,
                offset: start + text.len().saturating_sub(backslash.len()),
            })?;
        }
    }
}

/// `rest` from its first quote `quote`, backslash or raw line break on (or
/// `""`). All four are ASCII, so the cut is a char boundary. Two vector
/// scans, each stopping at the first hit: `memchr3` for quote, backslash or
/// `\n`, then `memchr` for a `\r` before that (the string bodies, decoded
/// char by char, were a third of the drug grammar's time). Both scans end
/// at the returned position, so a string with many escapes stays linear.
fn skip_plain(rest: &str, quote: char) -> &str {
    let bytes = rest.as_bytes();
    let quote = u8::try_from(quote).unwrap_or(b'\'');
    let end = memchr::memchr3(quote, b'\\', b'\n', bytes).unwrap_or(bytes.len());
    let head = bytes.get(..end).unwrap_or(bytes);
    let at = memchr::memchr(b'\r', head).unwrap_or(end);
    rest.get(at..).unwrap_or_default()
}

/// A raw line break, which no string may contain.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// The prefix of `whole` that ends where its suffix `rest` begins.
fn prefix_before<'s>(whole: &'s str, rest: &str) -> &'s str {
    // `rest` always comes from `str` methods on `whole`, so the cut is a char
    // boundary; `get` keeps this panic-free regardless.
    whole
        .get(..whole.len().saturating_sub(rest.len()))
        .unwrap_or(whole)
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

/// Assigns a tuple's strings (filled in order) to their roles.
fn roles(slots: Slots<'_>) -> Drug<'_> {
    match slots {
        [brand, product, Some(last)] => Drug {
            brand,
            product,
            generic: Some(unwrap_generic(last).unwrap_or_else(|same| same)),
        },
        [brand, Some(last), None] => match unwrap_generic(last) {
            Ok(generic) => Drug {
                brand,
                product: None,
                generic: Some(generic),
            },
            Err(product) => Drug {
                brand,
                product: Some(product),
                generic: None,
            },
        },
        [Some(last), None, None] => match unwrap_generic(last) {
            Ok(generic) => Drug {
                generic: Some(generic),
                ..Drug::default()
            },
            Err(brand) => Drug {
                brand: Some(brand),
                ..Drug::default()
            },
        },
        [None, None, None] => Drug::default(),
    }
}

/// `Ok` with the parentheses removed when `s` is wrapped in `(…)` or `（…）`
/// (staying borrowed when `s` is), else `Err(s)` unchanged.
fn unwrap_generic(s: Cow<'_, str>) -> Result<Cow<'_, str>, Cow<'_, str>> {
    fn inner(s: &str) -> Option<&str> {
        s.strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .or_else(|| s.strip_prefix('（').and_then(|r| r.strip_suffix('）')))
    }
    match s {
        Cow::Borrowed(b) => inner(b).map(Cow::Borrowed).ok_or(s),
        Cow::Owned(ref o) => match inner(o) {
            Some(i) => Ok(Cow::Owned(i.to_owned())),
            None => Err(s),
        },
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
