//! The productions of a causes value
//! ([format reference: causes](crate::format#causes)).

use std::borrow::Cow;
use std::convert::Infallible;

use nom::branch::alt;
use nom::combinator::consumed;
use nom::sequence::{delimited, terminated};
use nom::Parser;

use super::scalar::number;
use super::{lit, split_at, Failure};
use crate::model::causes::{Cause, Causes};
use crate::scan::{is_digit, is_space, is_stop_char, Brackets};

/// The result of a causes production; none names a fault.
type PResult<'a, O> = nom::IResult<&'a str, O, Failure<&'a str, Infallible>>;

/// The heading word that, before the first tag, bounds the first item's name.
const HEADING: &str = "病因";

/// ```text
/// causes      = intro { cause } ;
/// ```
///
/// Read as a loop over the tags: the text between two tags is one item's
/// `cause_text` then the next item's `cause_name`, cut apart at the name.
pub(crate) fn causes(value: &str) -> Causes<'_> {
    let mut intro = value;
    // Room for one item per `%`, so that the vector is allocated once
    // (tags with a full-width `％` grow it).
    let mut items = Vec::with_capacity(memchr::memchr_iter(b'%', value.as_bytes()).count());
    // The item whose `cause_text` is still open, and where that text starts.
    let mut open: Option<Open<'_>> = None;
    let mut text_start = 0;
    for tag in tags(value) {
        let (before_tag, _) = split_at(value, tag.start);
        let (_, between) = split_at(before_tag, text_start);
        let (text, name) = match open {
            None => first_cause_name(between),
            Some(_) => cause_name(between),
        };
        let next = Open {
            name,
            tag: tag.text,
            percent: tag.percent,
        };
        match open.replace(next) {
            None => intro = text,
            Some(prev) => items.push(prev.with_text(text)),
        }
        text_start = tag.start + tag.text.len();
    }
    let (_, last) = split_at(value, text_start);
    match open {
        Some(prev) => items.push(prev.with_text(last)),
        None => intro = last,
    }
    Causes {
        intro: Cow::Borrowed(intro),
        items,
    }
}

/// An item read up to its tag.
struct Open<'a> {
    name: &'a str,
    tag: &'a str,
    percent: f64,
}

impl<'a> Open<'a> {
    fn with_text(self, text: &'a str) -> Cause<'a> {
        Cause {
            name: Cow::Borrowed(self.name),
            percent: self.percent,
            text: Cow::Borrowed(text),
            tag: Cow::Borrowed(self.tag),
        }
    }
}

/// A `percent_tag` found in a value.
struct Tag<'a> {
    /// Its byte offset in the value.
    start: usize,
    /// The tag as written.
    text: &'a str,
    percent: f64,
}

/// The tags of `value`, left to right: each bracket is tried once, and a
/// failed try reads only digits, so the scan is linear.
fn tags(value: &str) -> impl Iterator<Item = Tag<'_>> {
    let (mut brackets, mut from) = (Brackets::new(value), 0);
    std::iter::from_fn(move || loop {
        let start = brackets.next_from(from)?;
        let (_, rest) = split_at(value, start);
        match consumed(percent_tag).parse(rest) {
            Ok((_, (text, percent))) => {
                from = start + text.len();
                return Some(Tag {
                    start,
                    text,
                    percent,
                });
            }
            // Both brackets open with a byte no character continues with.
            Err(_) => from = start + 1,
        }
    })
}

/// `open        = "（" | "(" ;`
fn open(input: &str) -> PResult<'_, char> {
    alt((lit('（'), lit('('))).parse(input)
}

/// ```text
/// percent_tag = open number pct close colon ;
/// ```
///
/// With no whitespace inside; a number that overflows `f64` is no tag.
pub(crate) fn percent_tag(input: &str) -> PResult<'_, f64> {
    let pct = alt((lit('%'), lit('％')));
    let close = alt((lit('）'), lit(')')));
    let colon = alt((lit('：'), lit(':')));
    terminated(delimited(open, number, (pct, close)), colon).parse(input)
}

/// ```text
/// cause_name  = { cause_name_char } ;
/// ```
///
/// The longest run that ends `text`, with what precedes it.
pub(crate) fn cause_name(text: &str) -> (&str, &str) {
    split_name(text, false)
}

/// [`cause_name`] for the first tag: not reaching back across a `病因`
/// (the first one met going back is the last one of the text).
fn first_cause_name(text: &str) -> (&str, &str) {
    split_name(text, true)
}

/// The name that ends `text`, not across a `病因` when `first`.
fn split_name(text: &str, first: bool) -> (&str, &str) {
    let mut start = text.len();
    // Whether the character after the one looked at is a digit.
    let mut next_is_digit = false;
    let mut chars = text.char_indices().rev().peekable();
    while let Some((at, c)) = chars.next() {
        if first && split_at(text, start).0.ends_with(HEADING) {
            break;
        }
        let stops = if c == '.' {
            !(next_is_digit && chars.peek().is_some_and(|&(_, prev)| is_digit(prev)))
        } else {
            is_space(c) || is_stop_char(c)
        };
        if stops {
            break;
        }
        start = at;
        next_is_digit = is_digit(c);
    }
    split_at(text, start)
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
        let causes = causes(value);
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
}
