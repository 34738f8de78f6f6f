//! What the command-line examples share, none of it the crate's API: opening
//! FILE (or standard input for `-`), parsing sizes, and reporting faults
//! compiler-style, as `FILE:LINE:COL: SEVERITY: MESSAGE` on stderr (`FILE`
//! is `<stdin>` for `-`). A fault with no place in the input (FILE cannot be
//! opened or read) is reported at `1:1`.
//!
//! No example panics on a closed output (`… | head`): `println!` and
//! `eprintln!` do, so output goes through [`stdout`] and [`finish`], and
//! messages through [`say`] and [`report`]. A closed pipe (`BrokenPipe`)
//! on stdout is a normal end — the reader wanted no more — that leaves the
//! exit status as it would have been; any other failed write is an error.
// Each example uses the part it needs.
#![allow(dead_code)]

use std::fmt::Display;
use std::fs::File;
use std::io::{self, BufWriter, Read, StdoutLock, Write};
use std::process::ExitCode;

use jibing::{ErrorKind, Position};

/// The FILE argument that stands for standard input.
pub const STDIN: &str = "-";

/// The name faults in `file` are reported under: `<stdin>` for `-`.
pub fn name(file: &str) -> &str {
    if file == STDIN {
        "<stdin>"
    } else {
        file
    }
}

