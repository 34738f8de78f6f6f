//! Allocations of the streaming reader, counted by a global allocator (so
//! in a test binary of their own): the owned iterator copies each record's
//! text once instead of each of its strings, and the lending `read_record`
//! allocates nothing per field. Strings the format changes (unescaped drug
//! strings) are allocations on every path, and counted apart.

use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::cell::Cell;
use std::io::{BufRead, BufReader};

use jibing::{OwnedRecord, ParseOptions, Parsed, Reader, Record};

#[path = "../benches/corpus/mod.rs"]
mod corpus;

/// The system allocator, counting the allocations (and reallocations) of
/// the threads that turned counting on.
struct Counting;

thread_local! {
    static COUNT: Cell<Option<usize>> = const { Cell::new(None) };
}

fn count_one() {
    let _ = COUNT.try_with(|count| count.set(count.get().map(|n| n + 1)));
}

// SAFETY: every call is passed on to `System` unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// What `f` returns and the allocations it made on this thread.
fn counted<T>(f: impl FnOnce() -> T) -> (T, usize) {
    COUNT.with(|count| count.set(Some(0)));
    let value = f();
    let n = COUNT.with(|count| count.replace(None)).unwrap_or(0);
    (value, n)
}

const SEED: &str = include_str!("fixtures/000_c5ae55a5813883a5.txt");

/// The corpora: the seed record 50 times, and 300 generated records.
fn corpora() -> [(&'static str, String); 2] {
    let seeds = vec![SEED; 50].join("\n");
    [("seed", seeds), ("generated", corpus::corpus(300))]
}

/// How records are read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum How {
    /// The owned iterator, each record kept.
    Owned,
    /// The lending `read_record`, each record dropped before the next.
    Lent,
    /// `read_record` and `Parsed::into_owned`, each record kept: the
    /// iterator before `OwnedRecord`.
    IntoOwned,
}

/// The strings of `record` that are not in its text (unescaped drug
/// strings), each an allocation on every path.
fn changed(record: &Record<'_>) -> usize {
    let drugs = record.drugs.iter().flatten();
    let parts = drugs.flat_map(|d| [&d.brand, &d.product, &d.generic]);
    parts
        .filter(|part| matches!(part, Some(Cow::Owned(_))))
        .count()
}

/// Per record read from `reader` as `how` says: its allocations and
/// [`changed`] strings.
fn read_all<R: BufRead>(mut reader: Reader<R>, how: How) -> Vec<(usize, usize)> {
    let mut owned: Vec<OwnedRecord> = Vec::with_capacity(4096);
    let mut parsed: Vec<Parsed<'static>> = Vec::with_capacity(4096);
    let mut counts = Vec::new();
    loop {
        let mut strings = 0;
        let (more, n) = counted(|| match how {
            How::Owned => reader.next().map(|r| owned.push(r.expect("valid"))),
            How::Lent => reader
                .read_record()
                .map(|r| strings = changed(&r.expect("valid").record)),
            How::IntoOwned => reader
                .read_record()
                .map(|r| parsed.push(r.expect("valid").into_owned())),
        });
        if more.is_none() {
            break;
        }
        strings += owned.last().map_or(0, |r| changed(r.get()));
        counts.push((n, strings));
    }
    assert!(owned.len() + parsed.len() <= 4096, "more records than room");
    counts
}

/// The sources: the slice, and `BufReader`s of 64 KiB and of 4 KiB (made
/// before counting), where records straddle the end of its buffer and are
/// copied into the reader's first.
const SOURCES: [Option<usize>; 3] = [None, Some(64 << 10), Some(4 << 10)];

/// [`read_all`] of `input` from `source`.
fn read_from(input: &str, source: Option<usize>, how: How) -> Vec<(usize, usize)> {
    let options = ParseOptions::new();
    let bytes = input.as_bytes();
    match source {
        None => read_all(options.reader(bytes), how),
        Some(capacity) => read_all(
            options.reader(BufReader::with_capacity(capacity, bytes)),
            how,
        ),
    }
}

/// The allocations per record, less the [`changed`] strings.
fn mean(counts: &[(usize, usize)]) -> f64 {
    let made: usize = counts.iter().map(|&(n, strings)| n - strings).sum();
    made as f64 / counts.len() as f64
}

#[test]
fn owned_records_cost_at_most_four_allocations_each() {
    for (name, input) in corpora() {
        for source in SOURCES {
            let owned = read_from(&input, source, How::Owned);
            let lent = read_from(&input, source, How::Lent);
            assert_eq!(owned.len(), lent.len());
            let what = format!("{name} corpus from {source:?}");
            // The text's copy, the causes' and the drugs' vectors and the
            // reader's buffer, which grows only at first.
            assert!(mean(&owned) <= 4.0, "{what}: {}", mean(&owned));
            // Nothing per field when lent.
            assert!(mean(&lent) <= 3.0, "{what}: {}", mean(&lent));
            if source.is_none() {
                // From a slice, the owned record's one extra is its text.
                let extra: Vec<_> = owned.iter().zip(&lent).map(|(o, l)| o.0 - l.0).collect();
                assert_eq!(extra, vec![1; owned.len()], "{what}");
            }
        }
    }
}

#[test]
fn the_count_sees_each_string_made_owned() {
    for (name, input) in corpora() {
        let per_string = read_from(&input, None, How::IntoOwned);
        assert!(mean(&per_string) > 40.0, "{name}: {}", mean(&per_string));
    }
}
