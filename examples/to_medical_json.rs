//! Writes each record of each FILE (standard input for `-`) in the
//! `medical.json` schema of the Chinese medical knowledge-graph QA projects,
//! one JSON object per line (see `jibing::derived::to_medical` for the field
//! mapping).
//!
//! ```text
//! cargo run --release --example to_medical_json -- [--lenient] [--from text|medical|auto] FILE...
//! ```
//!
//! `--from` is as in `to_json`; from `medical.json` it writes the objects
//! as the crate reads them.
//!
//! Faults go to stderr as `FILE:LINE:COL: error: MESSAGE` (status 1) or
//! `FILE:LINE:COL: warning: MESSAGE`, as with `to_json`.

use std::io::{self, Write};
use std::process::ExitCode;

use jibing::derived::to_medical;

mod common;

const USAGE: &str = "usage: to_medical_json [--encoding utf-8|gb18030|auto] [--lenient] [--from text|medical|auto] FILE...    (- is standard input)";

fn main() -> ExitCode {
    let (args, mut options, from) = match common::input_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut files = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--lenient" => options = options.lenient(),
            "-h" | "--help" => {
                let written = writeln!(io::stdout().lock(), "{USAGE}");
                return common::finish("to_medical_json", written, ExitCode::SUCCESS);
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        common::say(USAGE);
        return ExitCode::from(2);
    }
    let mut out = common::stdout();
    let mut status = ExitCode::SUCCESS;
    'files: for file in &files {
        let input = match common::open(file) {
            Ok(input) => input,
            Err(e) => {
                common::report_unreadable(file, &e);
                status = ExitCode::FAILURE;
                break;
            }
        };
        for result in common::Records::new(input, options, from) {
            let parsed = match result {
                Ok(parsed) => parsed,
                Err(e) => {
                    common::report_error(file, &e);
                    status = ExitCode::FAILURE;
                    break 'files;
                }
            };
            common::report_warnings(file, &parsed.warnings);
            let written = serde_json::to_writer(&mut out, &to_medical(&parsed.record))
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"));
            if let Err(e) = written {
                return common::finish("to_medical_json", Err(e), status);
            }
        }
    }
    common::finish("to_medical_json", out.flush(), status)
}
