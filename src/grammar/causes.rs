//! The grammar of a `causes` value
//! ([format reference: causes](crate::format#causes)): percentage tags,
//! item names, and the cut of the value into an intro and items.
//!
//! This module owns the productions `causes`, `cause`, `percent_tag` and
//! `cause_name`, and the `病因` heading rule. It does not own the
//! [`Causes`]/[`Cause`] types or their rebuild (`crate::causes`), trimming
//! (the caller passes the trimmed value), or numbers and character classes
//! (`crate::lex`). No production here names a fault: a value without tags
//! is all intro.

use std::borrow::Cow;
use std::cell::Cell;
use std::convert::Infallible;

use nom::branch::alt;
use nom::combinator::{consumed, map, rest};
use nom::multi::{fold_many0, many_till};
use nom::sequence::{delimited, terminated};
use nom::Parser;

use crate::causes::{Cause, Causes};
use crate::grammar::{lit, offset, Failure};
use crate::lex::{is_digit, is_ideograph_lead, is_space, is_stop_char, number};

/// The failure of a causes production; none names a fault.
type Error<'a> = Failure<&'a str, Infallible>;

/// The result of a causes production.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, Error<'a>>;

/// The heading word that, before the first tag, bounds the first item's name.
const HEADING: &str = "病因";

/// The whole value:
///
/// ```text
/// causes = intro { cause } ;
/// ```
///
/// read left to right as `{ cause } rest`, where each [`cause`] is
/// read up to its tag: the text before the tag (the intro or the previous
/// item's text, then this item's name) and the tag. That text is cut by
/// [`cause_name`] (by [`first_cause_name`], with the `病因` heading rule,
/// for the first tag) into what precedes the name and the name. The text
/// after the last tag is the last item's, or the intro when there is no
/// tag. The items are folded into a `Vec` the closure borrows.
///
/// Never fails and consumes the whole value; every string of the result
/// borrows from it. Linear in its length: each opening bracket is found by
/// one byte search per bracket kind ([`Openers`]) and tried as a tag once,
/// a failed attempt reads only the digits after it (which hold no
/// bracket), and each name is read back from its tag no further than the
/// previous tag's end. (The text after the last tag is scanned by the
/// `cause` that finds no tag there, then taken whole by `rest`.)
pub(crate) fn causes<'a>(value: &'a str) -> PResult<'a, Causes<'a>> {
    let openers = Openers::new(value);
    let plain = |input: &'a str| openers.plain_text(input);
    // The item whose text is still open: name, tag, percent.
    let mut open: Option<(&'a str, &'a str, f64)> = None;
    let mut intro = "";
    let mut items: Vec<Cause<'a>> = Vec::new();
    let (left, ((), last)) = (
        fold_many0(
            cause(&plain),
            || (),
            |(), (before, tag, percent)| {
                let (text, name) = if open.is_none() {
                    first_cause_name(before)
                } else {
                    cause_name(before)
                };
                match open.replace((name, tag, percent)) {
                    None => intro = text,
                    Some(prev) => items.push(item(prev, text)),
                }
            },
        ),
        rest,
    )
        .parse(value)?;
    match open {
        Some(prev) => items.push(item(prev, last)),
        None => intro = last,
    }
    let causes = Causes {
        intro: Cow::Borrowed(intro),
        items,
    };
    Ok((left, causes))
}

/// The cause `name + tag + text`.
fn item<'a>((name, tag, percent): (&'a str, &'a str, f64), text: &'a str) -> Cause<'a> {
    Cause {
        name: Cow::Borrowed(name),
        percent,
        text: Cow::Borrowed(text),
        tag: Cow::Borrowed(tag),
    }
}

/// One item, read up to its tag:
///
/// ```text
/// cause = cause_name percent_tag cause_text ;
/// ```
///
/// read as `plain_text { open plain_text } percent_tag`: the text before
/// the next tag, in which an opening bracket that does not start a tag
/// (`（5%）` without a colon) is ordinary text, then the tag (`many_till`:
/// at each bracket the tag is tried first, once). The text before the tag
/// is the previous item's `cause_text` (or the intro) followed by this
/// item's `cause_name`, which [`causes`] cuts apart (the name is known
/// only from its end); the text after the tag is read by the next `cause`.
/// Yields that text, the tag as written and its percentage. Fails when no
/// tag is left; `plain_text` is the [`Openers`] leaf.
fn cause<'a, P>(
    plain: P,
) -> impl Parser<&'a str, Output = (&'a str, &'a str, f64), Error = Error<'a>>
where
    P: Parser<&'a str, Output = &'a str, Error = Error<'a>> + Clone,
{
    map(
        consumed((
            plain.clone(),
            // The skipped brackets are `()`: a `Vec` of them never allocates.
            many_till(map((open, plain), |_| ()), consumed(percent_tag)),
        )),
        |(read, (_, (_, (tag, percent))))| {
            // `read` ends with the tag: cut at a char boundary, no compare.
            let cut = read.len().checked_sub(tag.len());
            let before = match cut.and_then(|at| read.get(..at)) {
                Some(before) => before,
                None => {
                    debug_assert!(false, "{read:?} ends with its tag {tag:?}");
                    read
                }
            };
            (before, tag, percent)
        },
    )
}

