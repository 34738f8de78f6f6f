//! Lint: positioned warnings about a record's values (see [`FindingKind`]).
//!
//! [`Record`] keeps no positions, so [`lint`] splits the input into records
//! with the grammar's record rule, parses each once, and scans its lines
//! into [`FieldPositions`]; a finding inside a value is placed by the
//! address of the borrowed string (an owned one falls back to the value's
//! start).

use std::fmt;
use std::iter::FusedIterator;

use serde::ser::{SerializeStruct, Serializer};

use super::drug_index::drug_index;
use crate::drugs::Drug;
use crate::grammar::record::{Corpus, Lines, RecordTexts};
use crate::medical;
use crate::model::error::{Error, Position};
use crate::model::labels::{Label, ValueKind};
use crate::model::record::{Parsed, Record};
use crate::parse::{parse_record, ParseOptions};

/// Where one label's line is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldSpot<'a> {
    /// The label's first character.
    pub label: Position,
    /// The value's first character (the end of the line's content when the
    /// value is empty).
    pub value: Position,
    /// The raw value (trailing whitespace removed).
    pub raw: &'a str,
}

/// The lines of one record's labels (first occurrence of each label wins,
/// as in parsing). Never changes once scanned, so it is `Sync`: share it
/// between threads as you like.
///
/// ```
/// use jibing::derived::FieldPositions;
/// use jibing::Label;
///
/// let text = "简介 某病\n 药品 ['甲片', '乙片']\n";
/// let fields = FieldPositions::scan(text, 1, 0);
/// let drugs = fields.get(Label::Drugs).unwrap();
/// assert_eq!((drugs.label.line, drugs.label.column), (2, 2));
/// assert_eq!(drugs.raw, "['甲片', '乙片']");
/// // A string borrowed from the value is placed inside it.
/// let second = &drugs.raw[drugs.raw.find("乙片").unwrap()..][..6];
/// let at = fields.position_of(Label::Drugs, second);
/// assert_eq!((at.line, at.column), (2, 13));
/// assert_eq!(&text[at.offset..][..6], "乙片");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldPositions<'a> {
    /// The record's first character.
    pub start: Position,
    spots: [Option<FieldSpot<'a>>; 26],
}

impl<'a> FieldPositions<'a> {
    /// Scans the lines of a record span `text` that starts at byte `offset`
    /// of the input, on line `first_line`. Only labels are looked at.
    #[must_use]
    pub fn scan(text: &'a str, first_line: usize, offset: usize) -> Self {
        let mut spots: [Option<FieldSpot<'a>>; 26] = std::array::from_fn(|_| None);
        let mut start = None;
        for entry in Lines::new(text, first_line, offset).flatten() {
            let (line, field) = (entry.line, entry.field);
            let label_pos = line.position(field.label_at);
            start.get_or_insert(label_pos);
            let Some(label) = Label::from_text(field.label) else {
                continue;
            };
            if let Some(slot @ None) = spots.get_mut(label.index()) {
                *slot = Some(FieldSpot {
                    label: label_pos,
                    value: line.position(field.value_at),
                    raw: field.value,
                });
            }
        }
        FieldPositions {
            start: start.unwrap_or(Position {
                line: first_line,
                column: 1,
                offset,
            }),
            spots,
        }
    }

    /// The fields of the object `records` read last.
    fn of_medical<'r>(records: &medical::Records<'r>) -> FieldPositions<'r> {
        let mut spots: [Option<FieldSpot<'r>>; 26] = std::array::from_fn(|_| None);
        for (label, key, value, raw) in records.last_fields() {
            if let Some(slot) = spots.get_mut(label.index()) {
                *slot = Some(FieldSpot {
                    label: key,
                    value,
                    raw,
                });
            }
        }
        FieldPositions {
            start: records.last_start(),
            spots,
        }
    }

    /// Where `label`'s line is, if the record has it.
    #[must_use]
    pub fn get(&self, label: Label) -> Option<&FieldSpot<'a>> {
        self.spots.get(label.index())?.as_ref()
    }

    /// Where `label`'s value starts; the record's start without the label.
    fn value_or_start(&self, label: Label) -> Position {
        self.get(label).map_or(self.start, |s| s.value)
    }

    /// The position of `part`, a string borrowed from `label`'s value; the
    /// value's start when `part` does not lie inside it (an owned string);
    /// the record's start when the label has no line.
    #[must_use]
    pub fn position_of(&self, label: Label, part: &str) -> Position {
        Cursor::new(self, label).position_of(part)
    }

    /// The positions of `parts`, as [`position_of`](Self::position_of)
    /// gives them, in one pass over the value when they come in input order.
    ///
    /// ```
    /// use jibing::derived::FieldPositions;
    /// use jibing::Label;
    ///
    /// let text = "常用药品 甲片 乙片 丙片\n";
    /// let fields = FieldPositions::scan(text, 1, 0);
    /// let raw = fields.get(Label::CommonDrugs).unwrap().raw;
    /// let columns: Vec<_> = fields
    ///     .positions_of(Label::CommonDrugs, raw.split(' '))
    ///     .map(|p| p.column)
    ///     .collect();
    /// assert_eq!(columns, [6, 9, 12]);
    /// ```
    pub fn positions_of<'s, I>(
        &'s self,
        label: Label,
        parts: I,
    ) -> impl Iterator<Item = Position> + 's
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
        I::IntoIter: 's,
    {
        let mut cursor = Cursor::new(self, label);
        parts
            .into_iter()
            .map(move |part| cursor.position_of(part.as_ref()))
    }
}

