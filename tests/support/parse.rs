//! Target `parse`: strict and lenient parsing of arbitrary bytes.

use std::collections::HashMap;

use jibing::{Diagnostic, ErrorKind, Label, ParseOptions, Parsed, Position, Record};

use super::graph::check_graph;
use super::lines::{line_column, split_field, split_lines, split_records, RawLine, BOM};

pub(crate) fn is_section5(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::UnknownLabel
            | ErrorKind::DuplicateLabel { .. }
            | ErrorKind::InvalidBool { .. }
            | ErrorKind::InvalidDrugs(_)
            | ErrorKind::TrailingRecord
    )
}

/// The position is inside `input`, on a char boundary, with line and column
/// agreeing with the offset; and it points where the format reference (strict and lenient) says.
pub(crate) fn check_position(input: &str, d: &Diagnostic, what: &str) {
    let p = d.position;
    assert!(
        p.offset <= input.len() && input.is_char_boundary(p.offset),
        "{what}: offset {} of {d:?} is outside the input (len {}) or not on a char boundary",
        p.offset,
        input.len()
    );
    assert!(
        !(input.starts_with(BOM) && p.offset < BOM.len() && p.offset != 0),
        "{what}: {d:?} points inside the BOM"
    );
    let expected = line_column(input, p.offset);
    assert_eq!(
        (p.line, p.column),
        expected,
        "{what}: line/column of {d:?} disagree with its offset"
    );
    let at = &input[p.offset..];
    match &d.kind {
        ErrorKind::UnknownLabel | ErrorKind::DuplicateLabel { .. } | ErrorKind::TrailingRecord => {
            let label = d
                .label
                .as_deref()
                .unwrap_or_else(|| panic!("{what}: {d:?} has no label"));
            assert!(
                at.starts_with(label),
                "{what}: {d:?} does not point at its label (input there: {:?})",
                at.chars().take(20).collect::<String>()
            );
            if let ErrorKind::DuplicateLabel { first_line } = d.kind {
                assert!(
                    first_line < p.line,
                    "{what}: {d:?}: first_line not before the duplicate"
                );
            }
        }
        ErrorKind::InvalidBool { found } => {
            assert_eq!(d.label.as_deref(), Some("医保疾病"), "{what}: {d:?}");
            assert!(
                at.starts_with(found.as_str()),
                "{what}: {d:?} does not point at the value it found"
            );
        }
        ErrorKind::InvalidDrugs(_) => {
            assert_eq!(d.label.as_deref(), Some("药品"), "{what}: {d:?}");
        }
        _ => {}
    }
}

/// Values that keep their text keep it exactly; causes rebuild losslessly;
/// numbers are finite.
pub(crate) fn check_values(record: &Record<'_>, raw: &HashMap<Label, &str>, what: &str) {
    let finite = |n: Option<f64>, field: &str| {
        if let Some(n) = n {
            assert!(n.is_finite(), "{what}: {field} is not finite: {n}");
        }
    };
    for (label, rate) in [
        (Label::Prevalence, &record.prevalence),
        (Label::CureRate, &record.cure_rate),
    ] {
        if let (Some(rate), Some(raw)) = (rate, raw.get(&label)) {
            assert_eq!(&rate.text, raw, "{what}: {label} text is not the value");
            finite(rate.low, label.key());
            finite(rate.high, label.key());
        }
    }
    if let (Some(period), Some(raw)) = (&record.treatment_period, raw.get(&Label::TreatmentPeriod))
    {
        assert_eq!(&period.text, raw, "{what}: 治疗周期 text is not the value");
        finite(period.low, "treatment_period");
        finite(period.high, "treatment_period");
    }
    if let (Some(cost), Some(raw)) = (&record.cost, raw.get(&Label::Cost)) {
        assert_eq!(&cost.text, raw, "{what}: 治疗费用 text is not the value");
        finite(cost.low, "cost");
        finite(cost.high, "cost");
    }
    if let (Some(causes), Some(raw)) = (&record.causes, raw.get(&Label::Causes)) {
        let mut rebuilt = String::new();
        if causes.write_to(&mut rebuilt).is_err() {
            panic!("{what}: writing 病因 to a String failed");
        }
        assert_eq!(&rebuilt, raw, "{what}: 病因 does not rebuild to its value");
        for item in &causes.items {
            assert!(item.percent.is_finite(), "{what}: cause percent not finite");
        }
    }
}

