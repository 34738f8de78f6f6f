//! Errors and warnings, with positions.
//!
//! A [`Diagnostic`] is one fault at one [`Position`]: strict parsing returns
//! it inside an [`Error`], lenient parsing collects it as a [`Warning`]. The
//! same fault yields the same kind, position and label in both modes.

use std::hash::Hash;
use std::sync::Arc;
use std::{fmt, io};

use serde::ser::SerializeStruct;
use unicode_width::UnicodeWidthChar;

use super::drugs::DrugFaultKind;

/// A place in the input.
///
/// `Display` reads `LINE:COLUMN`; serialises as `{"line", "column",
/// "offset"}`.
///
/// ```
/// let input = "简介 某病\n医保疾病 也许\n";
/// let position = jibing::parse(input).unwrap_err().position();
/// assert_eq!((position.line, position.column), (2, 6));
/// assert_eq!(&input[position.offset..], "也许\n");
/// assert_eq!(position.to_string(), "2:6");
/// assert_eq!(
///     serde_json::to_string(&position)?,
///     r#"{"line":2,"column":6,"offset":27}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values) from the
    /// start of the line. A leading BOM is not counted.
    pub column: usize,
    /// Byte offset from the start of the input as it was given to the parser
    /// (a leading BOM included), so `&input[offset..]` starts at the fault.
    pub offset: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// What went wrong.
///
///
/// ```
/// use jibing::{DrugFaultKind, ErrorKind};
///
/// let err = jibing::parse("简介 某病\n简介 又一病\n").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::DuplicateLabel { first_line: 1 });
///
/// let err = jibing::parse("药品 ['利鲁唑片'\n").unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::InvalidDrugs(DrugFaultKind::UnclosedBracket));
///
/// // Kinds are `Eq + Hash`: count the faults of a lenient parse by kind.
/// let parsed = jibing::parse_lenient("别名 甲\n医保疾病 也许\n外号 乙\n")?;
/// let mut counts = std::collections::HashMap::new();
/// for warning in &parsed.warnings {
///     *counts.entry(warning.kind.clone()).or_insert(0) += 1;
/// }
/// assert_eq!(counts[&ErrorKind::UnknownLabel], 2);
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The line's label is not one of the 26. Points at the label.
    UnknownLabel,
    /// The label was already given on `first_line`. Points at the second
    /// occurrence of the label.
    DuplicateLabel {
        /// Line of the first occurrence, which is the one that is kept.
        first_line: usize,
    },
    /// A boolean field holds something other than `是` or `否`. Points at the
    /// value's first character.
    InvalidBool {
        /// The value as written.
        found: String,
    },
    /// The `药品` value is not a sequence of 1-to-3-string Python list
    /// literals. Points where the tuple grammar fails.
    InvalidDrugs(DrugFaultKind),
    /// A single-record parse found a second record after a blank line. Points
    /// at the first line of the second record.
    TrailingRecord,
    /// The bytes are not UTF-8. Points at the first invalid byte. An error in
    /// both modes.
    InvalidUtf8,
    /// Bytes that are not GB18030, in input read as GB18030 (see
    /// `Encoding`). Points at the U+FFFD that stands for them in the
    /// decoded text, where the position's offset is. An error in strict
    /// mode; lenient, a warning and the record keeps the U+FFFD.
    InvalidGb18030,
    /// The record is larger than [`ParseOptions::max_record_size`](crate::ParseOptions::max_record_size).
    /// Points at the record's first line. An error in both modes.
    RecordTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Reading the input failed; the underlying [`io::Error`] is the
    /// [`source`](std::error::Error::source) of the [`Error`] (see
    /// [`Error::io_error_kind`]).
    Io {
        /// The I/O error's message.
        message: String,
    },
    /// `medical.json` that is not JSON of its shape: a syntax error, or
    /// nesting deeper than the reader follows. Points at the character found
    /// instead. An error in both modes.
    InvalidJson {
        /// What the reader expected there.
        expected: &'static str,
    },
    /// A `medical.json` key whose value has the wrong JSON type (a number
    /// where a string belongs). Points at the value.
    WrongType {
        /// The type the key takes.
        expected: &'static str,
    },
}

