//! Records: which lines belong to which record
//! ([format reference: records and lines](crate::format#records-and-lines)).
//!
//! A record is a run of field lines; a blank line ends it, and in a corpus
//! a `简介` line starts a new record when the current one already has a
//! `简介`. [`Boundary::step`] is the one place that rule is written. The
//! `corpus` and `record` productions ([`Corpus::next_record`]) are built on
//! it for `&str` inputs — the typed parser ([`crate::Records`]), the
//! lossless [`Document`](crate::Document) and lint's record spans all walk
//! them — and the streaming reader steps the same rule with the classes of
//! the lines it reads from bytes.
//!
//! This module must not look at labels beyond their [`LineClass`], nor at
//! values, nor assemble records (that is `crate::parse`).

use std::cell::Cell;

use nom::combinator::opt;
use nom::multi::{fold_many0, many0_count};
use nom::sequence::preceded;
use nom::Parser;

use super::line::{
    after_bom, blank_line, class_of, field_line, str_at, FieldSpans, LineClass, LineResult,
};
use super::{offset, Failure};
use crate::error::Position;

/// What a line does to the record being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// The line belongs to the open record.
    Continues,
    /// The line is the first of a new record (ending the open one, if any).
    Starts,
    /// The line is blank: it ends the open record, if any.
    Blank,
}

/// The record-boundary rule, with what it needs to know of the lines seen
/// so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Boundary {
    /// Whether a second `简介` starts a new record (in a corpus).
    corpus: bool,
    /// Whether a record is open: a field line came after the last blank one.
    open: bool,
    /// Whether the open record has a `简介`.
    has_summary: bool,
}

impl Boundary {
    /// The rule before the first line: of a corpus (`corpus`), or of a
    /// single record, where a second `简介` is only a duplicate label.
    pub(crate) const fn new(corpus: bool) -> Self {
        Boundary {
            corpus,
            open: false,
            has_summary: false,
        }
    }

    /// What a line of class `class` does, given the lines before it; the
    /// rule moves past the line.
    ///
    /// A blank line ends the open record; a field line continues it unless
    /// none is open, or this is a corpus and both the record and the line
    /// have a `简介` (records glued without a blank line).
    #[inline]
    pub(crate) fn step(&mut self, class: LineClass) -> Step {
        let summary = match class {
            LineClass::Blank => {
                *self = Boundary::new(self.corpus);
                return Step::Blank;
            }
            LineClass::Summary => true,
            LineClass::Other => false,
        };
        let glued = self.corpus && summary && self.has_summary;
        if self.open && !glued {
            self.has_summary |= summary;
            Step::Continues
        } else {
            self.open = true;
            self.has_summary = summary;
            Step::Starts
        }
    }
}

/// A line of a `&str` input: its number and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte in the whole input.
    pub start: usize,
    /// Byte offset just past the line ending (or the end of input).
    pub end: usize,
    /// The line without its ending.
    pub text: &'a str,
}

impl Line<'_> {
    /// The position of byte `at` of the line (clamped to the line's text).
    pub(crate) fn position(&self, at: usize) -> Position {
        let before = self.text.get(..at);
        debug_assert!(before.is_some(), "{at} is not a char boundary of the line");
        let before = before.unwrap_or(self.text);
        Position {
            line: self.number,
            column: before.chars().count() + 1,
            offset: self.start + before.len(),
        }
    }
}

/// A field line's label and value. Offsets are bytes from the start of the
/// line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    /// The label token.
    pub label: &'a str,
    /// Where the label starts.
    pub label_at: usize,
    /// The value, trailing whitespace removed (`""` for a label-only line).
    pub value: &'a str,
    /// Where the value starts (the end of the label when the value is
    /// empty, which is the end of the line's content).
    pub value_at: usize,
}

/// A field line of a `&str` input, located.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// Where the line is.
    pub line: Line<'a>,
    /// Its label and value.
    pub field: Field<'a>,
}

