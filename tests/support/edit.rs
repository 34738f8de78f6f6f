//! Target `edit`: sequences of edits on generated documents.
//!
//! Each edit's outcome is worked out here without the crate's edit code,
//! from the format reference ("Editing without loss") and the independent
//! line and record splitter at the top of this file:
//!
//! - the refusals that come first (typed setters: a label of the wrong
//!   kind, a list item that would not read back as one, a drug that would
//!   read back as another; then a line break or edge whitespace in the
//!   value, a record past the end);
//! - the "naive" edit: the text with the line spliced in where the rules put
//!   it (a value replaced, a line inserted after the last line of a label
//!   before it in table order or before the record's first line, a record
//!   appended after a blank line, a line removed). An invalid value (the
//!   label's grammar refuses it) must be refused with the position of the
//!   fault in that text. Otherwise the edit must be refused exactly when, in
//!   the naive text, another line reads differently or belongs to another
//!   record, or the records merge or split (`Boundary` or `OtherLines`);
//! - an accepted edit gives exactly the naive text, so every untouched line
//!   is byte-identical (checked line by line too), and the text parses
//!   (lenient) to the old records with that one field changed: the typed
//!   value the setter was given, or the value read by the label's grammar,
//!   with the duplicate line that takes over when the first is removed, and
//!   the name inferred again;
//! - a refused edit, or a removal that finds nothing, leaves the text
//!   byte-identical.

use std::borrow::Cow;

use arbitrary::{Arbitrary, Unstructured};
use jibing::{
    Diagnostic, Document, Drug, EditError, ErrorKind, Label, List, ParseOptions, Parsed, Record,
};

use super::chars::{is_ws, WS};
use super::lines::{line_column, split_field, text_lines, TextLine, BOM};
use super::roundtrip::{check_roundtrip, check_spans};
use super::structured::{pick, wrapped, DrugStr, Text};

pub(crate) const ENDINGS: &[&str] = &["\n", "\n", "\r\n", "", "\r"];
pub(crate) const LIST_LABELS: &[Label] = &[
    Label::Complications,
    Label::Departments,
    Label::Treatments,
    Label::CommonDrugs,
    Label::Symptoms,
    Label::Examinations,
    Label::GoodFoods,
    Label::BadFoods,
    Label::Recipes,
];

/// A run of 0 to 2 whitespace characters.
pub(crate) fn ws_run(n: u8) -> String {
    (0..n % 3).map(|i| pick(&WS, n / 3 + i)).collect()
}

/// A line's label: `简介` (so that records glue), one of the 26, one of
/// them after a stray BOM (an unknown label that a removal could turn into
/// the document's BOM), any text, or none (a blank line).
#[derive(Arbitrary, Debug, Clone)]
pub enum LabelSpec {
    Summary,
    Known(u8),
    Bom(u8),
    Unknown(Text),
    Blank,
}

/// One line: whitespace, label, separator, value, whitespace, ending (which
/// may be missing or a lone `\r`, gluing it to the next line).
#[derive(Arbitrary, Debug, Clone)]
pub struct LineSpec {
    lead: u8,
    label: LabelSpec,
    sep: u8,
    value: Text,
    trail: u8,
    ending: u8,
}

impl LineSpec {
    fn write(&self, out: &mut String) {
        out.push_str(&ws_run(self.lead));
        let label = match &self.label {
            LabelSpec::Summary => Some(Label::Summary.text().to_owned()),
            LabelSpec::Known(i) => Some(pick(&Label::ALL, *i).text().to_owned()),
            LabelSpec::Bom(i) => Some(format!("{BOM}{}", pick(&Label::ALL, *i).text())),
            LabelSpec::Unknown(text) => Some(text.raw()),
            LabelSpec::Blank => None,
        };
        if let Some(label) = label {
            out.push_str(&label);
            out.push(pick(&WS, self.sep));
            out.push_str(&self.value.raw());
        }
        out.push_str(&ws_run(self.trail));
        out.push_str(pick(ENDINGS, self.ending));
    }
}

