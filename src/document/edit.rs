//! Edits: a record's new text, checked against the refusal rules, then
//! put in place of its piece.

use std::ops::Range;

use super::pieces::{field_lines, lines, Index, Piece, Span, Weights};
use super::EditError;
use crate::grammar::line::{classified_line, str_at, LineClass, BOM};
use crate::grammar::record::{class_of, Boundary, Entry, Step};
use crate::model::error::Diagnostic;
use crate::model::labels::Label;
use crate::model::record::Record;

/// The text of a new line: `LABEL VALUE`, or the label alone.
pub(super) fn new_line(label: Label, value: &str) -> String {
    if value.is_empty() {
        label.text().to_owned()
    } else {
        format!("{} {value}", label.text())
    }
}

/// The record boundary rule where a record starts: fresh after a blank line
/// (or at the start), inside a record with a `简介` for a glued record.
pub(super) fn rule_before(glued: bool) -> Boundary {
    let mut rule = Boundary::new(true);
    if glued {
        let step = rule.step(LineClass::Summary);
        debug_assert_eq!(step, Step::Starts);
    }
    rule
}

/// An edit of one record, described on its old text.
#[derive(Debug)]
pub(super) struct Splice {
    /// The bytes of the record's text replaced…
    range: Range<usize>,
    /// …by these.
    with: String,
    /// The index among the record's lines of the line replaced or removed.
    old_line: Option<usize>,
    /// The index among the new lines of the line written, with its label
    /// and value.
    new_line: Option<(usize, Label)>,
}

/// Where a record's new text goes, for [`check`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    /// Bytes and line endings before it.
    at: Weights,
    /// Whether it follows the record before without a blank line.
    glued: bool,
    /// The class of the first line of the next record, when that record
    /// follows this one without a blank line.
    next: Option<LineClass>,
}

/// Checks an edit that gives a record the text `text`: `old` are the lines
/// it had (offsets from its start), `value` the value written by the line
/// `splice.new_line`. Refuses, in this order: a value the label's grammar
/// refuses (where the fault would be), a change of record boundaries (the
/// text is not one record, or no record, or the next record would not
/// start where it does), a line other than the edited one that reads
/// differently (including a BOM that would become the document's).
pub(super) fn check(
    text: &str,
    place: Place,
    old: &[Entry<'_>],
    splice: &Splice,
    value: &str,
) -> Result<(), EditError> {
    let new: Vec<Option<Entry<'_>>> = lines(text, place.at).collect();
    if let Some((at, label)) = splice.new_line {
        let written = new.get(at).and_then(Option::as_ref);
        let Some(entry) =
            written.filter(|entry| entry.field.label == label.text() && entry.field.value == value)
        else {
            return Err(EditError::OtherLines);
        };
        if let Err(fault) = Record::default().set(label, value) {
            let position = entry.line.position(entry.field.value_at + fault.offset);
            let diagnostic = Diagnostic::new(fault.kind, position, Some(label.text()));
            return Err(EditError::Invalid(diagnostic));
        }
    }
    let mut rule = rule_before(place.glued);
    for (i, line) in new.iter().enumerate() {
        let want = if i == 0 {
            Step::Starts
        } else {
            Step::Continues
        };
        if rule.step(class_of(line.as_ref())) != want {
            return Err(EditError::Boundary);
        }
    }
    if let Some(class) = place.next {
        if rule.step(class) != Step::Starts {
            return Err(EditError::Boundary);
        }
    }
    if place.at.bytes == 0 && text.as_bytes().starts_with(BOM) {
        return Err(EditError::OtherLines);
    }
    let written = splice.new_line.map(|(at, _)| at);
    let before = old
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != splice.old_line)
        .map(|(_, entry)| Some((entry.field.label, entry.field.value)));
    let after = new
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != written)
        .map(|(_, entry)| entry.map(|entry| (entry.field.label, entry.field.value)));
    if !before.eq(after) {
        return Err(EditError::OtherLines);
    }
    Ok(())
}

/// A checked edit, ready to apply.
#[derive(Debug)]
pub(super) enum Plan {
    /// Piece `piece` gets the text `text`; `unglue` is the next record's
    /// piece when removing this record puts a blank line before it.
    Replace {
        piece: usize,
        text: String,
        delta: Weights,
        unglue: Option<usize>,
    },
    /// A new record `text` at the end, after `completion` (which ends the
    /// last line, at the end of piece `.0`'s text or, with `.1`, its gap)
    /// and `blank` (a blank line after the last record).
    Append {
        completion: Option<(usize, bool, &'static str)>,
        blank: &'static str,
        text: String,
    },
}

impl Index {
    /// The piece of record `record`, which must be below the count.
    fn existing(&self, record: usize) -> Result<usize, EditError> {
        let piece = self.record_piece(record);
        debug_assert!(piece.is_some(), "record {record} has no piece");
        piece.ok_or(EditError::NoSuchRecord {
            index: record,
            count: self.records(),
        })
    }

