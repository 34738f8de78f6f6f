//! The streaming `Reader`: the same records as `records()` however the bytes
//! arrive, invalid UTF-8 and oversized records as errors that end only their
//! own record, in both modes.

use std::io::{BufRead, BufReader, Read};

use proptest::prelude::*;

use jibing::{Diagnostic, ErrorKind, OwnedRecord, ParseOptions, Parsed, Position};

use crate::random::{proptest_config, random_corpus, Rng};
use crate::support;
use crate::support::lines::{oracle_records, position_of};

type Outcome = Result<Parsed<'static>, Diagnostic>;

fn from_records(input: &str, options: ParseOptions) -> Vec<Outcome> {
    options
        .records(input)
        .map(|r| {
            r.map(Parsed::into_owned)
                .map_err(|e| e.diagnostic().clone())
        })
        .collect()
}

fn from_reader<R: BufRead>(reader: R, options: ParseOptions) -> Vec<Outcome> {
    options
        .reader(reader)
        .map(|r| {
            r.map(OwnedRecord::into_parsed)
                .map_err(|e| e.diagnostic().clone())
        })
        .collect()
}

/// The reader's records through the lending `read_record`, each made owned
/// only after it was lent, so a comparison sees exactly what was borrowed.
fn from_lending<R: BufRead>(reader: R, options: ParseOptions) -> Vec<Outcome> {
    let mut reader = options.reader(reader);
    let mut out = Vec::new();
    while let Some(result) = reader.read_record() {
        out.push(
            result
                .map(Parsed::into_owned)
                .map_err(|e| e.diagnostic().clone()),
        );
    }
    // Exhausted stays exhausted.
    assert!(reader.read_record().is_none());
    out
}

/// A `BufRead` that hands out at most `chunk` bytes per `fill_buf`, and at
/// most `chunk` bytes per `read`, whatever the caller asks for.
struct Trickle<'a> {
    bytes: &'a [u8],
    chunk: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.chunk.min(out.len()).min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

impl BufRead for Trickle<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let n = self.chunk.min(self.bytes.len());
        Ok(&self.bytes[..n])
    }

    fn consume(&mut self, amount: usize) {
        self.bytes = &self.bytes[amount.min(self.bytes.len())..];
    }
}

/// The reader over `bytes` fed whole, through `BufReader`s of capacity 1 and
/// 7, and through 1-, 2-, 3- and 7-byte trickles: all the same.
/// The lending `read_record` gives the same outcomes in every one of these
/// ways too.
fn read_all_ways(bytes: &[u8], options: ParseOptions) -> Vec<Outcome> {
    let whole = from_reader(bytes, options);
    assert_eq!(from_lending(bytes, options), whole, "read_record, whole");
    for capacity in [1, 7] {
        let chunked = from_reader(BufReader::with_capacity(capacity, bytes), options);
        assert_eq!(chunked, whole, "BufReader capacity {capacity}");
        let lent = from_lending(BufReader::with_capacity(capacity, bytes), options);
        assert_eq!(lent, whole, "read_record, BufReader capacity {capacity}");
    }
    for chunk in [1, 2, 3, 7] {
        let trickled = from_reader(Trickle { bytes, chunk }, options);
        assert_eq!(trickled, whole, "trickle of {chunk}");
        let lent = from_lending(Trickle { bytes, chunk }, options);
        assert_eq!(lent, whole, "read_record, trickle of {chunk}");
    }
    whole
}

