//! The lossless layer: a document that keeps every byte of its input, and
//! edits whose cost is that of the record they touch.
//!
//! A [`Document`] is the input text itself — BOM, `\n` and `\r\n` endings,
//! separators, trailing whitespace, blank lines, unknown and duplicate lines
//! — with its structure (records, fields, byte spans) read from it by the
//! same grammar of lines and records the parser uses
//! ([format reference: records and lines](crate::format#records-and-lines)).
//! The typed records are a view over it: [`Document::records`] runs the one
//! parser on the document's text. Edits replace only the bytes of the line
//! they touch.
//!
//! # How edits stay proportional to the edit
//!
//! One contiguous buffer cannot do it: replacing a line in the middle of a
//! 24 MB `String` moves the 12 MB after it, on every edit. So once the
//! structure is first needed (an edit, [`Document::get`],
//! [`Document::fields`], [`Document::record_count`]), the document reads its
//! lines once and keeps the text as a sequence of *pieces*, one per record:
//! the record's lines (line endings included) and the blank lines after it,
//! each a range of the input until an edit gives the record text of its own;
//! a head piece holds the BOM and the blank lines before the first record.
//! Beside them a Fenwick tree sums, per piece, its bytes, its line endings
//! and whether it is a record, so that finding record `n`, the byte offset
//! and line number where a piece starts, and the piece that holds a given
//! byte each take O(log records). A record whose last line is removed keeps
//! an empty piece (it counts as no record), so no edit shifts the others.
//!
//! An edit of record `n` then builds that record's new text (O(record)),
//! reads its lines again with the line grammar, and steps the record
//! boundary rule ([`Boundary::step`], the parser's own) over them, starting
//! from the state the rule is in where the record starts (fresh after a
//! blank line, or inside a record with a `简介` for a record glued to the
//! one before). The edit is refused unless the record is still exactly one
//! record (or, after removing its last line, none), the next record — when
//! no blank line separates them — still starts where it did, every other
//! line of the record reads as before, and a record at the very start of
//! the text does not now begin with a BOM (which would become the
//! document's). Nothing outside the record and the first line of the next
//! one can be affected: pieces end at line ends, an edit writes whole lines
//! that are not blank, and the state of the rule after a blank line does
//! not depend on what came before it.
//!
//! The text is materialised only when asked for as one `&str`:
//! [`Document::as_str`] (and [`Document::records`], which parses it) builds
//! it once after each edit and keeps it until the next (a [`OnceLock`], so
//! a `Document` stays `Sync`); an unedited document hands out its input.
//! [`Display`](fmt::Display), [`Document::into_string`],
//! [`Document::fields`] and [`Document::get`] read the pieces directly.
//!
//! This module owns spans and edits. It must not interpret values (a
//! value is checked by the label's grammar through [`Record`]'s dispatch,
//! and written by the value kinds' public formatters), nor decide where
//! lines and records end (that is `grammar::line` and `grammar::record`).

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use nom::combinator::recognize;
use nom::Parser;

use crate::drugs::Drug;
use crate::error::Diagnostic;
use crate::grammar::line::{after_bom, classified_line, line, str_at, LineClass, BOM};
use crate::grammar::record::{class_of, Boundary, Corpus, Entry, Lines, Step};
use crate::labels::{Label, ValueKind};
use crate::parse::{ParseOptions, Records};
use crate::record::Record;

/// A corpus of records that reproduces its input byte for byte, and edits
/// it line by line.
///
/// [`Document::new`] costs nothing. Reading the structure (the first edit,
/// [`get`](Document::get), [`fields`](Document::fields),
/// [`record_count`](Document::record_count)) costs one pass over the lines,
/// after which the document holds its text as one piece per record
/// (borrowed from the input until an edit rewrites that record) with an
/// index of their sizes. An edit then costs time in proportion to the
/// record it edits (and O(log records)), not to the document: a thousand
/// edits spread over a 24 MB document take less time than parsing it
/// once. [`as_str`](Document::as_str) and [`records`](Document::records)
/// build the whole text once after each edit (and keep it until the next);
/// [`Display`](fmt::Display) and [`into_string`](Document::into_string)
/// write it from the pieces.
///
/// ```
/// use jibing::{Document, Label};
/// let input = "\u{feff}简介  某病 \r\n医保疾病 否\r\n\r\n简介 另一病\n";
/// let mut doc = Document::new(input);
/// assert_eq!(doc.to_string(), input);
///
/// doc.set_bool(0, Label::Insurance, true)?;
/// doc.set_list(0, Label::Departments, ["内科", "外科"])?;
/// assert_eq!(
///     doc.as_str(),
///     "\u{feff}简介  某病 \r\n医保疾病 是\r\n就诊科室 内科 外科\r\n\r\n简介 另一病\n"
/// );
/// let records: Vec<_> = doc.records().collect::<Result<_, _>>()?;
/// assert_eq!(records[0].record.insurance, Some(true));
///
/// // Values are checked by the same grammar as when parsing.
/// assert!(doc.set(1, Label::Drugs, "['未闭合'").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Document<'a> {
    /// The input.
    source: Cow<'a, str>,
    options: ParseOptions,
    /// The pieces, read from `source` when first needed.
    index: OnceLock<Index>,
    /// The whole text after an edit, built when first asked for.
    text: OnceLock<String>,
}

/// One non-blank line of a [`Document`], with byte spans into
/// [`Document::as_str`].
///
/// ```
/// let doc = jibing::Document::new("简介  某病\n\n别名 某某\n");
/// let alias = doc.fields().nth(1).expect("two lines");
/// assert_eq!((alias.record, alias.line, alias.label, alias.value), (1, 3, "别名", "某某"));
/// assert_eq!(&doc.as_str()[alias.value_span.clone()], "某某");
/// assert_eq!(alias.known_label(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldSpan<'d> {
    /// 0-based index of the record the line belongs to.
    pub record: usize,
    /// 1-based line number.
    pub line: usize,
    /// The label as written (it may not be one of the 26).
    pub label: &'d str,
    /// The value, trailing whitespace removed.
    pub value: &'d str,
    /// The whole line, without its line ending.
    pub span: Range<usize>,
    /// The label.
    pub label_span: Range<usize>,
    /// The value (empty, at the end of the line's content, for a label-only
    /// line).
    pub value_span: Range<usize>,
}

