//! The `药品` (drugs) value grammar: the productions `drugs`, `drug_list`,
//! `py_string` and `escape` of the
//! [format reference: drugs](crate::format#drugs), as nom parsers.
//!
//! This module owns how a drugs value is read: list brackets, commas, the
//! whitespace between them, string boundaries, escape decoding, the roles
//! of a list's strings, and which fault is named where. The types it
//! builds ([`Drug`], [`DrugFaultKind`]) and the public entry point
//! ([`parse_drugs`](crate::drugs::parse_drugs), which turns a [`Failure`]
//! into a `DrugFault`) live in [`crate::drugs`]. It must not touch labels,
//! lines or trailing-space trimming (it is handed the value alone), nor
//! positions: a failure carries the input left where the grammar failed.
//!
//! Every production is linear in its input. The only re-reading is bounded:
//! a string with an escape is read up to its first escape, then to its
//! closing quote, then once more to decode it; a list end re-reads the
//! whitespace and comma that a missing string was tried after.
//!
//! # Speed
//!
//! Drug values are a good part of a corpus's parse time and their tokens
//! are a few bytes apart, so where the calls fall matters. A call that
//! returns a nom result hands the input position back through memory, and
//! nom calls a parser function through a shim the optimiser does not always
//! inline. So the grammar makes one call per list ([`drug_list`]) and one
//! per string (into the `alt` of [`py_string`], itself forced inline: out
//! of line it cost a second call per string, 3% of drug parsing and 7% of
//! its stores; its branches are called through [`Inline`], directly rather
//! than through nom's shim, which took 10% longer though it ran 2% fewer
//! instructions); the small pieces between them are forced
//! inline: [`lit`], [`ws0`] (its loop, reached only on whitespace, is out of
//! line), [`comma`] (a function returning its parser, so that it is built
//! into [`drug_list`] rather than called), [`roles`], the string leaf, and
//! the closure [`opened_by`] returns (a closure takes no `#[inline]` from
//! the function that builds it, so it carries its own).
//! Measured against the hand-written scanner this grammar replaced, an
//! out-of-line `comma`, `ws0` or `roles` each cost 10–30% more; the
//! escaped-string path is out of line ([`escaped`]).

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{anychar, none_of};
use nom::combinator::{cut, eof, flat_map, map, map_opt, opt, peek, recognize, value};
use nom::multi::{fold_many0, many0_count};
use nom::sequence::{preceded, terminated};
use nom::Parser;

use super::{expect, fail_with, lit, Failure, Inline, PResult};
use crate::drugs::{Drug, DrugFaultKind};
use crate::lex::{space_len, trim_start_space};

/// The result of a drugs production.
type Parsed<'a, O> = PResult<&'a str, O, DrugFaultKind>;

/// The failure of a drugs production.
type Fault<'a> = Failure<&'a str, DrugFaultKind>;

/// ```text
/// drugs = { ws } { drug_list { ws } } ;
/// ```
///
/// The whole value, so it ends at the end of the value: anything else where
/// a `drug_list` could start is [`ExpectedList`](DrugFaultKind::ExpectedList).
/// The lists are gathered by a fold that pushes each one into a vector the
/// fold's closure borrows.
///
/// Read as `{ { ws } drug_list } { ws }`, the same strings: a list is the
/// last thing its step parses, so the fold takes it as `drug_list` left it
/// (after a trailing `{ ws }` the step moved it once more: 6% of the
/// stores of drug parsing).
pub(crate) fn drugs(input: &str) -> Parsed<'_, Vec<Drug<'_>>> {
    let mut found = Vec::with_capacity(reserve(input.len()));
    let (rest, ()) = terminated(
        fold_many0(
            preceded(ws0, Inline(drug_list)),
            || (),
            |(), drug| found.push(drug),
        ),
        (ws0, expect(DrugFaultKind::ExpectedList, eof)),
    )
    .parse(input)?;
    Ok((rest, found))
}

/// A typical list's length in bytes, to reserve the vector from the value's
/// length: the seed's lists (two or three CJK strings) take 40 to 55 bytes.
/// A value of shorter lists grows the vector as usual.
const BYTES_PER_LIST: usize = 40;

/// Most lists reserved up front, so a long value does not reserve in
/// proportion before its lists are seen.
const MAX_RESERVE: usize = 64;

/// How many drugs to reserve for a value of `len` bytes: none for an empty
/// value (a field's value never opens with whitespace). (Counting the `[`s
/// first cost more, about 6% of drug parsing, than this estimate's
/// occasional regrowth.)
fn reserve(len: usize) -> usize {
    len.div_ceil(BYTES_PER_LIST).min(MAX_RESERVE)
}