    /// Where the text of record piece `piece` goes, for [`check`].
    fn place(&self, piece: usize, source: &str) -> Place {
        let records = self.start(piece + 1).records;
        let next = self
            .record_piece(records)
            .and_then(|next| self.pieces.get(next))
            .filter(|next| next.glued)
            .map(|next| {
                let first = classified_line(next.text.get(source).as_bytes());
                debug_assert!(first.is_ok(), "a record without lines");
                first.map_or(LineClass::Blank, |(_, (class, _))| class)
            });
        Place {
            at: self.start(piece),
            glued: self.pieces.get(piece).is_some_and(|p| p.glued),
            next,
        }
    }

    pub(super) fn set(
        &mut self,
        source: &str,
        record: usize,
        label: Label,
        value: &str,
    ) -> Result<(), EditError> {
        let count = self.records();
        let plan = match record {
            r if r < count => self.plan_set(source, record, label, value)?,
            r if r == count => self.plan_append(source, label, value)?,
            _ => {
                return Err(EditError::NoSuchRecord {
                    index: record,
                    count,
                })
            }
        };
        self.apply(source, plan);
        Ok(())
    }

    pub(super) fn remove(
        &mut self,
        source: &str,
        record: usize,
        label: Label,
    ) -> Result<bool, EditError> {
        let count = self.records();
        if record == count {
            return Ok(false);
        }
        if record > count {
            return Err(EditError::NoSuchRecord {
                index: record,
                count,
            });
        }
        let piece = self.existing(record)?;
        let text = self.text(piece, source);
        let old: Vec<Entry<'_>> = field_lines(text, Weights::default()).collect();
        let found = old
            .iter()
            .enumerate()
            .find(|(_, e)| e.field.label == label.text());
        let Some((at, entry)) = found else {
            return Ok(false);
        };
        let splice = Splice {
            range: entry.line.start..entry.line.end,
            with: String::new(),
            old_line: Some(at),
            new_line: None,
        };
        let plan = self.plan_splice(source, piece, &old, splice, "")?;
        self.apply(source, plan);
        Ok(true)
    }

    /// Setting `label` of an existing record.
    fn plan_set(
        &self,
        source: &str,
        record: usize,
        label: Label,
        value: &str,
    ) -> Result<Plan, EditError> {
        let piece = self.existing(record)?;
        let text = self.text(piece, source);
        let old: Vec<Entry<'_>> = field_lines(text, Weights::default()).collect();
        let found = old
            .iter()
            .enumerate()
            .find(|(_, e)| e.field.label == label.text());
        let splice = match found {
            Some((at, entry)) if entry.field.value.is_empty() => {
                let end = entry.line.start + entry.field.label_at + entry.field.label.len();
                Splice {
                    range: end..end,
                    with: format!(" {value}"),
                    old_line: Some(at),
                    new_line: Some((at, label)),
                }
            }
            Some((at, entry)) => {
                let start = entry.line.start + entry.field.value_at;
                Splice {
                    range: start..start + entry.field.value.len(),
                    with: value.to_owned(),
                    old_line: Some(at),
                    new_line: Some((at, label)),
                }
            }
            None => self.insert(source, text, &old, label, value),
        };
        self.plan_splice(source, piece, &old, splice, value)
    }