impl FieldSpan<'_> {
    /// The label, when it is one of the 26.
    ///
    /// ```
    /// use jibing::Label;
    /// let doc = jibing::Document::new("症状 咳嗽\n症状细节x 无\n");
    /// let labels: Vec<_> = doc.fields().map(|f| f.known_label()).collect();
    /// assert_eq!(labels, [Some(Label::Symptoms), None]);
    /// ```
    pub fn known_label(&self) -> Option<Label> {
        Label::from_text(self.label)
    }
}

/// Why an edit was refused. The document is unchanged.
///
/// ```
/// use jibing::{Document, EditError, Label};
/// let mut doc = Document::new("简介 甲\n");
/// assert_eq!(doc.set(0, Label::Tips, "a\nb"), Err(EditError::LineBreak));
/// assert_eq!(doc.set(5, Label::Tips, "a"), Err(EditError::NoSuchRecord { index: 5, count: 1 }));
/// assert_eq!(doc.as_str(), "简介 甲\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// There is no record with that index (appending at index
    /// `count` is allowed).
    #[error("no record {index}: the document has {count}")]
    NoSuchRecord {
        /// The index asked for.
        index: usize,
        /// How many records the document has.
        count: usize,
    },
    /// A value must fit on one line.
    #[error("a value cannot hold a line break")]
    LineBreak,
    /// Whitespace at either end of a value would be lost when parsing.
    #[error("a value cannot start or end with whitespace")]
    EdgeWhitespace,
    /// The label's grammar refuses the value. The position is where the
    /// fault would be in the edited document.
    #[error("{0}")]
    Invalid(Diagnostic),
    /// The edit would change how another line reads: a stray BOM or `\r`
    /// next to the edited line would become part of a neighbour.
    #[error("the edit would change how another line reads")]
    OtherLines,
    /// The edit would merge or split records (removing the `简介` that
    /// separates two records written without a blank line between them, or
    /// adding one).
    #[error("the edit would change where records begin and end")]
    Boundary,
    /// A typed setter was given a label whose value kind is not the one it
    /// writes (e.g. [`Document::set_bool`] with a list label).
    #[error("{label} holds {:?} values, not {kind:?}", .label.kind())]
    WrongKind {
        /// The label given.
        label: Label,
        /// The kind of value the setter writes.
        kind: ValueKind,
    },
    /// An item given to [`Document::set_list`] is empty or holds
    /// whitespace, so it would not read back as one item.
    #[error("list item {index} is empty or holds whitespace: it would not read back as one item")]
    ListItem {
        /// The item's index among those given.
        index: usize,
    },
    /// A drug given to [`Document::set_drugs`] would read back as another
    /// drug: it has no part at all, a product but no brand, or no generic
    /// name and a last part wrapped in parentheses (which reads as the
    /// generic name).
    #[error("drug {index} would read back as another drug")]
    Drug {
        /// The drug's index among those given.
        index: usize,
    },
}

impl<'a> Document<'a> {
    /// A document over `input`, parsed in strict mode when viewed as records.
    ///
    /// Costs nothing: the structure is read when first needed.
    ///
    /// ```
    /// let doc = jibing::Document::new("简介 某病\n");
    /// assert_eq!(doc.as_str(), "简介 某病\n");
    /// assert_eq!(doc.record_count(), 1);
    /// ```
    pub fn new(input: &'a str) -> Self {
        Self::with_options(input, ParseOptions::new())
    }

    /// A document whose [`records`](Document::records) use `options`.
    ///
    /// ```
    /// use jibing::{Document, ParseOptions};
    /// let doc = Document::with_options("简介 某病\n别名 某某\n", ParseOptions::new().lenient());
    /// let parsed = doc.records().next().expect("a record")?;
    /// assert_eq!(parsed.warnings.len(), 1);
    /// # Ok::<(), jibing::Error>(())
    /// ```
    pub fn with_options(input: &'a str, options: ParseOptions) -> Self {
        Document {
            source: Cow::Borrowed(input),
            options,
            index: OnceLock::new(),
            text: OnceLock::new(),
        }
    }

