//! The integration tests: one binary, one module per subject.
//!
//! `support` (in `tests/support/`) is shared with the fuzz targets: the
//! format's line, record and whitespace rules written without the crate,
//! and the `check_*` properties each fuzz target runs. `expected` and
//! `random` hold what only the tests use. Run one subject with
//! `cargo test --test it SUBJECT::`, e.g. `cargo test --test it reader::`.

#[path = "../support/mod.rs"]
mod support;

mod expected;
mod random;

mod api;
mod corpus;
mod derived;
mod derived_props;
mod document;
#[cfg(feature = "encoding")]
mod encoding;
mod entry_points;
mod faults;
mod fuzz_corpus;
mod golden;
#[cfg(feature = "csv")]
mod graph;
mod medical;
mod names;
mod properties;
mod reader;
mod values;
mod writer;
