//! The API around the parsers: `from_slice`/`parse_slice` (UTF-8 checked,
//! placed as the streaming reader places it), the `Reader`'s constructors,
//! accessors and `position()`, fused iterators, and the serde form and
//! thread-safety of `derived::lint`'s results.

use std::io::{self, BufRead, BufReader, Read};

use jibing::derived::{lint, FieldPositions, Finding, FindingKind, LintRecords, Linted};
use jibing::{ErrorKind, Label, OwnedRecord, ParseOptions, Parsed, Position, Reader, Records};

use crate::random::{random_corpus, Rng};
use crate::support::chars::is_ws;
use crate::support::lines::{position_of, split_lines, split_records};

/// What a parse gave, comparable.
type Outcome = Result<Parsed<'static>, jibing::Diagnostic>;

fn outcome(result: Result<Parsed<'_>, jibing::Error>) -> Outcome {
    result
        .map(Parsed::into_owned)
        .map_err(|e| e.diagnostic().clone())
}

// ---- from_slice / parse_slice ----------------------------------------------------

#[test]
fn from_slice_reads_text_as_parse_does() {
    let inputs = [
        "",
        "简介 某病\n医保疾病 是\n",
        "\u{feff}简介 某病\r\n别名 某某\r\n",
        "\u{feff}\u{feff}简介 某病\n",
        "简介 甲\n\n简介 乙\n",
        "简介 某病\n医保疾病 也许\n",
    ];
    for input in inputs {
        for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
            assert_eq!(
                outcome(options.parse_slice(input.as_bytes())),
                outcome(options.parse(input)),
                "{input:?} {options:?}"
            );
        }
        assert_eq!(
            jibing::from_slice(input.as_bytes()).map_err(|e| e.diagnostic().clone()),
            jibing::parse(input).map_err(|e| e.diagnostic().clone()),
        );
    }
}

#[test]
fn from_slice_borrows_from_its_input() {
    let bytes = "简介 某病\n".as_bytes();
    let record = jibing::from_slice(bytes).unwrap();
    let summary = record.summary.as_deref().unwrap();
    assert!(bytes.as_ptr_range().contains(&summary.as_ptr()));
}

#[test]
fn invalid_utf8_is_an_error_in_both_modes_before_other_faults() {
    // A strict fault on line 1, an oversized record, and a bad byte on
    // line 3: UTF-8 is checked first.
    let bytes = [
        "别名 某某\n\n".as_bytes(),
        "简介 ".as_bytes(),
        b"\xc0\xaf\n",
    ]
    .concat();
    for options in [
        ParseOptions::new(),
        ParseOptions::new().lenient(),
        ParseOptions::new().with_max_record_size(1),
    ] {
        let err = options.parse_slice(&bytes).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
        assert_eq!(
            err.position(),
            Position {
                line: 3,
                column: 4,
                offset: 22
            }
        );
        assert_eq!(err.label(), None);
    }
}

/// The first `InvalidUtf8` error the streaming reader gives on `bytes`.
fn reader_utf8_error(bytes: &[u8], capacity: usize) -> Option<jibing::Diagnostic> {
    let options = ParseOptions::new()
        .lenient()
        .with_max_record_size(usize::MAX);
    options
        .reader(BufReader::with_capacity(capacity, bytes))
        .filter_map(Result::err)
        .find(|e| e.kind() == &ErrorKind::InvalidUtf8)
        .map(|e| e.diagnostic().clone())
}

#[test]
fn from_slice_places_a_bad_byte_exactly_as_the_reader_does() {
    let mut checked = 0;
    for seed in 0..1500 {
        let mut rng = Rng::new(seed ^ 0x0051_17ce);
        let corpus = random_corpus(&mut rng);
        let boundaries: Vec<usize> = corpus.char_indices().map(|(i, _)| i).collect();
        if boundaries.is_empty() {
            continue;
        }
        let at = boundaries[rng.below(boundaries.len())];
        // A stray continuation byte, a lead byte without its continuation,
        // or a byte that is never UTF-8, where an ASCII `Z` would be.
        let bad: &[u8] = [&b"\x80"[..], b"\xe4\xbd", b"\xff"][rng.below(3)];
        let marked = format!("{}Z{}", &corpus[..at], &corpus[at..]);
        let bytes = [&corpus.as_bytes()[..at], bad, &corpus.as_bytes()[at..]].concat();
        let expected = position_of(&marked, at);
        for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
            let err = options.parse_slice(&bytes).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::InvalidUtf8, "{bytes:?}");
            assert_eq!(err.position(), expected, "seed {seed}: {bytes:?}");
        }
        let capacity = 1 + rng.below(40);
        let from_reader = reader_utf8_error(&bytes, capacity).expect("the reader finds it");
        assert_eq!(
            jibing::from_slice(&bytes).unwrap_err().diagnostic(),
            &from_reader,
            "seed {seed}: {bytes:?}"
        );
        checked += 1;
    }
    assert!(checked > 1000, "{checked}");
}

