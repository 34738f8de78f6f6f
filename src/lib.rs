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
//! # Architecture
//!
//! A module imports from its own layer (without a cycle) or those below;
//! `.ci/house.py` checks it against this table.
//!
//! | layer | modules | what they hold |
//! |---|---|---|
//! | 0 | `scan` | character classes and byte scans, each beside its byte-loop reference test |
//! | 1 | `model` | the types: the label table, [`Record`], the values, errors and warnings, the canonical writer |
//! | 2 | `grammar` | the nom productions of the [format reference](crate::format), building the types |
//! | 3 | `encoding`, `parse`, `owned`, `reader`, `document`, `value`, `list`, `causes`, `drugs`, `medical` | the entry points: [`parse`](fn@parse), [`records`], [`Reader`] and its [`OwnedRecord`]s, [`Document`], each value's `parse_*` and the [`medical`] reader of `medical.json` |
//! | 4 | `derived`, `graph` | views computed from parsed records |
//!
//! [`format`](mod@format) is the reference of the format and its decisions.
//!
//! # Strict, lenient, JSON and decisions
//!
//! Strict parsing fails on a record's first fault with an [`Error`] at its
//! line, column and label; lenient parsing returns the record with
//! [`Warning`]s there and the offending lines in [`Record::extra`]
//! ([strict and lenient](crate::format#strict-and-lenient)). [`Record`]
//! serialises to the object of [JSON](crate::format#json); each choice the
//! crate makes where the data leaves one is a *Decision* in
//! [`format`](mod@format).
//!
//! # Cargo features
//! - `simdutf8` (default): the streaming [`Reader`] validates UTF-8 with
//!   the `simdutf8` crate; without it, with std's validator.
//! - `csv` (default): `graph::CsvSink`, which writes the knowledge graph as
//!   `neo4j-admin` CSV files, and the `to_graph` example. Without it the
//!   graph is still built ([`graph::GraphBuilder`]) for a
//!   [`graph::GraphSink`] of your own.
//! - `encoding` (default): `Encoding` and `ParseOptions::with_encoding`,
//!   which read GBK/GB18030 bytes (decoded with `encoding_rs`); without
//!   it, bytes must be UTF-8.
//! # Stability: what may grow
//!
//! A type's role decides whether it is `#[non_exhaustive]` (may grow in a
//! minor release):
//!
//! - **Enums may grow**, and are `#[non_exhaustive]`: [`ErrorKind`],
//!   [`DrugFaultKind`], [`EditError`], [`Unit`], [`Mode`], the enums of
//!   [`derived`] and [`graph::Added`], [`graph::GraphError`] and
//!   [`graph::PropertyValue`]. Match them with a `_` arm. The exceptions
//!   are [`Label`] and [`ValueKind`], which mirror the label table, and
//!   [`graph::NodeLabel`] and [`graph::Relation`], which mirror the graph's
//!   schema: a new label, value kind or relationship changes [`Record`]'s
//!   fields and its JSON or the graph users query, so it comes only with a
//!   major release, and an exhaustive `match` on them is how you notice.
//! - **Value structs are exhaustive**: the pieces of a record and the places
//!   and faults in the input — [`Rate`], [`Period`], [`Cost`], [`Causes`],
//!   [`Cause`], [`Drug`], [`Extra`], [`Position`], [`Diagnostic`] (and so
//!   [`Warning`]), [`drugs::DrugFault`] and [`graph::Property`]. Build
//!   them with struct literals and destructure them without `..`; a new
//!   field would come only with a major release.
//! - **Result structs are `#[non_exhaustive]`**: what the crate assembles
//!   and hands out — [`Record`] (which holds more than the labels: `name`,
//!   `extra`), [`Parsed`], [`FieldSpan`], every struct of [`derived`] and
//!   those of [`graph`] but [`graph::Property`] ([`graph::Node`],
//!   [`graph::Edge`], [`graph::DiseaseProperties`], [`graph::Summary`]).
//!   Destructure them with `..`; build them with `Default` and field
//!   assignment where they implement it. They may gain fields.
//!
//! Types without public fields ([`Error`], [`ParseOptions`], [`Document`],
//! [`List`], [`Reader`], [`OwnedRecord`], …) may change inside in any release.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod scan;

mod model;

mod grammar;

pub mod causes;
mod document;
pub mod drugs;
#[cfg(feature = "encoding")]
mod encoding;
pub mod format;
pub mod list;
pub mod medical;
mod owned;
mod parse;
mod reader;
pub mod value;

pub mod derived;
pub mod graph;

pub use causes::{Cause, Causes};
pub use document::{Document, EditError, FieldSpan};
pub use drugs::{Drug, DrugFaultKind};
#[cfg(feature = "encoding")]
pub use encoding::Encoding;
pub use list::List;
pub use model::error::{Diagnostic, Error, ErrorKind, Position, Warning};
pub use model::labels::{Label, ParseLabelError, ValueKind};
pub use model::record::{Extra, Parsed, Record};
pub use owned::OwnedRecord;
pub use parse::{from_slice, parse, parse_lenient, records, Mode, ParseOptions, Records};
pub use reader::Reader;
pub use value::{Cost, Period, Rate, Unit};

/// The README's example, compiled and run as a doc test.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
