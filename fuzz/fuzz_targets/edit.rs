//! The input is an `arbitrary` document and a sequence of edits (`EditCase`
//! in `tests/support/checks.rs`): lines with known labels (often `简介`, so
//! records glue), unknown labels, blank lines, whitespace around labels and
//! values, a BOM, `\n`, `\r\n`, missing and lone-`\r` endings; edits are
//! `set` with any value, `remove`, and the typed setters `set_list`,
//! `set_bool`, `set_drugs` (drugs of arbitrary strings, some that cannot
//! be written), on any record including the one after the last and one
//! past it. Checks (see `check_edit`): each edit is accepted or refused
//! exactly as an independent model of the edit rules says (refusals in
//! order, an invalid value's fault at its place in the edited text); an
//! accepted edit gives exactly the text the model splices (every untouched
//! line byte-identical) and the records read from it are the old ones with
//! that one field changed (the typed value given, for a typed setter); a
//! refused edit changes nothing; `record_count`, `get`, `fields` and
//! `records()` agree with the text after every edit.
#![no_main]

use libfuzzer_sys::fuzz_target;

// Each target uses one of the shared checks.
#[allow(dead_code)]
#[path = "../../tests/support/checks.rs"]
mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_edit(data);
});