impl<'a> Entry<'a> {
    /// The field line whose parts are at `spans` from byte `start` of
    /// `text`, which is at byte `base` of the input; its number is
    /// `number`. The spans come from [`field_line`] run over these bytes,
    /// so they lie on char boundaries.
    #[inline]
    pub(crate) fn locate(
        text: &'a str,
        base: usize,
        start: usize,
        number: usize,
        spans: &FieldSpans,
    ) -> Self {
        let at = |from: usize, len: usize| str_at(text, start + from..start + from + len);
        Entry {
            line: Line {
                number,
                start: base + start,
                end: base + start + spans.len,
                text: at(0, spans.text_len),
            },
            field: Field {
                label: at(spans.label_at, spans.label_len),
                label_at: spans.label_at,
                value: at(spans.value_at, spans.value_len),
                value_at: spans.value_at,
            },
        }
    }
}

/// What the corpus has read so far: the rule's state and the number of the
/// next line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct State {
    rule: Boundary,
    number: usize,
}

/// A [`blank_line`], which the rule takes as the end of the open record;
/// counted.
fn blank<'a: 's, 's>(state: &'s Cell<State>) -> impl FnMut(&'a [u8]) -> LineResult<'a, ()> + 's {
    move |input: &'a [u8]| {
        let (rest, _) = blank_line(input)?;
        let State { mut rule, number } = state.get();
        let step = rule.step(LineClass::Blank);
        debug_assert_eq!(step, Step::Blank);
        state.set(State {
            rule,
            number: number + 1,
        });
        Ok((rest, ()))
    }
}

/// A [`field_line`] that the rule takes as `want`, located in `text` (at
/// byte `base` of the input; the parsed input is a suffix of `text`). Any
/// other line fails, consuming nothing and leaving `state` as it was.
fn field<'a: 's, 's>(
    text: &'a str,
    base: usize,
    state: &'s Cell<State>,
    want: Step,
) -> impl FnMut(&'a [u8]) -> LineResult<'a, Entry<'a>> + 's {
    move |input: &'a [u8]| {
        let (rest, line) = field_line(input)?;
        let State { mut rule, number } = state.get();
        if rule.step(class_of(&line)) != want {
            return Err(nom::Err::Error(Failure { input, kind: None }));
        }
        state.set(State {
            rule,
            number: number + 1,
        });
        let bytes = text.as_bytes();
        let (start, end) = (offset(&bytes, &input), offset(&bytes, &rest));
        let entry = Entry::locate(text, base, start, number, &line.spans(end - start));
        Ok((rest, entry))
    }
}

/// ```text
/// record = field_line { field_line } ;
/// ```
///
/// Ended by a line the rule does not continue the record with: a blank
/// line, the end of input, or (in a corpus) a glued `简介` line. Each line
/// goes to `emit` in order, the first before the others are read.
fn record<'a: 's, 's>(
    text: &'a str,
    base: usize,
    state: &'s Cell<State>,
    emit: &'s mut impl FnMut(Entry<'a>),
) -> impl FnMut(&'a [u8]) -> LineResult<'a, ()> + 's {
    move |input: &'a [u8]| {
        let (input, first) = field(text, base, state, Step::Starts).parse(input)?;
        emit(first);
        fold_many0(
            field(text, base, state, Step::Continues),
            || (),
            |(), line| emit(line),
        )
        .parse(input)
    }
}

/// The lines of a `&str` input that are not read yet, with where they are
/// and the state of the boundary rule.
#[derive(Debug, Clone)]
pub(crate) struct Corpus<'a> {
    /// The text the productions read.
    text: &'a str,
    /// Byte offset of `text` in the input.
    base: usize,
    /// What is left of `text`.
    rest: &'a [u8],
    state: State,
}

impl<'a> Corpus<'a> {
    /// The records of a whole input, after its BOM:
    ///
    /// ```text
    /// input = [ bom ] corpus ;
    /// ```
    ///
    /// `corpus`: whether a second `简介` starts a new record.
    pub(crate) fn new(input: &'a str, corpus: bool) -> Self {
        let (text, bom) = after_bom(input);
        Self::with_base(text, 1, bom, corpus)
    }