/// A drug as given to `set_drugs`, which may not read back (no part, a
/// product without a brand, a last part in parentheses).
#[derive(Arbitrary, Debug, Clone)]
pub struct RawDrug {
    brand: Option<DrugStr>,
    product: Option<DrugStr>,
    generic: Option<DrugStr>,
}

impl RawDrug {
    fn build(&self) -> Drug<'static> {
        let part = |p: &Option<DrugStr>| p.as_ref().map(|s| Cow::Owned(s.build()));
        Drug {
            brand: part(&self.brand),
            product: part(&self.product),
            generic: part(&self.generic),
        }
    }
}

/// Whether parsing gives the drug back from its Python literal (the rule of
/// roles of the format reference, written here independently).
pub(crate) fn drug_reads_back(drug: &Drug<'_>) -> bool {
    if drug.product.is_some() && drug.brand.is_none() {
        return false;
    }
    match (&drug.generic, drug.product.as_ref().or(drug.brand.as_ref())) {
        (Some(_), _) => true,
        (None, Some(last)) => !wrapped(last),
        (None, None) => false,
    }
}

/// A label to edit: one of those the record has (`present`, when it has
/// any), else any of the 26.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct LabelPick {
    present: bool,
    index: u8,
}

impl LabelPick {
    fn label(self, old: &str, record: usize) -> Label {
        let (lines, record_of, _) = text_lines(old);
        let present: Vec<Label> = lines
            .iter()
            .zip(&record_of)
            .filter(|(_, r)| **r == Some(record))
            .filter_map(|(line, _)| Label::from_text(split_field(line.text)?.0))
            .collect();
        match self.present && !present.is_empty() {
            true => pick(&present, self.index),
            false => pick(&Label::ALL, self.index),
        }
    }
}

/// One edit. `record` is taken modulo the record count + 2, so that the
/// record after the last (append) and one past it (refused) come up.
#[derive(Arbitrary, Debug, Clone)]
pub enum EditSpec {
    Set {
        record: u8,
        label: LabelPick,
        value: Text,
        trim: bool,
    },
    Remove {
        record: u8,
        label: LabelPick,
    },
    SetList {
        record: u8,
        /// A list label (`true`) or any label.
        label: (bool, u8),
        items: Vec<Text>,
        clean: bool,
    },
    SetBool {
        record: u8,
        /// `None`: 医保疾病, the one boolean label.
        label: Option<u8>,
        value: bool,
    },
    SetDrugs {
        record: u8,
        drugs: Vec<RawDrug>,
    },
}

/// The input of the `edit` target: a document and the edits to make.
#[derive(Arbitrary, Debug, Clone)]
pub struct EditCase {
    bom: bool,
    lines: Vec<LineSpec>,
    edits: Vec<EditSpec>,
}

/// What a setter writes, typed: the field must read back as exactly this.
#[derive(Debug, Clone)]
pub(crate) enum Typed {
    List(Vec<String>),
    Bool(bool),
    Drugs(Vec<Drug<'static>>),
}

/// An edit, resolved: the record, the label, and the value written (`None`:
/// remove), or the refusal a typed setter must give before anything else.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    record: usize,
    label: Label,
    value: Option<String>,
    typed: Option<Typed>,
    refused: Option<EditError>,
}

