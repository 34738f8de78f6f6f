//! Streams a corpus through `jibing`'s [`Reader`](jibing::Reader) and prints
//! the record count, how often each field is filled and the throughput.
//!
//! ```sh
//! cargo run --release --example stream_stats -- corpus.txt
//! cat corpus.txt | cargo run --release --example stream_stats -- -
//! # 1 GiB of generated records, never stored: check peak memory with
//! /usr/bin/time -v target/release/examples/stream_stats --generate 1G
//! ```
//!
//! `--generate BYTES` (suffix `K`, `M` or `G` for KiB, MiB, GiB) reads the
//! seeded record generator of the benchmarks through an `io::Read`, so the
//! whole stream exists only one record at a time. `--lenient` parses in
//! lenient mode; `--from` is as in `to_json`. Faults are reported as `FILE:LINE:COL: error: MESSAGE` on
//! stderr (the first ten; `FILE` is `<stdin>` for `-` and `<generated>`
//! for `--generate`). Exit status 1 when any record failed; the report
//! may be cut short by a closed pipe (`| head`), which changes nothing
//! else.

use std::io::{self, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use jibing::Label;

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

/// Counts the bytes read through it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

const USAGE: &str = "usage: stream_stats [--encoding utf-8|gb18030|auto] [--lenient] [--from text|medical|auto] (FILE | - | --generate BYTES[K|M|G])";

fn main() -> ExitCode {
    let (args, mut options, from) = match common::input_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    // The name faults are reported under, and the bytes.
    let mut source: Option<(String, Box<dyn Read>)> = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let opened: Box<dyn Read> = match arg.as_str() {
            "--lenient" => {
                options = options.lenient();
                continue;
            }
            "--generate" => match args.next().as_deref().and_then(common::parse_size) {
                Some(bytes) => Box::new(corpus::Stream::new(bytes)),
                None => {
                    common::say(USAGE);
                    return ExitCode::FAILURE;
                }
            },
            path if path == common::STDIN || !path.starts_with('-') => match common::open(path) {
                Ok(input) => input,
                Err(e) => {
                    common::report_unreadable(path, &e);
                    return ExitCode::FAILURE;
                }
            },
            _ => {
                common::say(USAGE);
                return ExitCode::FAILURE;
            }
        };
        let name = if arg == "--generate" {
            "<generated>".to_owned()
        } else {
            arg
        };
        source = Some((name, opened));
    }
    let Some((name, source)) = source else {
        common::say(USAGE);
        return ExitCode::FAILURE;
    };

    let mut counted = Counted {
        inner: source,
        bytes: 0,
    };
    let started = Instant::now();
    let mut records = 0u64;
    let mut errors = 0u64;
    let mut named = 0u64;
    let mut filled = [0u64; Label::ALL.len()];
    for result in common::Records::new(Box::new(&mut counted), options, from) {
        match result {
            Ok(parsed) => {
                records += 1;
                named += u64::from(parsed.record.name.is_some());
                for (count, label) in filled.iter_mut().zip(Label::ALL) {
                    *count += u64::from(parsed.record.has(label));
                }
            }
            Err(e) => {
                errors += 1;
                if errors <= 10 {
                    common::report_error(&name, &e);
                }
                if e.is_io() {
                    break;
                }
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let bytes = counted.bytes;

    let status = if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    let stats = Stats {
        records,
        errors,
        named,
        filled,
        bytes,
        seconds,
    };
    let mut out = common::stdout();
    let written = stats.write(&mut out).and_then(|()| out.flush());
    common::finish("stream_stats", written, status)
}

/// What a run counted.
struct Stats {
    records: u64,
    errors: u64,
    /// Records with an inferred name.
    named: u64,
    /// Records that have each label, in [`Label::ALL`] order.
    filled: [u64; Label::ALL.len()],
    bytes: u64,
    seconds: f64,
}

impl Stats {
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let Stats {
            records,
            errors,
            named,
            filled,
            bytes,
            seconds,
        } = self;
        writeln!(out, "records: {records}")?;
        writeln!(out, "errors:  {errors}")?;
        writeln!(
            out,
            "bytes:   {bytes} in {seconds:.3} s = {:.1} MB/s",
            *bytes as f64 / seconds.max(1e-9) / 1e6
        )?;
        let rate = |count: u64| 100.0 * count as f64 / ((*records).max(1) as f64);
        writeln!(out, "fill rates:")?;
        writeln!(out, "  {:>6.1}%  {:<20} (inferred)", rate(*named), "name")?;
        for (count, label) in filled.iter().zip(Label::ALL) {
            writeln!(
                out,
                "  {:>6.1}%  {:<20} {}",
                rate(*count),
                label.key(),
                label.text()
            )?;
        }
        Ok(())
    }
}
