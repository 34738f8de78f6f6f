//! Throughput of `jibing` on a generated corpus, against `serde_json`
//! reading the same records and against the `memchr` newline floor; edits
//! of the corpus as a `Document`; linear scaling from 1× to 100× and on
//! adversarial inputs.
//!
//! Run with `cargo bench --bench parse`; BENCHMARKS.md explains the IDs and
//! holds the last results. The corpus is generated in code from a fixed
//! seed (`corpus/mod.rs`), so every run reads the same bytes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use jibing::graph::{CsvSink, GraphBuilder};
use jibing::{Document, Label, OwnedRecord, ParseOptions, Record};

#[path = "corpus/mod.rs"]
mod corpus;

#[path = "corpus/borrowed.rs"]
mod borrowed;

#[path = "corpus/medical.rs"]
mod medical;

/// The seed record (the one real record of the format).
const SEED: &str = include_str!("../tests/fixtures/000_c5ae55a5813883a5.txt");

/// Records of the main corpus (about 24 MB).
const CORPUS_RECORDS: usize = 2_000;

/// Records of the 1× corpus of the scaling groups (10× and 100× follow):
/// the main corpus, so 1× to 100× is 24 MB to 2.4 GB. A smaller base fits
/// the CPU caches and runs faster per byte for that reason alone (a 1.2 MB
/// base measured 0.22 ns/byte against 0.32 at 120 MB).
const SCALING_BASE: usize = CORPUS_RECORDS;

/// Parses a corpus strictly and counts the records.
fn count_records(text: &str) -> usize {
    jibing::records(text).filter(|r| r.is_ok()).count()
}

/// Parses a corpus strictly and reads every item of every list (lists are
/// split only when read, so `count_records` never splits them).
fn count_list_items(text: &str) -> usize {
    jibing::records(text)
        .filter_map(Result::ok)
        .map(|parsed| {
            Label::ALL
                .iter()
                .filter_map(|&label| parsed.record.list(label))
                .map(|list| list.iter().count())
                .sum::<usize>()
        })
        .sum()
}

/// Reads a corpus through the streaming reader and counts the records.
fn count_read(bytes: &[u8]) -> usize {
    ParseOptions::new()
        .reader(bytes)
        .filter(|r| r.is_ok())
        .count()
}

/// Reads a source through the streaming reader's lending `read_record`
/// (records borrow the source's or the reader's buffer, nothing is made
/// owned) and counts the records.
fn count_lent(source: impl std::io::BufRead) -> usize {
    let mut reader = ParseOptions::new().reader(source);
    let mut count = 0;
    while let Some(result) = reader.read_record() {
        count += usize::from(result.is_ok());
    }
    count
}

/// Reads a corpus through the streaming reader into a `Vec` of owned
/// records, as a program that keeps them does, and counts them.
fn collect_read(bytes: &[u8]) -> usize {
    let records: Vec<OwnedRecord> = ParseOptions::new()
        .reader(bytes)
        .collect::<Result<_, _>>()
        .expect("the generated corpus is valid");
    records.len()
}

/// The lending reader over the corpus bytes.
fn count_read_borrowed(bytes: &[u8]) -> usize {
    count_lent(bytes)
}

/// The lending reader over a `BufReader` of 64 KiB, as for a file: records
/// often straddle the end of its buffer, so both the borrowed fast path and
/// the copying slow path are measured.
fn count_read_bufreader(bytes: &[u8]) -> usize {
    count_lent(std::io::BufReader::with_capacity(64 * 1024, bytes))
}

fn record(c: &mut Criterion) {
    let mut group = c.benchmark_group("record");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("strict", |b| {
        b.iter(|| jibing::parse(black_box(SEED)).map(|r| r.drugs.map(|d| d.len())))
    });
    group.bench_function("lenient", |b| {
        b.iter(|| jibing::parse_lenient(black_box(SEED)).map(|p| p.warnings.len()))
    });
    group.finish();
}