// ---- Reader: constructors and accessors -----------------------------------------

/// A `Read` that is not a `BufRead`, handing out a few bytes per call.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = out.len().min(self.step).min(self.bytes.len());
        out[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn all<R: BufRead>(reader: Reader<R>) -> Vec<Outcome> {
    reader
        .map(|r| {
            r.map(OwnedRecord::into_parsed)
                .map_err(|e| e.diagnostic().clone())
        })
        .collect()
}

const CORPUS: &str =
    "\u{feff}简介 甲病\n医保疾病 是\n\n \n简介 乙病\n别名 某某\n简介 丙病\r\n\r\n简介 丁病";

#[test]
fn constructors_read_the_same_records() {
    let bytes = CORPUS.as_bytes();
    for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
        let expected: Vec<Outcome> = options.records(CORPUS).map(outcome).collect();
        assert_eq!(expected.len(), 4);
        assert_eq!(all(options.reader(bytes)), expected);
        assert_eq!(all(Reader::with_options(bytes, options)), expected);
        let trickle = Trickle { bytes, step: 3 };
        assert_eq!(all(options.reader_from_read(trickle)), expected);

        let path = std::env::temp_dir().join(format!(
            "jibing-api-{}-{:?}.txt",
            std::process::id(),
            options.mode()
        ));
        std::fs::write(&path, bytes).unwrap();
        let from_file = all(options.reader_from_path(&path).unwrap());
        std::fs::remove_file(&path).unwrap();
        assert_eq!(from_file, expected);
    }
    let strict: Vec<Outcome> = jibing::records(CORPUS).map(outcome).collect();
    assert_eq!(all(Reader::new(bytes)), strict);
    assert_eq!(all(Reader::from_read(Trickle { bytes, step: 5 })), strict);
}

#[test]
fn from_path_reports_a_missing_file() {
    let path = std::env::temp_dir().join("jibing-api-no-such-dir/none.txt");
    let err = Reader::from_path(&path).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
    let err = ParseOptions::new().reader_from_path(&path).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
}

#[test]
fn from_read_buffers_a_quarter_mebibyte() {
    let reader = Reader::from_read(io::empty());
    assert_eq!(reader.get_ref().capacity(), 256 << 10);
    let reader = ParseOptions::new().reader_from_read(io::empty());
    assert_eq!(reader.get_ref().capacity(), 256 << 10);
}

/// Where each record after the first starts, by the oracle: the start of
/// its first line.
fn record_starts(input: &str) -> Vec<usize> {
    let lines = split_lines(input.as_bytes());
    split_records(&lines, true)
        .into_iter()
        .map(|record| lines[record.start].start)
        .collect()
}

/// `position()` before reading, after each record and at the end, for a reader over `bytes` through a
/// `BufReader` of `capacity` (`None`: the bytes as they are).
fn positions(bytes: &[u8], capacity: Option<usize>) -> Vec<Position> {
    fn walk<R: BufRead>(mut reader: Reader<R>) -> Vec<Position> {
        let mut out = vec![reader.position()];
        while let Some(result) = reader.read_record() {
            drop(result);
            out.push(reader.position());
        }
        // After the `None` that ends reading.
        out.push(reader.position());
        out
    }
    let options = ParseOptions::new().lenient();
    match capacity {
        None => walk(options.reader(bytes)),
        Some(capacity) => walk(options.reader(BufReader::with_capacity(capacity, bytes))),
    }
}