impl EditSpec {
    fn resolve(&self, old: &str, records: usize) -> Resolved {
        let record = |r: u8| usize::from(r) % (records + 2);
        let set = |record, label, value, typed| Resolved {
            record,
            label,
            value: Some(value),
            typed,
            refused: None,
        };
        match self {
            Self::Set {
                record: r,
                label,
                value,
                trim,
            } => {
                let value = if *trim { value.value() } else { value.raw() };
                let r = record(*r);
                set(r, label.label(old, r), value, None)
            }
            Self::Remove { record: r, label } => Resolved {
                record: record(*r),
                label: label.label(old, record(*r)),
                value: None,
                typed: None,
                refused: None,
            },
            Self::SetList {
                record: r,
                label: (list, i),
                items,
                clean,
            } => {
                let label = if *list {
                    pick(LIST_LABELS, *i)
                } else {
                    pick(&Label::ALL, *i)
                };
                let items: Vec<String> = items
                    .iter()
                    .map(|t| match clean {
                        true => t
                            .raw()
                            .chars()
                            .filter(|&c| !is_ws(c) && c != '\r')
                            .collect(),
                        false => t.raw(),
                    })
                    .filter(|item: &String| !(*clean && item.is_empty()))
                    .collect();
                let mut resolved = set(
                    record(*r),
                    label,
                    items.join(" "),
                    Some(Typed::List(items.clone())),
                );
                if label.kind() != jibing::ValueKind::List {
                    resolved.refused = Some(EditError::WrongKind {
                        label,
                        kind: jibing::ValueKind::List,
                    });
                } else if let Some(index) = items
                    .iter()
                    .position(|item| item.is_empty() || item.contains(is_ws))
                {
                    resolved.refused = Some(EditError::ListItem { index });
                }
                resolved
            }
            Self::SetBool {
                record: r,
                label,
                value,
            } => {
                let label = label.map_or(Label::Insurance, |i| pick(&Label::ALL, i));
                let text = if *value { "是" } else { "否" };
                let mut resolved = set(
                    record(*r),
                    label,
                    text.to_owned(),
                    Some(Typed::Bool(*value)),
                );
                if label.kind() != jibing::ValueKind::Bool {
                    resolved.refused = Some(EditError::WrongKind {
                        label,
                        kind: jibing::ValueKind::Bool,
                    });
                }
                resolved
            }
            Self::SetDrugs { record: r, drugs } => {
                let drugs: Vec<Drug<'static>> = drugs.iter().map(RawDrug::build).collect();
                // The value is the crate's formatter's; `records()` giving
                // back exactly `drugs` is what checks it.
                let value = jibing::drugs::to_python(&drugs);
                let mut resolved = set(
                    record(*r),
                    Label::Drugs,
                    value,
                    Some(Typed::Drugs(drugs.clone())),
                );
                if let Some(index) = drugs.iter().position(|d| !drug_reads_back(d)) {
                    resolved.refused = Some(EditError::Drug { index });
                }
                resolved
            }
        }
    }

    fn apply(&self, doc: &mut Document<'_>, edit: &Resolved) -> Result<bool, EditError> {
        let (record, label) = (edit.record, edit.label);
        let value = edit.value.as_deref().unwrap_or_default();
        match (self, &edit.typed) {
            (Self::Remove { .. }, _) => doc.remove(record, label),
            (Self::SetList { .. }, Some(Typed::List(items))) => {
                doc.set_list(record, label, items).map(|()| true)
            }
            (Self::SetBool { value, .. }, _) => doc.set_bool(record, label, *value).map(|()| true),
            (Self::SetDrugs { .. }, Some(Typed::Drugs(drugs))) => {
                doc.set_drugs(record, drugs).map(|()| true)
            }
            _ => doc.set(record, label, value).map(|()| true),
        }
    }
}

/// Byte ranges of the label and the value in a line's text (the value's
/// range is empty, at the label's end, for a label-only line).
pub(crate) fn field_ranges(text: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let (label, value) = split_field(text)?;
    let at = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let label_at = at(label);
    let value_at = if value.is_empty() {
        label_at + label.len()
    } else {
        at(value)
    };
    Some((
        label_at..label_at + label.len(),
        value_at..value_at + value.len(),
    ))
}

/// The naive edit: the new text, which old line went where (`None`:
/// removed), the index of the line written (if any), the byte offset of its
/// value in the new text, and whether the edited record vanishes or is new.
#[derive(Debug)]
pub(crate) struct Naive {
    text: String,
    moved: Vec<Option<usize>>,
    written: Option<usize>,
    value_at: usize,
    /// The index of the edited record's first old line that held the label
    /// (set or removed), if any.
    old_line: Option<usize>,
    vanishes: bool,
    appends: bool,
}

