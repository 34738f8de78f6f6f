//! Properties shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! corpus replay test (`tests/fuzz_corpus.rs`). Each `check_*` function
//! panics with a message naming the violated property.
//!
//! The line and record splitting here is written independently of the
//! crate, from FORMAT.md section 1: lines end in `\n` (a `\r` before it, or
//! a lone `\r` at the very end of the input, is part of the line ending);
//! whitespace is space, tab, U+00A0 and U+3000; a whitespace-only line ends
//! a record; in a corpus a `简介` line also starts a new record when the
//! current one already has a `简介`.

use std::collections::HashMap;
use std::io::BufReader;

use jibing::{Diagnostic, ErrorKind, Label, ParseOptions, Parsed, Position, Record};

const BOM: &str = "\u{feff}";

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// One input line, as bytes (the reader target sees invalid UTF-8 too).
struct RawLine<'a> {
    number: usize,
    /// Byte offset of the line's first byte.
    start: usize,
    /// Byte offset just past the line ending.
    end: usize,
    /// The line without `\n` and one `\r` before it.
    text: &'a [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Blank,
    Summary,
    Other,
}

fn split_lines(data: &[u8]) -> Vec<RawLine<'_>> {
    let mut lines = Vec::new();
    let mut start = if data.starts_with(BOM.as_bytes()) {
        BOM.len()
    } else {
        0
    };
    let mut number = 1;
    while start < data.len() {
        let rest = &data[start..];
        let (segment, consumed) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        let text = segment.strip_suffix(b"\r").unwrap_or(segment);
        lines.push(RawLine {
            number,
            start,
            end: start + consumed,
            text,
        });
        start += consumed;
        number += 1;
    }
    lines
}

/// `(label, value)` of a line, `None` when it is blank.
fn split_field(text: &str) -> Option<(&str, &str)> {
    let content = text.trim_end_matches(is_ws);
    let from_label = content.trim_start_matches(is_ws);
    if from_label.is_empty() {
        return None;
    }
    let label_len = from_label.find(is_ws).unwrap_or(from_label.len());
    let (label, rest) = from_label.split_at(label_len);
    Some((label, rest.trim_start_matches(is_ws)))
}

/// Blank, `简介` or other, from the line's bytes: a line with invalid UTF-8
/// is blank only if it is all whitespace (never), and a `简介` line only if
/// `简介` is followed by whitespace before the first invalid byte.
fn classify(text: &[u8]) -> Class {
    let (valid, complete) = match std::str::from_utf8(text) {
        Ok(s) => (s, true),
        Err(e) => (
            std::str::from_utf8(&text[..e.valid_up_to()]).unwrap_or(""),
            false,
        ),
    };
    let lead = valid.trim_start_matches(is_ws);
    if lead.is_empty() {
        return if complete { Class::Blank } else { Class::Other };
    }
    match lead.strip_prefix("简介") {
        Some(after) if after.starts_with(is_ws) || (after.is_empty() && complete) => Class::Summary,
        _ => Class::Other,
    }
}

/// Records as ranges of line indices.
fn split_records(lines: &[RawLine<'_>], split_on_summary: bool) -> Vec<std::ops::Range<usize>> {
    let mut records = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        match classify(line.text) {
            Class::Blank => {
                if let Some((begin, _)) = current.take() {
                    records.push(begin..i);
                }
            }
            Class::Summary => match current {
                Some((begin, true)) if split_on_summary => {
                    records.push(begin..i);
                    current = Some((i, true));
                }
                Some((begin, _)) => current = Some((begin, true)),
                None => current = Some((i, true)),
            },
            Class::Other => {
                if current.is_none() {
                    current = Some((i, false));
                }
            }
        }
    }
    if let Some((begin, _)) = current {
        records.push(begin..lines.len());
    }
    records
}

fn is_section5(kind: &ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::UnknownLabel
            | ErrorKind::DuplicateLabel { .. }
            | ErrorKind::InvalidBool { .. }
            | ErrorKind::InvalidDrugs(_)
            | ErrorKind::TrailingRecord
    )
}

/// Line and column of byte `offset` of `input`, recomputed from scratch.
fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let before = &input[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = 1 + before.matches('\n').count();
    let mut column = before[line_start..].chars().count() + 1;
    if line_start == 0 && before.starts_with(BOM) {
        column -= 1;
    }
    (line, column)
}