fn corpora() -> Vec<String> {
    let seed = include_str!("../fixtures/000_c5ae55a5813883a5.txt");
    let seed_body = seed.trim_end_matches([' ', '\n']);
    vec![
        seed.to_owned(),
        format!("{seed}\n{seed}"),
        format!("{seed_body}\n{seed_body}\n"),
        "简介 甲\n\n简介 乙\n\n\n\n简介 丙\n".to_owned(),
        "简介 甲\n \n简介 乙\n\t\n简介 丙\n\u{a0}\n简介 丁\n\u{3000}\n简介 戊".to_owned(),
        "\u{feff}简介 甲\r\n症状 咳嗽 发热\r\n\r\n简介 乙\r\n医保疾病 是\r\n".to_owned(),
        "医保疾病 否\n简介 甲\n\u{3000}简介\u{a0}乙\n简介\n医保疾病 是".to_owned(),
        "简介 甲\n简介 乙\n简介 丙\n".to_owned(),
        "简介 甲\n\n简介 乙\n别名 x\n症状 咳嗽\n\n简介 丙\n医保疾病 也许\n".to_owned(),
        "简介 甲\n别名 x\n简介 乙\n药品 ['a' 'b']\n简介 丙\n".to_owned(),
        "症状 咳嗽\n\n医保疾病 是\n检查 血常规\n \n".to_owned(),
        "\u{feff}\n\n简介 甲\n\n".to_owned(),
        "简介 甲\n简介x 乙\n简 丙\n".to_owned(),
        "简介\n简介\n简介\r\n简介 \r\n".to_owned(),
        String::new(),
        "\n \n".to_owned(),
    ]
}

#[test]
fn reader_agrees_with_records_strict() {
    for corpus in corpora() {
        let expected = from_records(&corpus, ParseOptions::new());
        let got = read_all_ways(corpus.as_bytes(), ParseOptions::new());
        assert_eq!(got, expected, "corpus {corpus:?}");
    }
}

#[test]
fn reader_agrees_with_records_lenient() {
    let options = ParseOptions::new().lenient();
    for corpus in corpora() {
        let expected = from_records(&corpus, options);
        let got = read_all_ways(corpus.as_bytes(), options);
        assert_eq!(got, expected, "corpus {corpus:?}");
    }
}

#[test]
fn reader_record_counts_follow_the_contract() {
    let counts: Vec<usize> = corpora()
        .iter()
        .map(|c| ParseOptions::new().reader(c.as_bytes()).count())
        .collect();
    assert_eq!(counts, [1, 2, 2, 3, 5, 2, 3, 3, 3, 3, 2, 1, 1, 4, 0, 0]);
}

#[test]
fn strict_fault_before_a_summary_does_not_swallow_the_glued_record() {
    let corpus = "别名 x\n简介 甲\n简介 乙\n症状 咳嗽\n";
    let got = read_all_ways(corpus.as_bytes(), ParseOptions::new());
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[0].as_ref().map_err(|d| d.kind.clone()).err(),
        Some(ErrorKind::UnknownLabel)
    );
    let second = got[1].as_ref().expect("record 2 is fine");
    assert_eq!(second.record.summary.as_deref(), Some("乙"));
    assert_eq!(got, from_records(corpus, ParseOptions::new()));
}

// ---- invalid UTF-8 ------------------------------------------------------------

fn invalid_utf8_corpus() -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend_from_slice("\u{feff}简介 甲\n\n简介 乙\n症状 咳".as_bytes());
    bytes.push(0xff);
    bytes.extend_from_slice("嗽\n\n简介 丙\n".as_bytes());
    bytes
}

fn utf8_error(line: usize, column: usize, offset: usize) -> Diagnostic {
    Diagnostic {
        kind: ErrorKind::InvalidUtf8,
        position: Position {
            line,
            column,
            offset,
        },
        label: None,
    }
}

#[test]
fn invalid_utf8_is_an_error_at_the_bad_byte_and_reading_goes_on() {
    // BOM 3 + 11 + 1 + 11 = 26 for line 4; "症状 咳" is 4 characters, 10 bytes.
    let bytes = invalid_utf8_corpus();
    for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
        let got = read_all_ways(&bytes, options);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(
            got[0].as_ref().map(|p| p.record.summary.as_deref()),
            Ok(Some("甲"))
        );
        assert_eq!(got[1], Err(utf8_error(4, 5, 36)));
        assert_eq!(
            got[2].as_ref().map(|p| p.record.summary.as_deref()),
            Ok(Some("丙"))
        );
    }
}