/// Places strings inside one label's value, counting columns forward from
/// the last one placed.
struct Cursor<'s, 'a> {
    fields: &'s FieldPositions<'a>,
    spot: Option<&'s FieldSpot<'a>>,
    /// Byte offset in the value and column of the last position placed.
    from: usize,
    column: usize,
}

impl<'s, 'a> Cursor<'s, 'a> {
    fn new(fields: &'s FieldPositions<'a>, label: Label) -> Self {
        let spot = fields.get(label);
        Cursor {
            fields,
            spot,
            from: 0,
            column: spot.map_or(0, |s| s.value.column),
        }
    }

    /// See [`FieldPositions::position_of`].
    fn position_of(&mut self, part: &str) -> Position {
        let Some(spot) = self.spot else {
            return self.fields.start;
        };
        let base = spot.raw.as_ptr() as usize;
        let at = (part.as_ptr() as usize).wrapping_sub(base);
        if at > spot.raw.len() || !spot.raw.is_char_boundary(at) {
            return spot.value;
        }
        if at < self.from {
            (self.from, self.column) = (0, spot.value.column);
        }
        let between = spot.raw.get(self.from..at);
        debug_assert!(between.is_some(), "{}..{at} is not a char range", self.from);
        self.column += between.map_or(0, |s| s.chars().count());
        self.from = at;
        Position {
            line: spot.value.line,
            column: self.column,
            offset: spot.value.offset + at,
        }
    }
}

/// One lint warning; `Display` is the message.
///
/// ```
/// let input = "简介 某病\n治愈率 视情况\n";
/// let linted = jibing::derived::lint(input, jibing::ParseOptions::new()).next().unwrap()?;
/// let finding = &linted.findings()[1];
/// assert_eq!(finding.to_string(), "'治愈率' value '视情况' has no numbers");
/// assert_eq!(
///     serde_json::to_string(finding)?,
///     r#"{"kind":"no_numbers","message":"'治愈率' value '视情况' has no numbers","line":2,"column":5,"offset":24,"label":"治愈率","text":"视情况"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # JSON
///
/// One flat object in the shape of a [`Diagnostic`](crate::Diagnostic)'s,
/// so warnings and findings can share a JSON Lines stream:
///
/// | key | value |
/// |---|---|
/// | `kind` | the [`FindingKind`] in snake case: `causes_over_hundred`, `duplicate_drug`, `truncated_product`, `name_not_inferred`, `empty_field`, `no_numbers` |
/// | `message` | [`Finding::message`], the text after the position in `Display` |
/// | `line`, `column`, `offset` | the [`Position`] |
/// | `label` | the label as written (`"药品"`, as in a `Diagnostic`; not the JSON key), or `null` |
///
/// then the fields of the [`FindingKind`] that has some, in order.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Finding<'r> {
    /// What was found.
    pub kind: FindingKind<'r>,
    /// The field it is about (`None` for the record as a whole).
    pub label: Option<Label>,
    /// Where.
    pub position: Position,
}

/// What a [`Finding`] is about; serialises as in a [`Finding`]'s
/// [JSON](Finding#json): `{"kind":"duplicate_drug","index":1,"first":0}`.
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
    /// No [disease name](crate::format#the-disease-name) could be inferred.
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
    #[must_use]
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// A value of a [`FindingKind`]'s own detail in JSON.
enum Detail<'r> {
    Number(f64),
    Count(usize),
    Text(&'r str),
}