impl ErrorKind {
    /// The kind's name in the JSON form of a [`Diagnostic`].
    fn code(&self) -> &'static str {
        match self {
            ErrorKind::UnknownLabel => "unknown_label",
            ErrorKind::DuplicateLabel { .. } => "duplicate_label",
            ErrorKind::InvalidBool { .. } => "invalid_bool",
            ErrorKind::InvalidDrugs(_) => "invalid_drugs",
            ErrorKind::TrailingRecord => "trailing_record",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::InvalidGb18030 => "invalid_gb18030",
            ErrorKind::RecordTooLarge { .. } => "record_too_large",
            ErrorKind::Io { .. } => "io",
            ErrorKind::InvalidJson { .. } => "invalid_json",
            ErrorKind::WrongType { .. } => "wrong_type",
        }
    }
}

/// The name of a drug fault in the JSON form of a [`Diagnostic`].
fn drug_fault_code(fault: DrugFaultKind) -> &'static str {
    match fault {
        DrugFaultKind::ExpectedList => "expected_list",
        DrugFaultKind::UnclosedBracket => "unclosed_bracket",
        DrugFaultKind::UnterminatedString => "unterminated_string",
        DrugFaultKind::BadEscape => "bad_escape",
        DrugFaultKind::NoStrings => "no_strings",
        DrugFaultKind::TooManyStrings => "too_many_strings",
        DrugFaultKind::MissingComma => "missing_comma",
        DrugFaultKind::ExpectedString => "expected_string",
        DrugFaultKind::ExpectedCommaOrBracket => "expected_comma_or_bracket",
        DrugFaultKind::UnbalancedBracket => "unbalanced_bracket",
    }
}

/// One fault, where it happened and the label involved.
///
/// `Display` reads like `3:1: unknown label '别名'`. Serialises as one flat
/// JSON object (see its `# JSON` section below).
///
/// ```
/// use jibing::{Diagnostic, ErrorKind, Position};
///
/// let input = "简介 某病\n别名 某某\n";
/// let parsed = jibing::parse_lenient(input)?;
/// let warning: &Diagnostic = &parsed.warnings[0];
/// assert_eq!(warning.kind, ErrorKind::UnknownLabel);
/// let Position { line, column, offset, .. } = warning.position;
/// assert_eq!((line, column, offset), (2, 1, 14));
/// assert_eq!(warning.label.as_deref(), Some("别名"));
/// assert_eq!(warning.to_string(), "2:1: unknown label '别名'");
/// assert_eq!(warning.render(input), "2 | 别名 某某\n  | ^^");
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// # JSON
///
/// `kind` (the [`ErrorKind`] in snake case), `message`
/// ([`message`](Diagnostic::message)), `line`, `column`, `offset`, `label`
/// (`null` when none), then the kind's own detail when it has one:
/// `first_line`, `found`, `fault` (the [`DrugFaultKind`] in snake case) or
/// `limit`.
///
/// ```
/// let parsed = jibing::parse_lenient("简介 某病\n简介 又一病\n药品 ['a'\n")?;
/// let lines: Vec<String> = parsed
///     .warnings
///     .iter()
///     .map(serde_json::to_string)
///     .collect::<Result<_, _>>()?;
/// assert_eq!(
///     lines,
///     [
///         r#"{"kind":"duplicate_label","message":"duplicate label '简介' (first given on line 1)","line":2,"column":1,"offset":14,"label":"简介","first_line":1}"#,
///         r#"{"kind":"invalid_drugs","message":"malformed drug list in '药品': unclosed '[': the value ends before ']'","line":3,"column":8,"offset":42,"label":"药品","fault":"unclosed_bracket"}"#,
///     ]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// What went wrong.
    pub kind: ErrorKind,
    /// Where.
    pub position: Position,
    /// The label of the line involved, as written (`None` for faults that
    /// belong to no line, such as invalid UTF-8 or an oversized record).
    pub label: Option<String>,
}