#[test]
fn invalid_utf8_in_a_label_and_a_truncated_sequence() {
    // A cut-off 3-byte sequence at the start of line 2 (offset 11).
    let mut bytes = "简介 甲\n".as_bytes().to_vec();
    bytes.extend_from_slice(&"症".as_bytes()[..2]);
    bytes.extend_from_slice(" 咳嗽\n简介 乙\n".as_bytes());
    let got = read_all_ways(&bytes, ParseOptions::new());
    // 简介 乙 is glued after a record that has a 简介: a record of its own.
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], Err(utf8_error(2, 1, 11)));
    assert_eq!(
        got[1].as_ref().map(|p| p.record.summary.as_deref()),
        Ok(Some("乙"))
    );
}

#[test]
fn invalid_utf8_position_with_crlf() {
    // Line 3 starts at 12 + 15 = 27; "检查 " is 3 characters, 7 bytes.
    let mut bytes = "简介 甲\r\n症状 咳嗽\r\n检查 ".as_bytes().to_vec();
    bytes.push(0xc3);
    bytes.extend_from_slice(b"(\r\n");
    let got = read_all_ways(&bytes, ParseOptions::new());
    assert_eq!(got, vec![Err(utf8_error(3, 4, 34))]);
}

// ---- record size limit --------------------------------------------------------

fn too_large(line: usize, offset: usize, limit: usize) -> Diagnostic {
    Diagnostic {
        kind: ErrorKind::RecordTooLarge { limit },
        position: Position {
            line,
            column: 1,
            offset,
        },
        label: None,
    }
}

fn summary_of(outcome: &Outcome) -> Option<&str> {
    outcome
        .as_ref()
        .ok()
        .and_then(|p| p.record.summary.as_deref())
}

#[test]
fn oversized_record_is_an_error_and_the_others_are_fine() {
    let big = "咳嗽 ".repeat(20);
    let corpus = format!("简介 甲\n\n简介 乙\n症状 {big}\n\n简介 丙\n");
    for options in [
        ParseOptions::new().with_max_record_size(40),
        ParseOptions::new().lenient().with_max_record_size(40),
    ] {
        let got = read_all_ways(corpus.as_bytes(), options);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(summary_of(&got[0]), Some("甲"));
        assert_eq!(got[1], Err(too_large(3, 12, 40)));
        assert_eq!(summary_of(&got[2]), Some("丙"));
        assert_eq!(got, from_records(&corpus, options));
    }
}

#[test]
fn glued_record_after_an_oversized_one_is_not_lost() {
    let big = "咳嗽 ".repeat(20);
    let corpus = format!("简介 乙\n症状 {big}\n简介 丙\n症状 发热\n");
    let options = ParseOptions::new().with_max_record_size(40);
    let got = read_all_ways(corpus.as_bytes(), options);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], Err(too_large(1, 0, 40)));
    assert_eq!(summary_of(&got[1]), Some("丙"));
    assert_eq!(got, from_records(&corpus, options));
}

#[test]
fn glued_record_after_an_oversized_one_whose_summary_comes_late() {
    // The record is already over the limit when its 简介 comes; the next
    // 简介 still starts a new record.
    let big = "咳嗽 ".repeat(20);
    let corpus = format!("医保疾病 否\n症状 {big}\n简介 乙\n简介 丙\n症状 发热\n");
    let options = ParseOptions::new().with_max_record_size(40);
    let expected_second = Some("丙");
    let got = read_all_ways(corpus.as_bytes(), options);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], Err(too_large(1, 0, 40)));
    assert_eq!(summary_of(&got[1]), expected_second);
    assert_eq!(got, from_records(&corpus, options));
}

#[test]
fn oversized_single_line_longer_than_the_limit() {
    // One huge line (more than the limit on its own), then a normal record.
    let big = "x".repeat(1000);
    let corpus = format!("简介 {big}\n简介 乙\n\n简介 丙\n");
    let options = ParseOptions::new().with_max_record_size(64);
    let got = read_all_ways(corpus.as_bytes(), options);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0], Err(too_large(1, 0, 64)));
    assert_eq!(summary_of(&got[1]), Some("乙"));
    assert_eq!(summary_of(&got[2]), Some("丙"));
    assert_eq!(got, from_records(&corpus, options));
}

