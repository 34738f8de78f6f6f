//! Writes the medical knowledge graph of each FILE (standard input for `-`)
//! as the CSV files of `neo4j-admin database import full`, with the loaders
//! `import.sh` and `load.cypher`, into DIR (see the `jibing::graph` module
//! docs for the schema and the files).
//!
//! ```text
//! cargo run --release --example to_graph -- --out DIR [--lenient] [--from text|medical|auto] FILE...
//! sh DIR/import.sh                  # offline bulk import into Neo4j
//! ```
//!
//! Prints the node and relationship counts per file on stdout. Warnings go
//! to stderr as `FILE:LINE:COL: warning: MESSAGE`: lenient parsing's, and
//! a record without a disease name (left out) or whose disease an earlier
//! record described (merged), at the record's first line. The first error
//! (a strict fault, invalid UTF-8, an oversized record, an unreadable
//! file) is reported as `FILE:LINE:COL: error: MESSAGE` and ends the run
//! with status 1, leaving the files incomplete. `--from` is as in `to_json`:
//! `data/medical.json` gives the same files as its records in text form. When stderr is a terminal,
//! a progress line counts the records read.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use jibing::graph::{Added, CsvSink, GraphBuilder, NodeLabel, Relation, Summary};

mod common;

const USAGE: &str = "usage: to_graph --out DIR [--encoding utf-8|gb18030|auto] [--lenient] [--from text|medical|auto] FILE...    (- is standard input)";

fn main() -> ExitCode {
    let (args, mut options, from) = match common::input_args() {
        Ok(found) => found,
        Err(status) => return status,
    };
    let mut files = Vec::new();
    let mut out = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lenient" => options = options.lenient(),
            "--strict" => options = options.strict(),
            "--out" => out = args.next().map(PathBuf::from),
            "-h" | "--help" => {
                let written = writeln!(io::stdout().lock(), "{USAGE}");
                return common::finish("to_graph", written, ExitCode::SUCCESS);
            }
            _ => files.push(arg),
        }
    }
    let Some(out) = out.filter(|_| !files.is_empty()) else {
        common::say(USAGE);
        return ExitCode::from(2);
    };
    let sink = match CsvSink::create(&out) {
        Ok(sink) => sink,
        Err(e) => {
            common::say(format_args!("to_graph: error: {}: {e}", out.display()));
            return ExitCode::FAILURE;
        }
    };
    let mut graph = GraphBuilder::new(sink);
    let mut progress = Progress::new();
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
        let mut records = common::Records::new(input, options, from);
        while let Some((start, result)) = records.next_record() {
            let parsed = match result {
                Ok(parsed) => parsed,
                Err(e) => {
                    common::report_error(file, &e);
                    status = ExitCode::FAILURE;
                    break 'files;
                }
            };
            let added = graph.add(&parsed.record);
            if !parsed.warnings.is_empty() || !matches!(added, Ok(Added::Described)) {
                progress.clear();
            }
            common::report_warnings(file, &parsed.warnings);
            match added {
                Ok(Added::Unnamed) => common::report(
                    file,
                    "warning",
                    start,
                    "no disease name can be inferred (病因, 预防, 症状细节, 检查细节, 治疗): the record is left out of the graph",
                ),
                Ok(Added::Repeated) => common::report(
                    file,
                    "warning",
                    start,
                    format_args!(
                        "{} was described by an earlier record: relationships merged, the earlier properties kept",
                        parsed.record.name.as_deref().unwrap_or_default()
                    ),
                ),
                Ok(_) => {}
                Err(e) => {
                    common::say(format_args!("to_graph: error: {}: {e}", out.display()));
                    return ExitCode::FAILURE;
                }
            }
            progress.tick(graph.summary());
        }
    }
    progress.clear();
    let (mut sink, summary) = match graph.finish() {
        Ok(done) => done,
        Err(e) => {
            common::say(format_args!("to_graph: error: {}: {e}", out.display()));
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = sink.flush() {
        common::say(format_args!("to_graph: error: {}: {e}", out.display()));
        return ExitCode::FAILURE;
    }
    common::finish("to_graph", print_counts(&summary), status)
}

/// The counts, one line per file, then the totals.
fn print_counts(summary: &Summary) -> io::Result<()> {
    let mut out = common::stdout();
    for label in NodeLabel::ALL {
        writeln!(out, "{:>9}  {}", summary.nodes(label), label.file_name())?;
    }
    for relation in Relation::ALL {
        let count = summary.relationships(relation);
        writeln!(out, "{count:>9}  {}", relation.file_name())?;
    }
    writeln!(
        out,
        "{} records ({} without a disease name, {} repeating one): {} nodes, {} relationships",
        summary.records,
        summary.unnamed,
        summary.repeated,
        summary.total_nodes(),
        summary.total_relationships()
    )?;
    out.flush()
}

/// A `\r`-rewritten count of the records read on a terminal's stderr, at
/// most every 200 ms; nothing when stderr is not a terminal.
struct Progress {
    on: bool,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new() -> Self {
        Progress {
            on: io::stderr().is_terminal(),
            last: Instant::now(),
            shown: false,
        }
    }

    fn tick(&mut self, summary: &Summary) {
        if !self.on || self.last.elapsed() < Duration::from_millis(200) {
            return;
        }
        self.last = Instant::now();
        self.shown = true;
        let _ = write!(
            io::stderr().lock(),
            "\rto_graph: {} records, {} nodes, {} relationships",
            summary.records,
            summary.total_nodes(),
            summary.total_relationships()
        );
    }

    /// Clears the line, before a message or at the end.
    fn clear(&mut self) {
        if std::mem::take(&mut self.shown) {
            let _ = write!(io::stderr().lock(), "\r\x1b[K");
        }
    }
}
