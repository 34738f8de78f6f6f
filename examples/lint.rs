//! Prints lint findings for each FILE (see `jibing::derived::lint`); FILE
//! `-` is standard input.
//!
//! ```text
//! cargo run --release --example lint -- FILE...
//! ```
//!
//! Records are parsed leniently, so parse faults show up as warnings too.
//! Every warning goes to stderr as `FILE:LINE:COL: warning: MESSAGE`; stdout
//! stays empty. The exit status is 0 whatever the warnings; it is 1 only
//! when a file cannot be read or is not UTF-8, or a record is over the size
//! limit (`FILE:LINE:COL: error: MESSAGE`), and 2 for a usage error. A
//! closed stderr (`2>&1 | head`) ends the run early with the status so far.

use std::io;
use std::process::ExitCode;

use jibing::derived::{lint, Linted};
use jibing::ParseOptions;

mod common;
use common::{read_text, report_error, try_report};

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() || files.iter().any(|f| f == "-h" || f == "--help") {
        common::say("usage: lint FILE...    (- is standard input)");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for file in &files {
        let Some(input) = read_text(file) else {
            status = ExitCode::FAILURE;
            continue;
        };
        for result in lint(&input, ParseOptions::new().lenient()) {
            let linted = match result {
                Ok(linted) => linted,
                Err(e) => {
                    report_error(file, &e);
                    status = ExitCode::FAILURE;
                    continue;
                }
            };
            // Stderr is this example's output: once it fails there is
            // nothing left to do (and nowhere to say why). A closed pipe is
            // a normal end.
            if let Err(e) = report_record(file, &linted) {
                return if e.kind() == io::ErrorKind::BrokenPipe {
                    status
                } else {
                    ExitCode::FAILURE
                };
            }
        }
    }
    status
}

/// Reports the record's parse warnings, then its findings.
fn report_record(file: &str, linted: &Linted<'_>) -> io::Result<()> {
    for warning in &linted.parsed.warnings {
        try_report(file, "warning", warning.position, warning.message())?;
    }
    for finding in linted.findings() {
        try_report(file, "warning", finding.position, &finding)?;
    }
    Ok(())
}