/// `open = "（" | "(" ;`
#[inline]
fn open(input: &str) -> PResult<'_, char> {
    alt((lit('（'), lit('('))).parse(input)
}

/// A percentage tag; yields the percentage:
///
/// ```text
/// percent_tag = open number pct close colon ;
/// open = "（" | "(" ;   pct = "%" | "％" ;   close = "）" | ")" ;   colon = "：" | ":" ;
/// ```
///
/// with no whitespace anywhere inside; bracket, percent sign and colon
/// styles may be mixed. A number that overflows `f64` is not a tag.
pub(crate) fn percent_tag(input: &str) -> PResult<'_, f64> {
    terminated(
        delimited(
            open,
            number,
            (alt((lit('%'), lit('％'))), alt((lit('）'), lit(')')))),
        ),
        alt((lit('：'), lit(':'))),
    )
    .parse(input)
}

/// The name of the item whose tag follows `text`, read back from the end
/// of `text`; yields it, leaving what comes before it:
///
/// ```text
/// cause_name = { cause_char } ;   (the longest run right before the percent_tag)
/// cause_char = any char but ws, a stop character (。！？；!?;，,、：:) and
///              an ASCII "." that is not between two digits ;
/// ```
///
/// A backward leaf: the rule is "right before the tag", so it is read from
/// the tag back, one character at a time, no further than `text` reaches
/// (the previous tag's end; a tag ends in a colon, itself a stop). The
/// name may be empty. It cannot fail, so it returns `(text before the
/// name, name)` rather than a nom result.
///
/// The character after the name is the tag's opening bracket, never a
/// digit, so a `.` right before the tag always stops; the character before
/// `text` is the previous tag's colon or nothing, never a digit either.
pub(crate) fn cause_name(text: &str) -> (&str, &str) {
    split_name(text, false)
}

/// [`cause_name`] for the first tag: when the text before it holds `病因`,
/// the name is searched only after the last `病因`, and everything before
/// the name (the heading included) is the intro.
///
/// Read back from the tag, "only after the last `病因`" is "not across a
/// `病因`": the first `病因` met going back is the last one, and one that
/// lies before the run's stop character bounds nothing. So no search of
/// the whole text is needed.
fn first_cause_name(text: &str) -> (&str, &str) {
    split_name(text, true)
}

/// `(text before the name, name)`: the name is the longest run of name
/// characters that ends `text`, not reaching back across a `病因` when
/// `heading`.
fn split_name(text: &str, heading: bool) -> (&str, &str) {
    let bytes = text.as_bytes();
    let mut start = text.len();
    // Whether the character after the one looked at is a digit; at first
    // it is the tag's bracket.
    let mut next_is_digit = false;
    while let Some(before) = bytes.get(..start).filter(|b| !b.is_empty()) {
        if heading && before.ends_with(HEADING.as_bytes()) {
            break;
        }
        // A common ideograph is a name character: step over it undecoded.
        if let [.., lead, _, _] = before {
            if is_ideograph_lead(*lead) {
                start -= 3;
                next_is_digit = false;
                continue;
            }
        }
        let Some(c) = text.get(..start).and_then(|s| s.chars().next_back()) else {
            debug_assert!(false, "{start} is a char boundary of {text:?}");
            break;
        };
        let at = start - c.len_utf8();
        let stops = if c == '.' {
            let prev = text.get(..at).and_then(|s| s.chars().next_back());
            !(prev.is_some_and(is_digit) && next_is_digit)
        } else {
            is_space(c) || is_stop_char(c)
        };
        if stops {
            break;
        }
        start = at;
        next_is_digit = is_digit(c);
    }
    match text.split_at_checked(start) {
        Some(cut) => cut,
        None => {
            debug_assert!(false, "{start} is a char boundary of {text:?}");
            (text, "")
        }
    }
}

