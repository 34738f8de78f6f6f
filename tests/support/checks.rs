//! Properties shared by the fuzz targets (`fuzz/fuzz_targets/*.rs`) and the
//! corpus replay test (`tests/fuzz_corpus.rs`). Each `check_*` function
//! panics with a message naming the violated property.
//!
//! The line and record splitting here is written independently of the
//! crate, from the format reference (`jibing::format`, records and
//! lines): lines end in `\n` (a `\r` before it, or a lone `\r` at the very
//! end of the input, is part of the line ending);
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
/// agreeing with the offset; and it points where the format reference (strict and lenient) says.
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

/// The knowledge graph of `records` (see `jibing::graph`): no panic; per
/// label the sink sees the IDs 0..n once each; every relationship is new
/// and joins nodes the sink saw (a `Disease` met as a complication may be
/// announced later, by `finish`); the summary counts what the sink saw;
/// the CSV files have a header and one line per node or relationship at
/// least (a quoted value may span lines).
fn check_graph<'r>(records: impl Iterator<Item = &'r Parsed<'r>>) {
    use jibing::graph::{CsvSink, Edge, GraphBuilder, GraphSink, Node, NodeLabel, Relation};
    use std::collections::HashSet;

    #[derive(Default)]
    struct Seen {
        nodes: HashMap<NodeLabel, Vec<u32>>,
        edges: Vec<Edge>,
    }
    impl GraphSink for Seen {
        type Error = std::convert::Infallible;
        fn node(&mut self, node: &Node<'_>) -> Result<(), Self::Error> {
            assert!(!node.name.is_empty(), "graph: a node without a name");
            assert!(
                node.properties.is_none() || node.label == NodeLabel::Disease,
                "graph: properties on a {} node",
                node.label
            );
            self.nodes.entry(node.label).or_default().push(node.id);
            Ok(())
        }
        fn edge(&mut self, edge: Edge) -> Result<(), Self::Error> {
            self.edges.push(edge);
            Ok(())
        }
    }

    let mut graph = GraphBuilder::new(Seen::default());
    let mut csv = GraphBuilder::new(CsvSink::in_memory().expect("memory takes the headers"));
    for parsed in records {
        let added = graph.add(&parsed.record).expect("the sink never fails");
        let same = csv.add(&parsed.record).expect("memory takes every row");
        assert_eq!(added, same, "graph: two builders disagree");
    }
    let (seen, summary) = graph.finish().expect("the sink never fails");
    let (sink, csv_summary) = csv.finish().expect("memory takes every row");
    assert_eq!(summary, csv_summary, "graph: two builders disagree");
    for label in NodeLabel::ALL {
        let mut ids = seen.nodes.get(&label).cloned().unwrap_or_default();
        assert_eq!(
            ids.len() as u64,
            summary.nodes(label),
            "graph: {label} count"
        );
        ids.sort_unstable();
        let expected: Vec<u32> = (0..).take(ids.len()).collect();
        assert_eq!(ids, expected, "graph: {label} IDs are not 0..n, once each");
    }
    let distinct: HashSet<Edge> = seen.edges.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        seen.edges.len(),
        "graph: a relationship twice"
    );
    for relation in Relation::ALL {
        let edges = seen.edges.iter().filter(|e| e.relation == relation);
        assert_eq!(
            edges.clone().count() as u64,
            summary.relationships(relation)
        );
        let (from, to) = (summary.nodes(relation.from()), summary.nodes(relation.to()));
        for edge in edges {
            assert!(
                u64::from(edge.from) < from && u64::from(edge.to) < to,
                "graph: {relation} {} -> {} joins a node that is not there",
                edge.from,
                edge.to
            );
        }
    }
    let files = sink.into_inner().expect("memory flushes");
    for (i, (name, bytes)) in files.iter().enumerate() {
        let relation = i.checked_sub(NodeLabel::ALL.len());
        let rows = match (
            NodeLabel::ALL.get(i),
            relation.and_then(|r| Relation::ALL.get(r)),
        ) {
            (Some(&label), _) => summary.nodes(label),
            (None, Some(&relation)) => summary.relationships(relation),
            (None, None) => panic!("graph: an extra file {name}"),
        };
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        assert!(
            lines > rows,
            "graph: {name} has {lines} lines for {rows} rows and a header"
        );
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

/// The canonical text of `record` parses (strictly) back to `record` without
/// its `extra` lines, which the writer leaves out, and is a fixed point of
/// write ∘ parse. `name` is compared too: it is inferred again from the same
/// values. Returns the text.
fn check_canonical(record: &Record<'_>, what: &str) -> String {
    let text = record.to_string();
    let mut expected = record.clone();
    expected.extra.clear();
    let again = jibing::parse(&text).unwrap_or_else(|e| {
        panic!(
            "{what}: canonical text {text:?} does not parse: {:?}",
            e.diagnostic()
        )
    });
    assert_eq!(
        again, expected,
        "{what}: canonical text {text:?} parses to another record"
    );
    assert_eq!(
        again.to_string(),
        text,
        "{what}: canonical text is not a fixed point"
    );
    text
}

/// The spans of `doc.fields()` cut out of `text` (the document's text)
/// exactly the label and value they report, inside the line's span.
fn check_spans(doc: &jibing::Document<'_>, text: &str, what: &str) {
    for f in doc.fields() {
        assert_eq!(
            text.get(f.label_span.clone()),
            Some(f.label),
            "{what}: label span of {f:?}"
        );
        assert_eq!(
            text.get(f.value_span.clone()),
            Some(f.value),
            "{what}: value span of {f:?}"
        );
        assert!(
            f.span.start <= f.label_span.start && f.value_span.end <= f.span.end,
            "{what}: label/value spans of {f:?} are outside its line"
        );
    }
}

/// Target `roundtrip`: arbitrary bytes; invalid UTF-8 is skipped.
///
/// - `Document::new(input)` reproduces the input byte for byte (`as_str`
///   and `Display`), and the spans of `fields()` cut out exactly the label
///   and value they report, inside the line's span;
/// - every record of the document's lenient `records()` writes (canonical
///   writer) to text that strict `parse` reads back as the same record,
///   `name` included, `extra` excluded (see `check_canonical`).
///
/// src/write.rs promises the round trip for every record that parsing
/// produces, and lenient records are such records, so no record is exempt.
/// (A value ending in a stray `\r` was once the exception: the writer now
/// ends such a line with `\r\n`; `fuzz/regressions/roundtrip/value_ends_in_cr`
/// pins it.)
pub fn check_roundtrip(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let doc = jibing::Document::new(input);
    assert_eq!(doc.as_str(), input, "Document::as_str is not the input");
    assert_eq!(
        doc.to_string(),
        input,
        "Document's Display is not the input"
    );
    check_spans(&doc, input, "roundtrip");

    let lenient = jibing::Document::with_options(input, ParseOptions::new().lenient());
    for (i, item) in lenient.records().enumerate() {
        let what = format!("roundtrip record #{i}");
        let parsed =
            item.unwrap_or_else(|e| panic!("{what}: lenient failed: {:?}", e.diagnostic()));
        check_canonical(&parsed.record, &what);
    }
}

// ---------------------------------------------------------------------------
// Target `structured`: an `Arbitrary` description of a valid record.
//
// The description is turned into text pieces that are valid by construction
// and into the record the format reference says they mean, computed here without the
// crate's value grammars wherever a piece follows a grammar (rates, periods,
// costs, causes items, drug tuples); free-text rates/periods/costs take the
// crate's value functions as the expectation. Only records the writer can
// represent are built (src/write.rs module doc): single-line text without
// whitespace at either end, list items without whitespace, a drug with a
// brand whenever it has a product, at least one name, and a last string not
// wrapped in parentheses when there is no generic name.

use std::borrow::Cow;

use arbitrary::{Arbitrary, Unstructured};
use jibing::{Cause, Causes, Cost, Drug, Period, Rate, Unit};

/// The small alphabet of generated text: CJK (including the head words of
/// name inference and the grammar words), digits, `%`, parentheses, quotes,
/// backslashes, the four whitespace characters, stop characters, range
/// separators, brackets, non-BMP characters, a lone `\r`, U+FEFF, colons.
const ALPHABET: &[char] = &[
    '病', '因', '预', '防', '症', '状', '检', '查', '治', '疗', '西', '医', '中', '的', '肌', '肉',
    '萎', '缩', '感', '冒', '是', '否', '约', '大', '元', '万', '天', '日', '周', '星', '期', '个',
    '月', '年', '小', '时', '以', '上', '下', '内', '左', '右', '至', '到', '简', '介', '药', '品',
    '0', '1', '2', '5', '9', '０', '５', '%', '％', '(', ')', '（', '）', '\'', '"', '\\',
    '\u{a0}', ' ', '\u{3000}', '\t', '。', '，', '；', '！', '？', '、', ',', ';', '!', '?', '.',
    '-', '~', '―', '－', '～', '〜', '[', ']', '😀', '𠀀', '\r', '\u{feff}', ':', '：', 'a', 'Z',
];

/// Stop characters that may end a causes intro or item text (no colon: a
/// colon after a `(5%)` in the text would make it a tag).
const END_STOPS: &[char] = &['。', '，', '；', '！', '？', '、', ',', ';', '!', '?'];

const SEPARATORS: &[char] = &[
    '-', '\u{2010}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{ff0d}', '~', '\u{ff5e}', '\u{301c}',
    '至', '到',
];

fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[usize::from(i) % items.len()]
}

