//! Shared by the integration tests: expected-value builders, random corpora
//! and an independent record splitter written from `jibing::format`
//! (section "Records and lines"), used as an oracle.
#![allow(dead_code)]

use std::borrow::Cow;

use jibing::{Diagnostic, ErrorKind, Extra, Position};

/// The diagnostic a test expects.
pub fn diag(kind: ErrorKind, line: usize, column: usize, offset: usize, label: &str) -> Diagnostic {
    Diagnostic {
        kind,
        position: Position {
            line,
            column,
            offset,
        },
        label: Some(label.to_owned()),
    }
}

/// The `extra` entry a test expects.
pub fn extra(label: &str, value: &str, line: usize) -> Extra<'static> {
    Extra {
        label: Cow::Owned(label.to_owned()),
        value: Cow::Owned(value.to_owned()),
        line,
    }
}

/// A small deterministic xorshift generator (no dependencies).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Whitespace as `jibing::format` (section "Whitespace") defines it.
pub fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// One line of a record as the oracle sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct OracleLine {
    pub line: usize,
    pub label: String,
    pub value: String,
}

/// The records of `input` per `jibing::format` (section "Record
/// boundaries"): a record is a run of non-blank lines; a blank
/// (whitespace-only) line ends it; a `简介` line starts a new record when
/// the current one already has a `简介`.
pub fn oracle_records(input: &str) -> Vec<Vec<OracleLine>> {
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    let mut records: Vec<Vec<OracleLine>> = Vec::new();
    let mut current: Vec<OracleLine> = Vec::new();
    let mut rest = text;
    let mut number = 0;
    while !rest.is_empty() {
        number += 1;
        let (raw, after) = match rest.find('\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = after;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let content = raw.trim_start_matches(is_ws).trim_end_matches(is_ws);
        if content.is_empty() {
            if !current.is_empty() {
                records.push(std::mem::take(&mut current));
            }
            continue;
        }
        let label_end = content.find(is_ws).unwrap_or(content.len());
        let label = &content[..label_end];
        let value = content[label_end..].trim_start_matches(is_ws);
        if label == "简介" && current.iter().any(|l| l.label == "简介") {
            records.push(std::mem::take(&mut current));
        }
        current.push(OracleLine {
            line: number,
            label: label.to_owned(),
            value: value.to_owned(),
        });
    }
    if !current.is_empty() {
        records.push(current);
    }
    records
}

/// A random corpus of 简介 lines, unknown-label lines and blank lines of
/// every kind, with LF or CRLF endings, an optional BOM and an optional
/// final newline. Every non-简介 label is unknown, so lenient parsing keeps
/// every such line in `extra` with its line number.
pub fn random_corpus(rng: &mut Rng) -> String {
    const BLANKS: [&str; 7] = [
        "",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        " \u{3000}\t\u{a0} ",
        "  ",
    ];
    const LEADS: [&str; 4] = ["", " ", "\u{3000}", "\t\u{a0}"];
    const SEPS: [&str; 4] = [" ", "\u{3000}", "\u{a0}", " \t"];
    const PADS: [&str; 4] = ["", " ", "  ", "\u{3000}"];
    let mut out = String::new();
    if rng.below(4) == 0 {
        out.push('\u{feff}');
    }
    let lines = rng.below(14);
    for i in 0..lines {
        let line = match rng.below(10) {
            0..=2 => {
                let value = if rng.below(5) == 0 {
                    String::new()
                } else {
                    format!("{}{}甲{i}", rng.pick(&SEPS), "")
                };
                format!("{}简介{value}{}", rng.pick(&LEADS), rng.pick(&PADS))
            }
            3..=5 => rng.pick(&BLANKS).to_owned(),
            6 => format!("{}简介x{}v{i}", rng.pick(&LEADS), rng.pick(&SEPS)),
            7 => format!("简{}介", rng.pick(&SEPS)),
            _ => format!(
                "{}别名{i}{}值{i}{}",
                rng.pick(&LEADS),
                rng.pick(&SEPS),
                rng.pick(&PADS)
            ),
        };
        out.push_str(&line);
        let last = i + 1 == lines;
        if !last || rng.below(3) != 0 {
            out.push_str(if rng.below(3) == 0 { "\r\n" } else { "\n" });
        }
    }
    out
}

/// The position of byte `at` of `input` (a char boundary), written from the
/// format reference: lines end at `\n`, columns count characters, a leading
/// BOM is not counted.
pub fn position_of(input: &str, at: usize) -> Position {
    let before = &input[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut line_text = &input[line_start..at];
    if line_start == 0 {
        line_text = line_text.strip_prefix('\u{feff}').unwrap_or(line_text);
    }
    Position {
        line: before.matches('\n').count() + 1,
        column: line_text.chars().count() + 1,
        offset: at,
    }
}

/// A proptest suite's configuration: `default` cases unless the
/// `PROPTEST_CASES` environment variable says otherwise, failing cases
/// saved in `file` (`proptest-regressions/SUITE.txt`).
pub fn proptest_config(default: u32, file: &'static str) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, FileFailurePersistence};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))),
        ..Config::default()
    }
}