#[test]
fn position_is_where_the_next_record_begins() {
    let mut checked = 0;
    for seed in 0..800 {
        let mut rng = Rng::new(seed ^ 0x0b05_1710);
        let input = random_corpus(&mut rng);
        let bytes = input.as_bytes();
        let starts = record_starts(&input);
        let whole = positions(bytes, None);
        assert_eq!(whole.len(), starts.len() + 2, "{input:?}");
        assert_eq!(
            whole[0],
            Position {
                line: 1,
                column: 1,
                offset: 0
            }
        );
        let (last, between) = whole.split_last().unwrap();
        // At the end: just past the input, on the line after its last (the
        // end of the input ends the last line).
        let lines = split_lines(input.as_bytes()).len();
        let end = Position {
            line: lines + 1,
            column: 1,
            offset: input.len(),
        };
        assert_eq!(*last, end, "{input:?}");
        for (i, position) in between.iter().enumerate().skip(1) {
            assert!(position.offset > starts[i - 1], "{input:?}");
            if position.offset == input.len() {
                // The last record ended at the end of the input.
                assert_eq!(*position, end, "{input:?}");
                continue;
            }
            // A line start, at or before the next record's start (blank
            // lines before it are not read yet), after the last record.
            assert_eq!(*position, position_of(&input, position.offset), "{input:?}");
            assert_eq!(position.column, 1);
            let next = starts.get(i).copied().unwrap_or(input.len());
            assert!(position.offset <= next, "{input:?}: {position:?}");
            let gap = &input[position.offset..next];
            assert!(
                gap.chars().all(|c| is_ws(c) || c == '\r' || c == '\n'),
                "{input:?}: {gap:?} before the next record"
            );
        }
        let capacity = 1 + rng.below(24);
        assert_eq!(
            positions(bytes, Some(capacity)),
            whole,
            "{input:?} in {capacity}"
        );
        checked += 1;
    }
    assert_eq!(checked, 800);
}

#[test]
fn into_inner_resumes_at_the_position() {
    // Records separated by blank lines only: nothing is ever carried over.
    let input = "\u{feff}简介 甲\n症状 咳嗽\n\n\n简介 乙\r\n\r\n \n症状 发热\n\n简介 丙";
    let records = jibing::records(input).count();
    assert_eq!(records, 4);
    for capacity in [1, 2, 3, 5, 8, 13, 64] {
        for taken in 0..=records {
            let mut reader = Reader::new(BufReader::with_capacity(capacity, input.as_bytes()));
            for _ in 0..taken {
                reader.read_record().unwrap().unwrap();
            }
            let at = reader.position().offset;
            let mut rest = String::new();
            reader.into_inner().read_to_string(&mut rest).unwrap();
            // Before the first read the BOM is not looked at yet.
            let expected = if taken == 0 { input } else { &input[at..] };
            assert_eq!(rest, expected, "capacity {capacity}, {taken} taken");
        }
    }
}

#[test]
fn get_mut_gives_the_source_at_the_position() {
    let input = "简介 甲\n\n简介 乙\n\n简介 丙\n";
    let mut reader = Reader::new(input.as_bytes());
    let first = reader.read_record().unwrap().unwrap();
    assert_eq!(first.record.summary.as_deref(), Some("甲"));
    // The lent record's bytes are still in the source until the next call.
    assert_eq!(*reader.get_ref(), input.as_bytes());
    let at = reader.position().offset;
    assert_eq!(*reader.get_mut(), &input.as_bytes()[at..]);
    assert_eq!(*reader.get_ref(), &input.as_bytes()[at..]);
    // Skipping a line by hand: the reader goes on from there.
    let skip = "简介 乙\n".len();
    io::BufRead::consume(reader.get_mut(), skip);
    let rest: Vec<_> = reader.map(|r| r.unwrap().into_record().summary).collect();
    assert_eq!(rest, [Some("丙".into())]);
}

// ---- fused iterators ---------------------------------------------------------------

/// Gives `first`, then fails once, then would give `then`.
struct FailsOnce<'a> {
    first: &'a [u8],
    failed: bool,
    then: &'a [u8],
}

impl Read for FailsOnce<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if !self.first.is_empty() {
            return self.first.read(out);
        }
        if !self.failed {
            self.failed = true;
            return Err(io::Error::new(io::ErrorKind::ConnectionReset, "gone"));
        }
        self.then.read(out)
    }
}

fn assert_fused<I: std::iter::FusedIterator>(_: &I) {}

