//! The lossless layer: a document that keeps every byte of its input.
//!
//! A [`Document`] is the input text itself — BOM, `\n` and `\r\n` endings,
//! separators, trailing whitespace, blank lines, unknown and duplicate lines
//! — with its structure (records, fields, byte spans) computed from it on
//! demand by the same grammar of lines and records the parser uses
//! ([format reference: records and lines](crate::format#records-and-lines)).
//! The typed
//! records are a view over it: [`Document::records`] runs the one parser on
//! the document's text. Edits replace only the bytes of the line they touch.
//!
//! This module owns spans and edits. It must not interpret values: values
//! are checked by the record's own grammar dispatch.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use nom::combinator::recognize;
use nom::Parser;

use crate::error::{Diagnostic, Position};
use crate::grammar::line::{after_bom, line};
use crate::grammar::record::{Corpus, Entry};
use crate::labels::Label;
use crate::parse::{ParseOptions, Records};
use crate::record::Record;

/// A corpus of records that reproduces its input byte for byte.
///
/// ```
/// use jibing::{Document, Label};
/// let input = "\u{feff}简介  某病 \r\n医保疾病 否\r\n\r\n简介 另一病\n";
/// let mut doc = Document::new(input);
/// assert_eq!(doc.to_string(), input);
///
/// doc.set(0, Label::Insurance, "是")?;
/// doc.set(0, Label::Departments, "内科 外科")?;
/// assert_eq!(
///     doc.as_str(),
///     "\u{feff}简介  某病 \r\n医保疾病 是\r\n就诊科室 内科 外科\r\n\r\n简介 另一病\n"
/// );
/// let records: Vec<_> = doc.records().collect::<Result<_, _>>()?;
/// assert_eq!(records[0].record.insurance, Some(true));
///
/// // Values are checked by the same grammar as when parsing.
/// assert!(doc.set(1, Label::Drugs, "['未闭合'").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    text: Cow<'a, str>,
    options: ParseOptions,
}

/// One non-blank line of a [`Document`], with byte spans into
/// [`Document::as_str`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan<'d> {
    /// 0-based index of the record the line belongs to.
    pub record: usize,
    /// 1-based line number.
    pub line: usize,
    /// The label as written (it may not be one of the 26).
    pub label: &'d str,
    /// The value, trailing whitespace removed.
    pub value: &'d str,
    /// The whole line, without its line ending.
    pub span: Range<usize>,
    /// The label.
    pub label_span: Range<usize>,
    /// The value (empty, at the end of the line's content, for a label-only
    /// line).
    pub value_span: Range<usize>,
}

impl FieldSpan<'_> {
    /// The label, when it is one of the 26.
    pub fn known_label(&self) -> Option<Label> {
        Label::from_text(self.label)
    }
}

/// Why an edit was refused. The document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// There is no record with that index (appending at index
    /// `count` is allowed).
    #[error("no record {index}: the document has {count}")]
    NoSuchRecord {
        /// The index asked for.
        index: usize,
        /// How many records the document has.
        count: usize,
    },
    /// A value must fit on one line.
    #[error("a value cannot hold a line break")]
    LineBreak,
    /// Whitespace at either end of a value would be lost when parsing.
    #[error("a value cannot start or end with whitespace")]
    EdgeWhitespace,
    /// The label's grammar refuses the value. The position is where the
    /// fault would be in the edited document.
    #[error("{0}")]
    Invalid(Diagnostic),
    /// The edit would change how another line reads: a stray BOM or `\r`
    /// next to the edited line would become part of a neighbour.
    #[error("the edit would change how another line reads")]
    OtherLines,
    /// The edit would merge or split records (removing the `简介` that
    /// separates two records written without a blank line between them, or
    /// adding one).
    #[error("the edit would change where records begin and end")]
    Boundary,
}

impl<'a> Document<'a> {
    /// A document over `input`, parsed in strict mode when viewed as records.
    pub fn new(input: &'a str) -> Self {
        Self::with_options(input, ParseOptions::new())
    }

    /// A document whose [`records`](Document::records) use `options`.
    pub fn with_options(input: &'a str, options: ParseOptions) -> Self {
        Document {
            text: Cow::Borrowed(input),
            options,
        }
    }

    /// The text, exactly as given plus the edits made since.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text as an owned `String`.
    pub fn into_string(self) -> String {
        self.text.into_owned()
    }