#[test]
fn record_of_exactly_the_limit_is_fine() {
    // "简介 甲\n" is 11 bytes, "症状 咳嗽\n" 14: 25 in all.
    let corpus = "简介 甲\n症状 咳嗽\n\n简介 乙\n";
    let ok = ParseOptions::new().with_max_record_size(25);
    let got = read_all_ways(corpus.as_bytes(), ok);
    assert!(got.iter().all(Result::is_ok), "{got:?}");
    assert_eq!(got, from_records(corpus, ok));

    let tight = ParseOptions::new().with_max_record_size(24);
    let got = read_all_ways(corpus.as_bytes(), tight);
    assert_eq!(got[0], Err(too_large(1, 0, 24)));
    assert_eq!(summary_of(&got[1]), Some("乙"));
    assert_eq!(got, from_records(corpus, tight));
}

#[test]
fn size_limit_applies_to_single_record_parse_in_both_modes() {
    let input = format!("简介 {}\n", "甲".repeat(50));
    for options in [
        ParseOptions::new().with_max_record_size(16),
        ParseOptions::new().lenient().with_max_record_size(16),
    ] {
        let err = options.parse(&input).expect_err("too large");
        assert_eq!(err.kind(), &ErrorKind::RecordTooLarge { limit: 16 });
        assert_eq!(err.line(), 1);
    }
}

#[test]
fn reader_skips_a_bom_only_at_the_start() {
    let got = read_all_ways("\u{feff}简介 甲\n".as_bytes(), ParseOptions::new());
    assert_eq!(got.len(), 1);
    assert_eq!(summary_of(&got[0]), Some("甲"));
    // A fault on line 1: offset counts the BOM, column does not.
    let got = read_all_ways("\u{feff}别名 甲\n".as_bytes(), ParseOptions::new());
    assert_eq!(
        got,
        vec![Err(Diagnostic {
            kind: ErrorKind::UnknownLabel,
            position: Position {
                line: 1,
                column: 1,
                offset: 3
            },
            label: Some("别名".into()),
        })]
    );
}

// ---- random corpora, random chunking -----------------------------------------------

#[test]
fn random_corpora_read_the_same_as_records() {
    for seed in 0..1500 {
        let mut rng = Rng::new(seed);
        let corpus = random_corpus(&mut rng);
        let chunk = 1 + rng.below(9);
        let limit = [8, 16, 24, 40, 1 << 20][rng.below(5)];
        for options in [
            ParseOptions::new(),
            ParseOptions::new().lenient(),
            ParseOptions::new().with_max_record_size(limit),
            ParseOptions::new().lenient().with_max_record_size(limit),
        ] {
            let expected = from_records(&corpus, options);
            let got = from_reader(
                Trickle {
                    bytes: corpus.as_bytes(),
                    chunk,
                },
                options,
            );
            assert_eq!(
                got, expected,
                "seed {seed}, chunk {chunk}, {options:?}, corpus {corpus:?}"
            );
            let lent = from_lending(
                Trickle {
                    bytes: corpus.as_bytes(),
                    chunk,
                },
                options,
            );
            assert_eq!(lent, expected, "read_record: seed {seed}, chunk {chunk}");
        }
    }
}

/// Gives `good` and then fails.
struct Failing<'a> {
    good: &'a [u8],
}

impl Read for Failing<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.good.is_empty() {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = out.len().min(self.good.len());
        out[..n].copy_from_slice(&self.good[..n]);
        self.good = &self.good[n..];
        Ok(n)
    }
}

#[test]
fn io_error_is_reported_and_ends_the_iteration() {
    let source = BufReader::with_capacity(
        4,
        Failing {
            good: "简介 甲\n\n简介 乙\n".as_bytes(),
        },
    );
    let got: Vec<_> = ParseOptions::new().reader(source).collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        got[0]
            .as_ref()
            .ok()
            .and_then(|p| p.get().summary.as_deref()),
        Some("甲")
    );
    let err = got[1].as_ref().expect_err("I/O error");
    assert!(
        matches!(err.kind(), ErrorKind::Io { message } if message.contains("disk on fire")),
        "{err:?}"
    );
}