#[test]
fn iterators_stay_done() {
    let input = "简介 甲\n\n简介 乙\n";
    let mut records: Records<'_> = jibing::records(input);
    assert_fused(&records);
    assert_eq!(records.by_ref().count(), 2);
    for _ in 0..3 {
        assert!(records.next().is_none());
    }

    let mut reader = Reader::new(input.as_bytes());
    assert_fused(&reader);
    assert_eq!(reader.by_ref().count(), 2);
    for _ in 0..3 {
        assert!(reader.next().is_none());
        assert!(reader.read_record().is_none());
    }

    let mut linted: LintRecords<'_> = lint(input, ParseOptions::new());
    assert_fused(&linted);
    assert_eq!(linted.by_ref().count(), 2);
    assert!(linted.next().is_none() && linted.next().is_none());
}

#[test]
fn the_reader_stays_done_after_an_io_error() {
    let source = FailsOnce {
        first: "简介 甲\n\n简介 乙".as_bytes(),
        failed: false,
        then: "\n\n简介 丙\n".as_bytes(),
    };
    let mut reader = Reader::from_read(source);
    assert_eq!(
        reader.next().unwrap().unwrap().get().summary.as_deref(),
        Some("甲")
    );
    let err = reader.next().unwrap().unwrap_err();
    assert_eq!(err.io_error_kind(), Some(io::ErrorKind::ConnectionReset));
    // The source would give more now; the reader does not ask.
    for _ in 0..3 {
        assert!(reader.next().is_none());
        assert!(reader.read_record().is_none());
    }
    let mut rest = String::new();
    reader.into_inner().read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "\n\n简介 丙\n");
}

// ---- lint: serde form and threads ------------------------------------------------

