//! The lossless layer: a document that keeps every byte of its input, and
//! edits whose cost is that of the record they touch
//! ([format reference: editing without loss](crate::format#editing-without-loss)).
//!
//! Once its structure is first needed, the text is held as one piece per
//! record ([`pieces`]), each a range of the input until an edit gives it
//! text of its own; an edit builds its record's new text, checks it
//! ([`edit`]) and replaces that one piece.

mod edit;
mod pieces;

use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use self::pieces::{field_lines, Index, Weights};
use crate::drugs::Drug;
use crate::grammar::record::Entry;
use crate::model::error::Diagnostic;
use crate::model::labels::{Label, ValueKind};
use crate::parse::{ParseOptions, Records};

/// A corpus of records that reproduces its input byte for byte, and edits
/// it line by line.
///
/// [`Document::new`] costs nothing; the first look at the structure (an
/// edit, [`get`](Document::get), [`fields`](Document::fields),
/// [`record_count`](Document::record_count)) reads the lines once. An edit
/// then costs time in proportion to the record it edits, not to the
/// document. [`as_str`](Document::as_str) and
/// [`records`](Document::records) build the whole text once after each
/// edit.
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
    /// The edit would change how another line reads.
    #[error("the edit would change how another line reads")]
    OtherLines,
    /// The edit would merge or split records.
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
    /// drug.
    #[error("drug {index} would read back as another drug")]
    Drug {
        /// The drug's index among those given.
        index: usize,
    },
}

impl<'a> Document<'a> {
    /// A document over `input`, parsed in strict mode when viewed as records.
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

    /// The text, exactly as given plus the edits made since (built once
    /// after an edit; [`Display`](fmt::Display) writes it without that).
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

    /// The typed records: [`ParseOptions::records`] of
    /// [`as_str`](Document::as_str), with the document's options.
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

    /// Sets `label` of record `record` to `value`, checked by the label's
    /// grammar: the value of its line is replaced, or a new line is
    /// inserted ([where lines go](crate::format#editing-without-loss));
    /// record [`record_count`](Document::record_count) is appended.
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
        if crate::scan::trim_start_space(crate::scan::trim_end_space(value)) != value {
            return Err(EditError::EdgeWhitespace);
        }
        self.edit(|index, source| index.set(source, record, label, value))
    }

    /// Sets the **list** field `label` of record `record` to `items`, as
    /// [`list::write_items`](crate::list::write_items) writes them.
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
            if bad.is_none() && (text.is_empty() || text.contains(crate::scan::is_space)) {
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

    /// Sets the **bool** field `label` of record `record` to `是` or `否`.
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