    /// The text, exactly as given plus the edits made since.
    ///
    /// The input itself until the first edit; after an edit the text is
    /// built once (linear in its length) and kept until the next edit. To
    /// write the text without building it, use [`Display`](fmt::Display).
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc = Document::new("简介 甲\r\n");
    /// doc.set(0, Label::Tips, "多喝水")?;
    /// assert_eq!(doc.as_str(), "简介 甲\r\n温馨提示 多喝水\r\n");
    /// # Ok::<(), jibing::EditError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        match self.edited() {
            Some(index) => self.text.get_or_init(|| index.to_text(&self.source)),
            None => &self.source,
        }
    }

    /// The text as an owned `String` (the input itself, without a copy,
    /// for an unedited document made from a `String`).
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc: Document = "简介 甲\n".parse()?;
    /// doc.remove(0, Label::Summary)?;
    /// assert_eq!(doc.into_string(), "");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_string(self) -> String {
        match self.index.into_inner() {
            Some(index) if index.edits > 0 => match self.text.into_inner() {
                Some(text) => text,
                None => index.to_text(&self.source),
            },
            _ => self.source.into_owned(),
        }
    }

    /// Copies a borrowed input so the document no longer borrows it.
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let owned: Document<'static> = {
    ///     let input = String::from("简介 甲\n");
    ///     let mut doc = Document::new(&input);
    ///     doc.set(0, Label::Tips, "多喝水")?;
    ///     doc.into_owned()
    /// }; // `input` is gone
    /// assert_eq!(owned.get(0, Label::Tips), Some("多喝水"));
    /// # Ok::<(), jibing::EditError>(())
    /// ```
    pub fn into_owned(self) -> Document<'static> {
        Document {
            source: Cow::Owned(self.source.into_owned()),
            options: self.options,
            index: self.index,
            text: self.text,
        }
    }

    /// The typed records: the crate's parser run over the document's text,
    /// with the document's [`ParseOptions`]. They are exactly what
    /// [`ParseOptions::records`] gives for [`as_str`](Document::as_str),
    /// positions included.
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc = Document::new("简介 甲\n\n简介 乙\n");
    /// doc.set(1, Label::Insurance, "是")?;
    /// let second = doc.records().nth(1).expect("two records")?;
    /// assert_eq!(second.record.insurance, Some(true));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn records(&self) -> Records<'_> {
        self.options.records(self.as_str())
    }

    /// Every non-blank line, with its record and spans into
    /// [`as_str`](Document::as_str), in order.
    ///
    /// ```
    /// let doc = jibing::Document::new("\u{feff}简介 甲\n症状\n");
    /// let spans: Vec<_> = doc.fields().map(|f| (f.line, f.label, f.value_span)).collect();
    /// assert_eq!(spans, [(1, "简介", 10..13), (2, "症状", 20..20)]);
    /// ```
    pub fn fields(&self) -> impl Iterator<Item = FieldSpan<'_>> + '_ {
        let index = self.index();
        let source = &*self.source;
        let mut start = Weights::default();
        let mut record = 0;
        index.pieces.iter().flat_map(move |piece| {
            let text = piece.text.get(source);
            let at = start;
            start = start.plus(piece.weights(source));
            let this = record;
            record += usize::from(!text.is_empty());
            field_lines(text, at).map(move |entry| field_span(this, &entry))
        })
    }

    /// How many records the document holds.
    ///
    /// ```
    /// let doc = jibing::Document::new("简介 甲\n简介 乙\n\n症状 咳嗽\n");
    /// assert_eq!(doc.record_count(), 3); // a second 简介 starts a record
    /// ```
    pub fn record_count(&self) -> usize {
        self.index().records()
    }

    /// The raw value of `label` in record `record` (its first occurrence);
    /// `None` when the record has no such line, or there is no such record.
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let doc = Document::new("简介 甲\n医保疾病  否 \n");
    /// assert_eq!(doc.get(0, Label::Insurance), Some("否"));
    /// assert_eq!(doc.get(0, Label::Drugs), None);
    /// assert_eq!(doc.get(1, Label::Summary), None);
    /// ```
    pub fn get(&self, record: usize, label: Label) -> Option<&str> {
        let index = self.index();
        let piece = index.record_piece(record)?;
        let text = index.pieces.get(piece)?.text.get(&self.source);
        field_lines(text, Weights::default())
            .find(|entry| entry.field.label == label.text())
            .map(|entry| entry.field.value)
    }

    /// Sets `label` of record `record` to `value`: the value of its line is
    /// replaced (label, separator, trailing whitespace and line ending stay),
    /// or a new line `LABEL VALUE` is inserted at the label's canonical
    /// position, with the document's line ending. `record` may be
    /// [`record_count`](Document::record_count), which appends a new record.
    /// The value is checked by the label's grammar first.
    ///
    /// Costs time in proportion to the record (plus O(log records)); see
    /// the [format reference: editing without loss](crate::format#editing-without-loss)
    /// for where lines go and what is refused.
    ///
    /// ```
    /// use jibing::{Document, EditError, Label};
    /// let mut doc = Document::new("简介 甲\n医保疾病\t否  \n");
    /// doc.set(0, Label::Insurance, "是")?;
    /// doc.set(0, Label::Symptoms, "咳嗽 发热")?;
    /// doc.set(1, Label::Summary, "乙")?;
    /// assert_eq!(doc.as_str(), "简介 甲\n医保疾病\t是  \n症状 咳嗽 发热\n\n简介 乙\n");
    ///
    /// let Err(EditError::Invalid(fault)) = doc.set(0, Label::Insurance, "也许") else {
    ///     panic!("not a boolean");
    /// };
    /// assert_eq!(fault.position.to_string(), "2:6");
    /// # Ok::<(), EditError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The document is unchanged when the edit is refused:
    /// [`EditError::LineBreak`] and [`EditError::EdgeWhitespace`] for a value
    /// that would not read back, [`EditError::NoSuchRecord`] for a record
    /// past the end, [`EditError::Invalid`] when the label's grammar refuses
    /// the value (with the position the fault would have),
    /// [`EditError::Boundary`] when records would merge or split, and
    /// [`EditError::OtherLines`] when another line would read differently.
    pub fn set(&mut self, record: usize, label: Label, value: &str) -> Result<(), EditError> {
        if value.contains(['\n', '\r']) {
            return Err(EditError::LineBreak);
        }
        if crate::lex::trim_start_space(crate::lex::trim_end_space(value)) != value {
            return Err(EditError::EdgeWhitespace);
        }
        self.edit(|index, source| index.set(source, record, label, value))
    }

    /// Sets the **list** field `label` of record `record` to `items`,
    /// written as the canonical writer writes lists (one space between
    /// items, see [`list::write_items`](crate::list::write_items)), so that
    /// the record reads back exactly these items. Otherwise as
    /// [`set`](Document::set).
    ///
    /// ```
    /// use jibing::{Document, EditError, Label};
    /// let mut doc = Document::new("简介 甲\n");
    /// doc.set_list(0, Label::Symptoms, ["咳嗽", "发热"])?;
    /// assert_eq!(doc.get(0, Label::Symptoms), Some("咳嗽 发热"));
    /// assert_eq!(doc.set_list(0, Label::Symptoms, ["a b"]), Err(EditError::ListItem { index: 0 }));
    /// # Ok::<(), EditError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EditError::WrongKind`] when `label` is not a list,
    /// [`EditError::ListItem`] for an item that is empty or holds whitespace
    /// (it would not read back as one item), and the errors of
    /// [`set`](Document::set) (an item with a line break is
    /// [`EditError::LineBreak`]). The document is then unchanged.
    pub fn set_list<I, S>(&mut self, record: usize, label: Label, items: I) -> Result<(), EditError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        expect_kind(label, ValueKind::List)?;
        let mut bad = None;
        let checked = items.into_iter().enumerate().map(|(index, item)| {
            let text = item.as_ref();
            if bad.is_none() && (text.is_empty() || text.contains(crate::lex::is_space)) {
                bad = Some(index);
            }
            item
        });
        let value = crate::list::to_text(checked);
        if let Some(index) = bad {
            return Err(EditError::ListItem { index });
        }
        self.set(record, label, &value)
    }

    /// Sets the **bool** field `label` of record `record` to `是` or `否`
    /// (see [`value::bool_text`](crate::value::bool_text)). Otherwise as
    /// [`set`](Document::set).
    ///
    /// ```
    /// use jibing::{Document, EditError, Label, ValueKind};
    /// let mut doc = Document::new("简介 甲\n医保疾病 否\n");
    /// doc.set_bool(0, Label::Insurance, true)?;
    /// assert_eq!(doc.as_str(), "简介 甲\n医保疾病 是\n");
    /// assert_eq!(
    ///     doc.set_bool(0, Label::Summary, true),
    ///     Err(EditError::WrongKind { label: Label::Summary, kind: ValueKind::Bool })
    /// );
    /// # Ok::<(), EditError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EditError::WrongKind`] when `label` is not a boolean, and the errors
    /// of [`set`](Document::set). The document is then unchanged.
    pub fn set_bool(&mut self, record: usize, label: Label, value: bool) -> Result<(), EditError> {
        expect_kind(label, ValueKind::Bool)?;
        self.set(record, label, crate::value::bool_text(value))
    }

    /// Sets the `药品` field of record `record` to `drugs`, written as Python
    /// list literals (see [`drugs::write_python`](crate::drugs::write_python))
    /// that read back as exactly these drugs. Otherwise as
    /// [`set`](Document::set).
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use jibing::{Document, Drug, Label};
    /// let mut doc = Document::new("简介 甲\n");
    /// let drugs = [Drug {
    ///     brand: Some(Cow::Borrowed("it's")),
    ///     product: None,
    ///     generic: Some(Cow::Borrowed("利鲁唑片")),
    /// }];
    /// doc.set_drugs(0, &drugs)?;
    /// assert_eq!(doc.get(0, Label::Drugs), Some(r#"["it's", '(利鲁唑片)']"#));
    /// let record = doc.records().next().expect("a record")?.record;
    /// assert_eq!(record.drugs.as_deref(), Some(&drugs[..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EditError::Drug`] for a drug that would read back as another one
    /// (no part at all, a product without a brand, or no generic name and a
    /// last part wrapped in parentheses), and the errors of
    /// [`set`](Document::set). The document is then unchanged.
    pub fn set_drugs(&mut self, record: usize, drugs: &[Drug<'_>]) -> Result<(), EditError> {
        if let Some(index) = drugs.iter().position(|drug| !drug.reads_back()) {
            return Err(EditError::Drug { index });
        }
        self.set(record, Label::Drugs, &crate::drugs::to_python(drugs))
    }

    /// Removes the line of `label` in record `record` (its first occurrence),
    /// line ending included. Returns whether there was such a line. Removing
    /// the only line of a record removes the record.
    ///
    /// ```
    /// use jibing::{Document, EditError, Label};
    /// let mut doc = Document::new("简介 甲\r\n症状 a\r\n检查 b\r\n");
    /// assert_eq!(doc.remove(0, Label::Symptoms), Ok(true));
    /// assert_eq!(doc.remove(0, Label::Symptoms), Ok(false));
    /// assert_eq!(doc.as_str(), "简介 甲\r\n检查 b\r\n");
    ///
    /// // Two records written without a blank line between them would merge.
    /// let mut glued = Document::new("简介 甲\n症状 a\n简介 乙\n");
    /// assert_eq!(glued.remove(0, Label::Summary), Err(EditError::Boundary));
    /// # Ok::<(), EditError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EditError::NoSuchRecord`] for a record past
    /// [`record_count`](Document::record_count), [`EditError::Boundary`] when
    /// records would merge or split, and [`EditError::OtherLines`] when
    /// another line would read differently (a stray BOM on the next line
    /// would become the document's). The document is then unchanged.
    pub fn remove(&mut self, record: usize, label: Label) -> Result<bool, EditError> {
        self.edit(|index, source| index.remove(source, record, label))
    }

    /// The pieces, read from the input on first use.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.source))
    }

    /// The pieces, when an edit has changed the text.
    fn edited(&self) -> Option<&Index> {
        self.index.get().filter(|index| index.edits > 0)
    }

    /// Runs an edit on the pieces; drops the built text if it changed them.
    fn edit<R>(
        &mut self,
        edit: impl FnOnce(&mut Index, &str) -> Result<R, EditError>,
    ) -> Result<R, EditError> {
        let mut index = self
            .index
            .take()
            .unwrap_or_else(|| Index::new(&self.source));
        let edits = index.edits;
        let result = edit(&mut index, &self.source);
        if index.edits != edits {
            self.text = OnceLock::new();
        }
        self.index = OnceLock::from(index);
        result
    }
}

