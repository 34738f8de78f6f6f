//! Arbitrary bytes: byte 0 picks the chunk size (1..=64) and strict/lenient,
//! byte 1 the record size limit (default or 16..=300 bytes), the rest is the
//! input, read by `ParseOptions::reader` through a `BufReader` returning at
//! most `chunk` bytes per `fill_buf`. Checks (see `check_reader` in
//! `tests/support/checks.rs`): no panic; on valid UTF-8 the reader yields exactly what
//! `records()` yields (owned records and warnings, same error kinds and
//! positions, same order); on any input each record is what its own bytes
//! give: parsed alone and moved to its place, `RecordTooLarge` at its first
//! line, or `InvalidUtf8` at its first bad byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../../tests/support/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_reader(data);
});
