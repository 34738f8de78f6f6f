//! Target `roundtrip`: the lossless document and the canonical writer.

use jibing::{ParseOptions, Record};

/// The canonical text of `record` parses (strictly) back to `record` without
/// its `extra` lines, which the writer leaves out, and is a fixed point of
/// write ∘ parse. `name` is compared too: it is inferred again from the same
/// values. Returns the text.
pub(crate) fn check_canonical(record: &Record<'_>, what: &str) -> String {
    let text = record.to_string();
    let mut expected = record.clone();
    expected.extra.clear();
    let again = jibing::parse(&text).unwrap_or_else(|e| {
        panic!(
            "{what}: canonical text {text:?} does not parse: {:?}",
            e.diagnostic()
        )
    });
    assert_eq!(
        again, expected,
        "{what}: canonical text {text:?} parses to another record"
    );
    assert_eq!(
        again.to_string(),
        text,
        "{what}: canonical text is not a fixed point"
    );
    text
}

/// The spans of `doc.fields()` cut out of `text` (the document's text)
/// exactly the label and value they report, inside the line's span.
pub(crate) fn check_spans(doc: &jibing::Document<'_>, text: &str, what: &str) {
    for f in doc.fields() {
        assert_eq!(
            text.get(f.label_span.clone()),
            Some(f.label),
            "{what}: label span of {f:?}"
        );
        assert_eq!(
            text.get(f.value_span.clone()),
            Some(f.value),
            "{what}: value span of {f:?}"
        );
        assert!(
            f.span.start <= f.label_span.start && f.value_span.end <= f.span.end,
            "{what}: label/value spans of {f:?} are outside its line"
        );
    }
}

/// Target `roundtrip`: arbitrary bytes; invalid UTF-8 is skipped.
///
/// - `Document::new(input)` reproduces the input byte for byte (`as_str`
///   and `Display`), and the spans of `fields()` cut out exactly the label
///   and value they report, inside the line's span;
/// - every record of the document's lenient `records()` writes (canonical
///   writer) to text that strict `parse` reads back as the same record,
///   `name` included, `extra` excluded (see `check_canonical`).
///
/// src/write.rs promises the round trip for every record that parsing
/// produces, and lenient records are such records, so no record is exempt.
/// (A value ending in a stray `\r` was once the exception: the writer now
/// ends such a line with `\r\n`; `fuzz/regressions/roundtrip/value_ends_in_cr`
/// pins it.)
pub fn check_roundtrip(data: &[u8]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let doc = jibing::Document::new(input);
    assert_eq!(doc.as_str(), input, "Document::as_str is not the input");
    assert_eq!(
        doc.to_string(),
        input,
        "Document's Display is not the input"
    );
    check_spans(&doc, input, "roundtrip");

    let lenient = jibing::Document::with_options(input, ParseOptions::new().lenient());
    for (i, item) in lenient.records().enumerate() {
        let what = format!("roundtrip record #{i}");
        let parsed =
            item.unwrap_or_else(|e| panic!("{what}: lenient failed: {:?}", e.diagnostic()));
        check_canonical(&parsed.record, &what);
    }
}
