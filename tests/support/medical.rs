//! The fuzz check of `jibing::medical` (issue 18).

use std::io::BufReader;

use jibing::derived::to_medical;
use jibing::medical;
use jibing::{Error, ParseOptions, Parsed};

use super::lines::line_column;

/// Reads `data` as `medical.json` in both modes, from memory and streamed
/// (its first byte picks the stream's buffer size), and checks: no panic;
/// every error and warning at a place of the input, its line and column
/// those of its offset; the stream gives what memory gives; and a record
/// read strictly writes back (`to_medical`) to JSON that reads to the same
/// `medical.json` object.
pub fn check_medical(data: &[u8]) {
    let capacity = 1 + usize::from(data.first().copied().unwrap_or(0) % 64);
    for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
        let streamed: Vec<_> = options
            .medical_reader(BufReader::with_capacity(capacity, data))
            .collect();
        let Ok(text) = std::str::from_utf8(data) else {
            for error in streamed.iter().filter_map(|r| r.as_ref().err()) {
                assert!(error.offset() <= data.len(), "{error:?} outside the input");
            }
            continue;
        };
        let read: Vec<_> = options.medical_records(text).collect();
        for result in &read {
            match result {
                Ok(parsed) => {
                    for warning in &parsed.warnings {
                        check_position(text, warning, "medical warning");
                    }
                    if parsed.warnings.is_empty() {
                        check_writes_back(parsed);
                    }
                }
                Err(error) => check_position(text, error.diagnostic(), "medical error"),
            }
        }
        assert_eq!(
            view(&streamed),
            view(&read),
            "the reader and records differ on {text:?}"
        );
    }
}

/// `d` lies at a character of `input` (or its end), at the line and column
/// of its offset.
fn check_position(input: &str, d: &jibing::Diagnostic, what: &str) {
    let offset = d.position.offset;
    assert!(
        offset <= input.len() && input.is_char_boundary(offset),
        "{what}: {d:?} is outside {input:?} or inside a character"
    );
    let at = (d.position.line, d.position.column);
    assert_eq!(at, line_column(input, offset), "{what}: {d:?} in {input:?}");
}

/// The results, errors as their messages and positions.
fn view(results: &[Result<Parsed<'_>, Error>]) -> Vec<Result<Parsed<'static>, String>> {
    let own = |r: &Result<Parsed<'_>, Error>| match r {
        Ok(parsed) => Ok(parsed.clone().into_owned()),
        Err(error) => Err(error.to_string()),
    };
    results.iter().map(own).collect()
}

/// `to_medical` of `parsed` reads back to a record with the same
/// `to_medical`.
fn check_writes_back(parsed: &Parsed<'_>) {
    let json = serde_json::to_string(&to_medical(&parsed.record)).expect("serialises");
    let back = medical::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let again = serde_json::to_string(&to_medical(&back)).expect("serialises");
    assert_eq!(again, json, "to_medical is not read back the same");
}