/// Standard output, locked and buffered: what an example that prints a lot
/// writes to, ending with [`finish`].
pub fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// The exit status once the output is written (`written`, the flush
/// included) and the run would end with `status`: `status` when the output
/// was written or stdout was a pipe the reader closed (`BrokenPipe`, as
/// `head` does: a normal end, not an error, and nothing is reported);
/// otherwise the write error is reported as `TOOL: error: MESSAGE` and the
/// run fails.
pub fn finish(tool: &str, written: io::Result<()>, status: ExitCode) -> ExitCode {
    match written {
        Ok(()) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            say(format_args!("{tool}: error: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// Writes `message` and a line end on stderr. Unlike `eprintln!` it never
/// panics (see [`dropped`]).
pub fn say(message: impl Display) {
    dropped(writeln!(io::stderr().lock(), "{message}"));
}

/// Prints `FILE:LINE:COL: SEVERITY: MESSAGE` on stderr (see [`dropped`]).
pub fn report(file: &str, severity: &str, position: Position, message: impl Display) {
    dropped(try_report(file, severity, position, message));
}

/// [`report`] for the examples whose output is stderr (lint): the write's
/// error, for them to stop on.
pub fn try_report(
    file: &str,
    severity: &str,
    position: Position,
    message: impl Display,
) -> io::Result<()> {
    try_report_at(file, severity, position.line, position.column, message)
}

fn report_at(file: &str, severity: &str, line: usize, column: usize, message: impl Display) {
    dropped(try_report_at(file, severity, line, column, message));
}

fn try_report_at(
    file: &str,
    severity: &str,
    line: usize,
    column: usize,
    message: impl Display,
) -> io::Result<()> {
    writeln!(
        io::stderr().lock(),
        "{}:{line}:{column}: {severity}: {message}",
        name(file)
    )
}

/// Where a failed write to stderr ends: when stderr itself fails (a closed
/// pipe, `2>&1 | head`) there is nowhere left to say so, so the message is
/// dropped, where `eprintln!` would panic. The examples whose output is
/// stderr use [`try_report`] and stop instead.
fn dropped(_written: io::Result<()>) {}

/// Reports a parse or read error at its position. The message is the
/// diagnostic's, which for an I/O error includes the I/O error's own message
/// (the error's `Display` leaves that to its source).
pub fn report_error(file: &str, error: &jibing::Error) {
    report(file, "error", error.position(), message_with_remedy(error));
}

/// Reports that `file` could not be opened or read, at `1:1`.
pub fn report_unreadable(file: &str, error: &io::Error) {
    report_at(file, "error", 1, 1, error);
}

/// FILE, or standard input for `-`, unbuffered.
pub fn open(file: &str) -> io::Result<Box<dyn Read>> {
    if file == STDIN {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(File::open(file)?))
    }
}

/// All of FILE (or standard input for `-`) as text. Reports why not and
/// returns `None` when it cannot be read or is not UTF-8; invalid UTF-8 is
/// reported at its first bad byte, as the streaming reader reports it.
pub fn read_text(file: &str) -> Option<String> {
    let mut bytes = Vec::new();
    if let Err(e) = open(file).and_then(|mut input| input.read_to_end(&mut bytes)) {
        report_unreadable(file, &e);
        return None;
    }
    let utf8 = match String::from_utf8(bytes) {
        Ok(text) => return Some(text),
        Err(e) => e,
    };
    // Let the library place the first bad byte (line, column in characters,
    // a leading BOM not counted), as its streaming reader does:
    // `from_slice` checks UTF-8 before anything else.
    let located = jibing::from_slice(utf8.as_bytes())
        .err()
        .filter(|error| matches!(error.kind(), ErrorKind::InvalidUtf8));
    debug_assert!(located.is_some(), "from_slice finds the bad byte too");
    match located {
        Some(error) => report_error(file, &error),
        None => {
            let at = utf8.utf8_error().valid_up_to();
            report_at(file, "error", 1, 1, format!("invalid UTF-8 at byte {at}"));
        }
    }
    None
}

/// Reports each of `warnings` at its position.
pub fn report_warnings(file: &str, warnings: &[jibing::Warning]) {
    for warning in warnings {
        report(file, "warning", warning.position, warning.message());
    }
}

/// A byte count: `1G`, `512M`, `64K` (GiB, MiB, KiB; either case) or a
/// plain number; `None` when it is none of these or overflows.
pub fn parse_size(text: &str) -> Option<u64> {
    let (digits, unit) = match text.char_indices().last()? {
        (at, 'K' | 'k') => (&text[..at], 1 << 10),
        (at, 'M' | 'm') => (&text[..at], 1 << 20),
        (at, 'G' | 'g') => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(unit)
}

// `--encoding utf-8|gb18030|auto`: the encoding of the input files.

/// The command line's arguments without `--encoding NAME`, and the
/// options reading that encoding; for a bad NAME, says why and gives the
/// exit status 2.
pub fn encoding_args() -> Result<(Vec<String>, jibing::ParseOptions), ExitCode> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let options = take_encoding(&mut args, jibing::ParseOptions::new()).map_err(bad_usage)?;
    Ok((args, options))
}

/// [`encoding_args`] without `--from FORM` too, and the form.
pub fn input_args() -> Result<(Vec<String>, jibing::ParseOptions, From), ExitCode> {
    let (mut args, options) = encoding_args()?;
    let from = take_from(&mut args).map_err(bad_usage)?;
    Ok((args, options, from))
}

/// Says `message` and gives the exit status of a bad command line, 2.
fn bad_usage(message: String) -> ExitCode {
    say(message);
    ExitCode::from(2)
}

/// Takes every `NAME VALUE` and `NAME=VALUE` out of `args`: the last
/// VALUE, or the message when one is missing (naming its `choices`).
fn take_option(
    args: &mut Vec<String>,
    name: &str,
    choices: &str,
) -> Result<Option<String>, String> {
    let mut value = None;
    let mut i = 0;
    while let Some(arg) = args.get(i) {
        if let Some(given) = arg
            .strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('='))
        {
            value = Some(given.to_owned());
            args.remove(i);
        } else if arg == name {
            args.remove(i);
            let given = (i < args.len()).then(|| args.remove(i));
            value = Some(given.ok_or_else(|| format!("{name} needs {choices}"))?);
        } else {
            i += 1;
        }
    }
    Ok(value)
}

/// Takes `--encoding NAME` (or `--encoding=NAME`) out of `args` and returns
/// `options` reading that encoding (`utf-8` when not given); the message
/// for a missing or unknown NAME.
pub fn take_encoding(
    args: &mut Vec<String>,
    options: jibing::ParseOptions,
) -> Result<jibing::ParseOptions, String> {
    let name = take_option(args, "--encoding", "utf-8, gb18030 or auto")?;
    with_encoding(options, name.as_deref().unwrap_or("utf-8"))
}

#[cfg(feature = "encoding")]
fn with_encoding(
    options: jibing::ParseOptions,
    name: &str,
) -> Result<jibing::ParseOptions, String> {
    use jibing::Encoding;
    let encoding = match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Encoding::Utf8,
        "gb18030" | "gbk" | "gb2312" | "cp936" => Encoding::Gb18030,
        "auto" => Encoding::Auto,
        _ => {
            return Err(format!(
                "unknown encoding '{name}': use utf-8, gb18030 or auto"
            ))
        }
    };
    Ok(options.with_encoding(encoding))
}

#[cfg(not(feature = "encoding"))]
fn with_encoding(
    options: jibing::ParseOptions,
    name: &str,
) -> Result<jibing::ParseOptions, String> {
    match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Ok(options),
        _ => Err(format!("encoding '{name}' needs the `encoding` feature")),
    }
}

