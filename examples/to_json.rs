//! Prints the records of each FILE (standard input for `-`) as JSON Lines,
//! one object per record as the
//! [format reference](https://docs.rs/jibing/latest/jibing/format/index.html#json)
//! describes.
//!
//! ```text
//! cargo run --release --example to_json -- [--lenient] [--derived] [--from text|medical|auto] FILE...
//! ```
//!
//! `--from medical` reads `medical.json` (JSON Lines, an array or one
//! object) through `jibing::medical`; `auto`, the default, takes a FILE
//! whose first non-blank character is `{` or `[` for one.
//!
//! `--derived` adds a `derived` key after `extra` in each object, holding
//! `jibing::derived::Derived` (outlines, treatment sections, drug index);
//! the other keys and their values are the same as without it.
//!
//! One JSON object per record on stdout, keys in canonical order with `name`
//! first and `extra` last, written the way Python's `json.dumps(obj,
//! ensure_ascii=False)` writes them (`", "` and `": "` separators, floats as
//! Python's `repr`), so output diffs cleanly against Python pipelines.
//! Warnings go to stderr as `FILE:LINE:COL: warning: MESSAGE`. The first error
//! (a strict fault, invalid UTF-8, an oversized record, an unreadable file,
//! the last at `1:1`) goes to stderr as `FILE:LINE:COL: error: MESSAGE` and
//! ends the run with status 1; the records before it have already been
//! printed.

use std::io::{self, Write};
use std::process::ExitCode;

use jibing::derived::Derived;
use jibing::Record;
use serde::Serialize;

mod common;

const USAGE: &str = "usage: to_json [--encoding utf-8|gb18030|auto] [--lenient] [--derived] [--from text|medical|auto] FILE...    (- is standard input)";

fn main() -> ExitCode {
    let (args, mut options, from) = match common::input_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut files = Vec::new();
    let mut derived = false;
    for arg in args {
        match arg.as_str() {
            "--lenient" => options = options.lenient(),
            "--strict" => options = options.strict(),
            "--derived" => derived = true,
            "-h" | "--help" => {
                let written = writeln!(io::stdout().lock(), "{USAGE}");
                return common::finish("to_json", written, ExitCode::SUCCESS);
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
            if let Err(e) = write_json(&mut out, &parsed.record, derived) {
                return common::finish("to_json", Err(e), status);
            }
        }
    }
    common::finish("to_json", out.flush(), status)
}

/// One JSON Lines object: the record, with `derived` appended when asked.
fn write_json(out: &mut impl Write, record: &Record<'_>, derived: bool) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, PythonStyle);
    if derived {
        WithDerived {
            record,
            derived: Derived::of(record),
        }
        .serialize(&mut serializer)?;
    } else {
        record.serialize(&mut serializer)?;
    }
    out.write_all(b"\n")
}

/// A record's object with `derived` appended after its last key.
#[derive(Serialize)]
struct WithDerived<'r, 'a> {
    #[serde(flatten)]
    record: &'r Record<'a>,
    derived: Derived<'r>,
}

/// `json.dumps(obj, ensure_ascii=False)`: `", "` and `": "` separators and
/// Python's float `repr`.
struct PythonStyle;

impl serde_json::ser::Formatter for PythonStyle {
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.begin_array_value(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        w.write_all(python_float_repr(value).as_bytes())
    }
}

/// Python's `repr(float)`: the shortest round-tripping digits, positional
/// for exponents -4..16 (always with a fractional part), otherwise
/// scientific with a signed two-digit-minimum exponent.
fn python_float_repr(value: f64) -> String {
    if !value.is_finite() {
        return "null".to_owned(); // never produced: jibing's numbers are finite
    }
    // `{:e}` gives the shortest round-tripping digits: "-1.2345e3".
    let sci = format!("{value:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let point = point as usize;
            if digits.len() > point {
                format!("{}.{}", &digits[..point], &digits[point..])
            } else {
                format!("{digits}{}.0", "0".repeat(point - digits.len()))
            }
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!(
            "{sign}{first}{fraction}e{exp_sign}{:02}",
            exp.unsigned_abs()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{python_float_repr, PythonStyle, WithDerived};
    use jibing::derived::Derived;
    use serde::Serialize;

    fn to_python_json(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonStyle);
        value.serialize(&mut serializer).expect("serialises");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn derived_is_appended_and_changes_nothing_else() {
        let seed = include_str!("../tests/fixtures/000_c5ae55a5813883a5.txt");
        let record = jibing::parse(seed).expect("seed parses");
        let plain = to_python_json(&record);
        let with = to_python_json(&WithDerived {
            record: &record,
            derived: Derived::of(&record),
        });
        let open = plain.strip_suffix('}').expect("an object");
        let rest = with.strip_prefix(open).expect("same keys and values first");
        assert!(rest.starts_with(", \"derived\": {\"outlines\": {\"prevention\": "));
    }

    #[test]
    fn matches_python_repr() {
        let cases = [
            (10.0, "10.0"),
            (0.003, "0.003"),
            (10000.0, "10000.0"),
            (0.5, "0.5"),
            (1234.5678, "1234.5678"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.0, "0.0"),
            (123456789012345680.0, "1.2345678901234568e+17"),
        ];
        for (value, python) in cases {
            assert_eq!(python_float_repr(value), python, "{value}");
        }
    }
}
