//! The input is an `arbitrary` description of a valid record (`RecordSpec`
//! in `tests/support/checks.rs`): fields present or absent; text over a small alphabet
//! with CJK, NBSP and other whitespace inside, digits, `%`, parentheses,
//! quotes, backslashes; lists; booleans; rates, periods and costs built from
//! their grammar pieces (with the numbers they mean worked out
//! independently) or free text; causes items with every tag form; drug
//! tuples of arbitrary strings (quotes, backslashes, newlines, controls,
//! non-BMP). Checks (see `check_structured`): the record's canonical text
//! parses strictly to that record (`name` set aside, it is inferred), the
//! parsed record round-trips with its `name`, and the text passes the
//! `parse` and `roundtrip` checks.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../../tests/support/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_structured(data);
});