/// The stop characters of a causes item name: the clause stops and the
/// commas.
fn is_stop(c: char) -> bool {
    is_clause_stop(c) || matches!(c, '，' | ',' | '、')
}

/// The sentence and clause stops, which end a disease name (commas may
/// stand in one: `胃、十二指肠溃疡出血`).
fn is_clause_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '：' | ':')
}

/// Text over [`ALPHABET`].
#[derive(Arbitrary, Debug, Clone)]
pub struct Text(Vec<u8>);

impl Text {
    fn raw(&self) -> String {
        self.0.iter().map(|&i| pick(ALPHABET, i)).collect()
    }

    /// A single-line value as parsing can produce it: no whitespace at
    /// either end, and no `\r` at the end (it would join the `\n`).
    fn value(&self) -> String {
        trim_value(&self.raw())
    }
}

fn trim_value(s: &str) -> String {
    s.trim_start_matches(is_ws)
        .trim_end_matches(|c| is_ws(c) || c == '\r')
        .to_owned()
}

/// A number: 1 to 12 integer digits, an optional decimal part of up to 6;
/// each digit ASCII or full-width (the `bool`).
#[derive(Arbitrary, Debug, Clone)]
pub struct Num {
    int: Vec<(u8, bool)>,
    frac: Option<Vec<(u8, bool)>>,
}