#[test]
fn partial_bom_is_not_skipped() {
    // EF BB then not BF: not a BOM, and not UTF-8 either.
    let mut bytes = vec![0xef, 0xbb];
    bytes.extend_from_slice("简介 甲\n\n简介 乙\n".as_bytes());
    let got = read_all_ways(&bytes, ParseOptions::new());
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], Err(utf8_error(1, 1, 0)));
    assert_eq!(summary_of(&got[1]), Some("乙"));
}

#[test]
fn random_corpora_with_one_invalid_byte() {
    let mut checked = 0;
    for seed in 0..1500 {
        let mut rng = Rng::new(seed ^ 0xdead_beef);
        let corpus = random_corpus(&mut rng);
        let boundaries: Vec<usize> = corpus
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= corpus.len().min(3) || !corpus.starts_with('\u{feff}'))
            .collect();
        if boundaries.is_empty() {
            continue;
        }
        let at = boundaries[rng.below(boundaries.len())];
        // The same corpus with a harmless ASCII letter where the bad byte goes.
        let marked = format!("{}Z{}", &corpus[..at], &corpus[at..]);
        let mut bytes = marked.clone().into_bytes();
        bytes[at] = 0xff;
        let z = position_of(&marked, at);
        let records = oracle_records(&marked);
        let index = records
            .iter()
            .position(|r| r.iter().any(|l| l.line == z.line))
            .expect("the marked line is in a record");
        let chunk = 1 + rng.below(9);
        for options in [
            ParseOptions::new(),
            ParseOptions::new().lenient(),
            ParseOptions::new().with_max_record_size(24),
        ] {
            let mut expected = from_records(&marked, options);
            assert_eq!(expected.len(), records.len(), "{marked:?}");
            let too_large = matches!(
                &expected[index],
                Err(d) if matches!(d.kind, ErrorKind::RecordTooLarge { .. })
            );
            if !too_large {
                expected[index] = Err(Diagnostic {
                    kind: ErrorKind::InvalidUtf8,
                    position: z,
                    label: None,
                });
            }
            let got = from_reader(
                Trickle {
                    bytes: &bytes,
                    chunk,
                },
                options,
            );
            assert_eq!(got, expected, "seed {seed}, {options:?}, bytes {bytes:?}");
            checked += 1;
        }
    }
    assert!(checked > 3000);
}

// ---- the lending API ------------------------------------------------------------

#[test]
fn lending_io_error_is_reported_and_ends_reading() {
    let source = BufReader::with_capacity(
        4,
        Failing {
            good: "简介 甲\n\n简介 乙\n".as_bytes(),
        },
    );
    let mut reader = ParseOptions::new().reader(source);
    let first = reader.read_record().expect("a record").expect("fine");
    assert_eq!(first.record.summary.as_deref(), Some("甲"));
    let err = reader.read_record().expect("an error").expect_err("I/O");
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err:?}");
    assert!(reader.read_record().is_none());
}

