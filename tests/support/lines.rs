//! The one reading of the line and record rules (`jibing::format`, "Records
//! and lines"), written without the crate: lines end in `\n` (a `\r` before
//! it, or a lone `\r` at the very end of the input, is part of the ending);
//! a whitespace-only line ends a record; in a corpus a `简介` line also
//! starts a new record when the current one already has a `简介`.

use jibing::Position;

use super::chars::is_ws;

/// The byte order mark, taken off the start of the input once.
pub const BOM: &str = "\u{feff}";

/// One input line, as bytes (the reader target sees invalid UTF-8 too).
pub struct RawLine<'a> {
    pub number: usize,
    /// Byte offset of the line's first byte.
    pub start: usize,
    /// Byte offset just past the line ending.
    pub end: usize,
    /// The line without `\n` and one `\r` before it.
    pub text: &'a [u8],
}

/// What a line is for the record rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Blank,
    Summary,
    Other,
}

/// The lines of `data`, after its BOM.
pub fn split_lines(data: &[u8]) -> Vec<RawLine<'_>> {
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
pub fn split_field(text: &str) -> Option<(&str, &str)> {
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
pub fn classify(text: &[u8]) -> Class {
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
pub fn split_records(lines: &[RawLine<'_>], split_on_summary: bool) -> Vec<std::ops::Range<usize>> {
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

/// A line of a text, with its parts as `&str`.
#[derive(Debug, Clone, Copy)]
pub struct TextLine<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub ending: &'a str,
    pub number: usize,
}

/// The lines of `text` (after its BOM), and the record of each (`None`
/// for a blank line), by the independent splitter.
pub fn text_lines(text: &str) -> (Vec<TextLine<'_>>, Vec<Option<usize>>, usize) {
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

/// Line and column of byte `offset` of `input` (a char boundary), as
/// `jibing::format` ("Positions") counts them: lines end at `\n`, columns
/// count characters, a leading BOM is not counted.
pub fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let before = &input[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = 1 + before.matches('\n').count();
    let mut column = before[line_start..].chars().count() + 1;
    if line_start == 0 && before.starts_with(BOM) {
        column -= 1;
    }
    (line, column)
}

/// The [`Position`] of byte `at` of `input` (a char boundary).
pub fn position_of(input: &str, at: usize) -> Position {
    let (line, column) = line_column(input, at);
    Position {
        line,
        column,
        offset: at,
    }
}

/// One field line of a record as the oracle sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct OracleLine {
    pub line: usize,
    pub label: String,
    pub value: String,
}

/// The records of `input` as a corpus (a second `简介` starts a record),
/// with each line's label and value.
pub fn oracle_records(input: &str) -> Vec<Vec<OracleLine>> {
    let lines = split_lines(input.as_bytes());
    split_records(&lines, true)
        .into_iter()
        .map(|range| {
            lines[range]
                .iter()
                .filter_map(|line| {
                    let text = std::str::from_utf8(line.text).expect("a str's lines are UTF-8");
                    let (label, value) = split_field(text)?;
                    Some(OracleLine {
                        line: line.number,
                        label: label.to_owned(),
                        value: value.to_owned(),
                    })
                })
                .collect()
        })
        .collect()
}