/// `Ok` when `label` holds values of `kind`.
fn expect_kind(label: Label, kind: ValueKind) -> Result<(), EditError> {
    if label.kind() == kind {
        Ok(())
    } else {
        Err(EditError::WrongKind { label, kind })
    }
}

/// The [`FieldSpan`] of a line of record `record`.
fn field_span<'d>(record: usize, entry: &Entry<'d>) -> FieldSpan<'d> {
    let start = entry.line.start;
    let field = entry.field;
    let label_start = start + field.label_at;
    let value_start = start + field.value_at;
    FieldSpan {
        record,
        line: entry.line.number,
        label: field.label,
        value: field.value,
        span: start..start + entry.line.text.len(),
        label_span: label_start..label_start + field.label.len(),
        value_span: value_start..value_start + field.value.len(),
    }
}

impl Default for Document<'_> {
    /// The empty document (strict [`ParseOptions`]).
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc = Document::default();
    /// assert_eq!(doc.record_count(), 0);
    /// doc.set(0, Label::Summary, "甲")?;
    /// assert_eq!(doc.as_str(), "简介 甲\n");
    /// # Ok::<(), jibing::EditError>(())
    /// ```
    fn default() -> Self {
        Document::new("")
    }
}

impl From<String> for Document<'static> {
    /// A document that owns its input (strict [`ParseOptions`]), without a
    /// copy.
    ///
    /// ```
    /// let text = String::from("简介 甲\n");
    /// let doc = jibing::Document::from(text);
    /// assert_eq!(doc.into_string(), "简介 甲\n");
    /// ```
    fn from(input: String) -> Self {
        Document {
            source: Cow::Owned(input),
            options: ParseOptions::new(),
            index: OnceLock::new(),
            text: OnceLock::new(),
        }
    }
}

impl FromStr for Document<'static> {
    type Err = Infallible;

    /// A document that owns a copy of `input` (strict [`ParseOptions`]).
    /// Never fails: every text is a document.
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc: Document<'static> = "简介 甲\n".parse()?;
    /// doc.set(0, Label::Tips, "多喝水")?;
    /// assert_eq!(doc.to_string(), "简介 甲\n温馨提示 多喝水\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(input: &str) -> Result<Self, Infallible> {
        Ok(Document::from(input.to_owned()))
    }
}

impl PartialEq for Document<'_> {
    /// Same text and same [`ParseOptions`].
    fn eq(&self, other: &Document<'_>) -> bool {
        self.options == other.options && self.as_str() == other.as_str()
    }
}

impl Eq for Document<'_> {}

impl fmt::Debug for Document<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("text", &self.as_str())
            .field("options", &self.options)
            .finish()
    }
}

