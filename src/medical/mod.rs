//! The reader of `medical.json`, the JSON form of the Chinese medical
//! knowledge-graph QA projects, which [`derived::to_medical`](crate::derived::to_medical)
//! writes: each object becomes a [`Record`], every value read by the grammar
//! of its label ([format reference: medical.json](crate::format#medicaljson)).
//!
//! ```
//! let line = r#"{"name": "感冒", "cured_prob": "95%以上", "cure_department": ["内科"], "drug_detail": ["泰诺(酚麻美敏片)"]}"#;
//! let record = jibing::medical::from_str(line)?;
//! assert_eq!(record.name.as_deref(), Some("感冒"));
//! assert_eq!(record.cure_rate.as_ref().and_then(|r| r.low), Some(95.0));
//! assert_eq!(record.departments.as_ref().map(|d| d.to_vec()), Some(vec!["内科"]));
//! let drugs = record.drugs.as_deref().unwrap_or_default();
//! assert_eq!(drugs[0].generic.as_deref(), Some("酚麻美敏片"));
//! # Ok::<(), jibing::Error>(())
//! ```

mod frame;
mod json;
mod object;
mod reader;

use std::iter::FusedIterator;

use frame::{Frame, Step, Top};
use object::{position_in, read_object, Spots};
pub use reader::Reader;

use crate::model::error::{Diagnostic, Error, ErrorKind, Position};
use crate::model::labels::Label;
use crate::model::record::{Parsed, Record};
use crate::parse::{too_large, ParseOptions};
use crate::scan::bom_len;

/// The two forms an input comes in.
///
/// ```
/// use jibing::medical::InputFormat;
///
/// assert_eq!(InputFormat::detect(b"\n  {\"name\": \"x\"}"), InputFormat::Medical);
/// assert_eq!(InputFormat::detect("[{}]".as_bytes()), InputFormat::Medical);
/// assert_eq!(InputFormat::detect("简介 某病\n".as_bytes()), InputFormat::Text);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// The labelled-field text.
    Text,
    /// `medical.json`.
    Medical,
}

impl InputFormat {
    /// The form of an input that starts with `head`: `medical.json` when
    /// its first character that is not whitespace (or a BOM) is `{` or `[`.
    pub fn detect(head: &[u8]) -> InputFormat {
        let head = head.get(bom_len(head)..).unwrap_or_default();
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => InputFormat::Medical,
            _ => InputFormat::Text,
        }
    }
}

/// Reads one `medical.json` object, strictly.
///
/// ```
/// let record = jibing::medical::from_str(r#"{"desc": "某病", "yibao_status": "否"}"#)?;
/// assert_eq!((record.summary.as_deref(), record.insurance), (Some("某病"), Some(false)));
///
/// let err = jibing::medical::from_str(r#"{"cured_prob": 30}"#).unwrap_err();
/// assert_eq!(err.to_string(), "1:16: 'cured_prob' must be a string");
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// # Errors
///
/// The first fault, at its line and column; [`ErrorKind::TrailingRecord`]
/// at a second object, [`ErrorKind::InvalidJson`] for an input with none.
pub fn from_str(input: &str) -> Result<Record<'_>, Error> {
    let mut records = records(input);
    let record = match records.next() {
        Some(parsed) => parsed?.record,
        None => return Err(invalid("an object", records.at())),
    };
    match records.next() {
        None => Ok(record),
        Some(Ok(_)) => Err(Diagnostic::new(ErrorKind::TrailingRecord, records.last, None).into()),
        Some(Err(error)) => Err(error),
    }
}

/// The records of a `medical.json` text, strictly: JSON Lines, an array of
/// objects or one object.
///
/// ```
/// let input = "{\"desc\": \"甲\"}\n{\"desc\": \"乙\", \"cure_lasttime\": \"3-6个月\"}\n";
/// let records: Vec<_> = jibing::medical::records(input).collect::<Result<_, _>>()?;
/// assert_eq!(records[1].record.treatment_period.as_ref().and_then(|p| p.high), Some(6.0));
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn records(input: &str) -> Records<'_> {
    ParseOptions::new().medical_records(input)
}

impl ParseOptions {
    /// The records of a `medical.json` text with these options.
    ///
    /// ```
    /// let input = r#"[{"desc": "甲", "alias": "乙"}]"#;
    /// let parsed = jibing::ParseOptions::new().lenient().medical_records(input).next().unwrap()?;
    /// assert_eq!(parsed.record.extra[0].label, "alias");
    /// assert_eq!(parsed.record.extra[0].value, r#""乙""#);
    /// assert_eq!(parsed.warnings[0].to_string(), "1:17: unknown label 'alias'");
    /// # Ok::<(), jibing::Error>(())
    /// ```
    pub fn medical_records<'a>(&self, input: &'a str) -> Records<'a> {
        let bom = bom_len(input.as_bytes());
        let at = Position {
            line: 1,
            column: 1,
            offset: bom,
        };
        Records {
            input,
            pos: bom,
            line: 1,
            line_start: bom,
            mark: (bom, 1),
            last: at,
            last_offset: bom,
            spots: [None; 26],
            top: Top::Start,
            options: *self,
            done: false,
        }
    }

    /// A streaming `medical.json` [`Reader`] over `reader` with these options.
    /// It reads UTF-8 whatever the options' encoding: the QA projects write
    /// `medical.json` in UTF-8.
    ///
    /// ```
    /// let input = "{\"desc\": \"甲\"}\n{\"desc\": \"乙\"}\n";
    /// let mut reader = jibing::ParseOptions::new().medical_reader(input.as_bytes());
    /// assert_eq!(reader.nth(1).unwrap()?.record.summary.as_deref(), Some("乙"));
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn medical_reader<R: std::io::BufRead>(&self, reader: R) -> Reader<R> {
        Reader::with_options(reader, *self)
    }
}