/// A fault that lenient parsing stepped over. See [`Diagnostic`].
///
///
/// ```
/// use jibing::{ErrorKind, Warning};
///
/// let input = "简介 某病\n医保疾病 也许\n";
/// let parsed = jibing::parse_lenient(input)?;
/// let warnings: &[Warning] = &parsed.warnings;
/// assert_eq!(warnings.len(), 1);
/// assert!(matches!(&warnings[0].kind, ErrorKind::InvalidBool { found } if found == "也许"));
/// assert_eq!(parsed.record.insurance, None);
/// assert_eq!(parsed.record.extra[0].line, 2);
///
/// // The same fault, as strict parsing reports it.
/// let err = jibing::parse(input).unwrap_err();
/// assert_eq!(err.diagnostic(), &warnings[0]);
/// # Ok::<(), jibing::Error>(())
/// ```
pub type Warning = Diagnostic;

impl Diagnostic {
    pub(crate) fn new(kind: ErrorKind, position: Position, label: Option<&str>) -> Self {
        Diagnostic {
            kind,
            position,
            label: label.map(str::to_owned),
        }
    }

    /// The message without the position, e.g. `unknown label '别名'`.
    ///
    /// For [`ErrorKind::Io`] it includes the I/O error's message, which
    /// [`Error`]'s `Display` leaves to its source.
    pub fn message(&self) -> String {
        let label = self.label.as_deref().unwrap_or("");
        match &self.kind {
            ErrorKind::UnknownLabel => format!("unknown label '{label}'"),
            ErrorKind::DuplicateLabel { first_line } => {
                format!("duplicate label '{label}' (first given on line {first_line})")
            }
            ErrorKind::InvalidBool { found } => {
                format!("'{label}' must be 是 or 否, found '{found}'")
            }
            ErrorKind::InvalidDrugs(fault) => format!("malformed drug list in '{label}': {fault}"),
            ErrorKind::TrailingRecord => {
                "a second record starts here; read several records with `jibing::records`"
                    .to_owned()
            }
            ErrorKind::InvalidUtf8 => "invalid UTF-8".to_owned(),
            ErrorKind::InvalidGb18030 => "invalid GB18030".to_owned(),
            ErrorKind::RecordTooLarge { limit } => {
                format!("record is larger than the limit of {limit} bytes")
            }
            ErrorKind::Io { message } => format!("I/O error: {message}"),
            ErrorKind::InvalidJson { expected } => format!("invalid JSON: expected {expected}"),
            ErrorKind::WrongType { expected } => format!("'{label}' must be {expected}"),
        }
    }

    /// The offending line of `source` with a caret under the faulty
    /// character, as two lines:
    ///
    /// ```text
    /// 3 | 别名 肌萎缩
    ///   | ^^
    /// ```
    ///
    /// `source` is the whole input the position refers to. Carets follow
    /// display width (two under a CJK character) and tabs; the result is
    /// empty when the position is not inside `source`.
    pub fn render(&self, source: &str) -> String {
        let offset = self.position.offset;
        let Some(before) = source.get(..offset) else {
            return String::new();
        };
        let mut line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 {
            line_start = crate::scan::bom_len(source.as_bytes()).min(offset);
        }
        let prefix = source.get(line_start..offset).unwrap_or("");
        let at = source.get(offset..).unwrap_or("");
        let rest_of_line = at.split('\n').next().unwrap_or("");
        let rest_of_line = rest_of_line.strip_suffix('\r').unwrap_or(rest_of_line);
        let line = format!("{prefix}{rest_of_line}");
        let mut pad = String::new();
        for c in prefix.chars() {
            if c == '\t' {
                pad.push('\t');
            } else {
                pad.push_str(&" ".repeat(c.width().unwrap_or(0)));
            }
        }
        let carets = rest_of_line
            .chars()
            .next()
            .and_then(|c| c.width())
            .unwrap_or(1)
            .max(1);
        let number = self.position.line.to_string();
        let gutter = " ".repeat(number.len());
        format!("{number} | {line}\n{gutter} | {pad}{}", "^".repeat(carets))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message())
    }
}

impl std::error::Error for Diagnostic {}

impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The kind's own detail, as one more key.
        enum Detail<'a> {
            None,
            Count(&'static str, usize),
            Text(&'static str, &'a str),
        }
        let detail = match &self.kind {
            ErrorKind::DuplicateLabel { first_line } => Detail::Count("first_line", *first_line),
            ErrorKind::InvalidBool { found } => Detail::Text("found", found),
            ErrorKind::InvalidDrugs(fault) => Detail::Text("fault", drug_fault_code(*fault)),
            ErrorKind::RecordTooLarge { limit } => Detail::Count("limit", *limit),
            ErrorKind::InvalidJson { expected } | ErrorKind::WrongType { expected } => {
                Detail::Text("expected", expected)
            }
            ErrorKind::UnknownLabel
            | ErrorKind::TrailingRecord
            | ErrorKind::InvalidUtf8
            | ErrorKind::InvalidGb18030
            | ErrorKind::Io { .. } => Detail::None,
        };
        let fields = 6 + usize::from(!matches!(detail, Detail::None));
        let mut object = serializer.serialize_struct("Diagnostic", fields)?;
        object.serialize_field("kind", self.kind.code())?;
        object.serialize_field("message", &self.message())?;
        object.serialize_field("line", &self.position.line)?;
        object.serialize_field("column", &self.position.column)?;
        object.serialize_field("offset", &self.position.offset)?;
        object.serialize_field("label", &self.label)?;
        match detail {
            Detail::None => {}
            Detail::Count(key, n) => object.serialize_field(key, &n)?,
            Detail::Text(key, text) => object.serialize_field(key, text)?,
        }
        object.end()
    }
}

/// The error of strict parsing, and of faults that are errors in both modes
/// (invalid UTF-8, an oversized record, I/O).
///
/// `Display` reads `LINE:COLUMN: MESSAGE`, as [`Diagnostic`] does; an I/O
/// error leaves its own message to its [`source`](std::error::Error::source),
/// so reporters that walk the chain print it once.
///
/// ```
/// use jibing::ErrorKind;
///
/// let input = "简介 某病\n别名 某某\n";
/// let err = jibing::parse(input).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnknownLabel);
/// assert_eq!((err.line(), err.column(), err.label()), (2, 1, Some("别名")));
/// assert_eq!(err.to_string(), "2:1: unknown label '别名'");
/// assert_eq!(err.render(input), "2 | 别名 某某\n  | ^^");
/// assert!(!err.is_io());
///
/// // A format fault is `InvalidData` as an `io::Error`.
/// let io_err = std::io::Error::from(err);
/// assert_eq!(io_err.kind(), std::io::ErrorKind::InvalidData);
/// ```
///
/// An I/O error keeps its [`io::ErrorKind`]:
///
/// ```
/// use std::io::{self, BufRead, BufReader, Read};
///
/// /// A source that fails after its first bytes.
/// struct Flaky(&'static [u8]);
/// impl Read for Flaky {
///     fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
///         if self.0.is_empty() {
///             return Err(io::Error::new(io::ErrorKind::ConnectionReset, "peer went away"));
///         }
///         let n = self.0.len().min(buf.len());
///         buf[..n].copy_from_slice(&self.0[..n]);
///         self.0 = &self.0[n..];
///         Ok(n)
///     }
/// }
///
/// let source = BufReader::new(Flaky("简介 某病\n\n简介 另一病".as_bytes()));
/// let results: Vec<_> = jibing::ParseOptions::new().reader(source).collect();
/// let err = results.last().unwrap().as_ref().unwrap_err();
/// assert!(err.is_io());
/// assert_eq!(err.io_error_kind(), Some(io::ErrorKind::ConnectionReset));
/// assert_eq!(err.to_string(), format!("{}: I/O error", err.position()));
/// let source = std::error::Error::source(err).unwrap();
/// assert_eq!(source.to_string(), "peer went away");
///
/// let io_err = io::Error::from(err.clone());
/// assert_eq!(io_err.kind(), io::ErrorKind::ConnectionReset);
/// ```
#[derive(Debug, Clone)]
pub struct Error {
    diagnostic: Box<Diagnostic>,
    /// The I/O error behind an [`ErrorKind::Io`], shared so `Error` is `Clone`.
    source: Option<Arc<io::Error>>,
    /// Whether this invalid UTF-8 may be GBK/GB18030 (see
    /// [`may_be_gb18030`](Self::may_be_gb18030)).
    gb18030: bool,
}

