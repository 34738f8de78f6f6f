//! Runs `support::check_encoding` (`tests/support/encoding.rs`), whose doc
//! says what the input is and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    support::check_encoding(data);
});
