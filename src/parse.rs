//! Assembling records from lines: record boundaries, label lookup,
//! duplicates, the size limit, and the strict/lenient policy.
//!
//! A record is a run of field lines ended by a blank line, the end of input
//! or — in a corpus — a `简介` line when the record already has a `简介`.
//! Each line is looked at once. This module owns [`ParseOptions`], the
//! [`Records`] iterator and the entry points; value grammars live in their
//! own modules and are reached through [`Record`]'s dispatch.

use std::borrow::Cow;

use crate::error::{Diagnostic, Error, ErrorKind, Position, Warning};
use crate::labels::Label;
use crate::lines::{split_field, FieldLine, Line, Lines};
use crate::name::infer_record_name;
use crate::record::{Extra, Parsed, Record};

/// How faults are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// The first structural fault of a record is an [`Error`].
    #[default]
    Strict,
    /// Faults become [`Warning`]s and the offending lines go to
    /// [`Record::extra`]; parsing never fails on them.
    Lenient,
}

/// Mode and limits of a parse.
///
/// ```
/// use jibing::{Mode, ParseOptions};
/// let options = ParseOptions::new().lenient().with_max_record_size(1 << 20);
/// assert_eq!(options.mode(), Mode::Lenient);
/// let parsed = options.parse("简介 某病\n别名 某某\n")?;
/// assert_eq!(parsed.warnings.len(), 1);
/// assert_eq!(parsed.record.extra[0].label, "别名");
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    mode: Mode,
    max_record_size: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            mode: Mode::Strict,
            max_record_size: Self::DEFAULT_MAX_RECORD_SIZE,
        }
    }
}

impl ParseOptions {
    /// The default record size limit: 16 MiB.
    pub const DEFAULT_MAX_RECORD_SIZE: usize = 16 << 20;

    /// Strict mode, 16 MiB record limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same options in strict mode.
    pub fn strict(self) -> Self {
        self.with_mode(Mode::Strict)
    }

    /// The same options in lenient mode.
    pub fn lenient(self) -> Self {
        self.with_mode(Mode::Lenient)
    }

    /// The same options with `mode`.
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// The same options with a record size limit of `bytes`: a record whose
    /// lines (line endings included) add up to more is an
    /// [`ErrorKind::RecordTooLarge`] in both modes.
    pub fn with_max_record_size(mut self, bytes: usize) -> Self {
        self.max_record_size = bytes;
        self
    }

    /// The mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The record size limit in bytes.
    pub fn max_record_size(&self) -> usize {
        self.max_record_size
    }

    /// Parses `input` as exactly one record. Blank lines before and after it
    /// are fine; a second record after a blank line is an
    /// [`ErrorKind::TrailingRecord`] (in lenient mode a warning, and its
    /// lines go to [`Record::extra`]). A second `简介` is a duplicate label
    /// here, not a record boundary. Empty input gives an empty record.
    pub fn parse<'a>(&self, input: &'a str) -> Result<Parsed<'a>, Error> {
        let mut records = Records::new(input, *self, false);
        let mut parsed = match records.next() {
            Some(result) => result?,
            None => Parsed::default(),
        };
        let Some((line, field)) = records.next_field_line() else {
            return Ok(parsed);
        };
        let position = position_in(&line, field.label_at);
        let diagnostic = Diagnostic::new(ErrorKind::TrailingRecord, position, Some(field.label));
        if self.mode == Mode::Strict {
            return Err(diagnostic.into());
        }
        parsed.warnings.push(diagnostic);
        let mut next = Some((line, field));
        while let Some((line, field)) = next {
            parsed.record.extra.push(extra(&line, &field));
            next = records.next_field_line();
        }
        Ok(parsed)
    }

    /// Iterates over the records of a corpus.
    pub fn records<'a>(&self, input: &'a str) -> Records<'a> {
        Records::new(input, *self, true)
    }
}

/// Parses `input` as one record in strict mode. See [`ParseOptions::parse`].
///
/// ```
/// let record = jibing::parse("简介 某病\n医保疾病 是\n")?;
/// assert_eq!(record.insurance, Some(true));
/// assert_eq!(record.drugs, None);
///
/// let err = jibing::parse("简介 某病\n医保疾病 也许\n").unwrap_err();
/// assert_eq!((err.line(), err.column()), (2, 6));
/// # Ok::<(), jibing::Error>(())
/// ```
pub fn parse(input: &str) -> Result<Record<'_>, Error> {
    ParseOptions::new().parse(input).map(|parsed| parsed.record)
}

/// Parses `input` as one record in lenient mode: faults become warnings and
/// their lines go to [`Record::extra`]. Fails only on an oversized record.
pub fn parse_lenient(input: &str) -> Result<Parsed<'_>, Error> {
    ParseOptions::new().lenient().parse(input)
}

/// Iterates over the records of a corpus in strict mode. See [`Records`].
pub fn records(input: &str) -> Records<'_> {
    ParseOptions::new().records(input)
}