/// Lenient parsing loses nothing: every non-blank line of `lines` is either
/// the one line that set its (known) label's field, or in `extra` under its
/// line number with label and value as written; every warning's line is in
/// `extra`; every present field comes from a line.
pub(crate) fn check_accounted(input: &str, lines: &[RawLine<'_>], parsed: &Parsed<'_>, what: &str) {
    let record = &parsed.record;
    let mut extra: HashMap<usize, (&str, &str)> = HashMap::new();
    for x in &record.extra {
        assert!(
            extra.insert(x.line, (&x.label, &x.value)).is_none(),
            "{what}: two extra entries for line {}",
            x.line
        );
    }
    let mut fields: HashMap<Label, usize> = HashMap::new();
    let mut raw: HashMap<Label, &str> = HashMap::new();
    let mut extra_labels: Vec<&str> = Vec::new();
    for line in lines {
        let text = &input[line.start..line.start + line.text.len()];
        let Some((label, value)) = split_field(text) else {
            continue;
        };
        if let Some((x_label, x_value)) = extra.remove(&line.number) {
            assert_eq!(
                (x_label, x_value),
                (label, value),
                "{what}: extra entry of line {} differs from the line",
                line.number
            );
            extra_labels.push(label);
            continue;
        }
        let known = Label::from_text(label).unwrap_or_else(|| {
            panic!(
                "{what}: line {} with unknown label {label:?} is not in extra",
                line.number
            )
        });
        assert!(
            record.has(known),
            "{what}: line {} ({label}) is neither in the record nor in extra",
            line.number
        );
        if let Some(first) = fields.insert(known, line.number) {
            panic!(
                "{what}: lines {first} and {} both give {label}; one is lost",
                line.number
            );
        }
        raw.insert(known, value);
    }
    assert!(
        extra.is_empty(),
        "{what}: extra entries for lines that are not non-blank lines of the record: {extra:?}"
    );
    for w in &parsed.warnings {
        assert!(
            record.extra.iter().any(|x| x.line == w.position.line),
            "{what}: the line of warning {w:?} is not in extra"
        );
    }
    for label in Label::ALL {
        if record.has(label) && !fields.contains_key(&label) {
            // A bad drug list leaves `drugs` as `[]` (format reference: strict and lenient).
            let bad_drugs = label == Label::Drugs
                && record.drugs.as_ref().is_some_and(Vec::is_empty)
                && extra_labels.contains(&"药品");
            assert!(bad_drugs, "{what}: {label} is present but no line gives it");
        }
    }
    check_values(record, &raw, what);
}

/// Strict and lenient agree on one record: strict succeeds exactly when
/// lenient has no warnings (with the same record), and a strict error is
/// lenient's first warning.
pub(crate) fn check_modes(
    input: &str,
    strict: &Result<Record<'_>, jibing::Error>,
    lenient: &Parsed<'_>,
    what: &str,
) {
    for w in &lenient.warnings {
        assert!(
            is_section5(&w.kind),
            "{what}: lenient warning of a non-section-5 kind: {w:?}"
        );
        check_position(input, w, what);
    }
    match strict {
        Ok(record) => {
            assert!(
                lenient.warnings.is_empty(),
                "{what}: strict succeeded but lenient warned: {:?}",
                lenient.warnings
            );
            assert_eq!(
                record, &lenient.record,
                "{what}: strict and lenient records differ"
            );
        }
        Err(e) => {
            let d = e.diagnostic();
            check_position(input, d, what);
            assert!(is_section5(&d.kind), "{what}: strict error of kind {d:?}");
            assert_eq!(
                lenient.warnings.first(),
                Some(d),
                "{what}: lenient's first warning is not the strict error"
            );
        }
    }
}

/// Target `parse`: arbitrary bytes; invalid UTF-8 is skipped.
///
/// - strict `parse`, `parse_lenient`, and `records` in both modes never
///   panic; lenient never fails;
/// - strict and lenient agree (see `check_modes`): a strict section-5 fault
///   is lenient's first warning, same kind, position and label;
/// - every error/warning position is inside the input, on a char boundary,
///   with line/column matching the offset (a leading BOM not counted), and
///   points at the label / value the format reference (strict and
///   lenient) names;
/// - lenient loses nothing (see `check_accounted`), for the single record
///   and for every record of the corpus iterator;
/// - `records` splits where an independent splitter does, each record's
///   faults lie inside it, and for single-record input `parse` agrees with
///   `records`.
pub fn check_parse(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let lines = split_lines(data);

    let strict = jibing::parse(input);
    let lenient = jibing::parse_lenient(input)
        .unwrap_or_else(|e| panic!("parse_lenient failed: {:?}", e.diagnostic()));
    check_modes(input, &strict, &lenient, "parse");
    check_accounted(input, &lines, &lenient, "parse_lenient");

    let whole = split_records(&lines, false);
    match whole.len() {
        0 => assert_eq!(
            strict.as_ref().ok(),
            Some(&Record::default()),
            "parse: blank input must give an empty record"
        ),
        // With a second `简介` the corpus iterator splits the record but
        // `parse` reports a duplicate, so compare only without one.
        1 if split_records(&lines, true).len() == 1 => {
            let first = jibing::records(input)
                .next()
                .expect("records yields the one record")
                .map(|p| p.record)
                .map_err(|e| e.diagnostic().clone());
            let single = strict.clone().map_err(|e| e.diagnostic().clone());
            assert_eq!(
                first, single,
                "parse and records disagree on a single-record input"
            );
        }
        1 => {}
        _ => {
            if strict.is_ok() {
                panic!("parse accepted an input with {} records", whole.len());
            }
        }
    }

    let groups = split_records(&lines, true);
    let strict_items: Vec<_> = jibing::records(input).collect();
    let lenient_items: Vec<_> = ParseOptions::new().lenient().records(input).collect();
    check_graph(lenient_items.iter().filter_map(|item| item.as_ref().ok()));
    assert_eq!(
        strict_items.len(),
        groups.len(),
        "records (strict) yields {} records, the splitter finds {}",
        strict_items.len(),
        groups.len()
    );
    assert_eq!(
        lenient_items.len(),
        groups.len(),
        "records (lenient) yields {} records, the splitter finds {}",
        lenient_items.len(),
        groups.len()
    );
    for (i, ((group, strict), lenient)) in groups
        .iter()
        .zip(strict_items)
        .zip(lenient_items)
        .enumerate()
    {
        let what = format!("records #{i}");
        let lenient =
            lenient.unwrap_or_else(|e| panic!("{what}: lenient failed: {:?}", e.diagnostic()));
        let strict = strict.map(|p| {
            assert!(p.warnings.is_empty(), "{what}: strict record with warnings");
            p.record
        });
        check_modes(input, &strict, &lenient, &what);
        let record_lines = &lines[group.clone()];
        check_accounted(input, record_lines, &lenient, &what);
        let (begin, end) = (
            record_lines[0].start,
            record_lines[record_lines.len() - 1].end,
        );
        let inside = |p: Position| begin <= p.offset && p.offset <= end;
        for d in lenient
            .warnings
            .iter()
            .chain(strict.as_ref().err().map(|e| e.diagnostic()))
        {
            assert!(
                inside(d.position),
                "{what}: {d:?} lies outside the record ({begin}..{end})"
            );
        }
    }
}