    /// Copies a borrowed text so the document no longer borrows its input.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            text: Cow::Owned(self.text.into_owned()),
            options: self.options,
        }
    }

    /// The typed records: the crate's parser run over the document's text.
    pub fn records(&self) -> Records<'_> {
        self.options.records(&self.text)
    }

    /// Every non-blank line, with its record and spans.
    pub fn fields(&self) -> impl Iterator<Item = FieldSpan<'_>> + '_ {
        self.entries().into_iter().map(|(record, entry)| {
            let start = entry.line.start;
            let field = entry.field;
            let label_start = start + field.label_at;
            let value_start = start + field.value_at;
            FieldSpan {
                record,
                line: entry.line.number,
                label: field.label,
                value: field.value,
                span: start..start + entry.line.text.len(),
                label_span: label_start..label_start + field.label.len(),
                value_span: value_start..value_start + field.value.len(),
            }
        })
    }

    /// How many records the document holds.
    pub fn record_count(&self) -> usize {
        let mut corpus = self.corpus();
        let mut count = 0;
        while corpus.next_record(|_| ()) {
            count += 1;
        }
        count
    }

    /// The raw value of `label` in record `record` (its first occurrence).
    pub fn get(&self, record: usize, label: Label) -> Option<&str> {
        self.fields()
            .find(|f| f.record == record && f.label == label.text())
            .map(|f| f.value)
    }

    /// Sets `label` of record `record` to `value`: the value of its line is
    /// replaced (label, separator, trailing whitespace and line ending stay),
    /// or a new line `LABEL VALUE` is inserted at the label's canonical
    /// position, with the document's line ending. `record` may be
    /// [`record_count`](Document::record_count), which appends a new record.
    /// The value is checked by the label's grammar first.
    pub fn set(&mut self, record: usize, label: Label, value: &str) -> Result<(), EditError> {
        if value.contains(['\n', '\r']) {
            return Err(EditError::LineBreak);
        }
        if crate::lex::trim_start_space(crate::lex::trim_end_space(value)) != value {
            return Err(EditError::EdgeWhitespace);
        }
        let entries = self.record_entries(record)?;
        let newline = self.newline();
        let text = &*self.text;
        // (byte range to replace, replacement, line number, column of the value)
        let (range, replacement, line, column) =
            match entries.iter().find(|e| e.field.label == label.text()) {
                Some(entry) if entry.field.value.is_empty() => {
                    let end = entry.line.start + entry.field.label_at + entry.field.label.len();
                    let column = column_of(text, entry.line.start, end) + 1;
                    (end..end, format!(" {value}"), entry.line.number, column)
                }
                Some(entry) => {
                    let start = entry.line.start + entry.field.value_at;
                    let column = column_of(text, entry.line.start, start);
                    let range = start..start + entry.field.value.len();
                    (range, value.to_owned(), entry.line.number, column)
                }
                None => {
                    let line = format!("{} {value}", label.text());
                    let line = line.trim_end_matches(' ');
                    let column = label.text().chars().count() + 2;
                    let before = entries.iter().rev().find(|e| {
                        Label::from_text(e.field.label).is_some_and(|known| known < label)
                    });
                    match (before, entries.first()) {
                        (Some(after), _) => {
                            let end = after.line.end;
                            let ending = text.get(after.line.start + after.line.text.len()..end);
                            let new = match ending {
                                Some(e) if e.ends_with('\n') => format!("{line}{e}"),
                                // A cut-short `\r\n` at the end: complete it.
                                Some("\r") => format!("\n{line}"),
                                _ => format!("{newline}{line}"),
                            };
                            (end..end, new, after.line.number + 1, column)
                        }
                        (None, Some(first)) => {
                            let start = first.line.start;
                            (
                                start..start,
                                format!("{line}{newline}"),
                                first.line.number,
                                column,
                            )
                        }
                        (None, None) => {
                            let (at, prefix, number) = self.append_point();
                            let new = format!("{prefix}{line}{newline}");
                            (at..at, new, number, column)
                        }
                    }
                }
            };
        let mut scratch = Record::default();
        if let Err(fault) = scratch.set(label, value) {
            let at = value.get(..fault.offset);
            debug_assert!(at.is_some(), "a fault offset off its value");
            let at = at.unwrap_or(value);
            let position = Position {
                line,
                column: column + at.chars().count(),
                offset: range.start + (replacement.len() - value.len()) + at.len(),
            };
            return Err(EditError::Invalid(Diagnostic::new(
                fault.kind,
                position,
                Some(label.text()),
            )));
        }
        let count = self.record_count();
        let records = if entries.is_empty() { count + 1 } else { count };
        let existing = entries.iter().any(|e| e.field.label == label.text());
        self.replace(
            range,
            &replacement,
            records,
            (existing.then_some(line), Some(line)),
        )
    }

    /// Removes the line of `label` in record `record` (its first occurrence),
    /// line ending included. Returns whether there was such a line.
    pub fn remove(&mut self, record: usize, label: Label) -> Result<bool, EditError> {
        let entries = self.record_entries(record)?;
        let Some(entry) = entries.iter().find(|e| e.field.label == label.text()) else {
            return Ok(false);
        };
        let count = self.record_count();
        let records = if entries.len() == 1 { count - 1 } else { count };
        let lines = (Some(entry.line.number), None);
        self.replace(entry.line.start..entry.line.end, "", records, lines)?;
        Ok(true)
    }

    /// The document's lines as records.
    fn corpus(&self) -> Corpus<'_> {
        Corpus::new(&self.text, true)
    }

    /// Every non-blank line, with the index of its record.
    fn entries(&self) -> Vec<(usize, Entry<'_>)> {
        let mut corpus = self.corpus();
        let mut entries = Vec::new();
        let mut record = 0;
        while corpus.next_record(|entry| entries.push((record, entry))) {
            record += 1;
        }
        entries
    }

    /// The lines of record `record`; empty for the record after the last.
    fn record_entries(&self, record: usize) -> Result<Vec<Entry<'_>>, EditError> {
        let mut corpus = self.corpus();
        let mut count = 0;
        let mut entries = Vec::new();
        while corpus.next_record(|entry| {
            if count == record {
                entries.push(entry);
            }
        }) {
            count += 1;
        }
        if entries.is_empty() && record != count {
            return Err(EditError::NoSuchRecord {
                index: record,
                count,
            });
        }
        Ok(entries)
    }

    /// Where a new record goes: the end of the text, after the line ending
    /// and blank line it needs. Returns the offset, the text to put before
    /// the record's first line, and that line's number.
    fn append_point(&self) -> (usize, String, usize) {
        let newline = self.newline();
        let text = &*self.text;
        let mut prefix = String::new();
        let (body, _) = after_bom(text);
        if body.ends_with('\r') {
            // A cut-short `\r\n` at the end: complete it.
            prefix.push('\n');
        } else if !body.is_empty() && !body.ends_with('\n') {
            prefix.push_str(newline);
        }
        if let Some((_, last)) = self.entries().last() {
            if text.len() == last.line.end {
                // No blank line after the last record yet.
                prefix.push_str(newline);
            }
        }
        let number = text.matches('\n').count() + prefix.matches('\n').count() + 1;
        (text.len(), prefix, number)
    }

    /// The document's line ending: that of its first line when it is
    /// `\r\n`, else `\n`.
    fn newline(&self) -> &'static str {
        match recognize(line).parse(self.text.as_bytes()) {
            Ok((_, first)) if first.ends_with(b"\r\n") => "\r\n",
            _ => "\n",
        }
    }

    /// Replaces `range` with `with`, unless the document would then hold
    /// other than `records` records (an edit must not merge or split them).
    ///
    /// Every other line must also read the same (label and value) before and
    /// after: `old_line` is the number of the line edited in the old text and
    /// `new_line` that of the line written in the new one, when there is one.
    fn replace(
        &mut self,
        range: Range<usize>,
        with: &str,
        records: usize,
        (old_line, new_line): (Option<usize>, Option<usize>),
    ) -> Result<(), EditError> {
        let (Some(before), Some(after)) =
            (self.text.get(..range.start), self.text.get(range.end..))
        else {
            return Err(EditError::Boundary);
        };
        let edited = Document {
            text: Cow::Owned(format!("{before}{with}{after}")),
            options: self.options,
        };
        if edited.record_count() != records {
            return Err(EditError::Boundary);
        }
        fn others<'d>(
            doc: &'d Document<'_>,
            skip: Option<usize>,
        ) -> impl Iterator<Item = (&'d str, &'d str)> {
            doc.fields()
                .filter(move |f| Some(f.line) != skip)
                .map(|f| (f.label, f.value))
        }
        if !others(self, old_line).eq(others(&edited, new_line)) {
            return Err(EditError::OtherLines);
        }
        *self = edited;
        Ok(())
    }
}

/// Column (1-based) of byte `at` of the line starting at `line_start`.
fn column_of(text: &str, line_start: usize, at: usize) -> usize {
    let before = text.get(line_start..at);
    debug_assert!(before.is_some(), "{line_start}..{at} is not a char range");
    before.map_or(0, |s| s.chars().count()) + 1
}

impl fmt::Display for Document<'_> {
    /// The text, byte for byte.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
