//! Records: which lines belong to which record
//! ([format reference: records and lines](crate::format#records-and-lines)).
//!
//! [`Boundary::step`] is the one place the record-boundary rule is written;
//! [`Corpus`] walks it over the lines of a `&str`, and the streaming reader
//! steps it over the lines it reads from bytes.

use std::iter::Peekable;

use super::line::{after_bom, blank_line, field_line, str_at, FieldLine, LineClass};
use crate::model::error::Position;

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

/// The record-boundary rule and what it knows of the lines so far.
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
    /// The rule before the first line, of a corpus or of one record.
    pub(crate) const fn new(corpus: bool) -> Self {
        Boundary {
            corpus,
            open: false,
            has_summary: false,
        }
    }

    /// What a line of class `class` does, given the lines before it; the
    /// rule moves past the line. A field line continues the open record
    /// unless this is a corpus and both have a `简介`.
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
    /// The position of byte `at` of the line.
    pub(crate) fn position(&self, at: usize) -> Position {
        let before = str_at(self.text, 0..at);
        Position {
            line: self.number,
            column: before.chars().count() + 1,
            offset: self.start + before.len(),
        }
    }
}

/// A field line's label and value, at byte offsets from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    /// The label token.
    pub label: &'a str,
    /// Where the label starts.
    pub label_at: usize,
    /// The value, trailing whitespace removed (`""` for a label-only line).
    pub value: &'a str,
    /// Where the value starts (the end of the label when it is empty).
    pub value_at: usize,
}

/// A field line of a `&str` input, located.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    pub line: Line<'a>,
    pub field: Field<'a>,
}

/// The class of a line: `None` is a blank line.
pub(crate) fn class_of(line: Option<&Entry<'_>>) -> LineClass {
    line.map_or(LineClass::Blank, |entry| {
        LineClass::of_label(entry.field.label.as_bytes())
    })
}

/// The lines of a `&str`, in order: each a field line's [`Entry`], or
/// `None` for a blank line.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    /// Byte offset of `text` in the input.
    base: usize,
    /// Where the next line starts in `text`, and its number.
    at: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    /// The lines of `text`, at byte `offset` of the input, from line
    /// `first_line`.
    pub(crate) fn new(text: &'a str, first_line: usize, offset: usize) -> Self {
        Lines {
            text,
            base: offset,
            at: 0,
            number: first_line,
        }
    }

    /// The field line `field`, `len` bytes with its ending, which starts at
    /// byte `start` of `text`.
    #[inline]
    fn locate(&self, start: usize, len: usize, field: &FieldLine<'_>) -> Entry<'a> {
        let at = |from: usize, len: usize| str_at(self.text, start + from..start + from + len);
        Entry {
            line: Line {
                number: self.number,
                start: self.base + start,
                end: self.base + start + len,
                text: at(0, field.text.len()),
            },
            field: Field {
                label: at(field.label_at, field.label.len()),
                label_at: field.label_at,
                value: at(field.value_at, field.value.len()),
                value_at: field.value_at,
            },
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Option<Entry<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let (after, entry) = match field_line(rest) {
            Ok((after, field)) => (
                after,
                Some(self.locate(self.at, rest.len() - after.len(), &field)),
            ),
            Err(_) => (blank_line(rest).ok()?.0, None),
        };
        let len = rest.len() - after.len();
        self.at += len;
        self.number += 1;
        Some(entry)
    }
}

/// The text of one record: its lines, each with its line ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordText<'a> {
    pub text: &'a str,
    /// The number of its first line.
    pub line: usize,
    /// Byte offset of its first line in the input.
    pub offset: usize,
}

impl<'a> RecordText<'a> {
    /// The record whose lines are `text`.
    pub(crate) fn new(text: &'a str, line: usize, offset: usize) -> Self {
        RecordText { text, line, offset }
    }

    /// Its field lines, in order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = Entry<'a>> {
        Lines::new(self.text, self.line, self.offset).flatten()
    }
}

/// The field lines of a `&str` input, in order, each with what it does to
/// the record being read ([`Step::Starts`] or [`Step::Continues`]).
///
/// ```text
/// corpus = { blank_line } { record { blank_line } } ;
/// record = field_line { field_line } ;
/// ```
#[derive(Debug, Clone)]
pub(crate) struct Corpus<'a> {
    lines: Lines<'a>,
    rule: Boundary,
}

impl<'a> Corpus<'a> {
    /// ```text
    /// input = [ bom ] corpus ;
    /// ```
    pub(crate) fn new(input: &'a str, corpus: bool) -> Self {
        let (text, bom) = after_bom(input);
        Self::with_base(text, 1, bom, corpus)
    }

    /// The lines of `text`, which starts at byte `offset` of the input, on
    /// line `first_line`; `corpus`: whether a second `简介` starts a record.
    pub(crate) fn with_base(text: &'a str, first_line: usize, offset: usize, corpus: bool) -> Self {
        Corpus {
            lines: Lines::new(text, first_line, offset),
            rule: Boundary::new(corpus),
        }
    }

    /// The records, each as its text.
    pub(crate) fn records(self) -> RecordTexts<'a> {
        RecordTexts {
            text: self.lines.text,
            base: self.lines.base,
            lines: self.peekable(),
        }
    }
}

impl<'a> Iterator for Corpus<'a> {
    type Item = (Step, Entry<'a>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = self.lines.next()?;
            let step = self.rule.step(class_of(line.as_ref()));
            if let Some(entry) = line {
                return Some((step, entry));
            }
        }
    }
}

impl std::iter::FusedIterator for Corpus<'_> {}

/// The records of a `&str` input, each as its text.
#[derive(Debug, Clone)]
pub(crate) struct RecordTexts<'a> {
    text: &'a str,
    base: usize,
    lines: Peekable<Corpus<'a>>,
}

impl<'a> Iterator for RecordTexts<'a> {
    type Item = RecordText<'a>;

    fn next(&mut self) -> Option<RecordText<'a>> {
        let (_, first) = self.lines.next()?;
        let mut end = first.line.end;
        while let Some((_, line)) = self.lines.next_if(|(step, _)| *step == Step::Continues) {
            end = line.line.end;
        }
        let start = first.line.start;
        Some(RecordText {
            text: str_at(self.text, start - self.base..end - self.base),
            line: first.line.number,
            offset: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(record index, line number)` of every field line.
    fn records_of(text: &str, corpus: bool) -> Vec<(usize, usize)> {
        Corpus::new(text, corpus)
            .records()
            .enumerate()
            .flat_map(|(index, record)| record.entries().map(move |e| (index, e.line.number)))
            .collect()
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
    fn a_record_is_its_lines_with_their_endings() {
        let texts: Vec<_> = Corpus::new("\u{feff}\n简介 a\r\n症状 b\n \n简介 c\n简介 d", true)
            .records()
            .map(|r| (r.text, r.line, r.offset))
            .collect();
        assert_eq!(
            texts,
            [
                ("简介 a\r\n症状 b\n", 2, 4),
                ("简介 c\n", 5, 25),
                ("简介 d", 6, 34)
            ]
        );
    }

    #[test]
    fn only_blank_lines_hold_no_record() {
        assert_eq!(records_of(" \n\n\r\n\u{3000}\r", true), []);
        assert_eq!(records_of("", true), []);
    }

    #[test]
    fn entries_are_located_after_the_bom() {
        let corpus = Corpus::new("\u{feff} 症状 咳嗽 \r\n\n简介 x", true);
        let entries: Vec<Entry<'_>> = corpus.map(|(_, entry)| entry).collect();
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
