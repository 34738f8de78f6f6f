//! Times the parser on inputs built to be slow, at three sizes, to show
//! that parsing time grows linearly with input size. Evidence for the
//! fuzzing issue's closing note, not a test: nothing here asserts a time.
//!
//! ```text
//! cargo run --release --example adversarial [KIND...] [SCALE...]
//! ```
//!
//! With arguments, only those kinds (`paren`, `drugs`, `lines`, `long`)
//! and/or scales (numbers) are run; another word is a usage error (status
//! 2).
//!
//! The four inputs of the issue, each at 1×, 10× and 100× a base size of
//! 1/100 of the issue's size, so that the 100× row IS the issue's full
//! size:
//!
//! - `paren`: one `病因` line of nothing but `（` (100×: 1 MB);
//! - `drugs`: one `药品` line of full drug tuples (100×: 100,000 tuples);
//! - `lines`: one-character lines `x` (100×: 1,000,000 lines), one record
//!   of unknown labels (strict stops at the first, lenient keeps them all in
//!   `extra`);
//! - `long`: one `病因` line without a newline, full of cause tags whose
//!   names contain `病因` (100×: 10 MB).
//!
//! Each is timed (best of 3, release mode) through strict `parse`,
//! `parse_lenient`, the corpus iterator `records` (lenient) and the
//! streaming `Reader` (lenient, 8 KiB `BufReader`). Columns: input bytes,
//! then milliseconds and nanoseconds per byte for each way of parsing.

use std::hint::black_box;
use std::io::{self, BufReader, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use jibing::ParseOptions;

mod common;

/// The input kinds, as named on the command line.
const KINDS: [&str; 4] = ["paren", "drugs", "lines", "long"];

/// The input of `kind` (one of [`KINDS`]) at `scale`; `None` for another kind.
fn build(kind: &str, scale: usize) -> Option<String> {
    Some(match kind {
        "paren" => format!("病因 {}", "（".repeat(349_525 * scale / 100)),
        "drugs" => {
            let tuple = "['协一力', '利鲁唑片', '(利鲁唑片)'] ";
            format!("药品 {}\n", tuple.repeat(1_000 * scale))
        }
        "lines" => "x\n".repeat(10_000 * scale),
        "long" => {
            let item = "某病因素(5%):说明，";
            let n = 100_000 * scale / item.len();
            format!("病因 {}", item.repeat(n))
        }
        _ => return None,
    })
}

/// Best of three runs of `f`.
fn best(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut kinds: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| a.parse::<usize>().is_err())
        .collect();
    if let Some(unknown) = kinds.iter().find(|kind| !KINDS.contains(kind)) {
        common::say(format_args!(
            "adversarial: error: unknown input kind {unknown:?}\n\
             usage: adversarial [paren|drugs|lines|long]... [SCALE]..."
        ));
        return ExitCode::from(2);
    }
    if kinds.is_empty() {
        kinds = KINDS.to_vec();
    }
    let mut scales: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if scales.is_empty() {
        scales = vec![1, 10, 100];
    }
    // Line-buffered, so each row shows as soon as it is timed.
    let written = table(&kinds, &scales, &mut io::stdout().lock());
    common::finish("adversarial", written, ExitCode::SUCCESS)
}

/// Times every kind at every scale, writing one table row each.
fn table(kinds: &[&str], scales: &[usize], out: &mut impl Write) -> io::Result<()> {
    let lenient = ParseOptions::new().lenient();
    writeln!(
        out,
        "| input | scale | bytes | strict ms | ns/B | lenient ms | ns/B | records ms | ns/B | reader ms | ns/B |"
    )?;
    writeln!(
        out,
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )?;
    for &kind in kinds {
        for &scale in scales {
            let Some(input) = build(kind, scale) else {
                continue; // `main` checked the kinds
            };
            let times = [
                best(|| drop(black_box(jibing::parse(black_box(&input))))),
                best(|| drop(black_box(jibing::parse_lenient(black_box(&input))))),
                best(|| {
                    for item in lenient.records(black_box(&input)) {
                        drop(black_box(item));
                    }
                }),
                best(|| {
                    for item in lenient.reader(BufReader::new(black_box(input.as_bytes()))) {
                        drop(black_box(item));
                    }
                }),
            ];
            let mut row = format!("| {kind} | {scale}× | {} |", input.len());
            for t in times {
                row += &format!(
                    " {:.1} | {:.1} |",
                    t.as_secs_f64() * 1e3,
                    t.as_nanos() as f64 / input.len() as f64
                );
            }
            writeln!(out, "{row}")?;
        }
    }
    out.flush()
}