impl<'r> FindingKind<'r> {
    /// The kind's name in JSON.
    fn code(&self) -> &'static str {
        match self {
            FindingKind::CausesOverHundred { .. } => "causes_over_hundred",
            FindingKind::DuplicateDrug { .. } => "duplicate_drug",
            FindingKind::TruncatedProduct { .. } => "truncated_product",
            FindingKind::NameNotInferred => "name_not_inferred",
            FindingKind::EmptyField => "empty_field",
            FindingKind::NoNumbers { .. } => "no_numbers",
        }
    }

    /// The kind's own detail, as JSON keys and values, in order.
    fn details(&self) -> [Option<(&'static str, Detail<'r>)>; 3] {
        match *self {
            FindingKind::CausesOverHundred { total } => {
                [Some(("total", Detail::Number(total))), None, None]
            }
            FindingKind::DuplicateDrug { index, first } => [
                Some(("index", Detail::Count(index))),
                Some(("first", Detail::Count(first))),
                None,
            ],
            FindingKind::TruncatedProduct {
                index,
                product,
                generic,
            } => [
                Some(("index", Detail::Count(index))),
                Some(("product", Detail::Text(product))),
                Some(("generic", Detail::Text(generic))),
            ],
            FindingKind::NoNumbers { text } => [Some(("text", Detail::Text(text))), None, None],
            FindingKind::NameNotInferred | FindingKind::EmptyField => [None, None, None],
        }
    }

    /// Writes the detail keys into `object`.
    fn serialize_details<S: SerializeStruct>(&self, object: &mut S) -> Result<(), S::Error> {
        for (key, detail) in self.details().into_iter().flatten() {
            match detail {
                Detail::Number(n) => object.serialize_field(key, &n)?,
                Detail::Count(n) => object.serialize_field(key, &n)?,
                Detail::Text(text) => object.serialize_field(key, text)?,
            }
        }
        Ok(())
    }

    fn detail_count(&self) -> usize {
        self.details().iter().flatten().count()
    }
}

/// `kind` (the code), then the kind's detail (see [`Finding`], "JSON").
impl serde::Serialize for FindingKind<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = serializer.serialize_struct("FindingKind", 1 + self.detail_count())?;
        object.serialize_field("kind", self.code())?;
        self.serialize_details(&mut object)?;
        object.end()
    }
}

/// One flat object: `kind`, `message`, `line`, `column`, `offset`, `label`
/// (as written), then the kind's detail (see [`Finding`], "JSON").
impl serde::Serialize for Finding<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = 6 + self.kind.detail_count();
        let mut object = serializer.serialize_struct("Finding", fields)?;
        object.serialize_field("kind", self.kind.code())?;
        object.serialize_field("message", &self.message())?;
        object.serialize_field("line", &self.position.line)?;
        object.serialize_field("column", &self.position.column)?;
        object.serialize_field("offset", &self.position.offset)?;
        object.serialize_field("label", &self.label.map(Label::text))?;
        self.kind.serialize_details(&mut object)?;
        object.end()
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
/// order. For one record parsed on its own, scan its text for the fields:
///
/// ```
/// use jibing::derived::{findings, FieldPositions, FindingKind};
///
/// let text = "简介 某病\n药品 ['甲片', '(甲片)'] ['甲片', '(甲片)']\n";
/// let record = jibing::parse(text)?;
/// let fields = FieldPositions::scan(text, 1, 0);
/// let found = findings(&record, &fields);
/// assert_eq!(found[1].kind, FindingKind::DuplicateDrug { index: 1, first: 0 });
/// assert_eq!(found[1].position.to_string(), "2:21"); // the string, not its quote
/// # Ok::<(), jibing::Error>(())
/// ```
#[must_use]
pub fn findings<'r>(record: &'r Record<'_>, fields: &FieldPositions<'_>) -> Vec<Finding<'r>> {
    let mut out = Vec::new();
    if record.name.is_none() {
        out.push(Finding {
            kind: FindingKind::NameNotInferred,
            label: None,
            position: fields.start,
        });
    }
    field_findings(record, fields, &mut out);
    if let Some(causes) = &record.causes {
        let total: f64 = causes.items.iter().map(|c| c.percent).sum();
        if total > 100.0 {
            out.push(Finding {
                kind: FindingKind::CausesOverHundred { total },
                label: Some(Label::Causes),
                position: fields.value_or_start(Label::Causes),
            });
        }
    }
    drug_findings(
        record.drugs.as_deref().unwrap_or_default(),
        fields,
        &mut out,
    );
    out.sort_by_key(|f| f.position.offset);
    out
}

/// Empty fields, and rates, periods and costs without a number.
fn field_findings<'r>(
    record: &'r Record<'_>,
    fields: &FieldPositions<'_>,
    out: &mut Vec<Finding<'r>>,
) {
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
}

/// Repeated tuples and cut-short products, in tuple order.
fn drug_findings<'r>(
    drugs: &'r [Drug<'_>],
    fields: &FieldPositions<'_>,
    out: &mut Vec<Finding<'r>>,
) {
    let mut drug_cursor = Cursor::new(fields, Label::Drugs);
    let index = drug_index(drugs, None);
    let mut entries: Vec<_> = index.entries().collect();
    entries.sort_unstable_by_key(|e| e.index);
    // One entry per drug: sorted by index, they pair with the drugs.
    for (drug, entry) in drugs.iter().zip(entries) {
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
                position: first_part.map_or(fields.value_or_start(Label::Drugs), |p| {
                    drug_cursor.position_of(p)
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
                position: drug_cursor.position_of(product),
            });
        }
    }
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

