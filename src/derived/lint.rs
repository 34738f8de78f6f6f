//! Lint: positioned warnings a data curator wants about a record — cause
//! percentages over 100, repeated drug tuples, cut-short product names, a
//! name that cannot be inferred, fields present but empty, and rates,
//! periods or costs whose text has no numbers.
//!
//! This module owns the [`Finding`]s, the record-span scan and the field
//! positions. It must not re-parse values: the checks read the typed
//! [`Record`] (and the [`drug_index`](super::drug_index)), and positions come
//! from a line scan.
//!
//! # How positions are found
//!
//! [`Record`] keeps no positions. [`lint`] therefore splits the input into
//! record spans itself, with the grammar's own record production (blank
//! lines and a second `简介`, see the
//! [format reference: records and lines](crate::format#records-and-lines)),
//! parses each span exactly once, and scans
//! the span's lines — labels only, no value grammar — into
//! [`FieldPositions`]: for each label its first line, the column of the
//! label and of the value, and the raw value slice. A finding inside a value
//! (a drug name) is placed by address: the record's strings borrow from the
//! input, so a string that lies inside the raw value slice is at the byte
//! distance between the two; an owned string (an unescaped drug name) falls
//! back to the value's start. Columns inside one value are counted forward
//! from the previous finding in that value, so placing many findings stays
//! linear in the line.

use std::cell::Cell;
use std::fmt;

use super::drug_index::drug_index;
use crate::error::{Error, Position};
use crate::grammar::record::{Corpus, Line};
use crate::labels::{Label, ValueKind};
use crate::parse::{ParseOptions, Records};
use crate::record::{Parsed, Record};

/// Where one label's line is.
#[derive(Debug, Clone)]
pub struct FieldSpot<'a> {
    /// The label's first character.
    pub label: Position,
    /// The value's first character (the end of the line's content when the
    /// value is empty).
    pub value: Position,
    /// The raw value (trailing whitespace removed).
    pub raw: &'a str,
    /// Byte offset in `raw` and column of the last position placed inside
    /// it, so that columns are counted forward.
    cursor: Cell<(usize, usize)>,
}

/// The lines of one record's labels (first occurrence of each label wins,
/// as in parsing).
#[derive(Debug, Clone)]
pub struct FieldPositions<'a> {
    /// The record's first character.
    pub start: Position,
    spots: [Option<FieldSpot<'a>>; 26],
}

impl<'a> FieldPositions<'a> {
    /// Scans the lines of a record span `text` that starts at byte `offset`
    /// of the input, on line `first_line`. Only labels are looked at.
    pub fn scan(text: &'a str, first_line: usize, offset: usize) -> Self {
        let mut spots: [Option<FieldSpot<'a>>; 26] = std::array::from_fn(|_| None);
        let mut start = None;
        let mut corpus = Corpus::with_base(text, first_line, offset, true);
        while corpus.next_record(|entry| {
            let (line, field) = (entry.line, entry.field);
            let label_pos = line.position(field.label_at);
            start.get_or_insert(label_pos);
            let Some(label) = Label::from_text(field.label) else {
                return;
            };
            if let Some(slot @ None) = spots.get_mut(label.index()) {
                let value = line.position(field.value_at);
                *slot = Some(FieldSpot {
                    label: label_pos,
                    value,
                    raw: field.value,
                    cursor: Cell::new((0, value.column)),
                });
            }
        }) {}
        FieldPositions {
            start: start.unwrap_or(Position {
                line: first_line,
                column: 1,
                offset,
            }),
            spots,
        }
    }

    /// Where `label`'s line is, if the record has it.
    pub fn get(&self, label: Label) -> Option<&FieldSpot<'a>> {
        self.spots.get(label.index())?.as_ref()
    }

    /// The position of `part`, a string borrowed from `label`'s value; the
    /// value's start when `part` does not lie inside it (an owned string);
    /// the record's start when the label has no line.
    pub fn position_of(&self, label: Label, part: &str) -> Position {
        let Some(spot) = self.get(label) else {
            return self.start;
        };
        let base = spot.raw.as_ptr() as usize;
        let at = (part.as_ptr() as usize).wrapping_sub(base);
        if at > spot.raw.len() || !spot.raw.is_char_boundary(at) {
            return spot.value;
        }
        let (mut from, mut column) = spot.cursor.get();
        if at < from {
            (from, column) = (0, spot.value.column);
        }
        let between = spot.raw.get(from..at);
        debug_assert!(between.is_some(), "{from}..{at} is not a char range");
        column += between.map_or(0, |s| s.chars().count());
        spot.cursor.set((at, column));
        Position {
            line: spot.value.line,
            column,
            offset: spot.value.offset + at,
        }
    }
}