impl fmt::Display for Document<'_> {
    /// The text, byte for byte.
    ///
    /// ```
    /// use jibing::{Document, Label};
    /// let mut doc = Document::new("简介 甲\n");
    /// doc.set(0, Label::Summary, "乙")?;
    /// assert_eq!(format!("{doc}"), "简介 乙\n");
    /// # Ok::<(), jibing::EditError>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.edited() {
            Some(index) => index
                .chunks(&self.source)
                .try_for_each(|chunk| f.write_str(chunk)),
            None => f.write_str(&self.source),
        }
    }
}

// ---------------------------------------------------------------------------
// Pieces.

/// Text of a piece: a range of the input, or text an edit wrote.
#[derive(Debug, Clone)]
enum Span {
    /// `source[start..end]`, on char boundaries.
    Source { start: usize, end: usize },
    /// Written by an edit.
    Owned(String),
}

impl Default for Span {
    fn default() -> Self {
        Span::Source { start: 0, end: 0 }
    }
}

impl Span {
    fn of(range: Range<usize>) -> Self {
        Span::Source {
            start: range.start,
            end: range.end,
        }
    }

    fn get<'s>(&'s self, source: &'s str) -> &'s str {
        match self {
            Span::Source { start, end } => str_at(source, *start..*end),
            Span::Owned(text) => text,
        }
    }

    /// Appends `more`, copying a range of the input first.
    fn push_str(&mut self, source: &str, more: &str) {
        let mut text = match std::mem::take(self) {
            Span::Owned(text) => text,
            Span::Source { start, end } => str_at(source, start..end).to_owned(),
        };
        text.push_str(more);
        *self = Span::Owned(text);
    }
}

/// One record and the blank lines after it; or, first of all, the BOM and
/// the blank lines before the first record.
#[derive(Debug, Clone, Default)]
struct Piece {
    /// The record's lines, each with its line ending (the last line of the
    /// document may have none). Empty for the head piece and for a record
    /// whose lines were all removed: then no record.
    text: Span,
    /// The blank lines after the record, each with its line ending (same
    /// exception).
    gap: Span,
    /// Whether the record starts while the boundary rule has a record open:
    /// no blank line between it and the record before, which it follows
    /// because it starts with a `简介` and that record has one too.
    glued: bool,
}

impl Piece {
    fn weights(&self, source: &str) -> Weights {
        let (text, gap) = (self.text.get(source), self.gap.get(source));
        Weights {
            bytes: text.len() + gap.len(),
            newlines: newlines(text) + newlines(gap),
            records: usize::from(!text.is_empty()),
        }
    }
}

/// The number of `\n` in `text`: a line number is one more than those
/// before the line.
fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// What a piece (or a run of pieces) holds: bytes, line endings, records.
///
/// Sums and differences wrap: a difference of weights (an edit's change)
/// may be "negative", and adding it to a sum gives the true sum, which is
/// never negative and never overflows (it counts bytes held in memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Weights {
    bytes: usize,
    newlines: usize,
    records: usize,
}

impl Weights {
    fn plus(self, other: Weights) -> Weights {
        Weights {
            bytes: self.bytes.wrapping_add(other.bytes),
            newlines: self.newlines.wrapping_add(other.newlines),
            records: self.records.wrapping_add(other.records),
        }
    }

    fn minus(self, other: Weights) -> Weights {
        Weights {
            bytes: self.bytes.wrapping_sub(other.bytes),
            newlines: self.newlines.wrapping_sub(other.newlines),
            records: self.records.wrapping_sub(other.records),
        }
    }

    /// The weights of text written into a piece (no record).
    fn of_text(text: &str) -> Weights {
        Weights {
            bytes: text.len(),
            newlines: newlines(text),
            records: 0,
        }
    }
}

/// Prefix sums of the pieces' [`Weights`] (a Fenwick tree): node `k`
/// (1-based) holds the sum of pieces `k - lowbit(k)..k`.
#[derive(Debug, Clone, Default)]
struct Sums {
    tree: Vec<Weights>,
}

/// The lowest set bit of `k`.
fn lowbit(k: usize) -> usize {
    k & k.wrapping_neg()
}

impl Sums {
    /// The sums of `weights`, built in linear time.
    fn new(weights: Vec<Weights>) -> Self {
        let mut tree = weights;
        for k in 1..=tree.len() {
            let parent = k + lowbit(k);
            if let (Some(&node), Some(up)) = (tree.get(k - 1), parent.checked_sub(1)) {
                if let Some(parent) = tree.get_mut(up) {
                    *parent = parent.plus(node);
                }
            }
        }
        Sums { tree }
    }

    /// The sum of pieces `0..end`.
    fn prefix(&self, end: usize) -> Weights {
        debug_assert!(end <= self.tree.len(), "prefix past the pieces");
        let mut sum = Weights::default();
        let mut k = end.min(self.tree.len());
        while k > 0 {
            if let Some(&node) = self.tree.get(k - 1) {
                sum = sum.plus(node);
            }
            k -= lowbit(k);
        }
        sum
    }

    fn total(&self) -> Weights {
        self.prefix(self.tree.len())
    }

    /// Adds `delta` to piece `piece`.
    fn add(&mut self, piece: usize, delta: Weights) {
        debug_assert!(piece < self.tree.len(), "no piece {piece}");
        let mut k = piece + 1;
        while let Some(node) = self.tree.get_mut(k - 1) {
            *node = node.plus(delta);
            k += lowbit(k);
        }
    }

    /// Appends a piece of `weights`.
    fn push(&mut self, weights: Weights) {
        let k = self.tree.len() + 1;
        let covered = self.prefix(k - 1).minus(self.prefix(k - lowbit(k)));
        self.tree.push(weights.plus(covered));
    }

    /// The piece that holds unit `target` (0-based) of `part` — the piece
    /// whose pieces before it sum to at most `target` and which brings the
    /// sum past it — or `None` when the pieces hold no more than `target`.
    fn find(&self, target: usize, part: fn(&Weights) -> usize) -> Option<usize> {
        let len = self.tree.len();
        let mut step = match len {
            0 => return None,
            _ => 1 << (usize::BITS - 1 - len.leading_zeros()),
        };
        let (mut at, mut rest) = (0, target);
        while step > 0 {
            if let Some(node) = self.tree.get(at + step - 1) {
                if part(node) <= rest {
                    at += step;
                    rest -= part(node);
                }
            }
            step >>= 1;
        }
        (at < len).then_some(at)
    }
}

/// The lines of `text`, which starts at `at` (bytes and line endings
/// before it) in the document.
fn lines(text: &str, at: Weights) -> Lines<'_> {
    Lines::new(text, at.newlines + 1, at.bytes)
}