/// A record of a corpus with the lines of its labels. Serialises as its
/// lint report: `name`, the record's first `line`, `column` and `offset`,
/// the parse `warnings` and the `findings`; the record itself is left out.
///
/// ```
/// let input = "简介 某病\n症状 \n";
/// let linted = jibing::derived::lint(input, jibing::ParseOptions::new()).next().unwrap()?;
/// assert_eq!(linted.findings().len(), 2);
/// assert_eq!(
///     serde_json::to_string(&linted)?,
///     concat!(
///         r#"{"name":null,"line":1,"column":1,"offset":0,"warnings":[],"findings":["#,
///         r#"{"kind":"name_not_inferred","message":"the disease name cannot be inferred from the long fields","line":1,"column":1,"offset":0,"label":null},"#,
///         r#"{"kind":"empty_field","message":"'症状' is present but empty","line":2,"column":1,"offset":14,"label":"症状"}]}"#,
///     )
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Linted<'a> {
    /// The record and its parse warnings.
    pub parsed: Parsed<'a>,
    /// Where its labels are.
    pub fields: FieldPositions<'a>,
}

impl Linted<'_> {
    /// The record's findings (see [`findings`]).
    #[must_use]
    pub fn findings(&self) -> Vec<Finding<'_>> {
        findings(&self.parsed.record, &self.fields)
    }
}

/// The lint report: `name`, the record's first `line`, `column` and
/// `offset`, `warnings`, `findings` (see [`Linted`]).
impl serde::Serialize for Linted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let start = self.fields.start;
        let mut object = serializer.serialize_struct("Linted", 6)?;
        object.serialize_field("name", &self.parsed.record.name)?;
        object.serialize_field("line", &start.line)?;
        object.serialize_field("column", &start.column)?;
        object.serialize_field("offset", &start.offset)?;
        object.serialize_field("warnings", &self.parsed.warnings)?;
        object.serialize_field("findings", &self.findings())?;
        object.end()
    }
}

/// Iterates over the records of a corpus, as [`records`](crate::records)
/// splits them, each parsed once with `options`, with its [`FieldPositions`].
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
        corpus: Corpus::new(input, true).records(),
        options,
    }
}

/// The iterator of [`lint`].
#[derive(Debug, Clone)]
pub struct LintRecords<'a> {
    corpus: RecordTexts<'a>,
    options: ParseOptions,
}

impl<'a> Iterator for LintRecords<'a> {
    type Item = Result<Linted<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.corpus.next()?;
        let parsed = parse_record(record, self.options);
        Some(parsed.map(|parsed| Linted {
            parsed,
            fields: FieldPositions::scan(record.text, record.line, record.offset),
        }))
    }
}

/// Once the corpus is read, its rest is empty and stays so.
impl FusedIterator for LintRecords<'_> {}

/// [`lint`] for `medical.json`, read by [`medical::records`]: a field's
/// label is its key, its value the JSON string or list.
///
/// ```
/// let input = "{\"desc\": \"某病\", \"cure_lasttime\": \"长期\"}\n";
/// let linted = jibing::derived::lint_medical(input, jibing::ParseOptions::new()).next().unwrap()?;
/// let found: Vec<_> = linted.findings().iter().map(|f| format!("{}: {f}", f.position)).collect();
/// assert_eq!(found[1], "1:34: '治疗周期' value '长期' has no numbers");
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn lint_medical(input: &str, options: ParseOptions) -> LintMedical<'_> {
    LintMedical {
        records: options.medical_records(input),
    }
}

/// The iterator of [`lint_medical`].
#[derive(Debug, Clone)]
pub struct LintMedical<'a> {
    records: medical::Records<'a>,
}

impl<'a> Iterator for LintMedical<'a> {
    type Item = Result<Linted<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let read = self.records.next()?;
        Some(read.map(|parsed| Linted {
            parsed,
            fields: FieldPositions::of_medical(&self.records),
        }))
    }
}

impl FusedIterator for LintMedical<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only while the types are `Sync` (and `Send`).
    #[test]
    fn positions_and_linted_records_are_sync() {
        fn assert_sync<T: Sync + Send>() {}
        assert_sync::<FieldSpot<'static>>();
        assert_sync::<FieldPositions<'static>>();
        assert_sync::<Linted<'static>>();
        assert_sync::<Finding<'static>>();
        assert_sync::<LintRecords<'static>>();
    }
}
