//! The entry points over text, and the one parser of a record's lines
//! that every entry point calls: label lookup, duplicates, the size limit,
//! the strict/lenient policy and name inference.

use std::borrow::Cow;
use std::iter::FusedIterator;

#[cfg(feature = "encoding")]
use crate::encoding::Encoding;
use crate::grammar::line::split_bom;
use crate::model::error::{Diagnostic, Error, ErrorKind, Position, Warning};

use crate::grammar::name::infer_record_name;
use crate::grammar::record::{Corpus, Entry, Line, RecordText, Step};
use crate::model::labels::Label;
use crate::model::record::{Extra, Parsed, Record};

/// How faults are handled.
///
/// May gain modes in a minor release (see the crate docs, "Stability"):
/// match it with a `_` arm.
///
/// ```
/// use jibing::{Mode, ParseOptions};
/// let input = "简介 某病\n别名 某某\n";
/// for mode in [Mode::Strict, Mode::Lenient] {
///     let result = ParseOptions::new().with_mode(mode).parse(input);
///     match mode {
///         Mode::Strict => assert!(result.is_err()),
///         Mode::Lenient => assert_eq!(result?.warnings.len(), 1),
///         _ => unreachable!("no other mode yet"),
///     }
/// }
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Mode {
    /// The first structural fault of a record is an [`Error`].
    #[default]
    Strict,
    /// Faults become [`Warning`]s and the offending lines go to
    /// [`Record::extra`]; parsing never fails on them.
    Lenient,
}

/// Mode and limits of a parse, and the entry points that take them. The
/// builder methods return new options (`ParseOptions` is `Copy`).
///
/// ```
/// use jibing::{Mode, ParseOptions};
/// let options = ParseOptions::new().lenient().with_max_record_size(1 << 20);
/// assert_eq!(options.mode(), Mode::Lenient);
/// assert_eq!(options.max_record_size(), 1 << 20);
/// let parsed = options.parse("简介 某病\n别名 某某\n")?;
/// assert_eq!(parsed.warnings.len(), 1);
/// assert_eq!(parsed.record.extra[0].label, "别名");
///
/// // The same options read a corpus, record by record.
/// let summaries: Vec<_> = options
///     .records("简介 甲病\n\n简介 乙病\n")
///     .map(|parsed| parsed.map(|p| p.record.summary))
///     .collect::<Result<_, _>>()?;
/// assert_eq!(summaries, [Some("甲病".into()), Some("乙病".into())]);
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// Dropping the options a builder method returns is a warning:
///
/// ```compile_fail
/// #![deny(unused_must_use)]
/// let options = jibing::ParseOptions::new();
/// options.lenient(); // the lenient options are dropped
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParseOptions {
    mode: Mode,
    max_record_size: usize,
    #[cfg(feature = "encoding")]
    encoding: Encoding,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            mode: Mode::Strict,
            max_record_size: Self::DEFAULT_MAX_RECORD_SIZE,
            #[cfg(feature = "encoding")]
            encoding: Encoding::Utf8,
        }
    }
}

impl ParseOptions {
    /// The default record size limit: 16 MiB.
    pub const DEFAULT_MAX_RECORD_SIZE: usize = 16 << 20;

    /// Strict mode, 16 MiB record limit.
    #[must_use = "options are returned, not changed in place"]
    pub fn new() -> Self {
        Self::default()
    }

    /// The same options in strict mode.
    #[must_use = "options are returned, not changed in place"]
    pub fn strict(self) -> Self {
        self.with_mode(Mode::Strict)
    }

    /// The same options in lenient mode.
    #[must_use = "options are returned, not changed in place"]
    pub fn lenient(self) -> Self {
        self.with_mode(Mode::Lenient)
    }