/// The field lines of a record's text.
fn field_lines(text: &str, at: Weights) -> impl Iterator<Item = Entry<'_>> {
    lines(text, at).flatten()
}

/// The text of a new line: `LABEL VALUE`, or the label alone.
fn new_line(label: Label, value: &str) -> String {
    if value.is_empty() {
        label.text().to_owned()
    } else {
        format!("{} {value}", label.text())
    }
}

/// The record boundary rule where a record starts: fresh after a blank line
/// (or at the start), inside a record with a `简介` for a glued record.
fn rule_before(glued: bool) -> Boundary {
    let mut rule = Boundary::new(true);
    if glued {
        let step = rule.step(LineClass::Summary);
        debug_assert_eq!(step, Step::Starts);
    }
    rule
}

/// An edit of one record, described on its old text.
#[derive(Debug)]
struct Splice {
    /// The bytes of the record's text replaced…
    range: Range<usize>,
    /// …by these.
    with: String,
    /// The index among the record's lines of the line replaced or removed.
    old_line: Option<usize>,
    /// The index among the new lines of the line written, with its label
    /// and value.
    new_line: Option<(usize, Label)>,
}

/// Where a record's new text goes, for [`check`].
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Bytes and line endings before it.
    at: Weights,
    /// Whether it follows the record before without a blank line.
    glued: bool,
    /// The class of the first line of the next record, when that record
    /// follows this one without a blank line.
    next: Option<LineClass>,
}

/// Checks an edit that gives a record the text `text`: `old` are the lines
/// it had (offsets from its start), `value` the value written by the line
/// `splice.new_line`. Refuses, in this order: a value the label's grammar
/// refuses (where the fault would be), a change of record boundaries (the
/// text is not one record, or no record, or the next record would not
/// start where it does), a line other than the edited one that reads
/// differently (including a BOM that would become the document's).
fn check(
    text: &str,
    place: Place,
    old: &[Entry<'_>],
    splice: &Splice,
    value: &str,
) -> Result<(), EditError> {
    let new: Vec<Option<Entry<'_>>> = lines(text, place.at).collect();
    if let Some((at, label)) = splice.new_line {
        let written = new.get(at).and_then(Option::as_ref);
        let Some(entry) =
            written.filter(|entry| entry.field.label == label.text() && entry.field.value == value)
        else {
            debug_assert!(false, "the written line does not read back: {text:?}");
            return Err(EditError::OtherLines);
        };
        if let Err(fault) = Record::default().set(label, value) {
            let position = entry.line.position(entry.field.value_at + fault.offset);
            let diagnostic = Diagnostic::new(fault.kind, position, Some(label.text()));
            return Err(EditError::Invalid(diagnostic));
        }
    }
    let mut rule = rule_before(place.glued);
    for (i, line) in new.iter().enumerate() {
        let want = if i == 0 {
            Step::Starts
        } else {
            Step::Continues
        };
        if rule.step(class_of(line.as_ref())) != want {
            return Err(EditError::Boundary);
        }
    }
    if let Some(class) = place.next {
        if rule.step(class) != Step::Starts {
            return Err(EditError::Boundary);
        }
    }
    if place.at.bytes == 0 && text.as_bytes().starts_with(BOM) {
        return Err(EditError::OtherLines);
    }
    let written = splice.new_line.map(|(at, _)| at);
    let before = old
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != splice.old_line)
        .map(|(_, entry)| Some((entry.field.label, entry.field.value)));
    let after = new
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != written)
        .map(|(_, entry)| entry.map(|entry| (entry.field.label, entry.field.value)));
    if !before.eq(after) {
        return Err(EditError::OtherLines);
    }
    Ok(())
}

/// A checked edit, ready to apply.
#[derive(Debug)]
enum Plan {
    /// Piece `piece` gets the text `text`; `unglue` is the next record's
    /// piece when removing this record puts a blank line before it.
    Replace {
        piece: usize,
        text: String,
        delta: Weights,
        unglue: Option<usize>,
    },
    /// A new record `text` at the end, after `completion` (which ends the
    /// last line, at the end of piece `.0`'s text or, with `.1`, its gap)
    /// and `blank` (a blank line after the last record).
    Append {
        completion: Option<(usize, bool, &'static str)>,
        blank: &'static str,
        text: String,
    },
}

/// The pieces of a document.
#[derive(Debug, Clone)]
struct Index {
    pieces: Vec<Piece>,
    sums: Sums,
    /// The length of the document's BOM (0 when none). No edit changes it.
    bom: usize,
    /// Edits applied so far (0: the text is still the input).
    edits: u64,
}

impl Index {
    /// The pieces of `source`: one pass of the corpus walker over its lines.
    fn new(source: &str) -> Index {
        let mut pieces = vec![Piece::default()];
        let mut weights = Vec::new();
        // The piece being built starts at byte `start`, on line `line`; its
        // text ends at `end` (its gap runs from there to the next record).
        let (mut start, mut line, mut end) = (0, 1, 0);
        for record in Corpus::new(source, true).records() {
            let (next, next_line) = (record.offset, record.line);
            let glued = pieces.len() > 1 && end == next;
            if let Some(piece) = pieces.last_mut() {
                piece.gap = Span::of(end..next);
                weights.push(Weights {
                    bytes: next - start,
                    newlines: next_line - line,
                    records: usize::from(pieces.len() > 1),
                });
            }
            let last = next + record.text.len();
            pieces.push(Piece {
                text: Span::of(next..last),
                gap: Span::default(),
                glued,
            });
            (start, line, end) = (next, next_line, last);
        }
        if let Some(piece) = pieces.last_mut() {
            piece.gap = Span::of(end.max(start)..source.len());
            weights.push(Weights {
                bytes: source.len() - start,
                newlines: newlines(str_at(source, start..source.len())),
                records: usize::from(pieces.len() > 1),
            });
        }
        Index {
            pieces,
            sums: Sums::new(weights),
            bom: after_bom(source).1,
            edits: 0,
        }
    }

    fn records(&self) -> usize {
        self.sums.total().records
    }

    /// The piece of record `record`, if there is one.
    fn record_piece(&self, record: usize) -> Option<usize> {
        self.sums.find(record, |w| w.records)
    }

    /// The weights of the pieces before `piece`.
    fn start(&self, piece: usize) -> Weights {
        self.sums.prefix(piece)
    }