    /// A new line `label value` in the record whose text is `text` and
    /// lines `old`: after the last line of a label before it in table
    /// order, else before the record's first line.
    fn insert(
        &self,
        source: &str,
        text: &str,
        old: &[Entry<'_>],
        label: Label,
        value: &str,
    ) -> Splice {
        let line = new_line(label, value);
        let newline = self.newline(source);
        let before = old
            .iter()
            .enumerate()
            .rev()
            .find(|(_, e)| Label::from_text(e.field.label).is_some_and(|known| known < label));
        let Some((at, after)) = before else {
            return Splice {
                range: 0..0,
                with: format!("{line}{newline}"),
                old_line: None,
                new_line: Some((0, label)),
            };
        };
        let end = after.line.end;
        let with = match str_at(text, after.line.start + after.line.text.len()..end) {
            e if e.ends_with('\n') => format!("{line}{e}"),
            // A cut-short `\r\n` at the end: complete it.
            "\r" => format!("\n{line}"),
            _ => format!("{newline}{line}"),
        };
        Splice {
            range: end..end,
            with,
            old_line: None,
            new_line: Some((at + 1, label)),
        }
    }

    /// Checks `splice` on piece `piece`, whose lines are `old`.
    fn plan_splice(
        &self,
        source: &str,
        piece: usize,
        old: &[Entry<'_>],
        splice: Splice,
        value: &str,
    ) -> Result<Plan, EditError> {
        let was = self.text(piece, source);
        let range = splice.range.clone();
        let before = str_at(was, 0..range.start);
        let replaced = str_at(was, range.clone());
        let after = str_at(was, range.end..was.len());
        let mut text = String::with_capacity(before.len() + splice.with.len() + after.len());
        text.push_str(before);
        text.push_str(&splice.with);
        text.push_str(after);
        let place = self.place(piece, source);
        check(&text, place, old, &splice, value)?;
        let vanished = text.is_empty();
        let next = self.record_piece(place.at.records + 1);
        let delta = Weights::of_text(&splice.with).minus(Weights {
            records: usize::from(vanished),
            ..Weights::of_text(replaced)
        });
        Ok(Plan::Replace {
            piece,
            text,
            delta,
            unglue: next.filter(|_| vanished && !place.glued),
        })
    }

    /// A new record at the end, holding the one line `label value`.
    fn plan_append(&self, source: &str, label: Label, value: &str) -> Result<Plan, EditError> {
        let total = self.sums.total();
        let newline = self.newline(source);
        // End the last line (after the BOM) if it has no line ending.
        let last = total
            .bytes
            .checked_sub(1)
            .filter(|&last| last >= self.bom)
            .and_then(|last| self.at_byte(last, source));
        let completion = last.and_then(|(piece, in_gap, rest)| match rest {
            b"\n" => None,
            b"\r" => Some((piece, in_gap, "\n")),
            _ => Some((piece, in_gap, newline)),
        });
        // A blank line between the last record and the new one.
        let last_record = self.records().checked_sub(1);
        let blank = match last_record.and_then(|r| self.record_piece(r)) {
            Some(piece)
                if self.start(piece).bytes + self.text(piece, source).len() == total.bytes =>
            {
                newline
            }
            _ => "",
        };
        let text = format!("{}{newline}", new_line(label, value));
        let before = completion.map_or("", |(_, _, c)| c);
        let place = Place {
            at: total
                .plus(Weights::of_text(before))
                .plus(Weights::of_text(blank)),
            glued: false,
            next: None,
        };
        let splice = Splice {
            range: 0..0,
            with: String::new(),
            old_line: None,
            new_line: Some((0, label)),
        };
        check(&text, place, &[], &splice, value)?;
        Ok(Plan::Append {
            completion,
            blank,
            text,
        })
    }

    fn apply(&mut self, source: &str, plan: Plan) {
        match plan {
            Plan::Replace {
                piece,
                text,
                delta,
                unglue,
            } => {
                if let Some(p) = self.pieces.get_mut(piece) {
                    p.text = match text.is_empty() {
                        true => Span::default(),
                        false => Span::Owned(text),
                    };
                }
                self.sums.add(piece, delta);
                if let Some(next) = unglue.and_then(|next| self.pieces.get_mut(next)) {
                    next.glued = false;
                }
            }
            Plan::Append {
                completion,
                blank,
                text,
            } => {
                if let Some((piece, in_gap, completion)) = completion {
                    if let Some(p) = self.pieces.get_mut(piece) {
                        let span = if in_gap { &mut p.gap } else { &mut p.text };
                        span.push_str(source, completion);
                    }
                    self.sums.add(piece, Weights::of_text(completion));
                }
                let last = self.pieces.len().checked_sub(1);
                if let Some(last) = last.filter(|_| !blank.is_empty()) {
                    if let Some(p) = self.pieces.get_mut(last) {
                        p.gap.push_str(source, blank);
                    }
                    self.sums.add(last, Weights::of_text(blank));
                }
                self.sums.push(Weights {
                    records: 1,
                    ..Weights::of_text(&text)
                });
                self.pieces.push(Piece {
                    text: Span::Owned(text),
                    gap: Span::default(),
                    glued: false,
                });
            }
        }
        self.edits += 1;
    }
}