/// The seed's `药品` value: the line's value after the separator, trailing
/// whitespace removed.
fn seed_drugs() -> &'static str {
    SEED.lines()
        .find_map(|line| line.strip_prefix("药品"))
        .map(|value| value.trim_matches([' ', '\t', '\u{a0}', '\u{3000}']))
        .expect("the seed has a 药品 line")
}

/// Drug values alone, without the line and record layers: the seed's value
/// and that value repeated (space separated) to at least 1 MB.
fn drugs(c: &mut Criterion) {
    let seed = seed_drugs();
    let mut big = String::with_capacity((1 << 20) + seed.len() + 1);
    while big.len() < 1 << 20 {
        if !big.is_empty() {
            big.push(' ');
        }
        big.push_str(seed);
    }
    let tuples = |value: &str| jibing::drugs::parse_drugs(value).map_or(0, |d| d.len());
    assert!(tuples(seed) > 0);
    assert_eq!(
        tuples(&big),
        tuples(seed) * (big.len() + 1) / (seed.len() + 1)
    );

    let mut group = c.benchmark_group("drugs");
    for (name, value) in [("seed", seed), ("1mb", &big[..])] {
        group.throughput(Throughput::Bytes(value.len() as u64));
        group.bench_with_input(name, value, |b, v| b.iter(|| tuples(black_box(v))));
    }
    group.finish();
}

fn whole_corpus(c: &mut Criterion) {
    let text = corpus::corpus(CORPUS_RECORDS);
    assert!(text.len() >= 20 << 20, "corpus of {} bytes", text.len());
    let mut jsonl = String::with_capacity(text.len() * 2);
    for parsed in jibing::records(&text) {
        let record = parsed.expect("the generated corpus is valid");
        jsonl.push_str(&serde_json::to_string(&record.record).expect("serialisable"));
        jsonl.push('\n');
    }
    assert_eq!(count_records(&text), CORPUS_RECORDS);
    assert_eq!(count_read(text.as_bytes()), CORPUS_RECORDS);
    assert_eq!(collect_read(text.as_bytes()), CORPUS_RECORDS);
    assert_eq!(count_read_borrowed(text.as_bytes()), CORPUS_RECORDS);
    assert_eq!(count_read_bufreader(text.as_bytes()), CORPUS_RECORDS);
    assert_eq!(borrowed::count(&jsonl), CORPUS_RECORDS);

    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("jibing", |b| b.iter(|| count_records(black_box(&text))));
    // Not a goal: the same parse, then every list item read (what
    // `serde_json` builds for the lists up front).
    group.bench_function("jibing_items", |b| {
        b.iter(|| count_list_items(black_box(&text)))
    });
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("serde_json", |b| {
        b.iter(|| {
            serde_json::Deserializer::from_str(black_box(&jsonl))
                .into_iter::<Record>()
                .filter(|r| r.is_ok())
                .count()
        })
    });
    // serde_json's fastest reading of the same JSON Lines: every string
    // borrows from the JSON text unless it holds an escape.
    group.bench_function("serde_json_borrowed", |b| {
        b.iter(|| borrowed::count(black_box(&jsonl)))
    });
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("memchr_lines", |b| {
        b.iter(|| memchr::memchr_iter(b'\n', black_box(text.as_bytes())).count())
    });
    // Not a goal: strict parse plus `into_owned`, the part of the reader's
    // cost that comes from handing out owned records.
    group.bench_function("jibing_owned", |b| {
        b.iter(|| {
            jibing::records(black_box(&text))
                .filter_map(|r| r.ok().map(jibing::Parsed::into_owned))
                .count()
        })
    });
    group.bench_function("reader", |b| {
        b.iter(|| count_read(black_box(text.as_bytes())))
    });
    // Every record kept, as `serde_json` keeps each of its `Record`s.
    group.bench_function("reader_collect", |b| {
        b.iter(|| collect_read(black_box(text.as_bytes())))
    });
    group.bench_function("reader_borrowed", |b| {
        b.iter(|| count_read_borrowed(black_box(text.as_bytes())))
    });
    group.bench_function("reader_bufreader", |b| {
        b.iter(|| count_read_bufreader(black_box(text.as_bytes())))
    });
    // The corpus in GB18030 through the decoding reader; the throughput
    // stays that of the UTF-8 text, the same records, so that its time
    // compares with `reader`'s directly.
    #[cfg(feature = "encoding")]
    {
        let gb18030 = encoding_rs::GB18030.encode(&text).0.into_owned();
        assert_eq!(count_read_gb18030(&gb18030), CORPUS_RECORDS);
        group.bench_function("reader_gb18030", |b| {
            b.iter(|| count_read_gb18030(black_box(&gb18030)))
        });
    }
    group.finish();
}

