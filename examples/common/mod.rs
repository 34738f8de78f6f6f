//! What the command-line examples share: streaming the records of FILE...
//! to stdout and reporting faults compiler-style, as
//! `FILE:LINE:COL: SEVERITY: MESSAGE` on stderr.
// Each example uses the part it needs.
#![allow(dead_code)]

use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::process::ExitCode;

use jibing::{ParseOptions, Parsed, Position};

/// Prints `FILE:LINE:COL: SEVERITY: MESSAGE` on stderr.
pub fn report(file: &str, severity: &str, position: Position, message: impl Display) {
    let Position { line, column, .. } = position;
    eprintln!("{file}:{line}:{column}: {severity}: {message}");
}

/// Reads each file with the streaming reader and hands every record to
/// `write`, which writes it to the buffered stdout. Warnings are reported as
/// they come; the first error (unreadable file, strict fault, invalid UTF-8,
/// oversized record, failed write) is reported and ends the run with status
/// 1, after the records before it were written.
pub fn write_records(
    tool: &str,
    files: &[String],
    options: ParseOptions,
    mut write: impl FnMut(&mut dyn Write, &Parsed<'static>) -> io::Result<()>,
) -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut status = ExitCode::SUCCESS;
    'files: for file in files {
        let input = match File::open(file) {
            Ok(f) => BufReader::new(f),
            Err(e) => {
                eprintln!("{file}:1:1: error: {e}");
                status = ExitCode::FAILURE;
                break;
            }
        };
        for result in options.reader(input) {
            let parsed = match result {
                Ok(parsed) => parsed,
                Err(e) => {
                    report(file, "error", e.position(), e.diagnostic().message());
                    status = ExitCode::FAILURE;
                    break 'files;
                }
            };
            for warning in &parsed.warnings {
                report(file, "warning", warning.position, warning.message());
            }
            if let Err(e) = write(&mut out, &parsed) {
                eprintln!("{tool}: error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = out.flush() {
        eprintln!("{tool}: error: {e}");
        return ExitCode::FAILURE;
    }
    status
}
