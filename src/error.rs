//! Errors and warnings, with positions.
//!
//! A [`Diagnostic`] is one fault at one [`Position`]: strict parsing returns
//! it inside an [`Error`], lenient parsing collects it as a [`Warning`]. The
//! same fault yields the same kind, position and label in both modes.
//!
//! This module owns the fault vocabulary, the position arithmetic (byte offset
//! → line and column) and the caret renderer. It must not parse anything.

use std::fmt;

use unicode_width::UnicodeWidthChar;

use crate::drugs::DrugFaultKind;

/// A place in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The record is larger than [`ParseOptions::max_record_size`](crate::ParseOptions::max_record_size).
    /// Points at the record's first line. An error in both modes.
    RecordTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// Reading the input failed; the underlying error is the
    /// [`source`](std::error::Error::source) of the [`Error`].
    Io {
        /// The I/O error's message.
        message: String,
    },
}

/// One fault, where it happened and the label involved.
///
/// `Display` reads like `3:1: unknown label '别名'`.
#[derive(Debug, Clone, PartialEq, Eq)]
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
            ErrorKind::RecordTooLarge { limit } => {
                format!("record is larger than the limit of {limit} bytes")
            }
            ErrorKind::Io { message } => format!("I/O error: {message}"),
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
    /// `source` must be the text the position refers to (the whole input
    /// given to the parser). Carets are placed by terminal display width
    /// (`unicode-width`), so a CJK character gets two of them; tabs are
    /// copied into the caret line so they line up in any tab setting. Returns
    /// an empty string when the position does not fall inside `source`.
    pub fn render(&self, source: &str) -> String {
        let offset = self.position.offset;
        let Some(before) = source.get(..offset) else {
            return String::new();
        };
        let mut line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 {
            line_start = crate::grammar::line::bom_len(source.as_bytes()).min(offset);
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

/// The error of strict parsing, and of faults that are errors in both modes
/// (invalid UTF-8, an oversized record, I/O).
#[derive(Debug, thiserror::Error)]
#[error("{diagnostic}")]
pub struct Error {
    diagnostic: Box<Diagnostic>,
    #[source]
    source: Option<std::io::Error>,
}

impl Error {
    pub(crate) fn io(error: std::io::Error, position: Position) -> Self {
        let kind = ErrorKind::Io {
            message: error.to_string(),
        };
        Error {
            diagnostic: Box::new(Diagnostic::new(kind, position, None)),
            source: Some(error),
        }
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

impl From<Diagnostic> for Error {
    fn from(diagnostic: Diagnostic) -> Self {
        Error {
            diagnostic: Box::new(diagnostic),
            source: None,
        }
    }
}