    /// The same options with `mode`.
    #[must_use = "options are returned, not changed in place"]
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// The same options with a record size limit of `bytes`: a record whose
    /// lines (line endings included) add up to more is an
    /// [`ErrorKind::RecordTooLarge`] in both modes.
    #[must_use = "options are returned, not changed in place"]
    pub fn with_max_record_size(mut self, bytes: usize) -> Self {
        self.max_record_size = bytes;
        self
    }

    /// The same options reading bytes in `encoding` ([`parse_slice`](Self::parse_slice)
    /// and the readers); text (`&str`) is read as it is.
    #[cfg(feature = "encoding")]
    #[must_use = "options are returned, not changed in place"]
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The encoding of bytes.
    #[cfg(feature = "encoding")]
    #[must_use]
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The mode.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The record size limit in bytes.
    #[must_use]
    pub fn max_record_size(&self) -> usize {
        self.max_record_size
    }

    /// Parses `input` as exactly one record. Blank lines before and after it
    /// are fine; a second record after a blank line is an
    /// [`ErrorKind::TrailingRecord`] (in lenient mode a warning, and its
    /// lines go to [`Record::extra`]). A second `简介` is a duplicate label
    /// here, not a record boundary. Empty input gives an empty record.
    ///
    /// # Errors
    ///
    /// In strict mode, the first fault of the record (an unknown or
    /// duplicate label, a boolean that is not `是`/`否`, a malformed drug
    /// list) or a second record. In both modes, an
    /// [`ErrorKind::RecordTooLarge`] when the record is over
    /// [`max_record_size`](Self::max_record_size).
    pub fn parse<'a>(&self, input: &'a str) -> Result<Parsed<'a>, Error> {
        self.parse_one(Records::new(input, *self, false))
    }

    /// Parses `input`, bytes that must be UTF-8, as exactly one record: the
    /// same as [`parse`](Self::parse) once the bytes are known to be text.
    /// A leading BOM is skipped, as by `parse`.
    ///
    /// ```
    /// use jibing::{ErrorKind, ParseOptions};
    /// let lenient = ParseOptions::new().lenient();
    /// let parsed = lenient.parse_slice("简介 某病\n别名 某某\n".as_bytes())?;
    /// assert_eq!(parsed.record.summary.as_deref(), Some("某病"));
    /// assert_eq!(parsed.warnings[0].kind, ErrorKind::UnknownLabel);
    ///
    /// // Invalid UTF-8 is an error in both modes, at its first bad byte; a
    /// // leading BOM counts in the offset, not in the column.
    /// let bytes = ["\u{feff}简介 ".as_bytes(), b"\xff\n"].concat();
    /// let err = lenient.parse_slice(&bytes).unwrap_err();
    /// assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
    /// assert_eq!((err.line(), err.column(), err.offset()), (1, 4, 10));
    /// # Ok::<(), jibing::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::InvalidUtf8`] at the first byte that is not UTF-8,
    /// in both modes and before anything else is looked at; then the
    /// errors of [`parse`](Self::parse).
    pub fn parse_slice<'a>(&self, input: &'a [u8]) -> Result<Parsed<'a>, Error> {
        #[cfg(feature = "encoding")]
        if let Some(decoded) = crate::encoding::decode_slice(input, self.encoding) {
            return self.parse_decoded(&decoded);
        }
        let (bom, rest) = split_bom(input);
        let text = utf8_text(rest, 1, bom.len())?;
        self.parse_one(Records::with_base(text, 1, bom.len(), *self, false))
    }

    /// `input` as text in the options' [`encoding`](Self::encoding):
    /// borrowed when it is read as UTF-8, decoded (owned) from GB18030. For
    /// what needs the whole text, such as a [`Document`](crate::Document);
    /// [`parse_slice`](Self::parse_slice) and the readers decode by
    /// themselves.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use jibing::{Document, Encoding, ParseOptions};
    /// let gbk = b"\xbc\xf2\xbd\xe9 \xc4\xb3\xb2\xa1\n"; // 简介 某病, in GBK
    /// let text = ParseOptions::new().with_encoding(Encoding::Auto).decode(gbk)?;
    /// assert!(matches!(text, Cow::Owned(_)));
    /// assert_eq!(Document::new(&text).as_str(), "简介 某病\n");
    /// # Ok::<(), jibing::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::InvalidUtf8`] or [`ErrorKind::InvalidGb18030`] at
    /// the first bytes that do not decode, in both modes.
    #[cfg(feature = "encoding")]
    pub fn decode<'a>(&self, input: &'a [u8]) -> Result<Cow<'a, str>, Error> {
        let Some(decoded) = crate::encoding::decode_slice(input, self.encoding) else {
            let (bom, rest) = split_bom(input);
            let text = utf8_text(rest, 1, bom.len())?;
            // `input` is a BOM, which is UTF-8, and `text`.
            return Ok(Cow::Borrowed(std::str::from_utf8(input).unwrap_or(text)));
        };
        match decoded.malformed.first() {
            Some(&at) => Err(crate::encoding::malformed_at(&decoded.text, 1, 0, at).into()),
            None => Ok(Cow::Owned(decoded.text)),
        }
    }

    /// The one record of `decoded` text, owned (see [`parse_slice`](Self::parse_slice)).
    #[cfg(feature = "encoding")]
    fn parse_decoded(&self, decoded: &crate::encoding::Decoded) -> Result<Parsed<'static>, Error> {
        let (bom, _) = split_bom(decoded.text.as_bytes());
        let rest = decoded.text.get(bom.len()..).unwrap_or_default();
        let records = Records::with_base(rest, 1, bom.len(), *self, false);
        let strict = self.mode == Mode::Strict;
        let text = (rest, 1, bom.len());
        crate::encoding::report_malformed(text, &decoded.malformed, strict, || {
            self.parse_one(records)
        })
        .map(Parsed::into_owned)
    }

    /// The one record of `records` (see [`parse`](Self::parse)).
    fn parse_one<'a>(&self, mut records: Records<'a>) -> Result<Parsed<'a>, Error> {
        let mut parsed = match records.next() {
            Some(result) => result?,
            None => Parsed::default(),
        };
        let rest = records.corpus.map(|(_, entry)| entry);
        let mut trailing = records.next_first.into_iter().chain(rest);
        let Some(entry) = trailing.next() else {
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
        extras.push(extra(&entry));
        extras.extend(trailing.map(|entry| extra(&entry)));
        Ok(parsed)
    }

    /// Iterates over the records of a corpus (see [`Records`]).
    #[must_use = "iterators are lazy and do nothing unless consumed"]
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
///
/// # Errors
///
/// The first fault of the record, a second record after a blank line, or a
/// record over [`ParseOptions::DEFAULT_MAX_RECORD_SIZE`]; see
/// [`ParseOptions::parse`].
pub fn parse(input: &str) -> Result<Record<'_>, Error> {
    ParseOptions::new().parse(input).map(|parsed| parsed.record)
}