impl Error {
    pub(crate) fn io(error: io::Error, position: Position) -> Self {
        let kind = ErrorKind::Io {
            message: error.to_string(),
        };
        Error {
            diagnostic: Box::new(Diagnostic::new(kind, position, None)),
            source: Some(Arc::new(error)),
            gb18030: false,
        }
    }

    /// The same error, marked as invalid UTF-8 that may be GBK/GB18030.
    #[cfg(feature = "encoding")]
    pub(crate) fn maybe_gb18030(mut self) -> Self {
        self.gb18030 = true;
        self
    }

    /// Whether this [`ErrorKind::InvalidUtf8`] may be GBK/GB18030: the
    /// input fails at its first byte, or the bytes read decode as GB18030
    /// without an error. `Display` then names the remedy, reading with
    /// `ParseOptions::with_encoding(Encoding::Gb18030)` (feature
    /// `encoding`).
    ///
    /// ```
    /// # #[cfg(feature = "encoding")] {
    /// let gbk = b"\xbc\xf2\xbd\xe9 \xc4\xb3\xb2\xa1\n"; // 简介 某病, in GBK
    /// let err = jibing::from_slice(gbk).unwrap_err();
    /// assert!(err.may_be_gb18030());
    /// assert_eq!(
    ///     err.to_string(),
    ///     "1:1: invalid UTF-8; the input looks like GBK/GB18030: \
    ///      read it with ParseOptions::with_encoding(Encoding::Gb18030)"
    /// );
    /// # }
    /// ```
    pub fn may_be_gb18030(&self) -> bool {
        self.gb18030
    }

    /// Whether reading the input failed ([`ErrorKind::Io`]), as opposed to
    /// a fault in the input itself.
    pub fn is_io(&self) -> bool {
        matches!(self.diagnostic.kind, ErrorKind::Io { .. })
    }

    /// The [`io::ErrorKind`] of the I/O error behind this error, if any.
    pub fn io_error_kind(&self) -> Option<io::ErrorKind> {
        self.source.as_ref().map(|error| error.kind())
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.diagnostic.kind
    }

    /// Where it went wrong.
    pub fn position(&self) -> Position {
        self.diagnostic.position
    }

    /// 1-based line.
    pub fn line(&self) -> usize {
        self.diagnostic.position.line
    }

    /// 1-based column, in characters.
    pub fn column(&self) -> usize {
        self.diagnostic.position.column
    }

    /// Byte offset into the input.
    pub fn offset(&self) -> usize {
        self.diagnostic.position.offset
    }

    /// The label of the line involved, as written.
    pub fn label(&self) -> Option<&str> {
        self.diagnostic.label.as_deref()
    }

