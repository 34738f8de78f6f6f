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
//!
//! `--encoding gb18030` (or `auto`, when it finds GB18030) writes the
//! output back in GB18030: FILE byte for byte, or an error at each
//! character that cannot be encoded, or at the first that does not encode
//! back to the bytes it was decoded from.

use std::io::{self, Write};
use std::process::ExitCode;

use jibing::Document;

mod common;

fn main() -> ExitCode {
    let (args, options) = match common::encoding_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut canonical = false;
    let mut file = None;
    for arg in args {
        match arg.as_str() {
            "--canonical" => canonical = true,
            _ if file.is_none() => file = Some(arg),
            _ => return usage(),
        }
    }
    let Some(file) = file else {
        return usage();
    };
    let Some((input, original)) = common::read_text_in(&file, options) else {
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
        write_back(&mut out, &file, &text, original.as_ref().map(|_| None))
    } else {
        let original = original.as_deref().map(Some);
        write_back(&mut out, &file, document.as_str(), original)
    };
    common::finish(
        "roundtrip",
        written.and_then(|()| out.flush()),
        ExitCode::SUCCESS,
    )
}

/// Writes `text` as UTF-8, or, when `original` is given (the input was
/// decoded), in GB18030, where it must give back the original bytes too
/// when there are some. An error for what cannot be written.
fn write_back(
    out: &mut impl Write,
    file: &str,
    text: &str,
    original: Option<Option<&[u8]>>,
) -> io::Result<()> {
    let Some(original) = original else {
        return out.write_all(text.as_bytes());
    };
    match encode_back(file, text, original) {
        Some(bytes) => out.write_all(&bytes),
        None => Err(io::Error::new(io::ErrorKind::InvalidData, "not written")),
    }
}

/// `text` in GB18030, the same bytes as `original` when given; else `None`
/// with each character that cannot be encoded reported, or the first that
/// encodes to other bytes than it was decoded from.
#[cfg(feature = "encoding")]
fn encode_back(file: &str, text: &str, original: Option<&[u8]>) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    if !unmappable && original.is_none_or(|original| original == &bytes[..]) {
        return Some(bytes.into_owned());
    }
    let (mut line, mut column, mut at) = (1, 1, 0);
    let mut utf8 = [0; 4];
    for c in text.chars() {
        let (one, _, unmappable) = encoding_rs::GB18030.encode(c.encode_utf8(&mut utf8));
        let place = jibing::Position {
            line,
            column,
            offset: 0,
        };
        let code = format!("'{}' (U+{:04X})", c.escape_debug(), u32::from(c));
        if unmappable {
            common::report(
                file,
                "error",
                place,
                format_args!("{code} cannot be encoded in GB18030"),
            );
        } else if original
            .is_some_and(|original| original.get(at..at + one.len()) != Some(&one[..]))
        {
            let message =
                format_args!("{code} does not encode back to the bytes it was decoded from");
            common::report(file, "error", place, message);
            break;
        }
        at += one.len();
        (line, column) = if c == '\n' {
            (line + 1, 1)
        } else {
            (line, column + 1)
        };
    }
    None
}

#[cfg(not(feature = "encoding"))]
fn encode_back(_: &str, text: &str, _: Option<&[u8]>) -> Option<Vec<u8>> {
    Some(text.as_bytes().to_vec())
}

fn usage() -> ExitCode {
    common::say("usage: roundtrip [--encoding utf-8|gb18030|auto] [--canonical] FILE    (- is standard input)");
    ExitCode::from(2)
}