/// The leaf `plain_text`: finds opening brackets byte-wise, `(` with
/// `memchr` and `（` with `memmem`, keeping each kind's next position until
/// the scan passes it, so the value is searched once per kind, not once
/// per attempt (a char-by-char search for either bracket was the hottest
/// loop of a corpus parse).
struct Openers<'a> {
    value: &'a str,
    /// Next `(` at or after `from`, `usize::MAX` when none is left.
    ascii: Cell<usize>,
    /// Next `（`, likewise.
    full: Cell<usize>,
    /// Where `ascii` and `full` were searched from.
    from: Cell<usize>,
}

impl<'a> Openers<'a> {
    fn new(value: &'a str) -> Self {
        let openers = Openers {
            value,
            ascii: Cell::new(usize::MAX),
            full: Cell::new(usize::MAX),
            from: Cell::new(0),
        };
        openers
            .ascii
            .set(openers.find(0, |hay| memchr::memchr(b'(', hay)));
        openers
            .full
            .set(openers.find(0, |hay| full_width_open().find(hay)));
        openers
    }

    /// The first match of `find` at or after `from`, `usize::MAX` if none.
    fn find(&self, from: usize, find: impl Fn(&[u8]) -> Option<usize>) -> usize {
        debug_assert!(from <= self.value.len(), "{from} is past the end");
        self.value
            .as_bytes()
            .get(from..)
            .and_then(find)
            .map_or(usize::MAX, |at| from + at)
    }

    /// The first opening bracket at or after `pos` (a char boundary; the
    /// result is one too, both brackets being whole characters), or
    /// `usize::MAX`. Searches again only for a kind whose known position
    /// the scan has passed (or when asked for an earlier position, which
    /// the grammar never does).
    #[inline]
    fn next_from(&self, pos: usize) -> usize {
        let back = pos < self.from.get();
        if back || self.ascii.get() < pos {
            self.ascii
                .set(self.find(pos, |hay| memchr::memchr(b'(', hay)));
        }
        if back || self.full.get() < pos {
            self.full
                .set(self.find(pos, |hay| full_width_open().find(hay)));
        }
        self.from.set(pos);
        self.ascii.get().min(self.full.get())
    }

    /// `plain_text`: the text from `input` (a suffix of the value) up to
    /// the next opening bracket or the end; may be empty. Never fails.
    #[inline]
    fn plain_text(&self, input: &'a str) -> PResult<'a, &'a str> {
        let at = offset(&self.value, &input);
        let next = self.next_from(at).min(self.value.len());
        match next
            .checked_sub(at)
            .and_then(|len| input.split_at_checked(len))
        {
            Some((text, rest)) => Ok((rest, text)),
            None => {
                debug_assert!(
                    false,
                    "the next bracket {next} is a char boundary after {at}"
                );
                Ok(("", input))
            }
        }
    }
}

