//! Every entry point reads the same lines and records: `records()`,
//! `Document`, `derived::lint`, the streaming `Reader` and `parse_lenient`
//! against the independent oracle of `support::lines` (the format reference's
//! records and lines), on random corpora of `简介` lines, unknown labels and
//! blank lines of every whitespace, with `\n`, `\r\n` and lone-`\r`
//! endings, with and without a BOM (one or two).

use jibing::{Document, ParseOptions, Parsed};

use crate::random::{random_corpus, Rng};
use crate::support::lines::{line_column, oracle_records, split_lines, split_records, OracleLine};

/// `(record, line, label, value)` of every field line, by the oracle.
fn oracle_fields(input: &str) -> Vec<(usize, usize, String, String)> {
    oracle_records(input)
        .into_iter()
        .enumerate()
        .flat_map(|(record, lines)| {
            lines
                .into_iter()
                .map(move |OracleLine { line, label, value }| (record, line, label, value))
        })
        .collect()
}

/// A record as lenient parsing keeps it here: its summary, and its other
/// lines as `(line, label, value)`.
type Seen = (Option<String>, Vec<(usize, String, String)>);

/// The oracle's lines of each record as lenient parsing keeps them: the
/// first `简介` as the summary, every other line (all labels but `简介` are
/// unknown here) in `extra`.
fn oracle_parsed(input: &str) -> Vec<Seen> {
    oracle_records(input)
        .into_iter()
        .map(|lines| {
            let mut summary = None;
            let mut extra = Vec::new();
            for line in lines {
                if line.label == "简介" && summary.is_none() {
                    summary = Some(line.value);
                } else {
                    extra.push((line.line, line.label, line.value));
                }
            }
            (summary, extra)
        })
        .collect()
}

fn as_seen(parsed: &Parsed<'_>) -> Seen {
    let record = &parsed.record;
    (
        record.summary.as_deref().map(str::to_owned),
        record
            .extra
            .iter()
            .map(|e| (e.line, e.label.to_string(), e.value.to_string()))
            .collect(),
    )
}

fn corpora() -> Vec<String> {
    let mut out: Vec<String> = [
        "",
        "\u{feff}",
        "\u{feff}\u{feff}简介 甲\n",
        "\u{feff}简介 甲\r\n\r\n别名 x\r",
        "简介 甲\r",
        "简介 甲\r\r\n别名\rx 乙\n",
        " \r\n\t\r\n简介\u{3000}甲\u{a0}\n简介\n",
        "别名 x\n简介 甲\n别名 y\n简介 乙\n简介x 丙\n",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for seed in 0..400 {
        let mut rng = Rng::new(seed);
        out.push(random_corpus(&mut rng));
    }
    out
}

#[test]
fn document_fields_are_the_oracles() {
    for input in corpora() {
        let doc = Document::new(&input);
        let fields: Vec<_> = doc
            .fields()
            .map(|f| (f.record, f.line, f.label.to_owned(), f.value.to_owned()))
            .collect();
        assert_eq!(fields, oracle_fields(&input), "{input:?}");
        assert_eq!(
            doc.record_count(),
            oracle_records(&input).len(),
            "{input:?}"
        );
        for f in doc.fields() {
            assert_eq!(&input[f.label_span.clone()], f.label, "{input:?}");
            assert_eq!(&input[f.value_span.clone()], f.value, "{input:?}");
        }
    }
}

#[test]
fn records_lint_and_reader_see_the_oracles_records() {
    let options = ParseOptions::new().lenient();
    for input in corpora() {
        let expected = oracle_parsed(&input);
        let records: Vec<_> = options
            .records(&input)
            .map(|r| as_seen(&r.expect("lenient")))
            .collect();
        assert_eq!(records, expected, "records: {input:?}");
        let linted: Vec<_> = jibing::derived::lint(&input, options)
            .map(|r| {
                let linted = r.expect("lenient");
                let first = oracle_line_of(&input, linted.fields.start.offset);
                (as_seen(&linted.parsed), first)
            })
            .collect();
        let firsts: Vec<_> = oracle_records(&input)
            .iter()
            .map(|lines| lines[0].line)
            .collect();
        assert_eq!(
            linted
                .iter()
                .map(|(seen, _)| seen.clone())
                .collect::<Vec<_>>(),
            expected,
            "lint: {input:?}"
        );
        assert_eq!(
            linted.iter().map(|(_, first)| *first).collect::<Vec<_>>(),
            firsts,
            "lint starts: {input:?}"
        );
        let read: Vec<_> = options
            .reader(input.as_bytes())
            .map(|r| as_seen(&r.expect("lenient").into_parsed()))
            .collect();
        assert_eq!(read, expected, "reader: {input:?}");
    }
}

/// The 1-based line of byte `offset` of `input`.
fn oracle_line_of(input: &str, offset: usize) -> usize {
    line_column(input, offset).0
}

/// A single-record parse takes the oracle's lines as one record: no second
/// `简介` splits it, and every line after the first blank line goes to
/// `extra`.
#[test]
fn parse_lenient_keeps_every_line() {
    for input in corpora() {
        let parsed = jibing::parse_lenient(&input).expect("lenient");
        let (summary, extra) = as_seen(&parsed);
        let lines: Vec<_> = oracle_fields(&input)
            .into_iter()
            .map(|(_, line, label, value)| (line, label, value))
            .collect();
        let first_summary = lines.iter().position(|l| l.1 == "简介");
        let mut expected_extra = lines.clone();
        let expected_summary = first_summary.map(|i| expected_extra.remove(i).2);
        // A summary after the first record is an extra line, not the summary.
        let first_record_len = oracle_records_single(&input);
        if first_summary.is_some_and(|i| i >= first_record_len) {
            assert_eq!(summary, None, "{input:?}");
            assert_eq!(extra, lines, "{input:?}");
        } else {
            assert_eq!(summary, expected_summary, "{input:?}");
            assert_eq!(extra, expected_extra, "{input:?}");
        }
    }
}

/// How many field lines the first record has when a second `简介` does not
/// start a record: those before the first blank line after a field line.
fn oracle_records_single(input: &str) -> usize {
    let lines = split_lines(input.as_bytes());
    split_records(&lines, false).first().map_or(0, |r| r.len())
}

/// The BOM is taken off once, by every entry point, and positions count
/// it in offsets but not in columns.
#[test]
fn one_bom_is_stripped_everywhere() {
    let input = "\u{feff}\u{feff}简介 甲\n";
    // The second BOM is part of the first label.
    let err = jibing::parse(input).expect_err("unknown label");
    assert_eq!(
        (err.line(), err.column(), err.diagnostic().position.offset),
        (1, 1, 3)
    );
    assert_eq!(err.diagnostic().render(input), "1 | \u{feff}简介 甲\n  | ^");
    let doc = Document::new(input);
    let field = doc.fields().next().expect("a field");
    assert_eq!((field.label, field.label_span.start), ("\u{feff}简介", 3));
    let read = ParseOptions::new()
        .reader(input.as_bytes())
        .next()
        .expect("a record")
        .expect_err("unknown label");
    assert_eq!(read.diagnostic(), err.diagnostic());
    let linted = jibing::derived::lint(input, ParseOptions::new())
        .next()
        .expect("a record")
        .expect_err("unknown label");
    assert_eq!(linted.diagnostic(), err.diagnostic());
}