/// ```text
/// drug_list = "[" { ws } py_string { { ws } "," { ws } py_string }
///             [ { ws } "," ] { ws } "]" ;          (1 to 3 strings)
/// ```
///
/// Committed once `[` is read. The string count is in the shape: a first
/// string, then at most two more, each after a [`comma`]; [`list_end`]
/// reads the optional trailing comma and the `]`, and names what it finds
/// instead. [`roles`] gives the strings their places in the [`Drug`].
fn drug_list(input: &str) -> Parsed<'_, Drug<'_>> {
    preceded(
        lit('['),
        cut(map(
            (
                preceded(ws0, first_string),
                opt(preceded(
                    comma(),
                    (py_string, opt(preceded(comma(), py_string))),
                )),
                list_end,
            ),
            |(first, more, ())| roles(first, more),
        )),
    )
    .parse(input)
}

/// The first `py_string` of a `drug_list`, or the fault where it was due:
/// `]` is an empty list, the end of the value an unclosed one.
fn first_string(input: &str) -> Parsed<'_, Cow<'_, str>> {
    alt((
        py_string,
        found(lit(']'), DrugFaultKind::NoStrings),
        found(eof, DrugFaultKind::UnclosedBracket),
        fail_with(DrugFaultKind::ExpectedString),
    ))
    .parse(input)
}

/// `{ ws } "," { ws }` between two strings of a `drug_list`. A function
/// that returns the parser, so that it is built into [`drug_list`] (see
/// the module docs).
#[inline(always)]
fn comma<'a>() -> impl Parser<&'a str, Output = (), Error = Fault<'a>> {
    value((), (ws0, lit(','), ws0))
}

/// `[ { ws } "," ] { ws } "]"`, the end of a `drug_list` after its last
/// string, or the fault where `]` was due. After a comma a quote can only
/// open a fourth string (a second or third one was read as a string).
fn list_end(input: &str) -> Parsed<'_, ()> {
    preceded(
        ws0,
        alt((
            value((), lit(']')),
            preceded(
                (lit(','), ws0),
                cut(alt((
                    value((), lit(']')),
                    found(quote, DrugFaultKind::TooManyStrings),
                    found(eof, DrugFaultKind::UnclosedBracket),
                    fail_with(DrugFaultKind::ExpectedString),
                ))),
            ),
            found(quote, DrugFaultKind::MissingComma),
            found(eof, DrugFaultKind::UnclosedBracket),
            fail_with(DrugFaultKind::ExpectedCommaOrBracket),
        )),
    )
    .parse(input)
}

/// Either quote, as what may open a string.
fn quote(input: &str) -> Parsed<'_, char> {
    alt((lit('\''), lit('"'))).parse(input)
}

/// `{ ws }`: any run of the format's whitespace, matched on bytes by
/// [`trim_start_space`].
///
/// Most calls find no whitespace, so the first character is tried here and
/// the trimming loop is [`skip_space`], out of line.
#[inline(always)]
fn ws0(input: &str) -> Parsed<'_, ()> {
    match space_len(input.as_bytes(), 0) {
        0 => Ok((input, ())),
        _ => Ok((skip_space(input), ())),
    }
}

/// `input` without its leading whitespace, out of line so that [`ws0`]
/// stays small enough to be inlined wherever it is used.
#[inline(never)]
fn skip_space(input: &str) -> &str {
    trim_start_space(input)
}

/// ```text
/// py_string = "'" { char | escape } "'" | '"' { char | escape } '"' ;
/// ```
///
/// `char` is any character but the quote, a backslash or a raw line break
/// (`\n`, `\r`), so a string ends on its line. Fails unnamed when there is
/// no quote; once the quote is read, see [`quoted`].
#[inline(always)]
fn py_string(input: &str) -> Parsed<'_, Cow<'_, str>> {
    alt((Inline(quoted::<'\''>), Inline(quoted::<'"'>))).parse(input)
}

/// The branch of `py_string` quoted by `Q`, committed after the opening
/// quote: a string with no closing `Q` on its line is
/// [`UnterminatedString`](DrugFaultKind::UnterminatedString) at the opening
/// quote.
///
/// Boundaries come before escapes, as in Python's tokenizer: a string with
/// no escape is the one run of [`py_string_chars`] up to its closing quote,
/// borrowed; otherwise its raw text is first read up to the closing quote
/// ([`raw_text`]) and only then [`decoded`], so a bad escape in an
/// unterminated string is an unterminated string.
fn quoted<const Q: char>(input: &str) -> Parsed<'_, Cow<'_, str>> {
    opened_by(
        lit(Q),
        DrugFaultKind::UnterminatedString,
        alt((
            map(terminated(py_string_chars::<Q>, lit(Q)), Cow::Borrowed),
            map(escaped::<Q>, Cow::Owned),
        )),
    )
    .parse(input)
}