/// Iterator over the records of a `medical.json` text, borrowing it; see
/// [`records`].
///
/// After a fault inside an object reading goes on with the next object;
/// after one between objects, with the next line of JSON Lines, or not at
/// all in an array.
#[derive(Debug, Clone)]
pub struct Records<'a> {
    input: &'a str,
    pos: usize,
    /// The line of `pos` and the offset where that line starts (after a BOM).
    line: usize,
    line_start: usize,
    /// An offset on the line and its column, to count columns from.
    mark: (usize, usize),
    /// Where the last object started.
    last: Position,
    /// Its offset in `input`, and where its fields are from there.
    last_offset: usize,
    spots: Spots,
    top: Top,
    options: ParseOptions,
    done: bool,
}

impl<'a> Records<'a> {
    /// Where the object last read starts (its `{`); the input's start
    /// before the first.
    ///
    /// ```
    /// let mut records = jibing::medical::records("{}\n  {}\n");
    /// records.nth(1);
    /// assert_eq!(records.last_start().to_string(), "2:3");
    /// ```
    #[must_use]
    pub fn last_start(&self) -> Position {
        self.last
    }

    /// Moves to `to`, counting the lines passed.
    fn advance(&mut self, to: usize) {
        let passed = self.input.as_bytes().get(self.pos..to).unwrap_or_default();
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            self.line += memchr::memchr_iter(b'\n', passed).count();
            self.line_start = self.pos + last + 1;
        }
        self.pos = to;
    }

    /// The position of `pos`, its column counted from the last one asked.
    fn at(&mut self) -> Position {
        let (mark, column) = self.mark;
        let (from, column) = match mark >= self.line_start && mark <= self.pos {
            true => (mark, column),
            false => (self.line_start, 1),
        };
        let before = self
            .input
            .as_bytes()
            .get(from..self.pos)
            .unwrap_or_default();
        let column = column + before.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.mark = (self.pos, column);
        Position {
            line: self.line,
            column,
            offset: self.pos,
        }
    }

    /// The fields of the object last read: label, key's position, value's
    /// position (inside its quotes) and the value as written (a string's
    /// body, a list's JSON text).
    pub(crate) fn last_fields(
        &self,
    ) -> impl Iterator<Item = (Label, Position, Position, &'a str)> + '_ {
        let src = self.input.get(self.last_offset..).unwrap_or_default();
        let at = |offset: usize| position_in(src.as_bytes(), self.last, offset);
        Label::ALL.into_iter().filter_map(move |label| {
            let spot = self.spots.get(label.index()).copied().flatten()?;
            let quoted = src.as_bytes().get(spot.value) == Some(&b'"');
            let (value, end) = match quoted {
                true => (spot.value + 1, spot.end.saturating_sub(1)),
                false => (spot.value, spot.end),
            };
            Some((
                label,
                at(spot.key),
                at(value),
                src.get(value..end).unwrap_or_default(),
            ))
        })
    }

    fn object(&mut self) -> Result<Parsed<'a>, Error> {
        let src = self.input.get(self.pos..).unwrap_or_default();
        self.last = self.at();
        self.last_offset = self.pos;
        self.spots = [None; 26];
        let read = read_object(src, 0, self.last, &self.options);
        let end = match &read {
            Ok(object) => Some(object.end),
            Err(_) => Frame::default().scan(src.as_bytes()),
        };
        match end {
            Some(end) => self.advance(self.pos + end),
            None => self.done = true,
        }
        let limit = self.options.max_record_size();
        if end.is_some_and(|end| end > limit) {
            return Err(too_large(limit, self.last));
        }
        read.map(|object| {
            self.spots = object.spots;
            object.parsed
        })
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Parsed<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let Some(&byte) = self.input.as_bytes().get(self.pos) else {
                self.done = true;
                let at = self.at();
                return self
                    .top
                    .unfinished()
                    .map(|expected| Err(invalid(expected, at)));
            };
            match self.top.step(byte) {
                Step::Skip => self.advance(self.pos + 1),
                Step::Object => return Some(self.object()),
                Step::Fault(expected) => {
                    let error = invalid(expected, self.at());
                    let rest = self.input.as_bytes().get(self.pos..).unwrap_or_default();
                    match memchr::memchr(b'\n', rest).filter(|_| self.top.resumes()) {
                        Some(newline) => self.advance(self.pos + newline + 1),
                        None => self.done = true,
                    }
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

impl FusedIterator for Records<'_> {}

/// An [`ErrorKind::InvalidJson`] error at `at`.
fn invalid(expected: &'static str, at: Position) -> Error {
    Diagnostic::new(ErrorKind::InvalidJson { expected }, at, None).into()
}
