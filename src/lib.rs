//! `jibing` (疾病) reads the labelled-field Chinese disease record format —
//! the one of the popular disease-encyclopaedia dumps — into typed,
//! borrowing, serde-ready structs.
//!
//! ```
//! let text = "简介 感冒是常见的上呼吸道感染。\n\
//!             医保疾病 是\n\
//!             治愈率 95%以上\n\
//!             就诊科室 内科 呼吸内科\n\
//!             病因 感冒病因病毒感染（80%）：鼻病毒等。受凉（20%）：降低抵抗力。\n\
//!             预防 感冒预防勤洗手。\n\
//!             药品 ['泰诺', '(酚麻美敏片)'] ['白加黑', '氨酚伪麻美芬片', '(氨酚伪麻美芬片)']\n";
//! let record = jibing::parse(text)?;
//! assert_eq!(record.name.as_deref(), Some("感冒"));
//! assert_eq!(record.insurance, Some(true));
//! assert_eq!(record.cure_rate.as_ref().and_then(|r| r.low), Some(95.0));
//! assert_eq!(record.departments.as_ref().map(|d| d.to_vec()), Some(vec!["内科", "呼吸内科"]));
//! let causes = record.causes.as_ref().map(|c| &c.items[..]).unwrap_or_default();
//! assert_eq!((causes[0].name.as_ref(), causes[0].percent), ("病毒感染", 80.0));
//! let drugs = record.drugs.as_deref().unwrap_or_default();
//! assert_eq!(drugs[1].generic.as_deref(), Some("氨酚伪麻美芬片"));
//! assert_eq!(record.symptoms, None); // absent, not empty
//! # Ok::<(), jibing::Error>(())
//! ```
//!
//! # Layers
//!
//! - **Lines** (internal): a record is a run of `LABEL SEP VALUE` lines;
//!   blank lines separate records.
//! - **Labels**: the 26 [`Label`]s live in one table that generates the
//!   enum, the [`Record`] fields, their JSON names and the value dispatch.
//! - **Values**: one grammar per [`ValueKind`] — text, [`List`]s (split
//!   into items only when read), booleans,
//!   [`Rate`], [`Period`], [`Cost`], [`Causes`] and [`Drug`] tuples — each
//!   in its own module, written with `nom` 8 where it reads well. The
//!   modules [`value`], [`list`], [`causes`] and [`drugs`] document each grammar and
//!   the decisions taken where FORMAT.md is silent, and their functions
//!   (`value::parse_rate`, `drugs::parse_drugs`, …) parse single values
//!   taken from elsewhere.
//! - **Records**: [`parse`] (strict), [`parse_lenient`], the corpus iterator
//!   [`records`] and the streaming [`Reader`], all configured by
//!   [`ParseOptions`].
//! - **Documents**: [`Document`] keeps the text byte for byte, with the span
//!   of every field, views it as records with the same parser, and edits it
//!   line by line; [`Record`]'s `Display` writes canonical text back.
//! - **Derived views** ([`derived`]): outlines of the long texts,
//!   `治疗` sections, a drug index, positioned lint findings and the
//!   `medical.json` export, computed on demand from a parsed [`Record`].
//!
//! # Strict and lenient
//!
//! Strict parsing fails on the first structural fault of a record — an
//! unknown or duplicate label, a boolean that is not `是`/`否`, a malformed
//! drug list — with an [`Error`] that carries line, column (in characters),
//! byte offset and label. Lenient parsing never fails on those: it returns
//! the record with [`Warning`]s at the same positions and keeps each
//! offending line in [`Record::extra`], so nothing of the input is lost.
//! Rates, periods and costs that do not parse are not faults in either mode:
//! their numbers are `None` and their `text` is kept. Invalid UTF-8 and a
//! record over [`ParseOptions::max_record_size`] are errors in both modes.
//!
//! # JSON
//!
//! [`Record`] serialises to the object of FORMAT.md: `name`, the 26 keys in
//! table order, `extra`. An absent label is `null`; a present but empty one
//! is `""`, `[]` or an object whose numbers are `null`. Numbers are floats.
//! `Record<'static>` (see [`Record::into_owned`]) deserialises back.
//!
//! # Decisions where the format is silent
//!
//! - [`parse`] takes exactly one record: empty input gives an empty record,
//!   a second record after a blank line is [`ErrorKind::TrailingRecord`],
//!   and a second `简介` is a duplicate label (it starts a new record only
//!   in a corpus, see [`records`]).
//! - An empty boolean value is a fault like any other non-`是`/`否` value.
//! - A strict fault ends its own record only: [`Records`] and [`Reader`]
//!   yield the error and go on with the next record.
//! - The record size counts the bytes of the record's lines, line endings
//!   included; the error points at the record's first line.
//! - A lone `\r` at the very end of the input is taken as a cut-short `\r\n`.
//! - Rates also accept the full-width `％`; the value kinds' own decisions
//!   are listed in [`value`], [`causes`] and [`drugs`].
//! - The canonical writer leaves out `name` (it is inferred) and `extra`
//!   (use [`Document`] to keep every byte); an empty value is written as the
//!   label alone.
//! - [`Document`] edits refuse values with line breaks or whitespace at
//!   either end (parsing would lose it), edits that would merge or split
//!   records, and edits that would change how another line reads (a stray
//!   BOM or `\r` next to the edited line).
//! - Carets under faults ([`Diagnostic::render`]) are placed by terminal
//!   width using `unicode-width`, since CJK characters take two columns.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod causes;
pub mod derived;
mod document;
pub mod drugs;
mod error;
pub mod format;
mod grammar;
mod labels;
mod lex;
pub mod list;
mod name;
mod parse;
mod reader;
mod record;
pub mod value;
mod write;

pub use causes::{Cause, Causes};
pub use document::{Document, EditError, FieldSpan};
pub use drugs::{Drug, DrugFaultKind};
pub use error::{Diagnostic, Error, ErrorKind, Position, Warning};
pub use labels::{Label, ValueKind};
pub use list::List;
pub use parse::{parse, parse_lenient, records, Mode, ParseOptions, Records};
pub use reader::Reader;
pub use record::{Extra, Parsed, Record};
pub use value::{Cost, Period, Rate, Unit};

/// The README's example, compiled and run as a doc test.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
