//! Writes each record of each FILE in the `medical.json` schema of the
//! Chinese medical knowledge-graph QA projects, one JSON object per line
//! (see `jibing::derived::to_medical` for the field mapping).
//!
//! ```text
//! cargo run --release --example to_medical_json -- [--lenient] FILE...
//! ```
//!
//! Faults go to stderr as `FILE:LINE:COL: error: MESSAGE` (status 1) or
//! `FILE:LINE:COL: warning: MESSAGE`, as with `to_json`.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::process::ExitCode;

use jibing::derived::to_medical;
use jibing::{Diagnostic, ParseOptions};

fn main() -> ExitCode {
    let mut options = ParseOptions::new();
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--lenient" => options = options.lenient(),
            "-h" | "--help" => {
                println!("usage: to_medical_json [--lenient] FILE...");
                return ExitCode::SUCCESS;
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("usage: to_medical_json [--lenient] FILE...");
        return ExitCode::from(2);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let status = run(&files, options, &mut out);
    match out.flush() {
        Ok(()) => status,
        Err(e) => {
            eprintln!("to_medical_json: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(files: &[String], options: ParseOptions, out: &mut impl Write) -> ExitCode {
    for file in files {
        let input = match File::open(file) {
            Ok(f) => BufReader::new(f),
            Err(e) => {
                eprintln!("{file}:1:1: error: {e}");
                return ExitCode::FAILURE;
            }
        };
        for result in options.reader(input) {
            let parsed = match result {
                Ok(parsed) => parsed,
                Err(e) => {
                    report(file, "error", e.diagnostic());
                    return ExitCode::FAILURE;
                }
            };
            for warning in &parsed.warnings {
                report(file, "warning", warning);
            }
            let written = serde_json::to_writer(&mut *out, &to_medical(&parsed.record))
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            if let Err(e) = written {
                eprintln!("to_medical_json: error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

fn report(file: &str, severity: &str, diagnostic: &Diagnostic) {
    let p = diagnostic.position;
    eprintln!(
        "{file}:{}:{}: {severity}: {}",
        p.line,
        p.column,
        diagnostic.message()
    );
}