/// Parses `input`, bytes that must be UTF-8, as one record in strict mode:
/// [`parse`](fn@parse) for bytes, as `serde_json::from_slice` is
/// `from_str` for bytes. Strings of the record borrow from `input`. See
/// [`ParseOptions::parse_slice`] for other options.
///
/// ```
/// use jibing::ErrorKind;
/// let record = jibing::from_slice("简介 某病\n医保疾病 是\n".as_bytes())?;
/// assert_eq!(record.insurance, Some(true));
///
/// // A cut-short character: the first bad byte is on line 2, column 6 (in
/// // characters), byte 27.
/// let bytes = ["简介 某病\n医保疾病 ".as_bytes(), b"\xe6\x98\n"].concat();
/// let err = jibing::from_slice(&bytes).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
/// assert_eq!((err.line(), err.column(), err.offset()), (2, 6, 27));
/// assert_eq!(err.to_string(), "2:6: invalid UTF-8");
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// # Errors
///
/// An [`ErrorKind::InvalidUtf8`] at the first byte that is not UTF-8 (the
/// line and column of that byte, as the streaming [`Reader`](crate::Reader)
/// reports it); then the errors of [`parse`](fn@parse).
pub fn from_slice(input: &[u8]) -> Result<Record<'_>, Error> {
    ParseOptions::new()
        .parse_slice(input)
        .map(|parsed| parsed.record)
}