#[test]
fn lending_and_owned_calls_can_be_mixed() {
    // Glued records, an oversized one, invalid UTF-8, a 1-byte BufReader:
    // switching between `read_record` and `next` loses nothing.
    let mut bytes = Vec::new();
    bytes.extend_from_slice("简介 甲\n症状 咳嗽\n简介 乙\n症状 ".as_bytes());
    bytes.extend_from_slice(&"发热".repeat(40).into_bytes());
    bytes.extend_from_slice("\n\n简介 丙\n症状 咳".as_bytes());
    bytes.push(0xff);
    bytes.extend_from_slice("\n简介 丁\n简介 戊\n".as_bytes());
    let options = ParseOptions::new().with_max_record_size(100);
    let expected = read_all_ways(&bytes, options);
    assert_eq!(expected.len(), 5, "{expected:?}");
    assert_eq!(
        expected[1].as_ref().map_err(|d| d.kind.clone()).err(),
        Some(ErrorKind::RecordTooLarge { limit: 100 })
    );
    assert_eq!(
        expected[2].as_ref().map_err(|d| d.kind.clone()).err(),
        Some(ErrorKind::InvalidUtf8)
    );
    for start_lending in [false, true] {
        let mut reader = options.reader(BufReader::with_capacity(1, &bytes[..]));
        let mut got = Vec::new();
        let mut lend = start_lending;
        loop {
            let outcome = if lend {
                reader.read_record().map(|r| r.map(Parsed::into_owned))
            } else {
                reader.next().map(|r| r.map(OwnedRecord::into_parsed))
            };
            let Some(outcome) = outcome else { break };
            got.push(outcome.map_err(|e| e.diagnostic().clone()));
            lend = !lend;
        }
        assert_eq!(got, expected, "starting with read_record: {start_lending}");
    }
}

#[test]
fn lent_records_borrow_without_copying() {
    let mut reader = ParseOptions::new().reader("简介 甲\n症状 咳嗽 发热\n".as_bytes());
    let parsed = reader.read_record().expect("a record").expect("fine");
    assert!(matches!(
        parsed.record.summary,
        Some(std::borrow::Cow::Borrowed("甲"))
    ));
    // A parsed list is its value as written, split when read.
    let symptoms = parsed.record.symptoms.expect("symptoms");
    assert_eq!(symptoms.as_written(), Some("咳嗽 发热"));
    assert_eq!(symptoms, ["咳嗽", "发热"]);
}

// ---- chunk boundaries: the copy-free and the copying paths ----------------------

/// A `BufRead` like a `BufReader` whose buffer ends at arbitrary places:
/// `fill_buf` hands out the next chunk, of the next size in `sizes` (in
/// turn), and the same chunk, less what was consumed, until it is used up.
struct Chunked<'a> {
    bytes: &'a [u8],
    sizes: &'a [usize],
    next: usize,
    available: usize,
}