    fn text<'s>(&'s self, piece: usize, source: &'s str) -> &'s str {
        let text = self.pieces.get(piece).map(|p| p.text.get(source));
        debug_assert!(text.is_some(), "no piece {piece}");
        text.unwrap_or_default()
    }

    /// The text, piece by piece.
    fn chunks<'s>(&'s self, source: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.pieces
            .iter()
            .flat_map(move |piece| [piece.text.get(source), piece.gap.get(source)])
    }

    fn to_text(&self, source: &str) -> String {
        let mut text = String::with_capacity(self.sums.total().bytes);
        text.extend(self.chunks(source));
        text
    }

    /// The piece that holds byte `at`, whether the byte is in the piece's
    /// gap (else in its text), and the bytes from there to the end of that
    /// text or gap.
    fn at_byte<'s>(&'s self, at: usize, source: &'s str) -> Option<(usize, bool, &'s [u8])> {
        let index = self.sums.find(at, |w| w.bytes)?;
        let piece = self.pieces.get(index)?;
        let within = at - self.start(index).bytes;
        let text = piece.text.get(source).as_bytes();
        let (in_gap, rest) = match within.checked_sub(text.len()) {
            None => (false, text.get(within..)),
            Some(in_gap) => (true, piece.gap.get(source).as_bytes().get(in_gap..)),
        };
        debug_assert!(
            rest.is_some_and(|rest| !rest.is_empty()),
            "byte {at} is past its piece"
        );
        Some((index, in_gap, rest.unwrap_or_default()))
    }

    /// The document's line ending: that of its first line when it is
    /// `\r\n`, else `\n`.
    fn newline(&self, source: &str) -> &'static str {
        let first = self
            .at_byte(self.bom, source)
            .map(|(_, _, rest)| recognize(line).parse(rest));
        match first {
            Some(Ok((_, first))) if first.ends_with(b"\r\n") => "\r\n",
            _ => "\n",
        }
    }

    /// Where the text of record piece `piece` goes, for [`check`].
    fn place(&self, piece: usize, source: &str) -> Place {
        let records = self.start(piece + 1).records;
        let next = self
            .record_piece(records)
            .and_then(|next| self.pieces.get(next))
            .filter(|next| next.glued)
            .map(|next| {
                let first = classified_line(next.text.get(source).as_bytes());
                debug_assert!(first.is_ok(), "a record without lines");
                first.map_or(LineClass::Blank, |(_, (class, _))| class)
            });
        Place {
            at: self.start(piece),
            glued: self.pieces.get(piece).is_some_and(|p| p.glued),
            next,
        }
    }

    /// The piece of record `record`, which must be below the count.
    fn existing(&self, record: usize) -> Result<usize, EditError> {
        let piece = self.record_piece(record);
        debug_assert!(piece.is_some(), "record {record} has no piece");
        piece.ok_or(EditError::NoSuchRecord {
            index: record,
            count: self.records(),
        })
    }

    fn set(
        &mut self,
        source: &str,
        record: usize,
        label: Label,
        value: &str,
    ) -> Result<(), EditError> {
        let count = self.records();
        let plan = match record {
            r if r < count => self.plan_set(source, record, label, value)?,
            r if r == count => self.plan_append(source, label, value)?,
            _ => {
                return Err(EditError::NoSuchRecord {
                    index: record,
                    count,
                })
            }
        };
        self.apply(source, plan);
        Ok(())
    }

    fn remove(&mut self, source: &str, record: usize, label: Label) -> Result<bool, EditError> {
        let count = self.records();
        if record == count {
            return Ok(false);
        }
        if record > count {
            return Err(EditError::NoSuchRecord {
                index: record,
                count,
            });
        }
        let piece = self.existing(record)?;
        let text = self.text(piece, source);
        let old: Vec<Entry<'_>> = field_lines(text, Weights::default()).collect();
        let Some(at) = old.iter().position(|e| e.field.label == label.text()) else {
            return Ok(false);
        };
        let range = old.get(at).map_or(0..0, |e| e.line.start..e.line.end);
        let splice = Splice {
            range,
            with: String::new(),
            old_line: Some(at),
            new_line: None,
        };
        let plan = self.plan_splice(source, piece, &old, splice, "")?;
        self.apply(source, plan);
        Ok(true)
    }

    /// Setting `label` of an existing record.
    fn plan_set(
        &self,
        source: &str,
        record: usize,
        label: Label,
        value: &str,
    ) -> Result<Plan, EditError> {
        let piece = self.existing(record)?;
        let text = self.text(piece, source);
        let old: Vec<Entry<'_>> = field_lines(text, Weights::default()).collect();
        let found = old.iter().position(|e| e.field.label == label.text());
        let splice = match found.and_then(|at| Some((at, old.get(at)?))) {
            Some((at, entry)) if entry.field.value.is_empty() => {
                let end = entry.line.start + entry.field.label_at + entry.field.label.len();
                Splice {
                    range: end..end,
                    with: format!(" {value}"),
                    old_line: Some(at),
                    new_line: Some((at, label)),
                }
            }
            Some((at, entry)) => {
                let start = entry.line.start + entry.field.value_at;
                Splice {
                    range: start..start + entry.field.value.len(),
                    with: value.to_owned(),
                    old_line: Some(at),
                    new_line: Some((at, label)),
                }
            }
            None => {
                let line = new_line(label, value);
                let newline = self.newline(source);
                // After the last line of a label before it in table order,
                // else before the record's first line.
                let before = old.iter().enumerate().rev().find(|(_, e)| {
                    Label::from_text(e.field.label).is_some_and(|known| known < label)
                });
                match before {
                    Some((at, after)) => {
                        let end = after.line.end;
                        let ending = str_at(text, after.line.start + after.line.text.len()..end);
                        let with = match ending {
                            e if e.ends_with('\n') => format!("{line}{e}"),
                            // A cut-short `\r\n` at the end: complete it.
                            "\r" => format!("\n{line}"),
                            _ => format!("{newline}{line}"),
                        };
                        Splice {
                            range: end..end,
                            with,
                            old_line: None,
                            new_line: Some((at + 1, label)),
                        }
                    }
                    None => Splice {
                        range: 0..0,
                        with: format!("{line}{newline}"),
                        old_line: None,
                        new_line: Some((0, label)),
                    },
                }
            }
        };
        self.plan_splice(source, piece, &old, splice, value)
    }

    /// Checks `splice` on piece `piece`, whose lines are `old`.
    fn plan_splice(
        &self,
        source: &str,
        piece: usize,
        old: &[Entry<'_>],
        splice: Splice,
        value: &str,
    ) -> Result<Plan, EditError> {
        let was = self.text(piece, source);
        let (Some(before), Some(replaced), Some(after)) = (
            was.get(..splice.range.start),
            was.get(splice.range.clone()),
            was.get(splice.range.end..),
        ) else {
            debug_assert!(false, "{:?} is not a char range", splice.range);
            return Err(EditError::OtherLines);
        };
        let mut text = String::with_capacity(before.len() + splice.with.len() + after.len());
        text.push_str(before);
        text.push_str(&splice.with);
        text.push_str(after);
        let place = self.place(piece, source);
        check(&text, place, old, &splice, value)?;
        let vanished = text.is_empty();
        let next = self.record_piece(place.at.records + 1);
        let delta = Weights::of_text(&splice.with).minus(Weights {
            records: usize::from(vanished),
            ..Weights::of_text(replaced)
        });
        Ok(Plan::Replace {
            piece,
            text,
            delta,
            unglue: next.filter(|_| vanished && !place.glued),
        })
    }

    /// A new record at the end, holding the one line `label value`.
    fn plan_append(&self, source: &str, label: Label, value: &str) -> Result<Plan, EditError> {
        let total = self.sums.total();
        let newline = self.newline(source);
        // End the last line (after the BOM) if it has no line ending.
        let last = total
            .bytes
            .checked_sub(1)
            .filter(|&last| last >= self.bom)
            .and_then(|last| self.at_byte(last, source));
        let completion = last.and_then(|(piece, in_gap, rest)| match rest {
            b"\n" => None,
            b"\r" => Some((piece, in_gap, "\n")),
            _ => Some((piece, in_gap, newline)),
        });
        // A blank line between the last record and the new one.
        let last_record = self.records().checked_sub(1);
        let blank = match last_record.and_then(|r| self.record_piece(r)) {
            Some(piece)
                if self.start(piece).bytes + self.text(piece, source).len() == total.bytes =>
            {
                newline
            }
            _ => "",
        };
        let text = format!("{}{newline}", new_line(label, value));
        let before = completion.map_or("", |(_, _, c)| c);
        let place = Place {
            at: total
                .plus(Weights::of_text(before))
                .plus(Weights::of_text(blank)),
            glued: false,
            next: None,
        };
        let splice = Splice {
            range: 0..0,
            with: String::new(),
            old_line: None,
            new_line: Some((0, label)),
        };
        check(&text, place, &[], &splice, value)?;
        Ok(Plan::Append {
            completion,
            blank,
            text,
        })
    }

    fn apply(&mut self, source: &str, plan: Plan) {
        match plan {
            Plan::Replace {
                piece,
                text,
                delta,
                unglue,
            } => {
                if let Some(p) = self.pieces.get_mut(piece) {
                    p.text = match text.is_empty() {
                        true => Span::default(),
                        false => Span::Owned(text),
                    };
                }
                self.sums.add(piece, delta);
                if let Some(next) = unglue.and_then(|next| self.pieces.get_mut(next)) {
                    next.glued = false;
                }
            }
            Plan::Append {
                completion,
                blank,
                text,
            } => {
                if let Some((piece, in_gap, completion)) = completion {
                    if let Some(p) = self.pieces.get_mut(piece) {
                        let span = if in_gap { &mut p.gap } else { &mut p.text };
                        span.push_str(source, completion);
                    }
                    self.sums.add(piece, Weights::of_text(completion));
                }
                let last = self.pieces.len().checked_sub(1);
                if let Some(last) = last.filter(|_| !blank.is_empty()) {
                    if let Some(p) = self.pieces.get_mut(last) {
                        p.gap.push_str(source, blank);
                    }
                    self.sums.add(last, Weights::of_text(blank));
                }
                self.sums.push(Weights {
                    records: 1,
                    ..Weights::of_text(&text)
                });
                self.pieces.push(Piece {
                    text: Span::Owned(text),
                    gap: Span::default(),
                    glued: false,
                });
            }
        }
        self.edits += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_find_and_prefix() {
        let weights: Vec<Weights> = [3, 0, 5, 1, 0, 0, 2]
            .iter()
            .map(|&bytes| Weights {
                bytes,
                newlines: 1,
                records: usize::from(bytes > 0),
            })
            .collect();
        let mut sums = Sums::new(weights.clone());
        for end in 0..=weights.len() {
            let want: usize = weights[..end].iter().map(|w| w.bytes).sum();
            assert_eq!(sums.prefix(end).bytes, want);
            assert_eq!(sums.prefix(end).newlines, end);
        }
        let by_byte: Vec<Option<usize>> = (0..12).map(|b| sums.find(b, |w| w.bytes)).collect();
        let want = [0, 0, 0, 2, 2, 2, 2, 2, 3, 6, 6];
        let want: Vec<Option<usize>> = want.iter().map(|&w| Some(w)).chain([None]).collect();
        assert_eq!(by_byte, want);
        let records: Vec<_> = (0..5).map(|r| sums.find(r, |w| w.records)).collect();
        assert_eq!(records, [Some(0), Some(2), Some(3), Some(6), None]);
        // A negative change, then growing.
        sums.add(
            2,
            Weights::default().minus(Weights {
                bytes: 5,
                newlines: 0,
                records: 1,
            }),
        );
        assert_eq!(sums.find(3, |w| w.bytes), Some(3));
        assert_eq!(sums.find(1, |w| w.records), Some(3));
        for extra in 1..20 {
            sums.push(Weights {
                bytes: extra,
                newlines: 0,
                records: 1,
            });
        }
        assert_eq!(sums.total().bytes, 6 + (1..20).sum::<usize>());
        assert_eq!(sums.total().records, 3 + 19);
        assert_eq!(sums.find(3, |w| w.records), Some(7));
    }

    #[test]
    fn pieces_cover_the_text() {
        for input in [
            "",
            "\u{feff}",
            "\n\n",
            "\u{feff}\n简介 a\n简介 b\n\n \n症状 c",
            "简介 a\r\n\r\n",
            "x\r",
        ] {
            let index = Index::new(input);
            assert_eq!(index.to_text(input), input);
            assert_eq!(index.sums.total().bytes, input.len());
            assert_eq!(index.sums.total().newlines, newlines(input));
            let glued: Vec<bool> = index.pieces.iter().map(|p| p.glued).collect();
            if input.starts_with("\u{feff}\n") {
                assert_eq!(glued, [false, false, true, false]);
            }
        }
    }
}
