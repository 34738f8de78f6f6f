//! Arbitrary bytes → UTF-8 (invalid input skipped). Checks (see
//! `check_roundtrip` in `tests/support/checks.rs`): no panic; `Document::new(input)`
//! gives back the input byte for byte and its field spans cut out the labels
//! and values they report; every record of the document's lenient
//! `records()` goes through the canonical writer to text that strict `parse`
//! reads back as the same record (`name` included, `extra` left out as the
//! writer does), and that text is a fixed point of write ∘ parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../../tests/support/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_roundtrip(data);
});