/// Parses `input` as one record in lenient mode: faults become warnings and
/// their lines go to [`Record::extra`]. Fails only on an oversized record.
///
/// ```
/// use jibing::ErrorKind;
/// let input = "简介 某病\n医保疾病 也许\n别名 某某\n医保疾病 否\n";
/// let parsed = jibing::parse_lenient(input)?;
/// // The first `医保疾病` was not a boolean, the second is a duplicate.
/// assert_eq!(parsed.record.insurance, None);
/// let kinds: Vec<_> = parsed.warnings.iter().map(|w| (w.position.line, &w.kind)).collect();
/// assert_eq!(
///     kinds,
///     [
///         (2, &ErrorKind::InvalidBool { found: "也许".into() }),
///         (3, &ErrorKind::UnknownLabel),
///         (4, &ErrorKind::DuplicateLabel { first_line: 2 }),
///     ]
/// );
/// // Every offending line is kept.
/// let kept: Vec<_> = parsed.record.extra.iter().map(|e| e.line).collect();
/// assert_eq!(kept, [2, 3, 4]);
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// # Errors
///
/// Only an [`ErrorKind::RecordTooLarge`], when the record is over
/// [`ParseOptions::DEFAULT_MAX_RECORD_SIZE`].
pub fn parse_lenient(input: &str) -> Result<Parsed<'_>, Error> {
    ParseOptions::new().lenient().parse(input)
}

/// Iterates over the records of a corpus in strict mode. See [`Records`].
///
/// ```
/// let corpus = "简介 甲病\n医保疾病 是\n\n简介 乙病\n医保疾病 也许\n\n简介 丙病\n";
/// let outcomes: Vec<_> = jibing::records(corpus)
///     .map(|r| r.map(|p| p.record.summary).map_err(|e| e.line()))
///     .collect();
/// assert_eq!(
///     outcomes,
///     [Ok(Some("甲病".into())), Err(5), Ok(Some("丙病".into()))]
/// );
/// ```
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub fn records(input: &str) -> Records<'_> {
    ParseOptions::new().records(input)
}

/// Iterator over the records of a corpus `&str`, borrowing from it.
///
/// Records are separated by blank (whitespace-only) lines, and a `简介` line
/// also starts a new record when the current one already has a `简介`.
/// A strict fault ends only its own record: the iterator yields the error
/// and goes on with the next record. After the last record it yields
/// `None` for good ([`FusedIterator`]).
///
/// ```
/// use jibing::ParseOptions;
/// // Records glued by a second `简介`, one over the size limit.
/// let corpus = "简介 甲病\n简介 乙病\n症状 咳嗽发热头痛\n\n简介 丙病\n";
/// let mut records = ParseOptions::new().with_max_record_size(32).records(corpus);
/// let first = records.next().unwrap()?;
/// assert_eq!(first.record.summary.as_deref(), Some("甲病"));
/// let err = records.next().unwrap().unwrap_err();
/// assert_eq!((err.line(), err.to_string().as_str()), (2, "2:1: record is larger than the limit of 32 bytes"));
/// let third = records.next().unwrap()?;
/// assert_eq!(third.record.summary.as_deref(), Some("丙病"));
/// assert!(records.next().is_none());
/// assert!(records.next().is_none());
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Records<'a> {
    corpus: Corpus<'a>,
    /// The first line of the next record, met at the end of the last one.
    next_first: Option<Entry<'a>>,
    options: ParseOptions,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a str, options: ParseOptions, split_on_summary: bool) -> Self {
        Records {
            corpus: Corpus::new(input, split_on_summary),
            next_first: None,
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
            next_first: None,
            options,
        }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Parsed<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let first = match self.next_first.take() {
            Some(first) => first,
            None => self.corpus.next()?.1,
        };
        let mut record = RecordParse::new(first, self.options);
        for (step, line) in self.corpus.by_ref() {
            if step == Step::Starts {
                self.next_first = Some(line);
                break;
            }
            record.line(line);
        }
        Some(record.finish())
    }
}

