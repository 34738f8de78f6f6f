//! GBK/GB18030 input: the same records as its UTF-8 original from slices
//! and from the streaming reader at every buffer size, `Auto`'s choice,
//! undecodable bytes at their line and column, and the hint on invalid UTF-8.

use std::io::BufReader;

use encoding_rs::GB18030;
use proptest::prelude::*;

use jibing::{Diagnostic, Encoding, ErrorKind, OwnedRecord, ParseOptions, Parsed};

use crate::random::{proptest_config, random_corpus, Rng};

const SEED: &str = include_str!("../fixtures/000_c5ae55a5813883a5.txt");

type Outcome = Result<Parsed<'static>, Diagnostic>;

/// `text` in GB18030; `None` when it holds a character GB18030 lacks.
fn gb18030(text: &str) -> Option<Vec<u8>> {
    let (bytes, _, unmappable) = GB18030.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

fn read(bytes: &[u8], capacity: usize, options: ParseOptions) -> Vec<Outcome> {
    options
        .reader(BufReader::with_capacity(capacity, bytes))
        .map(|r| {
            r.map(OwnedRecord::into_parsed)
                .map_err(|e| e.diagnostic().clone())
        })
        .collect()
}

fn one(bytes: &[u8], options: ParseOptions) -> Outcome {
    options
        .parse_slice(bytes)
        .map(Parsed::into_owned)
        .map_err(|e| e.diagnostic().clone())
}

fn modes() -> [ParseOptions; 2] {
    [ParseOptions::new(), ParseOptions::new().lenient()]
}

fn corpora() -> Vec<String> {
    let mut rng = Rng::new(20);
    let mut corpora: Vec<String> = (0..40).map(|_| random_corpus(&mut rng)).collect();
    corpora.push(SEED.to_owned());
    corpora.push(format!("\u{feff}{SEED}\n\n{SEED}"));
    corpora
}

#[test]
fn gb18030_reads_as_its_utf8_original() {
    for text in corpora() {
        let bytes = gb18030(&text).expect("encodable");
        assert!(text.is_ascii() || bytes != text.as_bytes());
        for options in modes() {
            let want = read(text.as_bytes(), 1 << 16, options);
            for encoding in [Encoding::Gb18030, Encoding::Auto] {
                let gbk = options.with_encoding(encoding);
                assert_eq!(read(&bytes, 1 << 16, gbk), want, "{text:?} {encoding:?}");
                assert_eq!(read(&bytes, 7, gbk), want, "{text:?} {encoding:?}");
            }
        }
    }
    for options in modes() {
        let want = one(SEED.as_bytes(), options);
        let bytes = gb18030(SEED).expect("encodable");
        for encoding in [Encoding::Gb18030, Encoding::Auto] {
            assert_eq!(one(&bytes, options.with_encoding(encoding)), want);
        }
    }
}

#[test]
fn utf8_read_as_auto_is_unchanged() {
    for text in corpora() {
        for options in modes() {
            let auto = options.with_encoding(Encoding::Auto);
            let want = read(text.as_bytes(), 1 << 16, options);
            assert_eq!(read(text.as_bytes(), 1 << 16, auto), want);
            assert_eq!(read(text.as_bytes(), 3, auto), want);
        }
    }
    let auto = ParseOptions::new().with_encoding(Encoding::Auto);
    assert_eq!(
        one(SEED.as_bytes(), auto),
        one(SEED.as_bytes(), ParseOptions::new())
    );
    // Not UTF-8 and not GB18030 either: the UTF-8 error, as without `Auto`.
    let bytes = [&gb18030(SEED).expect("encodable")[..], b"\xff\n"].concat();
    assert_eq!(one(&bytes, auto), one(&bytes, ParseOptions::new()));
}

/// A broken GB18030 sequence (a lead byte followed by ASCII): an error
/// at its line and column (strict), else a warning and U+FFFD in the value.
#[test]
fn undecodable_bytes_are_placed() {
    let text = "简介 某病\n医保疾病 是\n症状 发热X,咳嗽\n\n简介 乙病\n";
    let bytes = gb18030(text).expect("encodable");
    let x = bytes.iter().position(|&b| b == b'X').expect("X");
    let mut broken = bytes.clone();
    broken[x] = 0x81; // a lead byte; the `,` after it is no trail
    let replaced = text.replace('X', "\u{fffd}");
    let at = replaced.find('\u{fffd}').expect("U+FFFD");
    for capacity in [1, 2, 5, 1 << 16] {
        let gbk = ParseOptions::new().with_encoding(Encoding::Gb18030);
        let got = read(&broken, capacity, gbk);
        let err = got[0].as_ref().expect_err("strict");
        assert_eq!(err.kind, ErrorKind::InvalidGb18030);
        assert_eq!((err.position.line, err.position.column), (3, 6));
        assert_eq!(err.position.offset, at);
        assert_eq!(err.to_string(), "3:6: invalid GB18030");
        assert_eq!(
            got[1..],
            read(text.as_bytes(), 64, ParseOptions::new())[1..]
        );

        let lenient = gbk.lenient();
        let got = read(&broken, capacity, lenient);
        let parsed = got[0].as_ref().expect("lenient");
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0], *err);
        let want = read(replaced.as_bytes(), 64, ParseOptions::new());
        let want = want[0].as_ref().expect("UTF-8");
        assert_eq!(parsed.record, want.record);
        assert_eq!(
            parsed.record.symptoms.as_ref().map(|s| s.to_vec()),
            Some(vec!["发热\u{fffd},咳嗽"])
        );
    }
    let slice = ParseOptions::new().with_encoding(Encoding::Gb18030);
    let first = &broken[..broken.len() - gb18030("简介 乙病\n").expect("ok").len() - 1];
    let err = slice.parse_slice(first).expect_err("strict");
    assert_eq!(
        (err.kind(), err.line(), err.column()),
        (&ErrorKind::InvalidGb18030, 3, 6)
    );
    let parsed = slice.lenient().parse_slice(first).expect("lenient");
    assert_eq!(parsed.warnings.len(), 1);
    // `Auto` does not take bytes that fail as GB18030: the UTF-8 error.
    let auto = ParseOptions::new().with_encoding(Encoding::Auto);
    assert_eq!(
        auto.parse_slice(first).expect_err("auto").kind(),
        &ErrorKind::InvalidUtf8
    );
    // A lead byte cut short by the end of the input.
    let cut = [&gb18030("简介 某病").expect("ok")[..], b"\x81"].concat();
    let err = read(&cut, 3, slice)[0].clone().expect_err("cut short");
    assert_eq!(
        (err.kind, err.position.line, err.position.column),
        (ErrorKind::InvalidGb18030, 1, 6)
    );
}

