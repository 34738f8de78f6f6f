//! Prints FILE (standard input for `-`) back, through the lossless document
//! (default) or through parsing and the canonical writer.
//!
//! ```text
//! cargo run --example roundtrip -- [--canonical] FILE
//! ```
//!
//! The default output is FILE byte for byte (`cmp` it with the input).
//! `--canonical` parses FILE as a corpus in strict mode and writes each record
//! in canonical form, records separated by a newline, so the lone-space line
//! that ends each record also separates it from the next. A strict fault is
//! reported as `FILE:LINE:COL: error: MESSAGE` with exit status 1, as are
//! an unreadable FILE (at `1:1`) and invalid UTF-8 (at the first bad byte).

use std::io::{self, Write};
use std::process::ExitCode;

use jibing::Document;

mod common;

fn main() -> ExitCode {
    let mut canonical = false;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--canonical" => canonical = true,
            _ if file.is_none() => file = Some(arg),
            _ => return usage(),
        }
    }
    let Some(file) = file else {
        return usage();
    };
    let Some(input) = common::read_text(&file) else {
        return ExitCode::FAILURE;
    };
    let document = Document::new(&input);
    let mut out = io::stdout().lock();
    let written = if canonical {
        let mut text = String::new();
        for (i, result) in document.records().enumerate() {
            match result {
                Ok(parsed) => {
                    if i > 0 {
                        text.push('\n');
                    }
                    text.push_str(&parsed.record.to_string());
                }
                Err(e) => {
                    common::report_error(&file, &e);
                    return ExitCode::FAILURE;
                }
            }
        }
        out.write_all(text.as_bytes())
    } else {
        out.write_all(document.as_str().as_bytes())
    };
    common::finish(
        "roundtrip",
        written.and_then(|()| out.flush()),
        ExitCode::SUCCESS,
    )
}

fn usage() -> ExitCode {
    common::say("usage: roundtrip [--canonical] FILE    (- is standard input)");
    ExitCode::from(2)
}
