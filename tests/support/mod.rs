//! Checks shared by the tests (`tests/it/`) and the fuzz targets
//! (`fuzz/fuzz_targets/`, which build this folder as the `support` library):
//! one reading of the format's line, record and whitespace rules written
//! without the crate ([`lines`], [`chars`]), and one `check_*` function per
//! fuzz target, which panics with a message naming the property it breaks.

pub mod chars;
pub mod edit;
#[cfg(feature = "encoding")]
pub mod encoding;
pub mod graph;
pub mod lines;
pub mod medical;
pub mod parse;
pub mod reader;
pub mod roundtrip;
pub mod structured;

pub use edit::check_edit;
#[cfg(feature = "encoding")]
pub use encoding::check_encoding;
pub use medical::check_medical;
pub use parse::check_parse;
pub use reader::check_reader;
pub use roundtrip::check_roundtrip;
pub use structured::check_structured;