    /// The records of `text`, which starts at byte `offset` of the input,
    /// on line `first_line`.
    pub(crate) fn with_base(text: &'a str, first_line: usize, offset: usize, corpus: bool) -> Self {
        Corpus {
            text,
            base: offset,
            rest: text.as_bytes(),
            state: State {
                rule: Boundary::new(corpus),
                number: first_line,
            },
        }
    }

    /// One step of the corpus: the blank lines, then the next record, each
    /// of whose lines goes to `sink` in order. Returns whether there was a
    /// record (`false` at the end of the input).
    ///
    /// ```text
    /// corpus = { blank_line } { record { blank_line } } ;
    /// ```
    pub(crate) fn next_record(&mut self, mut sink: impl FnMut(Entry<'a>)) -> bool {
        let state = Cell::new(self.state);
        let parsed = (
            many0_count(blank(&state)),
            opt(record(self.text, self.base, &state, &mut sink)),
        )
            .parse(self.rest);
        let (rest, found) = match parsed {
            Ok((rest, (_, found))) => (rest, found.is_some()),
            Err(_) => {
                debug_assert!(false, "`{{ blank_line }} [ record ]` cannot fail");
                (&[][..], false)
            }
        };
        // After blank lines, a line either starts a record or is not there.
        debug_assert!(found || rest.is_empty(), "a line did not start a record");
        self.rest = if found { rest } else { &[] };
        self.state = state.get();
        found
    }

    /// The first line of the next record, without reading it.
    pub(crate) fn peek_record(&self) -> Option<Entry<'a>> {
        let state = Cell::new(self.state);
        let (_, first) = preceded(
            many0_count(blank(&state)),
            field(self.text, self.base, &state, Step::Starts),
        )
        .parse(self.rest)
        .ok()?;
        Some(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(record index, line number)` of every field line.
    fn records_of(text: &str, corpus: bool) -> Vec<(usize, usize)> {
        let mut corpus = Corpus::new(text, corpus);
        let mut out = Vec::new();
        let mut index = 0;
        while corpus.next_record(|e| out.push((index, e.line.number))) {
            index += 1;
        }
        out
    }

    #[test]
    fn blank_lines_and_glued_summaries() {
        let text = "\n简介 a\n症状 b\n \n\u{3000}\n简介 c\n简介 d\n";
        assert_eq!(records_of(text, true), [(0, 2), (0, 3), (1, 6), (2, 7)]);
        assert_eq!(records_of(text, false), [(0, 2), (0, 3), (1, 6), (1, 7)]);
    }

    #[test]
    fn a_summary_after_other_fields_still_counts() {
        let text = "症状 a\n简介 b\n检查 c\n简介 d\n";
        assert_eq!(records_of(text, true), [(0, 1), (0, 2), (0, 3), (1, 4)]);
    }

    #[test]
    fn only_blank_lines_hold_no_record() {
        assert_eq!(records_of(" \n\n\r\n\u{3000}\r", true), []);
        assert_eq!(records_of("", true), []);
    }

    #[test]
    fn entries_are_located_after_the_bom() {
        let mut corpus = Corpus::new("\u{feff} 症状 咳嗽 \r\n\n简介 x", true);
        let mut entries = Vec::new();
        while corpus.next_record(|e| entries.push(e)) {}
        let first = entries[0];
        assert_eq!(
            (first.line.number, first.line.start, first.line.end),
            (1, 3, 20)
        );
        assert_eq!(first.line.text, " 症状 咳嗽 ");
        assert_eq!((first.field.label, first.field.label_at), ("症状", 1));
        assert_eq!((first.field.value, first.field.value_at), ("咳嗽", 8));
        assert_eq!(first.line.position(first.field.value_at).column, 5);
        assert_eq!((entries[1].line.number, entries[1].line.start), (3, 21));
    }

    #[test]
    fn the_rule_steps() {
        use LineClass::*;
        let mut rule = Boundary::new(true);
        let steps: Vec<Step> = [Blank, Other, Summary, Other, Summary, Blank, Summary]
            .into_iter()
            .map(|class| rule.step(class))
            .collect();
        assert_eq!(
            steps,
            [
                Step::Blank,
                Step::Starts,
                Step::Continues,
                Step::Continues,
                Step::Starts,
                Step::Blank,
                Step::Starts
            ]
        );
    }
}