/// Reads a GB18030 corpus through the decoding reader and counts the
/// records.
#[cfg(feature = "encoding")]
fn count_read_gb18030(bytes: &[u8]) -> usize {
    ParseOptions::new()
        .with_encoding(jibing::Encoding::Gb18030)
        .reader(bytes)
        .filter(|r| r.is_ok())
        .count()
}

/// Edits of the main corpus as a [`Document`]: `document/set` is one edit
/// (a `温馨提示` value of a record in the middle, set to one of two values
/// in turn, so every iteration edits the same document once), and
/// `document/set_1000` is 1,000 edits spread over it (every second record,
/// `温馨提示` set with `set` and `医保疾病` with `set_bool` in turn), each
/// iteration on a fresh copy of the document (made, and dropped, outside
/// the timed part). The document reads its structure before the timing
/// starts (`record_count`); the goal is `document/set_1000` below 3× the
/// time of `corpus/jibing`, one full parse of the same text.
fn document(c: &mut Criterion) {
    let text = corpus::corpus(CORPUS_RECORDS);
    let mut doc = Document::new(&text);
    assert_eq!(doc.record_count(), CORPUS_RECORDS);
    let edit = |doc: &mut Document<'_>, i: usize| {
        let record = (2 * i) % CORPUS_RECORDS;
        let done = if i % 2 == 0 {
            doc.set(record, Label::Tips, "注意休息，多喝水。")
        } else {
            doc.set_bool(record, Label::Insurance, i % 4 == 1)
        };
        done.expect("a valid edit");
    };
    {
        // The edits are valid, and the edited text reads as they say.
        let mut check = doc.clone();
        for i in 0..1_000 {
            edit(&mut check, i);
        }
        let edited: Vec<_> = jibing::records(check.as_str())
            .collect::<Result<_, _>>()
            .expect("valid");
        assert_eq!(edited.len(), CORPUS_RECORDS);
        assert_eq!(edited[2].record.insurance, Some(true));
        assert_eq!(edited[0].record.tips.as_deref(), Some("注意休息，多喝水。"));
    }

    let mut group = c.benchmark_group("document");
    group.sample_size(20);
    group.bench_function("set", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let value = if flip {
                "注意休息。"
            } else {
                "多喝水。"
            };
            doc.set(black_box(CORPUS_RECORDS / 2), Label::Tips, value)
        })
    });
    group.bench_function("set_1000", |b| {
        b.iter_batched(
            || doc.clone(),
            |mut doc| {
                for i in 0..1_000 {
                    edit(&mut doc, black_box(i));
                }
                doc
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let largest = corpus::corpus(SCALING_BASE * 100);
    // The first n records of the seeded stream: a prefix of the largest.
    let prefix = |records: usize| {
        let end = largest
            .match_indices("\n简介 ")
            .nth(records - 1)
            .map_or(largest.len(), |(at, _)| at + 1);
        &largest[..end]
    };
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    for (factor, text) in [
        ("1x", prefix(SCALING_BASE)),
        ("10x", prefix(SCALING_BASE * 10)),
        ("100x", &largest[..]),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("jibing", factor), text, |b, t| {
            b.iter(|| count_records(t))
        });
        group.bench_with_input(BenchmarkId::new("reader", factor), text, |b, t| {
            b.iter(|| count_read(t.as_bytes()))
        });
    }
    group.finish();
}

/// The adversarial inputs of the fuzz issue, each at a tenth of its size and
/// at full size, so time per byte can be compared.
fn adversarial(c: &mut Criterion) {
    let parens = |bytes: usize| format!("病因 {}\n", "（".repeat(bytes / 3));
    let drugs = |n: usize| format!("药品 {}\n", "['佐宁', '(盐酸乙哌立松片)'] ".repeat(n));
    let short_lines = |n: usize| "x\n".repeat(n);
    let long_line = |bytes: usize| {
        let mut g = corpus::Generator::default();
        let mut line = String::from("病因 某病病因");
        while line.len() < bytes {
            let mut record = String::new();
            g.record(&mut record);
            line.extend(record.chars().filter(|&c| c != '\n'));
        }
        line
    };
    let inputs = [
        ("causes_parens", "100KB", parens(100_000)),
        ("causes_parens", "1MB", parens(1_000_000)),
        ("drug_tuples", "10000", drugs(10_000)),
        ("drug_tuples", "100000", drugs(100_000)),
        ("short_lines", "100000", short_lines(100_000)),
        ("short_lines", "1000000", short_lines(1_000_000)),
        ("long_line", "1MB", long_line(1_000_000)),
        ("long_line", "10MB", long_line(10_000_000)),
    ];
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    let lenient = ParseOptions::new().lenient();
    for (name, size, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(*name, size), text, |b, t| {
            // Lenient, so that every line and fault is fully processed.
            b.iter(|| {
                lenient
                    .records(t)
                    .map(|r| r.map_or(0, |p| p.warnings.len()))
                    .sum::<usize>()
            })
        });
    }
    // Strict: the first unknown label ends the record, the other lines are
    // still read; no warning per line, so no allocation per line.
    for (size, text) in inputs
        .iter()
        .filter(|i| i.0 == "short_lines")
        .map(|i| (i.1, &i.2))
    {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("short_lines_strict", size),
            text,
            |b, t| b.iter(|| jibing::records(t).filter(|r| r.is_ok()).count()),
        );
    }
    group.finish();
}