/// The body and closing quote of a string quoted by `Q` that has an
/// escape: its [`raw_text`] must reach a closing `Q` before it is
/// [`decoded`]. Kept out of line: escapes are rare, and the common path
/// stays small.
#[cold]
#[inline(never)]
fn escaped<const Q: char>(input: &str) -> Parsed<'_, String> {
    terminated(
        flat_map(peek(terminated(raw_text::<Q>, lit(Q))), |raw: &str| {
            decoded::<Q>(raw.len())
        }),
        lit(Q),
    )
    .parse(input)
}

/// The raw text of a string quoted by `Q`, escapes skipped but not decoded:
/// `{ char } { "\" any character but a raw line break { char } }`.
fn raw_text<const Q: char>(input: &str) -> Parsed<'_, &str> {
    recognize((
        py_string_chars::<Q>,
        many0_count((lit('\\'), none_of("\r\n"), py_string_chars::<Q>)),
    ))
    .parse(input)
}

/// The decoded text of a string quoted by `Q` whose raw text (`len` bytes)
/// is known to end at a closing `Q`: `{ { char } escape } { char }`, the
/// pieces pushed into one string the fold's closure borrows.
fn decoded<'a, const Q: char>(
    len: usize,
) -> impl Parser<&'a str, Output = String, Error = Fault<'a>> {
    move |input: &'a str| {
        // Decoding never lengthens the text.
        let mut text = String::with_capacity(len);
        let (rest, ()) = fold_many0(
            (py_string_chars::<Q>, escape),
            || (),
            |(), (chars, unescaped)| {
                text.push_str(chars);
                unescaped.push_onto(&mut text);
            },
        )
        .parse(input)?;
        let (rest, chars) = py_string_chars::<Q>(rest)?;
        text.push_str(chars);
        Ok((rest, text))
    }
}

/// `{ char }` of a string quoted by `Q`: the (possibly empty) run up to
/// the next `Q`, backslash or raw line break, or to the end of the value.
///
/// The hot leaf of the grammar, searched a word at a time by [`find_stop`].
#[inline(always)]
fn py_string_chars<const Q: char>(input: &str) -> Parsed<'_, &str> {
    let end = find_stop(input.as_bytes(), 0, Q as u8);
    match input.split_at_checked(end) {
        Some((chars, rest)) => Ok((rest, chars)),
        None => {
            debug_assert!(false, "find_stop stops on an ASCII byte or the end");
            Err(nom::Err::Error(Failure { input, kind: None }))
        }
    }
}

/// ```text
/// escape = "\" ( "\" | "'" | '"' | "n" | "r" | "t" | "0"
///              | "x" hex hex | "u" hex*4 | "U" hex*8 | other ) ;
/// ```
///
/// Committed after the backslash: `\x`, `\u` or `\U` without exactly its 2,
/// 4 or 8 hex digits (any case), or naming a surrogate or a code point
/// above U+10FFFF, is [`BadEscape`](DrugFaultKind::BadEscape) at the
/// backslash. `\0` is NUL, never the start of an octal escape; `other`
/// (any other character, Python's `\a`, `\N{…}` and octal escapes
/// included) keeps its backslash.
fn escape(input: &str) -> Parsed<'_, Unescaped> {
    opened_by(
        lit('\\'),
        DrugFaultKind::BadEscape,
        alt((
            value(Unescaped::Char('\\'), lit('\\')),
            value(Unescaped::Char('\''), lit('\'')),
            value(Unescaped::Char('"'), lit('"')),
            value(Unescaped::Char('\n'), lit('n')),
            value(Unescaped::Char('\r'), lit('r')),
            value(Unescaped::Char('\t'), lit('t')),
            value(Unescaped::Char('\0'), lit('0')),
            preceded(lit('x'), cut(hex_char::<2>)),
            preceded(lit('u'), cut(hex_char::<4>)),
            preceded(lit('U'), cut(hex_char::<8>)),
            map(anychar, Unescaped::Kept),
        )),
    )
    .parse(input)
}

/// `hex*N`: exactly `N` hex digits naming a Unicode scalar value.
fn hex_char<const N: usize>(input: &str) -> Parsed<'_, Unescaped> {
    map_opt(
        take_while_m_n(N, N, |c: char| c.is_ascii_hexdigit()),
        |hex: &str| {
            u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(Unescaped::Char)
        },
    )
    .parse(input)
}

