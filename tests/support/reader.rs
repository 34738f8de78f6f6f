//! Target `reader`: the streaming reader over chunked input, against each
//! record's bytes parsed alone.

use std::io::BufReader;

use jibing::{Diagnostic, ErrorKind, OwnedRecord, ParseOptions, Parsed, Position};

use super::lines::{split_lines, split_records, RawLine};

/// Moves a diagnostic parsed from a record's text alone (after one `\n`,
/// see `expected_item`) to the record's place in the whole input.
pub(crate) fn shift(mut d: Diagnostic, first_line: usize, begin: usize) -> Diagnostic {
    d.position.line = d.position.line + first_line - 2;
    d.position.offset = d.position.offset + begin - 1;
    if let ErrorKind::DuplicateLabel { first_line: line } = &mut d.kind {
        *line = *line + first_line - 2;
    }
    d
}

pub(crate) type Item = Result<Parsed<'static>, Diagnostic>;

/// What the reader should yield for one record: the record's bytes parsed
/// on their own (moved to their place), `RecordTooLarge` at its first line,
/// or `InvalidUtf8` at the first bad byte.
pub(crate) fn expected_item(data: &[u8], lines: &[RawLine<'_>], options: ParseOptions) -> Item {
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
///   panics; its iterator yields what `read_record` lends, each owned
///   record's text being the input at its position; and it yields,
///   record by record, what the independent splitter
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
    let what = format!("reader (chunk {chunk}, {options:?})");
    let owned: Vec<Result<OwnedRecord, Diagnostic>> = options
        .reader(BufReader::with_capacity(chunk, input))
        .map(|r| r.map_err(|e| e.diagnostic().clone()))
        .collect();
    for record in owned.iter().flatten() {
        let (at, text) = (record.position().offset, record.text());
        assert_eq!(
            input.get(at..at + text.len()),
            Some(text.as_bytes()),
            "{what}: an owned record's text is not the input at its position"
        );
    }
    let got: Vec<Item> = owned
        .into_iter()
        .map(|r| r.map(OwnedRecord::into_parsed))
        .collect();
    let mut lending = options.reader(BufReader::with_capacity(chunk, input));
    let mut lent: Vec<Item> = Vec::new();
    while let Some(r) = lending.read_record() {
        lent.push(
            r.map(Parsed::into_owned)
                .map_err(|e| e.diagnostic().clone()),
        );
    }
    assert_eq!(got, lent, "{what}: the iterator differs from read_record");

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