/// What an edit must do.
#[derive(Debug)]
pub(crate) enum Expect {
    /// Refused with exactly this error.
    Refused(EditError),
    /// Refused because the value is invalid: kind and where in the text.
    Invalid(ErrorKind, usize, String),
    /// Refused as a merge/split or a change of another line.
    Structure(String),
    /// Nothing to remove: `Ok(false)`.
    Unchanged,
    /// Accepted: the naive text.
    Changed(Naive),
}

pub(crate) fn expect_edit(old: &str, edit: &Resolved) -> Expect {
    if let Some(refused) = &edit.refused {
        return Expect::Refused(refused.clone());
    }
    let label = edit.label;
    if let Some(value) = &edit.value {
        if value.contains(['\n', '\r']) {
            return Expect::Refused(EditError::LineBreak);
        }
        if value.trim_matches(is_ws) != value {
            return Expect::Refused(EditError::EdgeWhitespace);
        }
    }
    let (lines, record_of, count) = text_lines(old);
    if edit.record > count {
        return Expect::Refused(EditError::NoSuchRecord {
            index: edit.record,
            count,
        });
    }
    let in_record: Vec<usize> = (0..lines.len())
        .filter(|&i| record_of[i] == Some(edit.record))
        .collect();
    let label_of = |i: usize| split_field(lines[i].text).map(|(l, _)| l);
    let found = in_record
        .iter()
        .copied()
        .find(|&i| label_of(i) == Some(label.text()));
    let newline = match lines.first() {
        Some(first) if first.ending == "\r\n" => "\r\n",
        _ => "\n",
    };
    let identity: Vec<Option<usize>> = (0..lines.len()).map(Some).collect();
    let naive = match (&edit.value, found) {
        (None, None) => return Expect::Unchanged,
        (None, Some(k)) => {
            let line = lines[k];
            Naive {
                text: format!("{}{}", &old[..line.start], &old[line.end..]),
                moved: (0..lines.len())
                    .map(|i| match i.cmp(&k) {
                        std::cmp::Ordering::Less => Some(i),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(i - 1),
                    })
                    .collect(),
                written: None,
                value_at: 0,
                old_line: Some(k),
                vanishes: in_record.len() == 1,
                appends: false,
            }
        }
        (Some(value), Some(k)) => {
            let line = lines[k];
            let (label_range, value_range) =
                field_ranges(line.text).expect("a line with a label has fields");
            let (at, end, with, value_at) = if value_range.is_empty() {
                let at = line.start + label_range.end;
                let value_at = if value.is_empty() { at } else { at + 1 };
                (at, at, format!(" {value}"), value_at)
            } else {
                let at = line.start + value_range.start;
                // An empty value is read where the label ends.
                let value_at = if value.is_empty() {
                    line.start + label_range.end
                } else {
                    at
                };
                (at, line.start + value_range.end, value.clone(), value_at)
            };
            Naive {
                text: format!("{}{with}{}", &old[..at], &old[end..]),
                moved: identity,
                written: Some(k),
                value_at,
                old_line: Some(k),
                vanishes: false,
                appends: false,
            }
        }
        (Some(value), None) => {
            let new_line = if value.is_empty() {
                label.text().to_owned()
            } else {
                format!("{} {value}", label.text())
            };
            let value_in_line = if value.is_empty() {
                label.text().len()
            } else {
                label.text().len() + 1
            };
            if edit.record == count {
                let body = old.strip_prefix(BOM).unwrap_or(old);
                let completion = if body.is_empty() || body.ends_with('\n') {
                    ""
                } else if body.ends_with('\r') {
                    "\n"
                } else {
                    newline
                };
                let last_record_ends_text = (0..lines.len())
                    .rev()
                    .find(|&i| record_of[i].is_some())
                    .is_some_and(|i| i + 1 == lines.len());
                let blank = if last_record_ends_text { newline } else { "" };
                let before = format!("{old}{completion}{blank}");
                Naive {
                    value_at: before.len() + value_in_line,
                    text: format!("{before}{new_line}{newline}"),
                    moved: identity,
                    written: Some(lines.len() + usize::from(!blank.is_empty())),
                    old_line: None,
                    vanishes: false,
                    appends: true,
                }
            } else {
                let before = in_record.iter().copied().rev().find(|&i| {
                    label_of(i)
                        .and_then(Label::from_text)
                        .is_some_and(|known| known < label)
                });
                let (at, with, value_at, j) = match before {
                    Some(p) => {
                        let at = lines[p].end;
                        let (with, lead) = match lines[p].ending {
                            e if e.ends_with('\n') => (format!("{new_line}{e}"), 0),
                            "\r" => (format!("\n{new_line}"), 1),
                            _ => (format!("{newline}{new_line}"), newline.len()),
                        };
                        (at, with, at + lead + value_in_line, p + 1)
                    }
                    None => {
                        let at = lines[in_record[0]].start;
                        (
                            at,
                            format!("{new_line}{newline}"),
                            at + value_in_line,
                            in_record[0],
                        )
                    }
                };
                Naive {
                    text: format!("{}{with}{}", &old[..at], &old[at..]),
                    moved: (0..lines.len())
                        .map(|i| Some(if i < j { i } else { i + 1 }))
                        .collect(),
                    written: Some(j),
                    value_at,
                    old_line: None,
                    vanishes: false,
                    appends: false,
                }
            }
        }
    };
    // An invalid value comes before the other refusals.
    if let Some(value) = &edit.value {
        let fault = match label {
            Label::Insurance => jibing::value::parse_bool(value).is_none().then(|| {
                (
                    ErrorKind::InvalidBool {
                        found: value.clone(),
                    },
                    0,
                )
            }),
            Label::Drugs => jibing::drugs::parse_drugs(value)
                .err()
                .map(|f| (ErrorKind::InvalidDrugs(f.kind), f.offset)),
            _ => None,
        };
        if let Some((kind, offset)) = fault {
            return Expect::Invalid(kind, naive.value_at + offset, naive.text);
        }
    }
    match naive_changes_others(old, &lines, &record_of, count, &naive, edit) {
        Some(why) => Expect::Structure(why),
        None => Expect::Changed(naive),
    }
}

