//! Prints lint findings for each FILE (see `jibing::derived::lint`); FILE
//! `-` is standard input.
//!
//! ```text
//! cargo run --release --example lint -- [--json] [--from text|medical|auto] FILE...
//! ```
//!
//! Records are parsed leniently, so parse faults show up as warnings too.
//! `--from` is as in `to_json`; in `medical.json` a finding about a field
//! points at its object's `{` (`jibing::derived::lint_medical`).
//! Every warning goes to stderr as `FILE:LINE:COL: warning: MESSAGE`; stdout
//! stays empty.
//!
//! With `--json` the warnings go to stdout instead, as JSON Lines: one
//! object per parse warning or finding, in the same order, with a `file`
//! key (`<stdin>` for `-`) followed by the warning's own flat JSON form —
//! `kind`, `message`, `line`, `column`, `offset`, `label`, then the kind's
//! detail (see `jibing::Diagnostic` and `jibing::derived::Finding`; the
//! `kind` codes of the two never overlap):
//!
//! ```text
//! {"file":"a.txt","kind":"unknown_label","message":"unknown label '别名'","line":2,"column":1,"offset":14,"label":"别名"}
//! {"file":"a.txt","kind":"empty_field","message":"'症状' is present but empty","line":3,"column":1,"offset":28,"label":"症状"}
//! ```
//!
//! Errors stay on stderr in both modes. The exit status is 0 whatever the
//! warnings; it is 1 only when a file cannot be read or is not UTF-8, or a
//! record is over the size limit (`FILE:LINE:COL: error: MESSAGE`), and 2
//! for a usage error. A closed output (`| head`, or `2>&1 | head` without
//! `--json`) ends the run early with the status so far.

use std::io::{self, Write};
use std::process::ExitCode;

use jibing::derived::{lint, lint_medical, Linted};
use jibing::medical::InputFormat;
use serde::Serialize;

mod common;
use common::{report_error, try_report};

const USAGE: &str =
    "usage: lint [--encoding utf-8|gb18030|auto] [--json] [--from text|medical|auto] FILE...    (- is standard input)";

fn main() -> ExitCode {
    let (args, options, from) = match common::input_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut files = Vec::new();
    let mut json = false;
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                common::say(USAGE);
                return ExitCode::from(2);
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
    for file in &files {
        let Some((input, _)) = common::read_text_in(file, options) else {
            status = ExitCode::FAILURE;
            continue;
        };
        let options = options.lenient();
        let linted: Box<dyn Iterator<Item = _>> = match from.resolve(input.as_bytes()) {
            InputFormat::Medical => Box::new(lint_medical(&input, options)),
            _ => Box::new(lint(&input, options)),
        };
        for result in linted {
            let linted = match result {
                Ok(linted) => linted,
                Err(e) => {
                    report_error(file, &e);
                    status = ExitCode::FAILURE;
                    continue;
                }
            };
            let written = if json {
                write_json(&mut out, common::name(file), &linted)
            } else {
                report_record(file, &linted)
            };
            // The output failed: there is nothing left to do. A closed pipe
            // is a normal end; for stderr (the output without `--json`)
            // there is nowhere left to say why.
            if let Err(e) = written {
                return match e.kind() {
                    io::ErrorKind::BrokenPipe => status,
                    _ if json => common::finish("lint", Err(e), status),
                    _ => ExitCode::FAILURE,
                };
            }
        }
    }
    common::finish("lint", out.flush(), status)
}

/// Reports the record's parse warnings, then its findings, on stderr.
fn report_record(file: &str, linted: &Linted<'_>) -> io::Result<()> {
    for warning in &linted.parsed.warnings {
        try_report(file, "warning", warning.position, warning.message())?;
    }
    for finding in linted.findings() {
        try_report(file, "warning", finding.position, &finding)?;
    }
    Ok(())
}

/// One JSON Lines object: `file`, then the warning's or finding's own keys.
#[derive(Serialize)]
struct Line<'a, T> {
    file: &'a str,
    #[serde(flatten)]
    item: &'a T,
}

/// Writes the record's parse warnings, then its findings, as JSON Lines.
fn write_json(out: &mut impl Write, file: &str, linted: &Linted<'_>) -> io::Result<()> {
    for warning in &linted.parsed.warnings {
        serde_json::to_writer(
            &mut *out,
            &Line {
                file,
                item: warning,
            },
        )?;
        out.write_all(b"\n")?;
    }
    for finding in &linted.findings() {
        serde_json::to_writer(
            &mut *out,
            &Line {
                file,
                item: finding,
            },
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