impl<'a> Chunked<'a> {
    fn new(bytes: &'a [u8], sizes: &'a [usize]) -> Self {
        Chunked {
            bytes,
            sizes,
            next: 0,
            available: 0,
        }
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let chunk = self.fill_buf()?;
        let n = chunk.len().min(out.len());
        out[..n].copy_from_slice(&chunk[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Chunked<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.available == 0 {
            let size = self.sizes[self.next % self.sizes.len()];
            self.next += 1;
            self.available = size.min(self.bytes.len());
        }
        Ok(&self.bytes[..self.available])
    }

    fn consume(&mut self, amount: usize) {
        let n = amount.min(self.available);
        self.bytes = &self.bytes[n..];
        self.available -= n;
    }
}

/// Pieces of corpora that matter at chunk boundaries: glued and spaced
/// `简介` lines, blank lines of every whitespace, `\r\n` and lone `\r`, long
/// lines (over the small size limits), invalid and cut-off UTF-8.
const PIECES: &[&[u8]] = &[
    "简介 甲\n".as_bytes(),
    "简介\n".as_bytes(),
    "\u{3000}简介\u{a0}乙\r\n".as_bytes(),
    " 简介\t丙 \n".as_bytes(),
    "简介x 丁\n".as_bytes(),
    "简 戊\n".as_bytes(),
    "症状 咳嗽 发热\n".as_bytes(),
    "医保疾病 是\r\n".as_bytes(),
    "医保疾病 也许\n".as_bytes(),
    "别名 某\n".as_bytes(),
    "症状 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽 咳嗽\n".as_bytes(),
    "\n".as_bytes(),
    " \n".as_bytes(),
    "\u{a0}\n".as_bytes(),
    "\u{3000}\r\n".as_bytes(),
    "\t \u{3000}\u{a0}\n".as_bytes(),
    "\r".as_bytes(),
    "简".as_bytes(),
    b"\xff",
    b"\xe7\xae",
    "\u{feff}".as_bytes(),
];

fn corpus_bytes(pieces: &[usize], bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    for &piece in pieces {
        bytes.extend_from_slice(PIECES[piece % PIECES.len()]);
    }
    bytes
}

/// Reads `bytes` whole (`&[u8]`: the copy-free path for every record that
/// ends before the input does), through `Chunked` with `sizes`, through
/// `BufReader`s of a few capacities and through a trickle of the first size,
/// with the lending reader; all must agree, and with `records()` when the
/// bytes are UTF-8.
fn check_all_paths(bytes: &[u8], sizes: &[usize], options: ParseOptions) -> Result<(), String> {
    let whole = from_lending(bytes, options);
    let mut ways = vec![
        ("chunked", from_lending(Chunked::new(bytes, sizes), options)),
        (
            "owned, chunked",
            from_reader(Chunked::new(bytes, sizes), options),
        ),
        (
            "trickle",
            from_lending(
                Trickle {
                    bytes,
                    chunk: sizes[0],
                },
                options,
            ),
        ),
    ];
    for capacity in [1, 2, 3, 5, 16, 64, 1 << 16] {
        let source = BufReader::with_capacity(capacity, bytes);
        ways.push(("BufReader", from_lending(source, options)));
    }
    for (way, got) in ways {
        if got != whole {
            return Err(format!("{way} differs from whole: {got:?}\nvs {whole:?}"));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let expected = from_records(text, options);
        if whole != expected {
            return Err(format!(
                "reader differs from records(): {whole:?}\nvs {expected:?}"
            ));
        }
    }
    Ok(())
}

fn chunk_config() -> ProptestConfig {
    proptest_config(512, "proptest-regressions/reader.txt")
}

proptest! {
    #![proptest_config(chunk_config())]

    /// Any corpus of the pieces above, cut into chunks of any sizes, with a
    /// size limit from tiny to none: the same records and errors as the
    /// whole input, as `records()`, and as the fuzz target's own oracle.
    #[test]
    fn chunk_boundaries_do_not_change_records(
        pieces in prop::collection::vec(0..PIECES.len(), 0..40),
        bom in any::<bool>(),
        sizes in prop::collection::vec(1usize..=17, 1..6),
        limit in prop::sample::select(vec![0usize, 8, 16, 24, 40, 64, usize::MAX]),
        lenient in any::<bool>(),
    ) {
        let bytes = corpus_bytes(&pieces, bom);
        let mut options = ParseOptions::new().with_max_record_size(limit);
        if lenient {
            options = options.lenient();
        }
        check_all_paths(&bytes, &sizes, options).map_err(TestCaseError::fail)?;
        // The fuzz target's oracle splits records independently of the
        // crate and also covers invalid UTF-8; it reads through a
        // `BufReader` of the first size, with a limit of its own (16 to 300
        // bytes) derived from `b1`.
        let b0 = (sizes[0] as u8 - 1) | if lenient { 0x40 } else { 0 };
        let b1 = if limit == usize::MAX { 0 } else { 0x80 | (limit.min(127) as u8) };
        let mut data = vec![b0, b1];
        data.extend_from_slice(&bytes);
        support::check_reader(&data);
    }
}

#[test]
fn the_fixed_corpora_read_the_same_in_chunks_of_every_size() {
    let mut corpora: Vec<Vec<u8>> = corpora().into_iter().map(String::into_bytes).collect();
    corpora.push(invalid_utf8_corpus());
    let big = "咳嗽 ".repeat(20);
    corpora.push(format!("简介 乙\n症状 {big}\n简介 丙\n症状 发热\n").into_bytes());
    corpora.push(format!("医保疾病 否\n症状 {big}\n简介 乙\n简介 丙\n").into_bytes());
    for bytes in &corpora {
        for size in 1..=24 {
            for options in [
                ParseOptions::new(),
                ParseOptions::new().lenient().with_max_record_size(40),
            ] {
                let result = check_all_paths(bytes, &[size, size + 3, 1], options);
                assert_eq!(
                    result,
                    Ok(()),
                    "chunk {size}, {options:?}, corpus {bytes:?}"
                );
            }
        }
    }
}

/// Whether `text` lies inside `bytes`.
fn points_into(text: &str, bytes: &[u8]) -> bool {
    let range = bytes.as_ptr_range();
    range.contains(&text.as_ptr()) && text.len() <= range.end as usize - text.as_ptr() as usize
}

#[test]
fn records_that_fit_borrow_the_sources_buffer() {
    let input = "简介 甲\n症状 咳嗽\n\n简介 乙\n简介 丙\n".as_bytes();
    let mut reader = ParseOptions::new().reader(input);
    // Ended by a blank line and by a glued 简介 inside the buffer: borrowed
    // from the input itself.
    for summary in ["甲", "乙"] {
        let parsed = reader.read_record().expect("a record").expect("fine");
        let got = parsed.record.summary.as_deref().expect("a summary");
        assert_eq!(got, summary);
        assert!(points_into(got, input), "{summary} was copied");
    }
    // The last record ends with the input, which the reader only learns by
    // consuming it: copied.
    let parsed = reader.read_record().expect("a record").expect("fine");
    let got = parsed.record.summary.as_deref().expect("a summary");
    assert_eq!(got, "丙");
    assert!(!points_into(got, input));
    assert!(reader.read_record().is_none());
}

// ---- lines that straddle chunks, records of many lines ------------------------------

/// Lines whose class is decided after a long run of leading whitespace
/// (longer than any chunk, and than the size limit): the reader keeps only
/// a few bytes of such a line, and must still read it as `records()` does.
#[test]
fn long_leading_whitespace_is_classified_at_the_line_end() {
    let spaces = " ".repeat(50_000);
    let ideographic = "\u{3000}".repeat(20_000);
    let corpora = [
        // A glued `简介` after 50 000 spaces starts a record.
        format!("简介 甲\n{spaces}简介 乙\n症状 咳嗽\n"),
        // A blank line of 60 000 bytes ends one.
        format!("简介 甲\n{ideographic}\r\n症状 咳嗽\n"),
        format!("简介 甲\n{ideographic}{spaces}\r"),
        // Not `简介`, whatever follows the whitespace.
        format!("简介 甲\n{ideographic}简介x 乙\n{spaces}简\n"),
        format!("简介 甲\n{spaces}\u{3000}\u{a0}\t简介\r\n"),
        format!("{ideographic}\n\n{spaces}医保疾病 也许\n"),
    ];
    for corpus in &corpora {
        for options in [
            ParseOptions::new(),
            ParseOptions::new().lenient(),
            ParseOptions::new().with_max_record_size(64),
        ] {
            let expected = from_records(corpus, options);
            assert!(!expected.is_empty());
            let got = read_all_ways(corpus.as_bytes(), options);
            assert_eq!(
                got,
                expected,
                "{options:?}, corpus of {} bytes",
                corpus.len()
            );
        }
    }
}

/// A record of more lines than the reader keeps the splits of: the lines
/// after them are read again by the parser, with the same positions.
#[test]
fn records_of_many_lines_read_the_same() {
    let mut corpus = String::from("简介 甲\n");
    for i in 0..600 {
        corpus.push_str(&format!("别名{i} 值{i}  \n"));
        if i == 400 {
            corpus.push_str("医保疾病 也许\n");
        }
    }
    corpus.push_str("简介 乙\n医保疾病 是\n\n简介 丙\n");
    for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
        let expected = from_records(&corpus, options);
        assert_eq!(expected.len(), 3);
        let got = read_all_ways(corpus.as_bytes(), options);
        assert_eq!(got, expected, "{options:?}");
        for chunk in [64, 1000, 4096] {
            let got = from_lending(BufReader::with_capacity(chunk, corpus.as_bytes()), options);
            assert_eq!(got, expected, "{options:?}, BufReader of {chunk}");
        }
    }
    let lenient = from_records(&corpus, ParseOptions::new().lenient());
    let warnings = &lenient[0].as_ref().expect("lenient").warnings;
    assert_eq!(warnings.len(), 601);
    assert_eq!(warnings[401].position.line, 403);
}