/// What an escape stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unescaped {
    /// The character it names.
    Char(char),
    /// An unknown escape: the backslash, kept, then this character.
    Kept(char),
}

impl Unescaped {
    fn push_onto(self, text: &mut String) {
        match self {
            Unescaped::Char(c) => text.push(c),
            Unescaped::Kept(c) => {
                text.push('\\');
                text.push(c);
            }
        }
    }
}

/// Gives a list's 1 to 3 strings their roles: when the last one is wrapped
/// in `(…)` or `（…）` it is the `generic` name without them and the ones
/// before it are `brand` then `product`; otherwise they are `brand`,
/// `product`, `generic` in order.
#[inline(always)]
fn roles<'a>(first: Cow<'a, str>, more: Option<(Cow<'a, str>, Option<Cow<'a, str>>)>) -> Drug<'a> {
    match more {
        None => match generic(first) {
            Ok(generic) => Drug {
                brand: None,
                product: None,
                generic: Some(generic),
            },
            Err(brand) => Drug {
                brand: Some(brand),
                product: None,
                generic: None,
            },
        },
        Some((second, None)) => {
            let (product, generic) = match generic(second) {
                Ok(generic) => (None, Some(generic)),
                Err(product) => (Some(product), None),
            };
            Drug {
                brand: Some(first),
                product,
                generic,
            }
        }
        Some((second, Some(third))) => Drug {
            brand: Some(first),
            product: Some(second),
            generic: Some(generic(third).unwrap_or_else(|third| third)),
        },
    }
}

/// `Ok` with the text inside the parentheses when `s` is wrapped in `(…)`
/// or `（…）` (borrowed when `s` is), `Err(s)` otherwise. A matching pair
/// is needed (`(…）` is not one), and `'('` alone is not wrapped.
#[inline(always)]
fn generic(s: Cow<'_, str>) -> Result<Cow<'_, str>, Cow<'_, str>> {
    match s {
        Cow::Borrowed(b) => inside_parentheses(b).map(Cow::Borrowed).ok_or(s),
        // Only strings with escapes are owned: rare, so a copy is fine.
        Cow::Owned(ref o) => match inside_parentheses(o) {
            Some(inside) => Ok(Cow::Owned(inside.to_owned())),
            None => Err(s),
        },
    }
}

/// The text inside `(…)` or `（…）` when `s` is wrapped in one of them.
#[inline(always)]
fn inside_parentheses(s: &str) -> Option<&str> {
    s.strip_prefix('(')
        .and_then(|inside| inside.strip_suffix(')'))
        .or_else(|| {
            s.strip_prefix('（')
                .and_then(|inside| inside.strip_suffix('）'))
        })
}

/// `open`, then `body`, committed: a failure of `body` that it does not
/// name becomes `kind` where `open` started (a string's opening quote, an
/// escape's backslash). A failure of `open` is left unnamed, so that an
/// `alt` above tries its next branch.
fn opened_by<'a, O, P, B>(
    mut open: P,
    kind: DrugFaultKind,
    mut body: B,
) -> impl Parser<&'a str, Output = O, Error = Fault<'a>>
where
    P: Parser<&'a str, Error = Fault<'a>>,
    B: Parser<&'a str, Output = O, Error = Fault<'a>>,
{
    // Forced inline (see the module docs): out of line, this closure, the
    // whole of a string, cost about 25% of drug parsing.
    #[inline(always)]
    move |input: &'a str| {
        let (after, _) = open.parse(input)?;
        body.parse(after).map_err(|e| match e {
            nom::Err::Error(f) | nom::Err::Failure(f) => nom::Err::Failure(match f.kind {
                Some(_) => f,
                None => Failure {
                    input,
                    kind: Some(kind),
                },
            }),
            nom::Err::Incomplete(needed) => nom::Err::Incomplete(needed),
        })
    }
}

/// Fails with `kind`, committed, where `what` comes next (without reading
/// it); fails unnamed otherwise, so that an `alt` tries its next branch.
fn found<'a, O, P>(
    what: P,
    kind: DrugFaultKind,
) -> impl Parser<&'a str, Output = O, Error = Fault<'a>>
where
    P: Parser<&'a str, Error = Fault<'a>>,
{
    preceded(peek(what), cut(fail_with(kind)))
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
#[inline(always)]
pub(crate) fn find_stop(bytes: &[u8], mut at: usize, quote: u8) -> usize {
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
