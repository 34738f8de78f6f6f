//! Prints the seeded records of the benchmarks' generator
//! (`benches/corpus/mod.rs`) on stdout, to feed the other examples.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --site --records 8807 > site.txt
//! cargo run --release --example gen_corpus -- --site --bytes 1G | to_graph --out graph -
//! ```
//!
//! `--records N` prints N records; `--bytes SIZE` (suffix `K`, `M` or `G`
//! for KiB, MiB, GiB) prints records until SIZE bytes are reached, one
//! record at a time (nothing is held). By default every name is a new
//! random word (the benchmark corpus); `--site` draws diseases, drugs,
//! foods, checks, departments, symptoms and brands from lists as long as
//! the full site has of each (record `i` describes disease `i % 8807`), so
//! the knowledge graph grows like the real site's.

use std::io::{self, Write};
use std::process::ExitCode;

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

const USAGE: &str = "usage: gen_corpus [--site] (--records N | --bytes SIZE[K|M|G])";

fn main() -> ExitCode {
    let mut site = false;
    let mut records = None;
    let mut bytes = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--site" => site = true,
            "--records" => records = args.next().and_then(|n| n.parse::<u64>().ok()),
            "--bytes" => bytes = args.next().as_deref().and_then(common::parse_size),
            _ => {
                common::say(USAGE);
                return ExitCode::from(2);
            }
        }
    }
    let generator = if site {
        corpus::Generator::site(corpus::SEED)
    } else {
        corpus::Generator::new(corpus::SEED)
    };
    let written = match (records, bytes) {
        (Some(records), None) => print_records(generator, records),
        (None, Some(bytes)) => {
            let mut out = common::stdout();
            io::copy(&mut corpus::Stream::of(generator, bytes), &mut out).and_then(|_| out.flush())
        }
        _ => {
            common::say(USAGE);
            return ExitCode::from(2);
        }
    };
    common::finish("gen_corpus", written, ExitCode::SUCCESS)
}

/// Prints the first `records` records of `generator`.
fn print_records(mut generator: corpus::Generator, records: u64) -> io::Result<()> {
    let mut out = common::stdout();
    let mut record = String::new();
    for _ in 0..records {
        record.clear();
        generator.record(&mut record);
        out.write_all(record.as_bytes())?;
    }
    out.flush()
}