/// Parses a corpus strictly, folds it into the knowledge graph and writes
/// the graph's CSV files to memory; the bytes written.
fn export_graph(text: &str) -> usize {
    let sink = CsvSink::in_memory().expect("memory takes the headers");
    let mut graph = GraphBuilder::new(sink);
    for parsed in jibing::records(text).flatten() {
        graph.add(&parsed.record).expect("memory takes every row");
    }
    let (sink, _) = graph.finish().expect("memory takes every row");
    let files = sink.into_inner().expect("memory flushes");
    files.iter().map(|(_, bytes)| bytes.len()).sum()
}

/// The knowledge-graph export of the main corpus, parse included; the
/// goal is at least half the speed of `corpus/jibing` (BENCHMARKS.md).
fn graph(c: &mut Criterion) {
    let text = corpus::corpus(CORPUS_RECORDS);
    let mut group = c.benchmark_group("graph");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("corpus", |b| b.iter(|| export_graph(black_box(&text))));
    group.finish();
}

/// `medical.json`: the main corpus written by `to_medical`, read into
/// typed records (`medical/corpus`) and by serde_json into borrowed
/// strings only (`medical/serde_json_borrowed`).
fn medical_corpus(c: &mut Criterion) {
    let text = corpus::corpus(CORPUS_RECORDS);
    let jsonl = medical::medical_json(&text);
    assert_eq!(medical::count_typed(&jsonl), CORPUS_RECORDS);
    assert_eq!(medical::count(&jsonl), CORPUS_RECORDS);
    let mut group = c.benchmark_group("medical");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(jsonl.len() as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| medical::count_typed(black_box(&jsonl)))
    });
    group.bench_function("serde_json_borrowed", |b| {
        b.iter(|| medical::count(black_box(&jsonl)))
    });
    group.finish();
}

criterion_group!(
    benches,
    record,
    drugs,
    whole_corpus,
    graph,
    document,
    scaling,
    adversarial,
    medical_corpus
);
criterion_main!(benches);
