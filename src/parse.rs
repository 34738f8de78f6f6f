//! Assembling records from their lines: label lookup, duplicates, the size
//! limit, the strict/lenient policy and name inference.
//!
//! Which lines make a record is the grammar's (`grammar::record`, see the
//! [format reference: records and lines](crate::format#records-and-lines));
//! each line is read once. This module owns [`ParseOptions`], the
//! [`Records`] iterator, the entry points and the record builder; value
//! grammars live in their own modules and are reached through [`Record`]'s
//! dispatch.

use std::borrow::Cow;

use crate::error::{Diagnostic, Error, ErrorKind, Warning};
use crate::grammar::line::FieldSpans;
use crate::grammar::record::{Corpus, Entry};
use crate::labels::Label;
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
        let Some(entry) = records.corpus.peek_record() else {
            return Ok(parsed);
        };
        let position = entry.line.position(entry.field.label_at);
        let label = Some(entry.field.label);
        let diagnostic = Diagnostic::new(ErrorKind::TrailingRecord, position, label);
        if self.mode == Mode::Strict {
            return Err(diagnostic.into());
        }
        parsed.warnings.push(diagnostic);
        let extras = &mut parsed.record.extra;
        while records
            .corpus
            .next_record(|entry| extras.push(extra(&entry)))
        {}
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
    corpus: Corpus<'a>,
    options: ParseOptions,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a str, options: ParseOptions, split_on_summary: bool) -> Self {
        Records {
            corpus: Corpus::new(input, split_on_summary),
            options,
        }
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
            corpus: Corpus::with_base(text, first_line, offset, split_on_summary),
            options,
        }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Parsed<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut builder = Builder::new(self.options.mode);
        let limit = self.options.max_record_size;
        // The record's first line, and whether its lines so far (line
        // endings included) are over the limit.
        let mut first = None;
        let mut oversized = false;
        let found = self.corpus.next_record(|entry| {
            let start = first.get_or_insert(entry.line).start;
            oversized |= entry.line.end - start > limit;
            if !oversized {
                builder.feed(&entry);
            }
        });
        if !found {
            return None;
        }
        if oversized {
            let kind = ErrorKind::RecordTooLarge { limit };
            let position = first.map(|line| line.position(0));
            debug_assert!(position.is_some(), "a record without lines");
            let position = position.unwrap_or_default();
            return Some(Err(Diagnostic::new(kind, position, None).into()));
        }
        Some(builder.finish())
    }
}

/// Parses the one record whose text is `text` (at byte `offset` of the
/// input, on line `first_line`), where a scan already split its first
/// lines into `split` (in order, one per line): those are not read again,
/// and the record production reads the rest. The caller checked the size
/// limit. This is what the streaming reader's scan leaves to do.
pub(crate) fn parse_scanned<'a>(
    text: &'a str,
    first_line: usize,
    offset: usize,
    split: &[FieldSpans],
    options: ParseOptions,
) -> Result<Parsed<'a>, Error> {
    let mut builder = Builder::new(options.mode);
    let mut start = 0;
    let mut number = first_line;
    for spans in split {
        builder.feed(&Entry::locate(text, offset, start, number, spans));
        start += spans.len;
        number += 1;
    }
    let rest = text.get(start..);
    debug_assert!(rest.is_some(), "split lines past the record's text");
    let rest = rest.unwrap_or_default();
    if !rest.is_empty() {
        let mut lines = Corpus::with_base(rest, number, offset + start, false);
        let found = lines.next_record(|entry| builder.feed(&entry));
        debug_assert!(found && !lines.next_record(|_| ()), "not one record");
    }
    builder.finish()
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

    /// Takes one field line of the record: looks its label up in the label
    /// table (as a whole token), checks for duplicates and hands the value
    /// to the label's grammar.
    fn feed(&mut self, entry: &Entry<'a>) {
        if self.error.is_some() {
            return;
        }
        let field = &entry.field;
        let Some(label) = Label::from_text(field.label) else {
            return self.fault(ErrorKind::UnknownLabel, entry, field.label_at);
        };
        let slot = &mut self.seen[label.index()];
        if let Some((first_line, _)) = *slot {
            return self.fault(
                ErrorKind::DuplicateLabel { first_line },
                entry,
                field.label_at,
            );
        }
        *slot = Some((entry.line.number, field.value));
        if let Err(fault) = self.record.set(label, field.value) {
            self.record.set_fallback(label);
            self.fault(fault.kind, entry, field.value_at + fault.offset);
        }
    }

    fn fault(&mut self, kind: ErrorKind, entry: &Entry<'a>, at: usize) {
        let position = entry.line.position(at);
        let diagnostic = Diagnostic::new(kind, position, Some(entry.field.label));
        match self.mode {
            Mode::Strict => self.error = Some(diagnostic),
            Mode::Lenient => {
                self.warnings.push(diagnostic);
                self.record.extra.push(extra(entry));
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

fn extra<'a>(entry: &Entry<'a>) -> Extra<'a> {
    Extra {
        label: Cow::Borrowed(entry.field.label),
        value: Cow::Borrowed(entry.field.value),
        line: entry.line.number,
    }
}
