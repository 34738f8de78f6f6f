//! The `encoding` fuzz target's check: GB18030 bytes through the decoding
//! reader against `encoding_rs`'s one-shot decode of the same bytes.

use std::io::BufReader;

use encoding_rs::GB18030;
use jibing::{Diagnostic, Encoding, ErrorKind, OwnedRecord, ParseOptions, Parsed};

type Item = Result<Parsed<'static>, Diagnostic>;

fn read(input: &[u8], chunk: usize, options: ParseOptions) -> Vec<Item> {
    options
        .reader(BufReader::with_capacity(chunk, input))
        .map(|r| {
            r.map(OwnedRecord::into_parsed)
                .map_err(|e| e.diagnostic().clone())
        })
        .collect()
}

/// `data` is a header byte (bits 0–5: the reader's buffer size − 1; bit 6:
/// lenient; bit 7: `Auto` instead of `Gb18030`) and the input bytes,
/// anything at all. Checks that:
/// - `Gb18030` yields what the UTF-8 reader yields on `encoding_rs`'s
///   decode of the input (U+FFFD for what does not decode), but for
///   [`ErrorKind::InvalidGb18030`] at each U+FFFD the decoder put there:
///   strict, that record's error; lenient, one more warning each;
/// - `parse_slice` of the whole input agrees with the reader's first
///   record when there is one record;
/// - `Auto` reads UTF-8 input as `Utf8` does, and clean GB18030 input that
///   is not UTF-8 as `Gb18030` does.
pub fn check_encoding(data: &[u8]) {
    let [b0, input @ ..] = data else {
        return;
    };
    let chunk = usize::from(b0 & 0x3f) + 1;
    let mut options = ParseOptions::new();
    if b0 & 0x40 != 0 {
        options = options.lenient();
    }
    if b0 & 0x80 != 0 {
        return check_auto(input, chunk, options);
    }
    let gbk = options.with_encoding(Encoding::Gb18030);
    let got = read(input, chunk, gbk);
    let (text, _) = GB18030.decode_without_bom_handling(input);
    let want = read(text.as_bytes(), 1 << 16, options);
    assert_eq!(
        got.len(),
        want.len(),
        "chunk {chunk}: a record more or less"
    );
    let lenient = b0 & 0x40 != 0;
    for (got, want) in got.iter().zip(&want) {
        match (got, want) {
            (Err(e), _) if e.kind == ErrorKind::InvalidGb18030 => {
                assert!(!lenient, "lenient mode made InvalidGb18030 an error");
                let at = text.get(e.position.offset..).unwrap_or_default();
                assert!(at.starts_with('\u{fffd}'), "{e} not at a U+FFFD");
            }
            (Ok(got), Ok(want)) => {
                assert_eq!(got.record, want.record, "chunk {chunk}");
                let warnings: Vec<_> = got
                    .warnings
                    .iter()
                    .filter(|w| w.kind != ErrorKind::InvalidGb18030)
                    .collect();
                assert_eq!(warnings, want.warnings.iter().collect::<Vec<_>>());
            }
            (got, want) => assert_eq!(got, want, "chunk {chunk}"),
        }
    }
    assert_eq!(
        read(input, 1 << 16, gbk),
        got,
        "chunk {chunk} against one chunk"
    );
}

fn check_auto(input: &[u8], chunk: usize, options: ParseOptions) {
    let auto = options.with_encoding(Encoding::Auto);
    let got = read(input, chunk, auto);
    if std::str::from_utf8(input).is_ok() {
        assert_eq!(got, read(input, 1 << 16, options), "Auto on UTF-8");
    } else if !input.starts_with(b"\xef\xbb\xbf")
        && GB18030
            .decode_without_bom_handling_and_without_replacement(input)
            .is_some()
    {
        let gbk = options.with_encoding(Encoding::Gb18030);
        assert_eq!(got, read(input, 1 << 16, gbk), "Auto on clean GB18030");
    }
}