/// Why the naive edit changes more than its line, or `None`: every other
/// line keeps its text and its record (shifted past a vanished record), the
/// written line reads `label value` in the edited record, the BOM stays as
/// it was, and there are as many records as there should be.
pub(crate) fn naive_changes_others(
    old: &str,
    lines: &[TextLine<'_>],
    record_of: &[Option<usize>],
    count: usize,
    naive: &Naive,
    edit: &Resolved,
) -> Option<String> {
    let (new_lines, new_record_of, new_count) = text_lines(&naive.text);
    if old.starts_with(BOM) != naive.text.starts_with(BOM) {
        return Some("the BOM would change".into());
    }
    let want_count = count - usize::from(naive.vanishes) + usize::from(naive.appends);
    if new_count != want_count {
        return Some(format!("{count} records would become {new_count}"));
    }
    for (i, moved) in naive.moved.iter().enumerate() {
        let Some(j) = *moved else { continue };
        if Some(i) == naive.old_line && naive.written == Some(j) {
            continue;
        }
        let Some(new) = new_lines.get(j) else {
            return Some(format!("line {} would vanish", lines[i].number));
        };
        if new.text != lines[i].text {
            return Some(format!(
                "line {} would read {:?}",
                lines[i].number, new.text
            ));
        }
        let shift = |r: usize| r - usize::from(naive.vanishes && r > edit.record);
        if new_record_of[j] != record_of[i].map(shift) {
            return Some(format!("line {} would change records", lines[i].number));
        }
    }
    if let Some(j) = naive.written {
        let line = new_lines.get(j)?;
        let value = edit.value.as_deref().unwrap_or_default();
        if split_field(line.text) != Some((edit.label.text(), value)) {
            return Some(format!("the written line reads {:?}", line.text));
        }
        if new_record_of[j] != Some(edit.record) {
            return Some("the written line would be in another record".into());
        }
    }
    None
}

/// The field `label` of `record` set from its raw value as parsing reads
/// it (`None`: absent), with lenient parsing's fallback for a faulty value
/// (no boolean, `[]` drugs); returns whether the value was faulty.
pub(crate) fn assign_raw(record: &mut Record<'static>, label: Label, raw: Option<&str>) -> bool {
    use jibing::value::{parse_bool, parse_cost, parse_period, parse_rate};
    let text = raw.map(|v| Cow::Owned(v.to_owned()));
    let list = raw.map(|v| List::from_written(v.to_owned()));
    let mut faulty = false;
    match label {
        Label::Summary => record.summary = text,
        Label::Insurance => {
            record.insurance = raw.and_then(parse_bool);
            faulty = raw.is_some() && record.insurance.is_none();
        }
        Label::Prevalence => record.prevalence = raw.map(|v| parse_rate(v).into_owned()),
        Label::Susceptible => record.susceptible = text,
        Label::Transmission => record.transmission = text,
        Label::Complications => record.complications = list,
        Label::Departments => record.departments = list,
        Label::Treatments => record.treatments = list,
        Label::TreatmentPeriod => {
            record.treatment_period = raw.map(|v| parse_period(v).into_owned())
        }
        Label::CureRate => record.cure_rate = raw.map(|v| parse_rate(v).into_owned()),
        Label::CommonDrugs => record.common_drugs = list,
        Label::Cost => record.cost = raw.map(|v| parse_cost(v).into_owned()),
        Label::Tips => record.tips = text,
        Label::Causes => record.causes = raw.map(|v| jibing::causes::parse_causes(v).into_owned()),
        Label::Prevention => record.prevention = text,
        Label::SymptomDetails => record.symptom_details = text,
        Label::Symptoms => record.symptoms = list,
        Label::ExaminationDetails => record.examination_details = text,
        Label::Examinations => record.examinations = list,
        Label::TreatmentDetails => record.treatment_details = text,
        Label::DietGoodDetails => record.diet_good_details = text,
        Label::DietBadDetails => record.diet_bad_details = text,
        Label::GoodFoods => record.good_foods = list,
        Label::BadFoods => record.bad_foods = list,
        Label::Recipes => record.recipes = list,
        Label::Drugs => {
            record.drugs = raw.map(|v| match jibing::drugs::parse_drugs(v) {
                Ok(drugs) => drugs.into_iter().map(Drug::into_owned).collect(),
                Err(_) => {
                    faulty = true;
                    Vec::new()
                }
            })
        }
    }
    faulty
}

/// The field `label` of `record` set to the typed value a setter was given.
pub(crate) fn assign_typed(record: &mut Record<'static>, label: Label, typed: &Typed) {
    match typed {
        Typed::Bool(value) => record.insurance = Some(*value),
        Typed::Drugs(drugs) => record.drugs = Some(drugs.clone()),
        Typed::List(items) => {
            let list = Some(List::from_items(items.iter().cloned()));
            match label {
                Label::Complications => record.complications = list,
                Label::Departments => record.departments = list,
                Label::Treatments => record.treatments = list,
                Label::CommonDrugs => record.common_drugs = list,
                Label::Symptoms => record.symptoms = list,
                Label::Examinations => record.examinations = list,
                Label::GoodFoods => record.good_foods = list,
                Label::BadFoods => record.bad_foods = list,
                Label::Recipes => record.recipes = list,
                other => panic!("edit: a list set on {other}"),
            }
        }
    }
}

/// The name parsing infers for `record`'s values: that of its canonical
/// text (whose name-bearing values are written as they read).
pub(crate) fn inferred_name(record: &Record<'static>, what: &str) -> Option<Cow<'static, str>> {
    let mut bare = record.clone();
    bare.name = None;
    bare.extra.clear();
    let text = bare.to_string();
    let parsed = jibing::parse(&text).unwrap_or_else(|e| {
        panic!(
            "{what}: canonical text {text:?} does not parse: {:?}",
            e.diagnostic()
        )
    });
    parsed.name.map(|name| Cow::Owned(name.into_owned()))
}

/// The lenient records of `text`, owned, `extra` line numbers left out
/// (lines move when one is inserted or removed).
pub(crate) fn lenient_records(text: &str, what: &str) -> Vec<Record<'static>> {
    ParseOptions::new()
        .lenient()
        .records(text)
        .map(|parsed| {
            let mut record = parsed
                .unwrap_or_else(|e| panic!("{what}: lenient failed: {:?}", e.diagnostic()))
                .record
                .into_owned();
            for extra in &mut record.extra {
                extra.line = 0;
            }
            record
        })
        .collect()
}

/// The records an accepted edit must give: the old ones with the edited
/// field changed.
pub(crate) fn expected_records(
    old: &str,
    mut records: Vec<Record<'static>>,
    edit: &Resolved,
    naive: &Naive,
    what: &str,
) -> Vec<Record<'static>> {
    if naive.vanishes {
        records.remove(edit.record);
        return records;
    }
    if naive.appends {
        records.push(Record::default());
    }
    let (lines, record_of, _) = text_lines(old);
    let Some(record) = records.get_mut(edit.record) else {
        panic!("{what}: no record {} to expect", edit.record);
    };
    // The extra entry of a line, by its label and value (numbers are gone).
    let drop_extra = |record: &mut Record<'static>, i: usize| {
        let (label, value) = split_field(lines[i].text).expect("a field line");
        if let Some(at) = record
            .extra
            .iter()
            .position(|x| x.label == label && x.value == value)
        {
            record.extra.remove(at);
        }
    };
    // The first line of the label was kept aside if its value was faulty.
    if let Some(k) = naive.old_line {
        let (_, value) = split_field(lines[k].text).expect("a field line");
        if assign_raw(&mut Record::default(), edit.label, Some(value)) {
            drop_extra(record, k);
        }
    }
    match (&edit.value, &edit.typed) {
        (Some(_), Some(typed)) => assign_typed(record, edit.label, typed),
        (Some(value), None) => {
            assign_raw(record, edit.label, Some(value));
        }
        (None, _) => {
            // Removed: a second line of the label, if any, now gives it.
            let next = (0..lines.len()).find(|&i| {
                Some(i) > naive.old_line
                    && record_of[i] == Some(edit.record)
                    && split_field(lines[i].text).map(|(l, _)| l) == Some(edit.label.text())
            });
            match next {
                Some(d) => {
                    let (_, value) = split_field(lines[d].text).expect("a field line");
                    if !assign_raw(record, edit.label, Some(value)) {
                        drop_extra(record, d);
                    }
                }
                None => {
                    assign_raw(record, edit.label, None);
                }
            }
        }
    }
    record.name = inferred_name(record, what);
    records
}