impl Num {
    /// `(text, ASCII text)`.
    fn texts(&self) -> (String, String) {
        let digit = |&(d, full): &(u8, bool)| {
            let d = u32::from(d % 10);
            let ascii = char::from_digit(d, 10).unwrap_or('0');
            let shown = if full {
                char::from_u32(u32::from('０') + d).unwrap_or(ascii)
            } else {
                ascii
            };
            (shown, ascii)
        };
        let mut int: Vec<(char, char)> = self.int.iter().take(12).map(digit).collect();
        if int.is_empty() {
            int.push(('0', '0'));
        }
        let mut text: String = int.iter().map(|d| d.0).collect();
        let mut ascii: String = int.iter().map(|d| d.1).collect();
        if let Some(frac) = &self.frac {
            let frac: Vec<(char, char)> = frac.iter().take(6).map(digit).collect();
            if !frac.is_empty() {
                text.push('.');
                ascii.push('.');
                text.extend(frac.iter().map(|d| d.0));
                ascii.extend(frac.iter().map(|d| d.1));
            }
        }
        (text, ascii)
    }

    fn text(&self) -> String {
        self.texts().0
    }

    fn value(&self) -> f64 {
        self.texts().1.parse().unwrap_or(f64::NAN)
    }

    /// The value × 10 000, read exactly (as the format reference's `万元` means).
    fn value_wan(&self) -> f64 {
        format!("{}e4", self.texts().1).parse().unwrap_or(f64::NAN)
    }
}