    /// The fault as a [`Diagnostic`] (the same value lenient parsing would
    /// report as a [`Warning`]).
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.diagnostic
    }

    /// See [`Diagnostic::render`].
    pub fn render(&self, source: &str) -> String {
        self.diagnostic.render(source)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            // The I/O error's message is the source's to print.
            Some(_) => {
                debug_assert!(self.is_io(), "only Error::io gives an error a source");
                write!(f, "{}: I/O error", self.diagnostic.position)
            }
            None if self.gb18030 => write!(
                f,
                "{}; the input looks like GBK/GB18030: read it with \
                 ParseOptions::with_encoding(Encoding::Gb18030)",
                self.diagnostic
            ),
            None => fmt::Display::fmt(&self.diagnostic, f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.source {
            Some(error) => Some(&**error),
            None => None,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error {
            diagnostic: Box::new(diagnostic),
            source: None,
            gb18030: false,
        }
    }
}

/// An I/O error keeps its [`io::ErrorKind`], a fault in the input is
/// [`io::ErrorKind::InvalidData`]; the `Error` is the `io::Error`'s inner
/// error, so its position survives.
impl From<Error> for io::Error {
    fn from(error: Error) -> Self {
        let kind = match (error.io_error_kind(), error.is_io()) {
            (Some(kind), _) => kind,
            (None, true) => io::ErrorKind::Other,
            (None, false) => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io_error() -> Error {
        let position = Position {
            line: 3,
            column: 1,
            offset: 20,
        };
        let source = io::Error::new(io::ErrorKind::ConnectionReset, "peer went away");
        Error::io(source, position)
    }

    /// Every error in the chain of `error`, outermost first, as anyhow's
    /// `{:#}` prints it.
    fn chain(error: &dyn std::error::Error) -> String {
        let mut text = error.to_string();
        let mut next = error.source();
        while let Some(error) = next {
            text.push_str(": ");
            text.push_str(&error.to_string());
            next = error.source();
        }
        text
    }

    #[test]
    fn io_display_leaves_the_message_to_the_source() {
        let error = io_error();
        assert_eq!(error.to_string(), "3:1: I/O error");
        assert_eq!(chain(&error), "3:1: I/O error: peer went away");
        // The diagnostic alone has no source, so it keeps the message.
        assert_eq!(
            error.diagnostic().to_string(),
            "3:1: I/O error: peer went away"
        );
        let source = std::error::Error::source(&error).and_then(|e| e.downcast_ref::<io::Error>());
        assert_eq!(
            source.map(io::Error::kind),
            Some(io::ErrorKind::ConnectionReset)
        );
    }

    #[test]
    fn io_accessors() {
        let error = io_error();
        assert!(error.is_io());
        assert_eq!(error.io_error_kind(), Some(io::ErrorKind::ConnectionReset));
        let fault = Error::from(Diagnostic::new(
            ErrorKind::InvalidUtf8,
            Position::default(),
            None,
        ));
        assert!(!fault.is_io());
        assert_eq!(fault.io_error_kind(), None);
        assert!(std::error::Error::source(&fault).is_none());
        // An I/O kind built by hand: no source, so the message stays.
        let kind = ErrorKind::Io {
            message: "gone".to_owned(),
        };
        let by_hand = Error::from(Diagnostic::new(kind, Position::default(), None));
        assert!(by_hand.is_io());
        assert_eq!(by_hand.io_error_kind(), None);
        assert_eq!(by_hand.to_string(), "0:0: I/O error: gone");
        assert_eq!(io::Error::from(by_hand).kind(), io::ErrorKind::Other);
    }

    #[test]
    fn into_io_error_keeps_the_kind_the_position_and_the_chain() {
        let converted = io::Error::from(io_error());
        assert_eq!(converted.kind(), io::ErrorKind::ConnectionReset);
        assert_eq!(chain(&converted), "3:1: I/O error: peer went away");
        let inner = converted.get_ref().and_then(|e| e.downcast_ref::<Error>());
        assert_eq!(inner.map(Error::line), Some(3));

        let kind = ErrorKind::InvalidBool {
            found: "也许".to_owned(),
        };
        let fault = Error::from(Diagnostic::new(kind, Position::default(), Some("医保疾病")));
        let converted = io::Error::from(fault);
        assert_eq!(converted.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            converted.to_string(),
            "0:0: '医保疾病' must be 是 or 否, found '也许'"
        );
    }

    #[test]
    fn error_is_clone_send_sync_and_clones_share_the_source() {
        fn assert_traits<T: Clone + Send + Sync + 'static>() {}
        assert_traits::<Error>();
        let error = io_error();
        let copy = error.clone();
        assert_eq!(copy.to_string(), error.to_string());
        assert_eq!(copy.diagnostic(), error.diagnostic());
        assert!(matches!(
            (&copy.source, &error.source),
            (Some(a), Some(b)) if Arc::ptr_eq(a, b)
        ));
    }

    #[test]
    fn equal_kinds_hash_equal() {
        use std::collections::hash_map::DefaultHasher;
        use std::hash::Hasher;
        fn hash(kind: &ErrorKind) -> u64 {
            let mut hasher = DefaultHasher::new();
            kind.hash(&mut hasher);
            hasher.finish()
        }
        let kinds = [
            ErrorKind::UnknownLabel,
            ErrorKind::DuplicateLabel { first_line: 1 },
            ErrorKind::DuplicateLabel { first_line: 2 },
            ErrorKind::InvalidBool {
                found: "x".to_owned(),
            },
            ErrorKind::InvalidDrugs(DrugFaultKind::NoStrings),
            ErrorKind::InvalidDrugs(DrugFaultKind::MissingComma),
            ErrorKind::TrailingRecord,
            ErrorKind::InvalidUtf8,
            ErrorKind::RecordTooLarge { limit: 9 },
            ErrorKind::Io {
                message: "x".to_owned(),
            },
        ];
        let set: std::collections::HashSet<ErrorKind> = kinds.iter().cloned().collect();
        assert_eq!(set.len(), kinds.len());
        for a in &kinds {
            assert!(set.contains(a));
            assert_eq!(hash(a), hash(&a.clone()));
        }
    }

    #[test]
    fn diagnostic_json_golden() {
        let at = Position {
            line: 4,
            column: 6,
            offset: 31,
        };
        let cases = [
            (
                Diagnostic::new(ErrorKind::UnknownLabel, at, Some("别名")),
                r#"{"kind":"unknown_label","message":"unknown label '别名'","line":4,"column":6,"offset":31,"label":"别名"}"#,
            ),
            (
                Diagnostic::new(
                    ErrorKind::DuplicateLabel { first_line: 2 },
                    at,
                    Some("简介"),
                ),
                r#"{"kind":"duplicate_label","message":"duplicate label '简介' (first given on line 2)","line":4,"column":6,"offset":31,"label":"简介","first_line":2}"#,
            ),
            (
                Diagnostic::new(
                    ErrorKind::InvalidBool {
                        found: "\"也许\"".to_owned(),
                    },
                    at,
                    Some("医保疾病"),
                ),
                r#"{"kind":"invalid_bool","message":"'医保疾病' must be 是 or 否, found '\"也许\"'","line":4,"column":6,"offset":31,"label":"医保疾病","found":"\"也许\""}"#,
            ),
            (
                Diagnostic::new(
                    ErrorKind::InvalidDrugs(DrugFaultKind::ExpectedCommaOrBracket),
                    at,
                    Some("药品"),
                ),
                r#"{"kind":"invalid_drugs","message":"malformed drug list in '药品': expected ',' or ']' after a string","line":4,"column":6,"offset":31,"label":"药品","fault":"expected_comma_or_bracket"}"#,
            ),
            (
                Diagnostic::new(ErrorKind::TrailingRecord, at, Some("简介")),
                r#"{"kind":"trailing_record","message":"a second record starts here; read several records with `jibing::records`","line":4,"column":6,"offset":31,"label":"简介"}"#,
            ),
            (
                Diagnostic::new(ErrorKind::InvalidUtf8, at, None),
                r#"{"kind":"invalid_utf8","message":"invalid UTF-8","line":4,"column":6,"offset":31,"label":null}"#,
            ),
            (
                Diagnostic::new(ErrorKind::RecordTooLarge { limit: 1024 }, at, None),
                r#"{"kind":"record_too_large","message":"record is larger than the limit of 1024 bytes","line":4,"column":6,"offset":31,"label":null,"limit":1024}"#,
            ),
            (
                io_error().diagnostic().clone(),
                r#"{"kind":"io","message":"I/O error: peer went away","line":3,"column":1,"offset":20,"label":null}"#,
            ),
        ];
        for (diagnostic, json) in cases {
            assert_eq!(
                serde_json::to_string(&diagnostic).ok().as_deref(),
                Some(json)
            );
        }
    }

    #[test]
    fn every_drug_fault_has_its_own_code() {
        let faults = [
            DrugFaultKind::ExpectedList,
            DrugFaultKind::UnclosedBracket,
            DrugFaultKind::UnterminatedString,
            DrugFaultKind::BadEscape,
            DrugFaultKind::NoStrings,
            DrugFaultKind::TooManyStrings,
            DrugFaultKind::MissingComma,
            DrugFaultKind::ExpectedString,
            DrugFaultKind::ExpectedCommaOrBracket,
            DrugFaultKind::UnbalancedBracket,
        ];
        let codes: std::collections::HashSet<&str> =
            faults.iter().map(|&f| drug_fault_code(f)).collect();
        assert_eq!(codes.len(), faults.len());
        assert!(codes
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    }
}
