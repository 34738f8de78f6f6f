//! Record boundaries: which non-blank line belongs to which record.
//!
//! FORMAT.md section 1: a record is a run of field lines; a blank line ends
//! it, and in a corpus a `简介` line starts a new record when the current one
//! already has a `简介`. [`Split`] is the one place that rule is written for
//! text; the typed parser ([`crate::Records`]) and the lossless
//! [`Document`](crate::Document) both walk it. (The streaming reader decides
//! the same boundaries from bytes, see `reader.rs`.) This module must not
//! look at labels beyond comparing with `简介`, nor at values.

use crate::labels::Label;
use crate::lines::{split_field, FieldLine, Line, Lines};

/// A non-blank line and the index of the record it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// 0-based index of the record in the input.
    pub record: usize,
    /// The line.
    pub line: Line<'a>,
    /// The line split into label and value.
    pub field: FieldLine<'a>,
}

impl Entry<'_> {
    pub fn is_summary(&self) -> bool {
        self.field.label == Label::Summary.text()
    }
}

/// Iterator over the non-blank lines of a text, numbered by record.
#[derive(Debug, Clone)]
pub(crate) struct Split<'a> {
    lines: Lines<'a>,
    /// Whether a second `简介` starts a new record (corpus mode).
    split_on_summary: bool,
    record: usize,
    started: bool,
    after_blank: bool,
    has_summary: bool,
}

impl<'a> Split<'a> {
    pub fn new(lines: Lines<'a>, split_on_summary: bool) -> Self {
        Split {
            lines,
            split_on_summary,
            record: 0,
            started: false,
            after_blank: false,
            has_summary: false,
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = Entry<'a>;

    fn next(&mut self) -> Option<Entry<'a>> {
        for line in self.lines.by_ref() {
            let Some(field) = split_field(line.text) else {
                self.after_blank = self.started;
                continue;
            };
            let entry = Entry {
                record: self.record,
                line,
                field,
            };
            let summary = entry.is_summary();
            let glued = self.split_on_summary && summary && self.has_summary;
            if self.after_blank || glued {
                self.record += 1;
                self.has_summary = false;
                self.after_blank = false;
            }
            self.started = true;
            self.has_summary |= summary;
            return Some(Entry {
                record: self.record,
                ..entry
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records_of(text: &str, split_on_summary: bool) -> Vec<(usize, usize)> {
        Split::new(Lines::new(text, 1, 0), split_on_summary)
            .map(|e| (e.record, e.line.number))
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
}