/// Parses the one record whose lines are `record`.
pub(crate) fn parse_record(
    record: RecordText<'_>,
    options: ParseOptions,
) -> Result<Parsed<'_>, Error> {
    let mut lines = record.entries();
    let Some(first) = lines.next() else {
        return Ok(Parsed::default());
    };
    let mut parse = RecordParse::new(first, options);
    lines.for_each(|line| parse.line(line));
    parse.finish()
}

/// The parse of one record from its field lines, in order: the parser of
/// every entry point.
struct RecordParse<'a> {
    first: Line<'a>,
    limit: usize,
    oversized: bool,
    builder: Builder<'a>,
}

impl<'a> RecordParse<'a> {
    fn new(first: Entry<'a>, options: ParseOptions) -> Self {
        let mut parse = RecordParse {
            first: first.line,
            limit: options.max_record_size,
            oversized: false,
            builder: Builder::new(options.mode),
        };
        parse.line(first);
        parse
    }

    /// Takes the record's next line.
    #[inline]
    fn line(&mut self, entry: Entry<'a>) {
        self.oversized |= entry.line.end - self.first.start > self.limit;
        if !self.oversized {
            self.builder.feed(&entry);
        }
    }

    fn finish(self) -> Result<Parsed<'a>, Error> {
        if self.oversized {
            return Err(too_large(self.limit, self.first.position(0)));
        }
        self.builder.finish()
    }
}

/// The [`ErrorKind::RecordTooLarge`] of a record that starts at `start`.
pub(crate) fn too_large(limit: usize, start: Position) -> Error {
    Diagnostic::new(ErrorKind::RecordTooLarge { limit }, start, None).into()
}

/// Once the corpus is read, its rest is empty and stays so.
impl FusedIterator for Records<'_> {}

/// `bytes`, which start line `line` at byte `offset` of the input, as
/// text; else an [`ErrorKind::InvalidUtf8`] at the first bad byte. The one
/// place bytes become text.
pub(crate) fn utf8_text(bytes: &[u8], line: usize, offset: usize) -> Result<&str, Error> {
    let e = match validate_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let valid = bytes.split_at(e.valid_up_to()).0;
    let in_line = memchr::memrchr(b'\n', valid).map_or(valid, |at| valid.split_at(at + 1).1);
    let position = Position {
        line: line + memchr::memchr_iter(b'\n', valid).count(),
        // The characters of valid UTF-8 are its bytes but continuation bytes.
        column: in_line.iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1,
        offset: offset + valid.len(),
    };
    let error = Error::from(Diagnostic::new(ErrorKind::InvalidUtf8, position, None));
    #[cfg(feature = "encoding")]
    if position.offset == 0 || crate::encoding::is_clean_gb18030(bytes, false) {
        return Err(error.maybe_gb18030());
    }
    Err(error)
}

/// Checks that `bytes` are UTF-8 (with `simdutf8` first, if enabled).
fn validate_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    #[cfg(feature = "simdutf8")]
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes)
}

/// One record being assembled.
struct Builder<'a> {
    record: Record<'a>,
    mode: Mode,
    /// Per label: the line it was first given on and its raw value.
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

    /// Takes one field line: its label looked up as a whole token, checked
    /// for duplicates, its value handed to the label's grammar.
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