/// The position is inside `input`, on a char boundary, with line and column
/// agreeing with the offset; and it points where FORMAT.md section 5 says.
fn check_position(input: &str, d: &Diagnostic, what: &str) {
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
fn check_values(record: &Record<'_>, raw: &HashMap<Label, &str>, what: &str) {
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
fn check_accounted(input: &str, lines: &[RawLine<'_>], parsed: &Parsed<'_>, what: &str) {
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
            // A bad drug list leaves `drugs` as `[]` (FORMAT.md section 5).
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
fn check_modes(
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
///   points at the label / value FORMAT.md section 5 names;
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
            let single = strict
                .as_ref()
                .map(Clone::clone)
                .map_err(|e| e.diagnostic().clone());
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

/// Moves a diagnostic parsed from a record's text alone (after one `\n`,
/// see `expected_item`) to the record's place in the whole input.
fn shift(mut d: Diagnostic, first_line: usize, begin: usize) -> Diagnostic {
    d.position.line = d.position.line + first_line - 2;
    d.position.offset = d.position.offset + begin - 1;
    if let ErrorKind::DuplicateLabel { first_line: line } = &mut d.kind {
        *line = *line + first_line - 2;
    }
    d
}

type Item = Result<Parsed<'static>, Diagnostic>;

/// What the reader should yield for one record: the record's bytes parsed
/// on their own (moved to their place), `RecordTooLarge` at its first line,
/// or `InvalidUtf8` at the first bad byte.
fn expected_item(data: &[u8], lines: &[RawLine<'_>], options: ParseOptions) -> Item {
    let first = &lines[0];
    let (begin, end) = (first.start, lines[lines.len() - 1].end);
    let bytes = &data[begin..end];
    let at_first_line = Position {
        line: first.number,
        column: 1,
        offset: begin,
    };
    if bytes.len() > options.max_record_size() {
        return Err(Diagnostic {
            kind: ErrorKind::RecordTooLarge {
                limit: options.max_record_size(),
            },
            position: at_first_line,
            label: None,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            // A blank first line, so that a U+FEFF opening the record is not
            // taken for the input's BOM: the record is then on line 2, at
            // byte 1.
            let padded = format!("\n{text}");
            let mut items = options.records(&padded);
            let item = items.next().expect("a non-blank record yields an item");
            assert!(
                items.next().is_none(),
                "record text splits into two records"
            );
            let (line, begin) = (first.number, begin);
            match item {
                Ok(parsed) => {
                    let mut parsed = parsed.into_owned();
                    for x in &mut parsed.record.extra {
                        x.line = x.line + line - 2;
                    }
                    parsed.warnings = parsed
                        .warnings
                        .into_iter()
                        .map(|w| shift(w, line, begin))
                        .collect();
                    Ok(parsed)
                }
                Err(e) => Err(shift(e.diagnostic().clone(), line, begin)),
            }
        }
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            Err(Diagnostic {
                kind: ErrorKind::InvalidUtf8,
                position: Position {
                    line: first.number + valid.matches('\n').count(),
                    column: valid[line_start..].chars().count() + 1,
                    offset: begin + valid.len(),
                },
                label: None,
            })
        }
    }
}

/// Target `reader`: byte 0 picks the chunk size (1..=64, low 6 bits) and the
/// mode (bit 6: lenient); byte 1 the record size limit (high bit clear: the
/// default, else 16..=300 bytes); the rest is the input.
///
/// - `ParseOptions::reader` over a `BufReader` of that capacity never
///   panics and yields, record by record, what the independent splitter
///   predicts: the record's text parsed alone (same records, warnings,
///   error kinds and positions), `RecordTooLarge` at its first line, or
///   `InvalidUtf8` at its first bad byte;
/// - for valid UTF-8 it also yields exactly what `options.records(input)`
///   does (owned records, same errors in the same order).
pub fn check_reader(data: &[u8]) {
    let [b0, b1, rest @ ..] = data else {
        return;
    };
    let chunk = usize::from(b0 & 0x3f) + 1;
    let mut options = ParseOptions::new();
    if b0 & 0x40 != 0 {
        options = options.lenient();
    }
    if b1 & 0x80 != 0 {
        options = options.with_max_record_size(16 + usize::from(b1 & 0x7f) * 284 / 127);
    }
    let input = rest;
    let got: Vec<Item> = options
        .reader(BufReader::with_capacity(chunk, input))
        .map(|r| r.map_err(|e| e.diagnostic().clone()))
        .collect();
    let what = format!("reader (chunk {chunk}, {options:?})");

    let lines = split_lines(input);
    let expected: Vec<Item> = split_records(&lines, true)
        .into_iter()
        .map(|group| expected_item(input, &lines[group], options))
        .collect();

    if let Ok(text) = std::str::from_utf8(input) {
        let from_str: Vec<Item> = options
            .records(text)
            .map(|r| {
                r.map(Parsed::into_owned)
                    .map_err(|e| e.diagnostic().clone())
            })
            .collect();
        assert_eq!(
            got, from_str,
            "{what} differs from records() on the same text"
        );
    }
    assert_eq!(
        got, expected,
        "{what} differs from its records parsed one by one"
    );
}
