//! [`OwnedRecord`]: a parsed record that owns its text. A `yoke::Yoke` of
//! the borrowing [`Parsed`] and an `Arc<str>` of the text: one allocation
//! and a clone without a re-parse, no `unsafe` here; `self_cell` would box
//! each record once more and parse again to clone (BENCHMARKS.md, round 7).

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use yoke::{Yoke, Yokeable};

use crate::model::error::{Error, Position, Warning};
use crate::model::record::{Parsed, Record};

/// The parse a [`Yoke`] carries, borrowing its cart.
#[derive(Clone, Yokeable)]
struct View<'a>(Parsed<'a>);

/// A record that owns its text: the text of the record as read, its first
/// line's place, and the [`Record`] (with lenient mode's warnings) that
/// borrows it.
///
/// ```
/// use std::thread;
/// use jibing::{OwnedRecord, ParseOptions};
///
/// let input = "简介 甲病\n医保疾病 是\n\n简介 乙病\n别名 某某\n";
/// let lenient = ParseOptions::new().lenient();
/// let kept: Vec<OwnedRecord> = lenient.reader(input.as_bytes()).collect::<Result<_, _>>()?;
/// assert_eq!(kept[0].get().insurance, Some(true));
/// assert_eq!(kept[0].text(), "简介 甲病\n医保疾病 是\n");
/// assert_eq!((kept[1].position().line, kept[1].position().offset), (4, 32));
/// assert_eq!(kept[1].warnings()[0].position.line, 5);
///
/// // `Send + Sync + 'static`: records go to other threads as they are.
/// let summary = thread::spawn(move || kept[1].get().summary.as_deref().map(str::to_owned));
/// assert_eq!(summary.join().unwrap().as_deref(), Some("乙病"));
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Clone)]
pub struct OwnedRecord {
    parsed: Yoke<View<'static>, Arc<str>>,
    position: Position,
}

impl OwnedRecord {
    /// Parses `text`, a record whose first line is at `position`.
    #[cfg(test)]
    pub(crate) fn parse(
        text: Arc<str>,
        position: Position,
        options: crate::ParseOptions,
    ) -> Result<Self, Error> {
        use crate::grammar::record::RecordText;
        use crate::parse::parse_record;
        let Position { line, offset, .. } = position;
        Self::parse_with(text, position, |text| {
            parse_record(RecordText::new(text, line, offset), options)
        })
    }

    /// `text`, a record whose first line is at `position`, parsed by `parse`.
    pub(crate) fn parse_with(
        text: Arc<str>,
        position: Position,
        parse: impl for<'t> FnOnce(&'t str) -> Result<Parsed<'t>, Error>,
    ) -> Result<Self, Error> {
        let parsed =
            Yoke::<View<'static>, _>::try_attach_to_cart(text, |text: &str| parse(text).map(View))?;
        Ok(OwnedRecord { parsed, position })
    }

    /// The record, borrowing [`text`](Self::text).
    #[must_use]
    pub fn get(&self) -> &Record<'_> {
        &self.parsed.get().0.record
    }

    /// Faults that lenient parsing stepped over, in input order (none in
    /// strict mode).
    #[must_use]
    pub fn warnings(&self) -> &[Warning] {
        &self.parsed.get().0.warnings
    }

    /// The record's text as read: its lines, with their line endings.
    ///
    /// ```
    /// let mut reader = jibing::Reader::new("\n简介 甲病\r\n症状 发热".as_bytes());
    /// let record = reader.next().unwrap()?;
    /// assert_eq!(record.text(), "简介 甲病\r\n症状 发热");
    /// assert_eq!(jibing::parse(record.text())?, *record.get());
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> &str {
        self.parsed.backing_cart()
    }

    /// Where the record's first line begins in the input (column 1).
    #[must_use]
    pub fn position(&self) -> Position {
        self.position
    }

    /// The record with every string copied out of the text.
    ///
    /// ```
    /// use jibing::Record;
    /// let mut reader = jibing::Reader::new("简介 甲病\n就诊科室 内科\n".as_bytes());
    /// let record: Record<'static> = reader.next().unwrap()?.into_record();
    /// assert_eq!(record.departments.as_ref().map(|d| d.to_vec()), Some(vec!["内科"]));
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use]
    pub fn into_record(self) -> Record<'static> {
        self.get().clone().into_owned()
    }

    /// The record and its warnings with every string copied out of the text.
    #[must_use]
    pub fn into_parsed(self) -> Parsed<'static> {
        self.parsed.get().0.clone().into_owned()
    }
}