/// Target `edit`: an `Arbitrary` [`EditCase`]. After each edit the checks
/// of the comment above hold, `record_count`, `get`, `fields` (spans into
/// `as_str`) and `records()` (what `jibing::records` gives for the text)
/// agree with the text; at the end a fresh `Document` of the text has the
/// same fields, and the text passes the `roundtrip` checks.
pub fn check_edit(data: &[u8]) {
    let Ok(case) = EditCase::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let mut input = String::from(if case.bom { BOM } else { "" });
    for line in &case.lines {
        line.write(&mut input);
    }
    let mut doc = Document::new(&input);
    for (step, spec) in case.edits.iter().take(32).enumerate() {
        let old = doc.as_str().to_owned();
        let old_records = lenient_records(&old, "edit: old text");
        let edit = spec.resolve(&old, old_records.len());
        let what = format!("edit #{step} {edit:?} of {old:?}");
        let expect = expect_edit(&old, &edit);
        let result = spec.apply(&mut doc, &edit);
        let text = doc.as_str().to_owned();
        match (&expect, &result) {
            (Expect::Changed(naive), Ok(true)) => {
                assert_eq!(text, naive.text, "{what}: not the expected text");
                check_untouched(&old, naive, &what);
                let want = expected_records(&old, old_records, &edit, naive, &what);
                let got = lenient_records(&text, &what);
                assert_eq!(
                    got, want,
                    "{what}: the edited text {text:?} reads otherwise"
                );
                if let Some(value) = &edit.value {
                    assert_eq!(
                        doc.get(edit.record, edit.label),
                        Some(value.as_str()),
                        "{what}: get"
                    );
                }
            }
            (Expect::Unchanged, Ok(false)) => {}
            (Expect::Refused(want), Err(got)) => assert_eq!(got, want, "{what}"),
            (Expect::Invalid(kind, offset, naive), Err(EditError::Invalid(d))) => {
                assert_eq!(&d.kind, kind, "{what}: {d:?}");
                assert_eq!(d.label.as_deref(), Some(edit.label.text()), "{what}: {d:?}");
                assert_eq!(d.position.offset, *offset, "{what}: {d:?} in {naive:?}");
                let (line, column) = line_column(naive, *offset);
                assert_eq!(
                    (d.position.line, d.position.column),
                    (line, column),
                    "{what}: {d:?} in {naive:?}"
                );
            }
            (Expect::Structure(why), Err(e)) => assert!(
                matches!(e, EditError::Boundary | EditError::OtherLines),
                "{what}: {why}, so expected Boundary or OtherLines, got {e:?}"
            ),
            _ => panic!("{what}: expected {expect:?}, got {result:?} and text {text:?}"),
        }
        if !matches!(result, Ok(true)) {
            assert_eq!(text, old, "{what}: a refused edit changed the text");
        }
        check_document(&doc, &text, &what);
        match step % 8 {
            3 => doc = doc.into_owned(),
            5 => assert_eq!(doc.clone(), doc, "{what}: a clone differs"),
            _ => {}
        }
    }
    let text = doc.to_string();
    let fresh = Document::new(&text);
    assert!(
        fresh.fields().eq(doc.fields()),
        "edit: the edited document's fields differ from those of its text read afresh: {text:?}"
    );
    assert_eq!(doc.into_string(), text, "edit: into_string");
    check_roundtrip(text.as_bytes());
}