/// Iterator over the records of a corpus `&str`, borrowing from it.
///
/// Records are separated by blank (whitespace-only) lines, and a `简介` line
/// also starts a new record when the current one already has a `简介`.
/// A strict fault ends only its own record: the iterator yields the error
/// and goes on with the next record.
#[derive(Debug, Clone)]
pub struct Records<'a> {
    lines: Lines<'a>,
    pending: Option<(Line<'a>, FieldLine<'a>)>,
    options: ParseOptions,
    split_on_summary: bool,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a str, options: ParseOptions, split_on_summary: bool) -> Self {
        let text = input.strip_prefix('\u{feff}').unwrap_or(input);
        Self::with_base(text, 1, input.len() - text.len(), options, split_on_summary)
    }

    /// Records of `text`, which starts at `offset` in the input, on line
    /// `first_line`.
    pub(crate) fn with_base(
        text: &'a str,
        first_line: usize,
        offset: usize,
        options: ParseOptions,
        split_on_summary: bool,
    ) -> Self {
        Records {
            lines: Lines::new(text, first_line, offset),
            pending: None,
            options,
            split_on_summary,
        }
    }

    /// The next non-blank line, whether or not it is in a record.
    fn next_field_line(&mut self) -> Option<(Line<'a>, FieldLine<'a>)> {
        if let Some(pending) = self.pending.take() {
            return Some(pending);
        }
        self.lines
            .by_ref()
            .find_map(|line| split_field(line.text).map(|field| (line, field)))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Parsed<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let (first, field) = self.next_field_line()?;
        let mut builder = Builder::new(self.options.mode);
        let record_start = first.start;
        let mut oversized = first.end - record_start > self.options.max_record_size;
        // Whether the record has a `简介` line, faulty or not, fed or not.
        let mut has_summary = is_summary(&field);
        builder.feed(&first, field);
        for line in self.lines.by_ref() {
            let Some(field) = split_field(line.text) else {
                break;
            };
            if is_summary(&field) {
                if self.split_on_summary && has_summary {
                    self.pending = Some((line, field));
                    break;
                }
                has_summary = true;
            }
            oversized |= line.end - record_start > self.options.max_record_size;
            if !oversized {
                builder.feed(&line, field);
            }
        }
        if oversized {
            let kind = ErrorKind::RecordTooLarge {
                limit: self.options.max_record_size,
            };
            return Some(Err(
                Diagnostic::new(kind, position_in(&first, 0), None).into()
            ));
        }
        Some(builder.finish())
    }
}

/// One record being assembled.
struct Builder<'a> {
    record: Record<'a>,
    mode: Mode,
    /// Per label (table order): the line it was first given on and its raw
    /// value.
    seen: [Option<(usize, &'a str)>; 26],
    warnings: Vec<Warning>,
    error: Option<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(mode: Mode) -> Self {
        Builder {
            record: Record::default(),
            mode,
            seen: [None; 26],
            warnings: Vec::new(),
            error: None,
        }
    }

    fn feed(&mut self, line: &Line<'a>, field: FieldLine<'a>) {
        if self.error.is_some() {
            return;
        }
        let Some(label) = Label::from_text(field.label) else {
            return self.fault(ErrorKind::UnknownLabel, line, &field, field.label_at);
        };
        let slot = &mut self.seen[label.index()];
        if let Some((first_line, _)) = *slot {
            return self.fault(
                ErrorKind::DuplicateLabel { first_line },
                line,
                &field,
                field.label_at,
            );
        }
        *slot = Some((line.number, field.value));
        if let Err(fault) = self.record.set(label, field.value) {
            self.record.set_fallback(label);
            self.fault(fault.kind, line, &field, field.value_at + fault.offset);
        }
    }

    fn fault(&mut self, kind: ErrorKind, line: &Line<'a>, field: &FieldLine<'a>, at: usize) {
        let diagnostic = Diagnostic::new(kind, position_in(line, at), Some(field.label));
        match self.mode {
            Mode::Strict => self.error = Some(diagnostic),
            Mode::Lenient => {
                self.warnings.push(diagnostic);
                self.record.extra.push(extra(line, field));
            }
        }
    }

    fn finish(mut self) -> Result<Parsed<'a>, Error> {
        if let Some(error) = self.error {
            return Err(error.into());
        }
        let seen = &self.seen;
        self.record.name =
            infer_record_name(|label| seen[label.index()].map(|(_, raw)| raw)).map(Cow::Borrowed);
        Ok(Parsed {
            record: self.record,
            warnings: self.warnings,
        })
    }
}

fn is_summary(field: &FieldLine<'_>) -> bool {
    field.label == Label::Summary.text()
}

fn extra<'a>(line: &Line<'a>, field: &FieldLine<'a>) -> Extra<'a> {
    Extra {
        label: Cow::Borrowed(field.label),
        value: Cow::Borrowed(field.value),
        line: line.number,
    }
}

/// The position of byte `at` of `line`.
fn position_in(line: &Line<'_>, at: usize) -> Position {
    let before = line.text.get(..at).unwrap_or(line.text);
    Position {
        line: line.number,
        column: before.chars().count() + 1,
        offset: line.start + before.len(),
    }
}