/// The searcher for `（`, built once: building one per search showed in
/// the profile.
fn full_width_open() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new("（"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `(intro, [(name, percent, tag, text)])`.
    type Split = (String, Vec<(String, f64, String, String)>);

    /// A slow reference splitter written from the format reference, one
    /// character at a time, sharing no code with the grammar.
    fn oracle(value: &str) -> Split {
        let chars: Vec<char> = value.chars().collect();
        let n = chars.len();
        let text = |from: usize, to: usize| -> String { chars[from..to].iter().collect() };
        let digit =
            |i: usize| i < n && (chars[i].is_ascii_digit() || ('０'..='９').contains(&chars[i]));
        let ws = |c: char| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}');
        let stop = |c: char| "。！？；!?;，,、：:".contains(c);

        // Tags, left to right: (start, end, percent), in characters.
        let ascii = |c: char| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xff10 + 0x30).unwrap(),
            _ => c,
        };
        let mut tags: Vec<(usize, usize, f64)> = Vec::new();
        let mut i = 0;
        while i < n {
            let mut tag = None;
            if chars[i] == '(' || chars[i] == '（' {
                let mut j = i + 1;
                let mut number = String::new();
                while digit(j) {
                    number.push(ascii(chars[j]));
                    j += 1;
                }
                if !number.is_empty() && j < n && chars[j] == '.' && digit(j + 1) {
                    number.push('.');
                    j += 1;
                    while digit(j) {
                        number.push(ascii(chars[j]));
                        j += 1;
                    }
                }
                let at = |k: usize, set: &str| j + k < n && set.contains(chars[j + k]);
                let percent = number.parse::<f64>().ok().filter(|p| p.is_finite());
                if let (Some(percent), true) =
                    (percent, at(0, "%％") && at(1, ")）") && at(2, ":："))
                {
                    tag = Some((j + 3, percent));
                }
            }
            match tag {
                Some((end, percent)) => {
                    tags.push((i, end, percent));
                    i = end;
                }
                None => i += 1,
            }
        }

        // Names, read back from each tag.
        let mut starts = Vec::new();
        for (k, &(start, _, _)) in tags.iter().enumerate() {
            let floor = if k == 0 {
                (1..start)
                    .rev()
                    .find(|&p| chars[p - 1] == '病' && chars[p] == '因')
                    .map_or(0, |p| p + 1)
            } else {
                tags[k - 1].1
            };
            let mut m = start;
            while m > floor {
                let c = chars[m - 1];
                let stops = if c == '.' {
                    !(m >= 2 && digit(m - 2) && digit(m))
                } else {
                    ws(c) || stop(c)
                };
                if stops {
                    break;
                }
                m -= 1;
            }
            starts.push(m);
        }

        let intro = text(0, starts.first().copied().unwrap_or(n));
        let items = tags
            .iter()
            .enumerate()
            .map(|(k, &(start, end, percent))| {
                let next = starts.get(k + 1).copied().unwrap_or(n);
                (
                    text(starts[k], start),
                    percent,
                    text(start, end),
                    text(end, next),
                )
            })
            .collect();
        (intro, items)
    }

    fn grammar(value: &str) -> Split {
        let Ok((rest, causes)) = causes(value) else {
            panic!("causes failed on {value:?}");
        };
        assert_eq!(rest, "", "{value:?}");
        let items = causes
            .items
            .iter()
            .map(|c| {
                (
                    c.name.to_string(),
                    c.percent,
                    c.tag.to_string(),
                    c.text.to_string(),
                )
            })
            .collect();
        (causes.intro.to_string(), items)
    }

    const PIECES: &[&str] = &[
        "(",
        "（",
        ")",
        "）",
        "1",
        "9",
        "０",
        "５",
        "%",
        "％",
        ":",
        "：",
        "。",
        "，",
        "、",
        "!",
        ";",
        ".",
        " ",
        "\u{3000}",
        "\u{a0}",
        "\t",
        "病因",
        "病",
        "因",
        "甲",
        "乙",
        "a",
        "B",
        "（10%）：",
        "(5％):",
        "(1.5%)",
        "（２%）:",
        "(0.5%）：",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn grammar_agrees_with_the_char_by_char_oracle(
            picks in prop::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let value: String = picks.iter().map(|&i| PIECES[i]).collect();
            prop_assert_eq!(grammar(&value), oracle(&value), "{:?}", value);
        }

        #[test]
        fn grammar_agrees_with_the_oracle_on_any_text(value in "\\PC{0,30}") {
            prop_assert_eq!(grammar(&value), oracle(&value), "{:?}", value);
        }
    }

    #[test]
    fn oracle_knows_the_rules() {
        let (intro, items) = oracle("某病病因甲（10%）：一。B1.5(2％):二");
        assert_eq!(intro, "某病病因");
        assert_eq!(
            items,
            [
                ("甲".into(), 10.0, "（10%）：".into(), "一。".into()),
                ("B1.5".into(), 2.0, "(2％):".into(), "二".into()),
            ]
        );
    }

    #[test]
    fn percent_tag_and_cause_name_alone() {
        assert_eq!(percent_tag("（１２.５％）：x"), Ok(("x", 12.5)));
        assert!(percent_tag("（5%）x").is_err());
        assert!(percent_tag("（ 5%）：").is_err());
        assert_eq!(cause_name("前言。甲乙"), ("前言。", "甲乙"));
        assert_eq!(cause_name("a.1"), ("a.", "1"));
        assert_eq!(cause_name("1.5"), ("", "1.5"));
        assert_eq!(cause_name(""), ("", ""));
        assert_eq!(first_cause_name("某病病因分析甲"), ("某病病因", "分析甲"));
    }

    #[test]
    fn plain_text_stops_before_each_bracket() {
        let value = "ab(c（d";
        let openers = Openers::new(value);
        assert_eq!(openers.plain_text(value), Ok(("(c（d", "ab")));
        let rest = value.get(3..).unwrap_or_default();
        assert_eq!(openers.plain_text(rest), Ok(("（d", "c")));
        let rest = value.get(7..).unwrap_or_default();
        assert_eq!(openers.plain_text(rest), Ok(("", "d")));
        // Asking again from an earlier position still finds the first.
        assert_eq!(openers.plain_text(value), Ok(("(c（d", "ab")));
    }
}