/// One lint warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding<'r> {
    /// What was found.
    pub kind: FindingKind<'r>,
    /// The field it is about (`None` for the record as a whole).
    pub label: Option<Label>,
    /// Where.
    pub position: Position,
}

/// What a [`Finding`] is about.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FindingKind<'r> {
    /// The `病因` percentages add up to more than 100.
    CausesOverHundred {
        /// Their sum.
        total: f64,
    },
    /// A `药品` tuple repeats an earlier one.
    DuplicateDrug {
        /// The tuple (0-based).
        index: usize,
        /// The earlier, identical tuple.
        first: usize,
    },
    /// A product name is a strict prefix of its generic name.
    TruncatedProduct {
        /// The tuple (0-based).
        index: usize,
        /// The product name as written.
        product: &'r str,
        /// The generic name.
        generic: &'r str,
    },
    /// No disease name could be inferred (see the
    /// [format reference: the disease name](crate::format#the-disease-name)).
    NameNotInferred,
    /// The label is present with an empty value.
    EmptyField,
    /// A rate, period or cost whose text gave no number.
    NoNumbers {
        /// The value as written.
        text: &'r str,
    },
}

impl Finding<'_> {
    /// The message, in English with the label and values quoted.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.label.map_or("", Label::text);
        match &self.kind {
            FindingKind::CausesOverHundred { total } => {
                write!(f, "cause percentages add up to {total}%, over 100%")
            }
            FindingKind::DuplicateDrug { index, first } => {
                write!(f, "drug tuple {} repeats tuple {}", index + 1, first + 1)
            }
            FindingKind::TruncatedProduct {
                index,
                product,
                generic,
            } => write!(
                f,
                "drug tuple {}: product '{product}' is cut short of generic '{generic}'",
                index + 1
            ),
            FindingKind::NameNotInferred => {
                f.write_str("the disease name cannot be inferred from the long fields")
            }
            FindingKind::EmptyField => write!(f, "'{label}' is present but empty"),
            FindingKind::NoNumbers { text } => {
                write!(f, "'{label}' value '{text}' has no numbers")
            }
        }
    }
}

/// The findings for a record whose label lines are `fields`, in input
/// order (by position; findings at the same place keep the order name,
/// fields in label order, causes, drugs in tuple order).
pub fn findings<'r>(record: &'r Record<'_>, fields: &FieldPositions<'_>) -> Vec<Finding<'r>> {
    let mut out = Vec::new();
    let at_value = |label: Label| fields.get(label).map_or(fields.start, |s| s.value);
    if record.name.is_none() {
        out.push(Finding {
            kind: FindingKind::NameNotInferred,
            label: None,
            position: fields.start,
        });
    }
    for label in Label::ALL {
        let Some(spot) = fields.get(label) else {
            continue;
        };
        if record.has(label) && spot.raw.is_empty() {
            out.push(Finding {
                kind: FindingKind::EmptyField,
                label: Some(label),
                position: spot.label,
            });
            continue;
        }
        let text = match label.kind() {
            ValueKind::Rate | ValueKind::Period | ValueKind::Cost => numbers_text(record, label),
            _ => None,
        };
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            out.push(Finding {
                kind: FindingKind::NoNumbers { text },
                label: Some(label),
                position: spot.value,
            });
        }
    }
    if let Some(causes) = &record.causes {
        let total: f64 = causes.items.iter().map(|c| c.percent).sum();
        if total > 100.0 {
            out.push(Finding {
                kind: FindingKind::CausesOverHundred { total },
                label: Some(Label::Causes),
                position: at_value(Label::Causes),
            });
        }
    }
    let drugs = record.drugs.as_deref().unwrap_or_default();
    let index = drug_index(drugs, None);
    let mut entries: Vec<_> = index.entries().collect();
    entries.sort_unstable_by_key(|e| e.index);
    for entry in entries {
        let Some(drug) = drugs.get(entry.index) else {
            debug_assert!(false, "a drug index entry off the drugs");
            continue;
        };
        let first_part = [&drug.brand, &drug.product, &drug.generic]
            .into_iter()
            .flatten()
            .next();
        if let Some(first) = entry.duplicate_of {
            out.push(Finding {
                kind: FindingKind::DuplicateDrug {
                    index: entry.index,
                    first,
                },
                label: Some(Label::Drugs),
                position: first_part.map_or(at_value(Label::Drugs), |p| {
                    fields.position_of(Label::Drugs, p)
                }),
            });
        }
        if let (true, Some(product), Some(generic)) =
            (entry.truncated_product, &drug.product, &drug.generic)
        {
            out.push(Finding {
                kind: FindingKind::TruncatedProduct {
                    index: entry.index,
                    product,
                    generic,
                },
                label: Some(Label::Drugs),
                position: fields.position_of(Label::Drugs, product),
            });
        }
    }
    out.sort_by_key(|f| f.position.offset);
    out
}