/// A range separator: a run of 1 to 3 separator characters.
#[derive(Arbitrary, Debug, Clone)]
pub struct Sep(u8, Vec<u8>);

impl Sep {
    fn text(&self) -> String {
        std::iter::once(self.0)
            .chain(self.1.iter().copied().take(2))
            .map(|i| pick(SEPARATORS, i))
            .collect()
    }
}

const APPROX: &[&str] = &["", "约", "大约"];

#[derive(Arbitrary, Debug, Clone)]
pub enum RateSpec {
    /// `[约|大约] NUM [%] [SEP NUM [%]] [以上|以下|以内|左右]`; the percent
    /// signs are `None`, `%` or `％` (index 0, 1, 2).
    Grammar {
        approx: u8,
        low: Num,
        pct1: u8,
        range: Option<(Sep, Num, u8)>,
        qualifier: u8,
    },
    Free(Text),
}

impl RateSpec {
    fn build(&self) -> Rate<'static> {
        let (approx, low, pct1, range, qualifier) = match self {
            Self::Free(text) => return jibing::value::parse_rate(&text.value()).into_owned(),
            Self::Grammar {
                approx,
                low,
                pct1,
                range,
                qualifier,
            } => (approx, low, pct1, range, qualifier),
        };
        let pct = |i: u8| ["", "%", "％"][usize::from(i % 3)];
        let mut text = format!("{}{}{}", pick(APPROX, *approx), low.text(), pct(*pct1));
        let mut any_pct = !pct(*pct1).is_empty();
        let mut high = low.value();
        if let Some((sep, num, pct2)) = range {
            text += &format!("{}{}{}", sep.text(), num.text(), pct(*pct2));
            any_pct |= !pct(*pct2).is_empty();
            high = num.value();
        }
        let q = ["", "以上", "以下", "以内", "左右"][usize::from(qualifier % 5)];
        text += q;
        let (low, high) = match (any_pct, q) {
            (false, _) => (None, None),
            (true, "以上") => (Some(low.value()), None),
            (true, "以下" | "以内") => (None, Some(high)),
            (true, _) => (Some(low.value()), Some(high)),
        };
        Rate {
            low,
            high,
            text: Cow::Owned(text),
        }
    }
}

const UNITS: &[(&str, Unit)] = &[
    ("小时", Unit::Hour),
    ("天", Unit::Day),
    ("日", Unit::Day),
    ("周", Unit::Week),
    ("星期", Unit::Week),
    ("个月", Unit::Month),
    ("月", Unit::Month),
    ("年", Unit::Year),
];

#[derive(Arbitrary, Debug, Clone)]
pub enum PeriodSpec {
    /// `[约|大约] NUM [UNIT] [SEP NUM UNIT] [左右|以上]`.
    Grammar {
        approx: u8,
        low: Num,
        unit1: Option<u8>,
        range: Option<(Sep, Num, u8)>,
        qualifier: u8,
    },
    Free(Text),
}