impl Serialize for OwnedRecord {
    /// The record's JSON, as [`Record`] writes it.
    ///
    /// ```
    /// let input = "简介 甲病\n医保疾病 否\n";
    /// let owned = jibing::Reader::new(input.as_bytes()).next().unwrap()?;
    /// let json = serde_json::to_string(&owned)?;
    /// assert_eq!(json, serde_json::to_string(&jibing::parse(input)?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl fmt::Debug for OwnedRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OwnedRecord")
            .field("position", &self.position)
            .field("record", self.get())
            .field("warnings", &self.warnings())
            .finish_non_exhaustive()
    }
}

/// Equal when the text, its position, the record and the warnings are.
impl PartialEq for OwnedRecord {
    fn eq(&self, other: &Self) -> bool {
        self.position == other.position
            && self.text() == other.text()
            && self.parsed.get().0 == other.parsed.get().0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParseOptions;

    /// `Record<'a>` may stand for a shorter-lived `Record<'b>`, as
    /// [`Yoke`] needs; this fails to compile when a field makes it
    /// invariant.
    #[allow(dead_code)]
    fn covariant<'b, 'a: 'b>(record: Record<'a>, parsed: Parsed<'a>) -> (Record<'b>, Parsed<'b>) {
        (record, parsed)
    }

    #[test]
    fn owned_records_are_send_sync_static_and_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<OwnedRecord>();
    }

    #[test]
    fn a_clone_shares_the_text() {
        let text: Arc<str> = Arc::from("简介 甲病\n症状 发热\n");
        let start = Position {
            line: 1,
            column: 1,
            offset: 0,
        };
        let owned = OwnedRecord::parse(text.clone(), start, ParseOptions::new()).unwrap();
        let copy = owned.clone();
        assert_eq!(Arc::strong_count(&text), 3);
        assert_eq!(copy, owned);
        assert!(std::ptr::eq(copy.text(), owned.text()));
        let summary = copy.get().summary.as_deref().unwrap();
        assert!(owned
            .text()
            .as_bytes()
            .as_ptr_range()
            .contains(&summary.as_ptr()));
    }

    #[test]
    fn debug_shows_the_place_the_record_and_the_warnings_not_the_text() {
        let start = Position {
            line: 3,
            column: 1,
            offset: 9,
        };
        let text: Arc<str> = Arc::from("简介 甲\n别名 乙\n");
        let owned = OwnedRecord::parse(text, start, ParseOptions::new().lenient()).unwrap();
        let debug = format!("{owned:?}");
        let head =
            "OwnedRecord { position: Position { line: 3, column: 1, offset: 9 }, record: Record";
        assert!(debug.starts_with(head), "{debug}");
        assert!(
            debug.contains("warnings: [Diagnostic { kind: UnknownLabel"),
            "{debug}"
        );
        assert!(
            debug.ends_with(", .. }") && !debug.contains("别名 乙\\n"),
            "{debug}"
        );
    }

    #[test]
    fn equal_only_with_the_same_place() {
        let at = |line| Position {
            line,
            column: 1,
            offset: 0,
        };
        let parse =
            |line| OwnedRecord::parse(Arc::from("简介 甲\n"), at(line), ParseOptions::new());
        assert_eq!(parse(1).unwrap(), parse(1).unwrap());
        assert_ne!(parse(1).unwrap(), parse(2).unwrap());
    }
}