#[test]
fn lint_results_are_sync_and_send() {
    fn assert_sync<T: Sync>() {}
    fn assert_send<T: Send>() {}
    assert_sync::<FieldPositions<'static>>();
    assert_sync::<Linted<'static>>();
    assert_sync::<Finding<'static>>();
    assert_send::<Linted<'static>>();
    // Shared between threads in practice.
    let input = "简介 某病\n症状 \n";
    let linted = lint(input, ParseOptions::new()).next().unwrap().unwrap();
    let counts: Vec<usize> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2)
            .map(|_| scope.spawn(|| linted.findings().len()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(counts, [2, 2]);
}

/// Every finding kind, in the order `findings` gives them.
const LINTED: &str = "\
病因 病因甲（60%）：x。乙（50%）：y。
症状 
治愈率 不易治愈
药品 ['诺和灵', '诺和', '诺和灵30R'] ['诺和灵', '诺和', '诺和灵30R']
";

#[test]
fn finding_json_golden() {
    let linted = lint(LINTED, ParseOptions::new()).next().unwrap().unwrap();
    let lines: Vec<String> = linted
        .findings()
        .iter()
        .map(|f| serde_json::to_string(f).unwrap())
        .collect();
    let expected = [
        r#"{"kind":"name_not_inferred","message":"the disease name cannot be inferred from the long fields","line":1,"column":1,"offset":0,"label":null}"#,
        r#"{"kind":"causes_over_hundred","message":"cause percentages add up to 110%, over 100%","line":1,"column":4,"offset":7,"label":"病因","total":110.0}"#,
        r#"{"kind":"empty_field","message":"'症状' is present but empty","line":2,"column":1,"offset":52,"label":"症状"}"#,
        r#"{"kind":"no_numbers","message":"'治愈率' value '不易治愈' has no numbers","line":3,"column":5,"offset":70,"label":"治愈率","text":"不易治愈"}"#,
        r#"{"kind":"truncated_product","message":"drug tuple 1: product '诺和' is cut short of generic '诺和灵30R'","line":4,"column":13,"offset":105,"label":"药品","index":0,"product":"诺和","generic":"诺和灵30R"}"#,
        r#"{"kind":"duplicate_drug","message":"drug tuple 2 repeats tuple 1","line":4,"column":30,"offset":132,"label":"药品","index":1,"first":0}"#,
        r#"{"kind":"truncated_product","message":"drug tuple 2: product '诺和' is cut short of generic '诺和灵30R'","line":4,"column":37,"offset":145,"label":"药品","index":1,"product":"诺和","generic":"诺和灵30R"}"#,
    ];
    assert_eq!(lines, expected);
    // Positions point at what the finding is about.
    for finding in linted.findings() {
        assert_eq!(
            finding.position,
            position_of(LINTED, finding.position.offset)
        );
        match finding.kind {
            FindingKind::TruncatedProduct { product, .. } => {
                assert!(LINTED[finding.position.offset..].starts_with(product));
            }
            FindingKind::DuplicateDrug { .. } => {
                assert!(LINTED[finding.position.offset..].starts_with("诺和灵', '诺和',"));
            }
            _ => {}
        }
    }
    // A kind alone: its code and detail.
    let kinds: Vec<String> = linted
        .findings()
        .iter()
        .map(|f| serde_json::to_string(&f.kind).unwrap())
        .collect();
    assert_eq!(kinds[0], r#"{"kind":"name_not_inferred"}"#);
    assert_eq!(kinds[1], r#"{"kind":"causes_over_hundred","total":110.0}"#);
    assert_eq!(kinds[5], r#"{"kind":"duplicate_drug","index":1,"first":0}"#);
}

#[test]
fn linted_json_golden() {
    let input = "简介 某病\n别名 某某\n症状 \n\n简介 另一病\n";
    let reports: Vec<String> = lint(input, ParseOptions::new().lenient())
        .map(|l| serde_json::to_string(&l.unwrap()).unwrap())
        .collect();
    assert_eq!(
        reports,
        [
            concat!(
                r#"{"name":null,"line":1,"column":1,"offset":0,"#,
                r#""warnings":[{"kind":"unknown_label","message":"unknown label '别名'","line":2,"column":1,"offset":14,"label":"别名"}],"#,
                r#""findings":[{"kind":"name_not_inferred","message":"the disease name cannot be inferred from the long fields","line":1,"column":1,"offset":0,"label":null},"#,
                r#"{"kind":"empty_field","message":"'症状' is present but empty","line":3,"column":1,"offset":28,"label":"症状"}]}"#,
            ),
            r#"{"name":null,"line":5,"column":1,"offset":37,"warnings":[],"findings":[{"kind":"name_not_inferred","message":"the disease name cannot be inferred from the long fields","line":5,"column":1,"offset":37,"label":null}]}"#,
        ]
    );
}

#[test]
fn finding_and_diagnostic_codes_never_overlap() {
    let finding_codes = [
        "causes_over_hundred",
        "duplicate_drug",
        "truncated_product",
        "name_not_inferred",
        "empty_field",
        "no_numbers",
    ];
    let diagnostic_codes = [
        "unknown_label",
        "duplicate_label",
        "invalid_bool",
        "invalid_drugs",
        "trailing_record",
        "invalid_utf8",
        "record_too_large",
        "io",
    ];
    // Both lists are the ones the JSON gives (the golden tests above and
    // in src/error.rs); none is in the other.
    assert!(finding_codes.iter().all(|c| !diagnostic_codes.contains(c)));
}

#[test]
fn positions_of_agrees_with_position_of() {
    let text = "简介 某病\n常用药品 甲片 乙片\u{3000}丙片 甲片\n";
    let fields = FieldPositions::scan(text, 1, 0);
    let raw = fields.get(Label::CommonDrugs).unwrap().raw;
    // In order, out of order, and an owned string (the value's start).
    let parts: Vec<&str> = raw.split([' ', '\u{3000}']).collect();
    let shuffled = [parts[2], parts[0], parts[3], parts[1]];
    for order in [&parts[..], &shuffled[..]] {
        let one_by_one: Vec<Position> = order
            .iter()
            .map(|p| fields.position_of(Label::CommonDrugs, p))
            .collect();
        let together: Vec<Position> = fields.positions_of(Label::CommonDrugs, order).collect();
        assert_eq!(one_by_one, together);
        for (part, position) in order.iter().zip(&together) {
            assert_eq!(*position, position_of(text, position.offset));
            assert!(text[position.offset..].starts_with(part));
        }
    }
    let owned = String::from("乙片");
    assert_eq!(
        fields.position_of(Label::CommonDrugs, &owned),
        fields.get(Label::CommonDrugs).unwrap().value
    );
    // A label without a line: the record's start.
    assert_eq!(fields.position_of(Label::Drugs, raw), fields.start);
}
