//! Arbitrary bytes → UTF-8 (invalid input skipped) → strict `parse`,
//! `parse_lenient`, and `records` in strict and lenient mode. Checks (see
//! `check_parse` in `tests/support/checks.rs`): no panic; lenient never fails; a strict
//! section-5 fault is lenient's first warning (same kind, position, label)
//! and strict succeeds exactly when lenient has no warnings, with the same
//! record; every position is inside the input, on a char boundary, with
//! line/column agreeing with the offset (leading BOM not counted) and
//! pointing at the label or value that the format reference
//! (`jibing::format`, "Strict and lenient") names; lenient keeps
//! every non-blank line (as a field or in `extra` with its line number);
//! `records` splits where an independent splitter does; the knowledge graph
//! of the lenient records (`jibing::graph`) gives IDs 0..n per label,
//! relationships once each between nodes that exist, and counts that agree
//! with its CSV files.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../../tests/support/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_parse(data);
});
