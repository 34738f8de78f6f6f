//! Runs `support::check_medical` (`tests/support/medical.rs`), whose doc says
//! what the input is and what it checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    support::check_medical(data);
});
