//! The productions of a drugs value
//! ([format reference: drugs](crate::format#drugs)).

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{anychar, none_of};
use nom::combinator::{cut, eof, map, map_opt, opt, peek, recognize, value};
use nom::multi::{fold_many0, many0_count};
use nom::sequence::{preceded, terminated};
use nom::Parser;

use super::{expect, fail_with, lit, offset, split_at, Failure, Inline, PResult};
use crate::model::drugs::{Drug, DrugFault, DrugFaultKind};
use crate::scan::{find_string_stop, trim_start_space};

/// The result of a drugs production.
type Parsed<'a, O> = PResult<&'a str, O, DrugFaultKind>;

/// The failure of a drugs production.
type Fault<'a> = Failure<&'a str, DrugFaultKind>;

/// A whole drugs value, or its first fault.
pub(crate) fn read_drugs(value: &str) -> Result<Vec<Drug<'_>>, DrugFault> {
    match drugs(value) {
        Ok((_, drugs)) => Ok(drugs),
        Err(nom::Err::Error(failure) | nom::Err::Failure(failure)) => Err(DrugFault {
            kind: failure.kind.unwrap_or(DrugFaultKind::ExpectedList),
            offset: offset(&value, &failure.input),
        }),
        // Complete parsers never ask for more input: more is the value's end.
        Err(nom::Err::Incomplete(_)) => Err(DrugFault {
            kind: DrugFaultKind::UnclosedBracket,
            offset: value.len(),
        }),
    }
}

impl Drug<'_> {
    /// Whether the drugs grammar reads [`Drug::write_python`]'s literal
    /// back as this very drug.
    pub(crate) fn reads_back(&self) -> bool {
        let mut text = String::new();
        self.push_python(&mut text);
        matches!(read_drugs(&text).as_deref(), Ok([back]) if back == self)
    }
}

/// ```text
/// drugs     = { ws } { drug_list { ws } } ;
/// ```
///
/// Anything else where a `drug_list` could start is
/// [`ExpectedList`](DrugFaultKind::ExpectedList).
pub(crate) fn drugs(input: &str) -> Parsed<'_, Vec<Drug<'_>>> {
    // Room for one list per `[`, so that the vector is allocated once.
    let room = memchr::memchr_iter(b'[', input.as_bytes()).count();
    let list = preceded(ws0, Inline(drug_list));
    terminated(
        fold_many0(
            list,
            move || Vec::with_capacity(room),
            |mut drugs, drug| {
                drugs.push(drug);
                drugs
            },
        ),
        (ws0, expect(DrugFaultKind::ExpectedList, eof)),
    )
    .parse(input)
}

/// ```text
/// drug_list = "[" { ws } py_string { { ws } "," { ws } py_string } [ { ws } "," ] { ws } "]" ;
/// ```
///
/// Committed once `[` is read; the shape holds 1 to 3 strings.
fn drug_list(input: &str) -> Parsed<'_, Drug<'_>> {
    preceded(
        lit('['),
        cut(map(
            (
                preceded(ws0, first_string),
                opt(preceded(
                    comma,
                    (py_string, opt(preceded(comma, py_string))),
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

/// `{ ws } "," { ws }` between two strings of a `drug_list`.
#[inline]
fn comma(input: &str) -> Parsed<'_, ()> {
    value((), (ws0, lit(','), ws0)).parse(input)
}

/// `[ { ws } "," ] { ws } "]"`, the end of a `drug_list` after its last
/// string, or the fault where `]` was due.
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

/// `{ ws }`.
#[inline]
fn ws0(input: &str) -> Parsed<'_, ()> {
    Ok((trim_start_space(input), ()))
}

/// ```text
/// py_string = "'" { char - ( "'" | "\" | "\r" ) | escape } "'"
/// ```
///
/// (or the same between `"`), without a raw line break.
#[inline]
fn py_string(input: &str) -> Parsed<'_, Cow<'_, str>> {
    alt((Inline(quoted::<'\''>), Inline(quoted::<'"'>))).parse(input)
}

/// The branch of `py_string` quoted by `Q`, committed after the quote.
/// Boundaries come before escapes, as in Python's tokenizer: the raw text
/// must reach a closing `Q` ([`raw_text`]) before it is [`decoded`].
#[inline]
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

/// The body and closing quote of a string with an escape.
fn escaped<const Q: char>(input: &str) -> Parsed<'_, String> {
    let reaches_quote = peek(terminated(raw_text::<Q>, lit(Q)));
    terminated(preceded(reaches_quote, decoded::<Q>), lit(Q)).parse(input)
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

/// The decoded text of a string quoted by `Q`: `{ { char } escape } { char }`.
fn decoded<const Q: char>(input: &str) -> Parsed<'_, String> {
    let piece = (py_string_chars::<Q>, escape);
    let (rest, mut text) = fold_many0(piece, String::new, |mut text, (chars, unescaped)| {
        text.push_str(chars);
        unescaped.push_onto(&mut text);
        text
    })
    .parse(input)?;
    let (rest, chars) = py_string_chars::<Q>(rest)?;
    text.push_str(chars);
    Ok((rest, text))
}

/// `{ char }` up to the next `Q`, backslash or raw line break.
#[inline]
fn py_string_chars<const Q: char>(input: &str) -> Parsed<'_, &str> {
    let (chars, rest) = split_at(input, find_string_stop(input.as_bytes(), Q as u8));
    Ok((rest, chars))
}

/// ```text
/// escape    = "\" ( "\" | "'" | '"' | "n" | "r" | "t" | "0"
/// ```
///
/// Committed after the backslash: a short or invalid `\x`, `\u` or `\U` is
/// [`BadEscape`](DrugFaultKind::BadEscape) there.
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

/// Gives a list's 1 to 3 strings their roles
/// ([format reference: roles](crate::format#roles)).
#[inline]
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

/// `Ok` with the text inside a matching `(…)` or `（…）` around `s`,
/// `Err(s)` otherwise.
#[inline]
fn generic(s: Cow<'_, str>) -> Result<Cow<'_, str>, Cow<'_, str>> {
    match s {
        Cow::Borrowed(b) => inside_parentheses(b).map(Cow::Borrowed).ok_or(s),
        Cow::Owned(ref o) => match inside_parentheses(o) {
            Some(inside) => Ok(Cow::Owned(inside.to_owned())),
            None => Err(s),
        },
    }
}

/// The text inside `(…)` or `（…）` when `s` is wrapped in one of them.
#[inline]
fn inside_parentheses(s: &str) -> Option<&str> {
    s.strip_prefix('(')
        .and_then(|inside| inside.strip_suffix(')'))
        .or_else(|| {
            s.strip_prefix('（')
                .and_then(|inside| inside.strip_suffix('）'))
        })
}

/// `open`, then `body`, committed: a failure of `body` it does not name
/// becomes `kind` where `open` started.
fn opened_by<'a, O, P, B>(
    mut open: P,
    kind: DrugFaultKind,
    mut body: B,
) -> impl Parser<&'a str, Output = O, Error = Fault<'a>>
where
    P: Parser<&'a str, Error = Fault<'a>>,
    B: Parser<&'a str, Output = O, Error = Fault<'a>>,
{
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