/// All of FILE (or standard input for `-`) as text in the encoding of
/// `options`, and its bytes when they were decoded (from GB18030). Reports
/// why not and returns `None` when it cannot be read or decoded.
pub fn read_text_in(
    file: &str,
    options: jibing::ParseOptions,
) -> Option<(String, Option<Vec<u8>>)> {
    #[cfg(feature = "encoding")]
    {
        let mut bytes = Vec::new();
        if let Err(e) = open(file).and_then(|mut input| input.read_to_end(&mut bytes)) {
            report_unreadable(file, &e);
            return None;
        }
        let decoded = options.decode(&bytes).map(|text| match text {
            std::borrow::Cow::Owned(text) => Some(text),
            std::borrow::Cow::Borrowed(_) => None,
        });
        match decoded {
            Ok(Some(text)) => Some((text, Some(bytes))),
            // Read as UTF-8, which `decode` checked.
            Ok(None) => String::from_utf8(bytes).ok().map(|text| (text, None)),
            Err(e) => {
                report_error(file, &e);
                None
            }
        }
    }
    #[cfg(not(feature = "encoding"))]
    {
        let _ = options;
        read_text(file).map(|text| (text, None))
    }
}

/// The message of `error`, with the examples' remedy when it is invalid
/// UTF-8 that may be GBK/GB18030.
fn message_with_remedy(error: &jibing::Error) -> String {
    let message = error.diagnostic().message();
    if error.may_be_gb18030() {
        format!("{message}; the file looks like GBK/GB18030: use --encoding gb18030")
    } else {
        message
    }
}

// --- `--from text|medical|auto`: which form FILE is in (issue 18). ---

/// The form FILE is read in: `--from text|medical|auto`. `Auto` (the
/// default) looks at the first character that is not whitespace: `{` or
/// `[` is `medical.json` (`jibing::medical::InputFormat::detect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum From {
    Text,
    Medical,
    #[default]
    Auto,
}

/// Takes `--from FORM` (or `--from=FORM`) out of `args` and returns the
/// form (`auto` when not given); the message for a missing or unknown FORM.
fn take_from(args: &mut Vec<String>) -> Result<From, String> {
    match take_option(args, "--from", "text, medical or auto")?.as_deref() {
        None | Some("auto") => Ok(From::Auto),
        Some("text") => Ok(From::Text),
        Some("medical") => Ok(From::Medical),
        Some(other) => Err(format!("--from takes text, medical or auto, not '{other}'")),
    }
}

impl From {
    /// The form of an input that starts with `head`.
    pub fn resolve(self, head: &[u8]) -> jibing::medical::InputFormat {
        use jibing::medical::InputFormat;
        match self {
            From::Text => InputFormat::Text,
            From::Medical => InputFormat::Medical,
            From::Auto => InputFormat::detect(head),
        }
    }
}

/// The byte source of [`Records`].
pub type Source<'a> = io::BufReader<Box<dyn Read + 'a>>;

/// The records of one input in either form, streamed.
pub enum Records<'a> {
    Text(jibing::Reader<Source<'a>>),
    Medical(jibing::medical::Reader<Source<'a>>),
}

impl<'a> Records<'a> {
    /// The records of `input` read in the form `from` with `options`. A
    /// failed first read leaves the form to the text reader, which reports
    /// the error.
    pub fn new(input: Box<dyn Read + 'a>, options: jibing::ParseOptions, from: From) -> Self {
        use io::BufRead;
        let mut source = io::BufReader::with_capacity(256 << 10, input);
        let head = source.fill_buf().map(|head| from.resolve(head));
        match head {
            Ok(jibing::medical::InputFormat::Medical) => {
                Records::Medical(options.medical_reader(source))
            }
            _ => Records::Text(options.reader(source)),
        }
    }

    /// The next record and where it starts: text records lent without a
    /// copy, `medical.json` records owned.
    pub fn next_record(&mut self) -> Option<(Position, Result<jibing::Parsed<'_>, jibing::Error>)> {
        match self {
            Records::Text(reader) => {
                let start = jibing::Reader::position(reader);
                reader.read_record().map(|read| (start, read))
            }
            Records::Medical(reader) => {
                let read = reader.next()?;
                Some((reader.last_start(), read))
            }
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<jibing::Parsed<'static>, jibing::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Records::Text(reader) => reader
                .next()
                .map(|read| read.map(jibing::OwnedRecord::into_parsed)),
            Records::Medical(reader) => reader.next(),
        }
    }
}