/// Every line of `old` but the edited one is in the naive text with the
/// same bytes; only the last line may have gained the line ending it
/// lacked (a line was written after it).
pub(crate) fn check_untouched(old: &str, naive: &Naive, what: &str) {
    let (lines, _, _) = text_lines(old);
    let (new_lines, _, _) = text_lines(&naive.text);
    for (i, moved) in naive.moved.iter().enumerate() {
        let Some(j) = *moved else { continue };
        if Some(i) == naive.old_line {
            continue;
        }
        let (was, now) = (&lines[i], &new_lines[j]);
        assert_eq!(now.text, was.text, "{what}: line {} changed", was.number);
        let completed = i + 1 == lines.len() && matches!(was.ending, "" | "\r");
        assert!(
            now.ending == was.ending || completed,
            "{what}: the ending of line {} changed",
            was.number
        );
    }
}

/// The document's views agree with its text: `as_str` and `Display`, the
/// spans of `fields`, `record_count`, and `records()` against
/// `jibing::records` of the text.
pub(crate) fn check_document(doc: &Document<'_>, text: &str, what: &str) {
    assert_eq!(doc.to_string(), text, "{what}: Display is not as_str");
    check_spans(doc, text, what);
    let (_, _, count) = text_lines(text);
    assert_eq!(doc.record_count(), count, "{what}: record_count");
    fn view(item: Result<Parsed<'_>, jibing::Error>) -> Result<Parsed<'_>, Diagnostic> {
        item.map_err(|e| e.diagnostic().clone())
    }
    assert!(
        doc.records().map(view).eq(jibing::records(text).map(view)),
        "{what}: records() is not jibing::records of the text"
    );
}