#[test]
fn invalid_utf8_that_is_gb18030_names_the_remedy() {
    let bytes = gb18030("症状 发热\n").expect("ok");
    let hint = "the input looks like GBK/GB18030: read it with \
                ParseOptions::with_encoding(Encoding::Gb18030)";
    let err = jibing::from_slice(&bytes).expect_err("not UTF-8");
    assert!(err.may_be_gb18030());
    assert_eq!(err.to_string(), format!("1:4: invalid UTF-8; {hint}"));
    let mut reader = ParseOptions::new().reader(&bytes[..]);
    let err = reader.next().expect("a record").expect_err("not UTF-8");
    assert!(err.may_be_gb18030());
    // Neither at the start nor GB18030: no hint.
    let err = jibing::from_slice(
        "简介 某\u{fffd}"
            .as_bytes()
            .iter()
            .copied()
            .chain([0xff])
            .collect::<Vec<_>>()
            .as_slice(),
    )
    .expect_err("not UTF-8");
    assert!(!err.may_be_gb18030());
    assert_eq!(err.to_string(), "1:6: invalid UTF-8");
}

proptest! {
    #![proptest_config(proptest_config(64, "encoding"))]

    /// Any record text, in GB18030, read through every buffer size from
    /// one byte up, parses to the records of the UTF-8 text.
    #[test]
    fn every_buffer_size(text in "(简介|症状|医保疾病|别名|\\PC|[ \u{3000}\n\r]){0,40}", lenient: bool) {
        let Some(bytes) = gb18030(&text) else { return Ok(()) };
        let options = if lenient { ParseOptions::new().lenient() } else { ParseOptions::new() };
        let want = read(text.as_bytes(), 1 << 16, options);
        let gbk = options.with_encoding(Encoding::Gb18030);
        for capacity in 1..=bytes.len() + 1 {
            prop_assert_eq!(&read(&bytes, capacity, gbk), &want, "capacity {}", capacity);
        }
    }
}