/// The text of a rate, period or cost field when neither number parsed.
fn numbers_text<'r>(record: &'r Record<'_>, label: Label) -> Option<&'r str> {
    let (low, high, text) = match label {
        Label::Prevalence => record
            .prevalence
            .as_ref()
            .map(|r| (r.low, r.high, &r.text))?,
        Label::CureRate => record
            .cure_rate
            .as_ref()
            .map(|r| (r.low, r.high, &r.text))?,
        Label::TreatmentPeriod => record
            .treatment_period
            .as_ref()
            .map(|p| (p.low, p.high, &p.text))?,
        Label::Cost => record.cost.as_ref().map(|c| (c.low, c.high, &c.text))?,
        _ => return None,
    };
    (low.is_none() && high.is_none()).then_some(text.as_ref())
}

/// A record of a corpus with the lines of its labels.
#[derive(Debug, Clone)]
pub struct Linted<'a> {
    /// The record and its parse warnings.
    pub parsed: Parsed<'a>,
    /// Where its labels are.
    pub fields: FieldPositions<'a>,
}

impl Linted<'_> {
    /// The record's findings (see [`findings`]).
    pub fn findings(&self) -> Vec<Finding<'_>> {
        findings(&self.parsed.record, &self.fields)
    }
}

/// Iterates over the records of a corpus with their [`FieldPositions`];
/// each record is parsed once, with `options`. Record boundaries are those
/// of [`records`](crate::records).
///
/// ```
/// let input = "简介 甲\n症状 \n治疗周期 长期\n";
/// let linted = jibing::derived::lint(input, jibing::ParseOptions::new()).next().unwrap()?;
/// let messages: Vec<_> = linted
///     .findings()
///     .iter()
///     .map(|f| format!("{}: {}", f.position, f))
///     .collect();
/// assert_eq!(
///     messages,
///     [
///         "1:1: the disease name cannot be inferred from the long fields",
///         "2:1: '症状' is present but empty",
///         "3:6: '治疗周期' value '长期' has no numbers",
///     ]
/// );
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn lint(input: &str, options: ParseOptions) -> LintRecords<'_> {
    LintRecords {
        input,
        corpus: Corpus::new(input, true),
        options,
    }
}

/// The iterator of [`lint`].
#[derive(Debug, Clone)]
pub struct LintRecords<'a> {
    input: &'a str,
    corpus: Corpus<'a>,
    options: ParseOptions,
}

impl<'a> Iterator for LintRecords<'a> {
    type Item = Result<Linted<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        // The record's first line and the end of its last.
        let mut span: Option<(Line<'a>, usize)> = None;
        if !self.corpus.next_record(|entry| {
            span.get_or_insert((entry.line, entry.line.end)).1 = entry.line.end;
        }) {
            return None;
        }
        debug_assert!(span.is_some(), "a record without lines");
        let (first, end) = span?;
        let text = self.input.get(first.start..end);
        debug_assert!(text.is_some(), "a record span off the input");
        let text = text.unwrap_or_default();
        let parsed = Records::with_base(text, first.number, first.start, self.options, true).next();
        debug_assert!(parsed.is_some(), "a record span without a record");
        let parsed = parsed.unwrap_or_else(|| Ok(Parsed::default()));
        Some(parsed.map(|parsed| Linted {
            parsed,
            fields: FieldPositions::scan(text, first.number, first.start),
        }))
    }
}