impl PeriodSpec {
    fn build(&self) -> Period<'static> {
        let (approx, low, unit1, range, qualifier) = match self {
            Self::Free(text) => return jibing::value::parse_period(&text.value()).into_owned(),
            Self::Grammar {
                approx,
                low,
                unit1,
                range,
                qualifier,
            } => (approx, low, unit1, range, qualifier),
        };
        let unit1 = unit1.map(|i| pick(UNITS, i));
        let mut text = format!("{}{}", pick(APPROX, *approx), low.text());
        if let Some((word, _)) = unit1 {
            text += word;
        }
        let mut parsed = unit1.map(|(_, unit)| (low.value(), low.value(), unit));
        if let Some((sep, num, unit2)) = range {
            let (word, unit) = pick(UNITS, *unit2);
            text += &format!("{}{}{word}", sep.text(), num.text());
            parsed = match unit1 {
                Some((_, first)) if first != unit => None,
                _ => Some((low.value(), num.value(), unit)),
            };
        }
        let q = ["", "左右", "以上"][usize::from(qualifier % 3)];
        text += q;
        match parsed {
            Some((low, high, unit)) => Period {
                low: Some(low),
                high: (q != "以上").then_some(high),
                unit: Some(unit),
                text: Cow::Owned(text),
            },
            None => Period {
                text: Cow::Owned(text),
                ..Period::default()
            },
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum CostSpec {
    /// `PREFIX NUM [[万] SEP NUM] [万] 元 SUFFIX`, PREFIX without digits so
    /// that the first match is this one.
    Grammar {
        prefix: Text,
        low: Num,
        wan1: bool,
        range: Option<(Sep, Num)>,
        wan: bool,
        suffix: Text,
    },
    Free(Text),
}

impl CostSpec {
    fn build(&self) -> Cost<'static> {
        let (prefix, low, wan1, range, wan, suffix) = match self {
            Self::Free(text) => return jibing::value::parse_cost(&text.value()).into_owned(),
            Self::Grammar {
                prefix,
                low,
                wan1,
                range,
                wan,
                suffix,
            } => (prefix, low, wan1, range, wan, suffix),
        };
        let prefix: String = prefix
            .raw()
            .chars()
            .filter(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
            .collect();
        let mut text = prefix + &low.text();
        let value = |n: &Num| if *wan { n.value_wan() } else { n.value() };
        let mut high = value(low);
        if let Some((sep, num)) = range {
            if *wan1 && *wan {
                text.push('万');
            }
            text += &sep.text();
            text += &num.text();
            high = value(num);
        }
        if *wan {
            text.push('万');
        }
        text.push('元');
        text += &suffix.raw();
        Cost {
            low: Some(value(low)),
            high: Some(high),
            text: Cow::Owned(trim_value(&text)),
        }
    }
}

/// One causes item: `NAME TAG TEXT`, the tag `OPEN NUM PCT CLOSE COLON`
/// with each of the five parts in its ASCII or full-width form.
#[derive(Arbitrary, Debug, Clone)]
pub struct CauseSpec {
    name: Text,
    tag: [bool; 4],
    percent: Num,
    text: Text,
    end: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CausesSpec {
    heading: bool,
    intro: Text,
    end: u8,
    items: Vec<CauseSpec>,
}

impl CausesSpec {
    /// Builds the value so that the format's rules cut it where it was built:
    /// no colon in intro, names or texts (so no tag but ours); names without
    /// whitespace, stop characters or `.`, and the first without `病因`; an
    /// intro or item text followed by a name ends in whitespace, a stop
    /// character, or for the intro the `病因` heading.
    fn build(&self, disease: &str) -> Causes<'static> {
        let no_colon =
            |s: String| -> String { s.chars().filter(|&c| c != ':' && c != '：').collect() };
        // What may come right before a name: whitespace or a stop character
        // ends the name's run; for the first name only, so does `病因`
        // (the format's heading rule does not apply to later items).
        let ends_ok = |s: &str| s.is_empty() || s.ends_with(|c| is_ws(c) || is_stop(c));
        let intro_ends_ok = |s: &str| ends_ok(s) || s.ends_with("病因");
        let mut intro = String::new();
        if self.heading {
            intro = format!("{disease}病因");
        }
        intro += &no_colon(self.intro.raw());
        let mut intro = intro.trim_start_matches(is_ws).to_owned();
        if !self.items.is_empty() && !intro_ends_ok(&intro) {
            intro.push(pick(END_STOPS, self.end));
        }
        let mut items: Vec<Cause<'static>> = Vec::new();
        for (i, spec) in self.items.iter().enumerate() {
            let mut name: String = spec
                .name
                .raw()
                .chars()
                .filter(|&c| !is_ws(c) && !is_stop(c) && c != '.')
                .collect();
            while i == 0 && name.contains("病因") {
                name = name.replace("病因", "病");
            }
            let [open, pct, close, colon] = spec.tag;
            let tag = format!(
                "{}{}{}{}{}",
                if open { '(' } else { '（' },
                spec.percent.text(),
                if pct { '%' } else { '％' },
                if close { ')' } else { '）' },
                if colon { ':' } else { '：' },
            );
            let mut text = no_colon(spec.text.raw());
            if i + 1 < self.items.len() && !ends_ok(&text) {
                text.push(pick(END_STOPS, spec.end));
            }
            items.push(Cause {
                name: Cow::Owned(name),
                percent: spec.percent.value(),
                text: Cow::Owned(text),
                tag: Cow::Owned(tag),
            });
        }
        // The value ends without whitespace or `\r` (it would be trimmed).
        match items.last_mut() {
            Some(last) => last.text = Cow::Owned(trim_value(&last.text)),
            None => intro = trim_value(&intro),
        }
        Causes {
            intro: Cow::Owned(intro),
            items,
        }
    }
}

/// A drug string: over the small alphabet, or any string at all (newlines,
/// controls, quotes, backslashes, non-BMP characters).
#[derive(Arbitrary, Debug, Clone)]
pub enum DrugStr {
    Small(Text),
    Any(String),
}

impl DrugStr {
    fn build(&self) -> String {
        match self {
            Self::Small(text) => text.raw(),
            Self::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub struct DrugSpec {
    brand: Option<DrugStr>,
    product: Option<DrugStr>,
    generic: Option<DrugStr>,
}

fn wrapped(s: &str) -> bool {
    let paren = |open: char, close: char| {
        s.chars().count() >= 2 && s.starts_with(open) && s.ends_with(close)
    };
    paren('(', ')') || paren('（', '）')
}

impl DrugSpec {
    /// `None` for a drug the writer cannot represent (its last string would
    /// read as a generic name); a product without a brand becomes the brand.
    fn build(&self) -> Option<Drug<'static>> {
        let mut brand = self.brand.as_ref().map(DrugStr::build);
        let mut product = self.product.as_ref().map(DrugStr::build);
        let generic = self.generic.as_ref().map(DrugStr::build);
        if brand.is_none() {
            brand = product.take();
        }
        if generic.is_none() {
            match product.as_deref().or(brand.as_deref()) {
                None => return None,
                Some(last) if wrapped(last) => return None,
                Some(_) => {}
            }
        }
        Some(Drug {
            brand: brand.map(Cow::Owned),
            product: product.map(Cow::Owned),
            generic: generic.map(Cow::Owned),
        })
    }
}

/// A long field that may open with `<disease><head word>`, so that name
/// inference has something to find.
#[derive(Arbitrary, Debug, Clone)]
pub struct LongText {
    named: bool,
    head: u8,
    body: Text,
}

impl LongText {
    fn build(&self, disease: &str, heads: &[&str]) -> Cow<'static, str> {
        let mut s = String::new();
        if self.named {
            s = format!("{disease}{}", pick(heads, self.head));
        }
        s += &self.body.raw();
        Cow::Owned(trim_value(&s))
    }
}

/// List items: whitespace removed from each, `\r` from its end (the last
/// item's would join the `\n`), empty items dropped (the writer skips them).
fn list(items: &[Text]) -> jibing::List<'static> {
    items
        .iter()
        .map(|t| {
            let s: String = t.raw().chars().filter(|&c| !is_ws(c)).collect();
            s.trim_end_matches('\r').to_owned()
        })
        .filter(|s| !s.is_empty())
        .map(Cow::Owned)
        .collect()
}

/// Every field of a record, present or absent.
#[derive(Arbitrary, Debug, Clone)]
pub struct RecordSpec {
    disease: Text,
    summary: Option<Text>,
    insurance: Option<bool>,
    prevalence: Option<RateSpec>,
    susceptible: Option<Text>,
    transmission: Option<Text>,
    complications: Option<Vec<Text>>,
    departments: Option<Vec<Text>>,
    treatments: Option<Vec<Text>>,
    treatment_period: Option<PeriodSpec>,
    cure_rate: Option<RateSpec>,
    common_drugs: Option<Vec<Text>>,
    cost: Option<CostSpec>,
    tips: Option<Text>,
    causes: Option<CausesSpec>,
    prevention: Option<LongText>,
    symptom_details: Option<LongText>,
    symptoms: Option<Vec<Text>>,
    examination_details: Option<LongText>,
    examinations: Option<Vec<Text>>,
    treatment_details: Option<LongText>,
    diet_good_details: Option<Text>,
    diet_bad_details: Option<Text>,
    good_foods: Option<Vec<Text>>,
    bad_foods: Option<Vec<Text>>,
    recipes: Option<Vec<Text>>,
    drugs: Option<Vec<DrugSpec>>,
}

impl RecordSpec {
    /// The record the description means (`name` left `None`).
    pub fn build(&self) -> Record<'static> {
        let disease: String = self
            .disease
            .raw()
            .chars()
            .filter(|&c| !is_ws(c) && !is_clause_stop(c) && c != '.' && c != '\r')
            .take(40)
            .collect::<String>()
            // Commas stand only inside a disease name.
            .trim_matches(['，', ',', '、'])
            .to_owned();
        let text = |t: &Option<Text>| t.as_ref().map(|t| Cow::Owned(t.value()));
        let items = |l: &Option<Vec<Text>>| l.as_deref().map(list);
        let long =
            |t: &Option<LongText>, heads: &[&str]| t.as_ref().map(|t| t.build(&disease, heads));
        let mut r = Record::default();
        r.summary = text(&self.summary);
        r.insurance = self.insurance;
        r.prevalence = self.prevalence.as_ref().map(RateSpec::build);
        r.susceptible = text(&self.susceptible);
        r.transmission = text(&self.transmission);
        r.complications = items(&self.complications);
        r.departments = items(&self.departments);
        r.treatments = items(&self.treatments);
        r.treatment_period = self.treatment_period.as_ref().map(PeriodSpec::build);
        r.cure_rate = self.cure_rate.as_ref().map(RateSpec::build);
        r.common_drugs = items(&self.common_drugs);
        r.cost = self.cost.as_ref().map(CostSpec::build);
        r.tips = text(&self.tips);
        r.causes = self.causes.as_ref().map(|c| c.build(&disease));
        r.prevention = long(&self.prevention, &["预防"]);
        r.symptom_details = long(&self.symptom_details, &["症状"]);
        r.symptoms = items(&self.symptoms);
        r.examination_details = long(&self.examination_details, &["的检查", "检查"]);
        r.examinations = items(&self.examinations);
        r.treatment_details = long(&self.treatment_details, &["西医治疗", "中医治疗", "治疗"]);
        r.diet_good_details = text(&self.diet_good_details);
        r.diet_bad_details = text(&self.diet_bad_details);
        r.good_foods = items(&self.good_foods);
        r.bad_foods = items(&self.bad_foods);
        r.recipes = items(&self.recipes);
        r.drugs = self
            .drugs
            .as_ref()
            .map(|d| d.iter().filter_map(DrugSpec::build).collect());
        r
    }
}

/// Target `structured`: the input is an `Arbitrary` [`RecordSpec`].
///
/// - the canonical text of the record it describes parses (strictly) to
///   exactly that record, with `name` set aside (it is inferred; the
///   canonical round trip of the parsed record, `name` included, is
///   `check_canonical`'s);
/// - the text then goes through the `parse` and `roundtrip` checks, which
///   reach the deep paths of the value grammars with well-formed input.
pub fn check_structured(data: &[u8]) {
    let Ok(spec) = RecordSpec::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let expected = spec.build();
    let text = expected.to_string();
    let mut got = jibing::parse(&text).unwrap_or_else(|e| {
        panic!(
            "structured: canonical text {text:?} does not parse: {:?}",
            e.diagnostic()
        )
    });
    let name = got.name.take();
    assert_eq!(
        got, expected,
        "structured: canonical text {text:?} parses to another record than {spec:?}"
    );
    got.name = name;
    check_canonical(&got, "structured");
    check_parse(text.as_bytes());
    check_roundtrip(text.as_bytes());
}

// ---------------------------------------------------------------------------
// Target `edit`: sequences of edits on generated documents.
//
// Each edit's outcome is worked out here without the crate's edit code,
// from the format reference ("Editing without loss") and the independent
// line and record splitter at the top of this file:
//
// - the refusals that come first (typed setters: a label of the wrong
//   kind, a list item that would not read back as one, a drug that would
//   read back as another; then a line break or edge whitespace in the
//   value, a record past the end);
// - the "naive" edit: the text with the line spliced in where the rules put
//   it (a value replaced, a line inserted after the last line of a label
//   before it in table order or before the record's first line, a record
//   appended after a blank line, a line removed). An invalid value (the
//   label's grammar refuses it) must be refused with the position of the
//   fault in that text. Otherwise the edit must be refused exactly when, in
//   the naive text, another line reads differently or belongs to another
//   record, or the records merge or split (`Boundary` or `OtherLines`);
// - an accepted edit gives exactly the naive text, so every untouched line
//   is byte-identical (checked line by line too), and the text parses
//   (lenient) to the old records with that one field changed: the typed
//   value the setter was given, or the value read by the label's grammar,
//   with the duplicate line that takes over when the first is removed, and
//   the name inferred again;
// - a refused edit, or a removal that finds nothing, leaves the text
//   byte-identical.

use jibing::{Document, EditError, List};

const WS: &[char] = &[' ', '\t', '\u{a0}', '\u{3000}'];
const ENDINGS: &[&str] = &["\n", "\n", "\r\n", "", "\r"];
const LIST_LABELS: &[Label] = &[
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
fn ws_run(n: u8) -> String {
    (0..n % 3).map(|i| pick(WS, n / 3 + i)).collect()
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
            out.push(pick(WS, self.sep));
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
fn drug_reads_back(drug: &Drug<'_>) -> bool {
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
enum Typed {
    List(Vec<String>),
    Bool(bool),
    Drugs(Vec<Drug<'static>>),
}

/// An edit, resolved: the record, the label, and the value written (`None`:
/// remove), or the refusal a typed setter must give before anything else.
#[derive(Debug, Clone)]
struct Resolved {
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

/// A line of a text, with its parts as `&str`.
#[derive(Debug, Clone, Copy)]
struct TextLine<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    ending: &'a str,
    number: usize,
}

/// The lines of `text` (after its BOM), and the record of each (`None`
/// for a blank line), by the independent splitter.
fn text_lines(text: &str) -> (Vec<TextLine<'_>>, Vec<Option<usize>>, usize) {
    let raw = split_lines(text.as_bytes());
    let records = split_records(&raw, true);
    let mut record_of = vec![None; raw.len()];
    for (r, range) in records.iter().enumerate() {
        for slot in &mut record_of[range.clone()] {
            *slot = Some(r);
        }
    }
    let lines = raw
        .iter()
        .map(|l| TextLine {
            start: l.start,
            end: l.end,
            text: &text[l.start..l.start + l.text.len()],
            ending: &text[l.start + l.text.len()..l.end],
            number: l.number,
        })
        .collect();
    (lines, record_of, records.len())
}

/// Byte ranges of the label and the value in a line's text (the value's
/// range is empty, at the label's end, for a label-only line).
fn field_ranges(text: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
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
struct Naive {
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
enum Expect {
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

fn expect_edit(old: &str, edit: &Resolved) -> Expect {
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
fn naive_changes_others(
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
fn assign_raw(record: &mut Record<'static>, label: Label, raw: Option<&str>) -> bool {
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
fn assign_typed(record: &mut Record<'static>, label: Label, typed: &Typed) {
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
fn inferred_name(record: &Record<'static>, what: &str) -> Option<Cow<'static, str>> {
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
fn lenient_records(text: &str, what: &str) -> Vec<Record<'static>> {
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
fn expected_records(
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
fn check_untouched(old: &str, naive: &Naive, what: &str) {
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
fn check_document(doc: &Document<'_>, text: &str, what: &str) {
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
