//! The **list** value kind
//! ([format reference: lists](crate::format#lists)): [`List`], whose items
//! are split from the value only when they are read.
//!
//! Parsing a list field stores the value as written (borrowed) and nothing
//! else: splitting every list of a record into a `Vec` up front was about
//! an eighth of the whole parse, and most consumers read few of the lists
//! they parse. Items come out of [`List::iter`], split by the one rule of
//! [`list_items`]. A list can also hold items given one by one (built by
//! hand or deserialised), which are kept as given.
//!
//! This module owns the [`List`] type and its lazy iterator; the splitting
//! rule is the nom production `list_item` of `crate::grammar::list`. It
//! must not know labels, lines or positions (lists never fault).

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::grammar::list::list_item;

/// Splits a **list** value into its items: the value is split on runs of
/// whitespace (space, tab, NBSP, U+3000) and empty items are dropped, so an
/// empty or all-whitespace value has no items. Items are borrowed and keep
/// their punctuation (`花生仁（生）`).
///
/// ```
/// let items: Vec<&str> = jibing::list::list_items("鸡心 \u{3000}花生仁（生）").collect();
/// assert_eq!(items, ["鸡心", "花生仁（生）"]);
/// ```
pub fn list_items(value: &str) -> impl Iterator<Item = &str> + Clone {
    split(value)
}

fn split(value: &str) -> Split<'_> {
    Split { rest: value }
}

/// The items of a list value, read one at a time by the nom production
/// `list_item` (`crate::grammar::list`), which splits on bytes: each
/// whitespace character is a fixed byte sequence (`20`, `09`, `C2 A0`,
/// `E3 80 80`) that starts at a char boundary wherever it matches in valid
/// UTF-8, so no character needs decoding.
#[derive(Debug, Clone)]
struct Split<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match list_item(self.rest) {
            Ok((rest, item)) => {
                self.rest = rest;
                Some(item)
            }
            // Only the list's trailing whitespace, or nothing, is left.
            Err(_) => {
                self.rest = "";
                None
            }
        }
    }
}

impl std::iter::FusedIterator for Split<'_> {}

/// A **list** value: items separated by runs of whitespace.
///
/// A parsed list keeps its value as written and splits it into items each
/// time they are read ([`iter`](List::iter), `for item in &list`), so
/// parsing costs nothing per item and items borrow from the input. A list
/// built from items ([`List::from_items`], [`FromIterator`], or
/// deserialised) keeps those items as given. Two lists are equal when their
/// items are, whichever way they were made, and a list also compares with
/// a slice, array or `Vec` of strings.
///
/// ```
/// let record = jibing::parse("就诊科室 内科\u{3000}神经内科\n")?;
/// let departments = record.departments.as_ref().expect("present");
/// assert_eq!(departments.iter().collect::<Vec<_>>(), ["内科", "神经内科"]);
/// assert_eq!(*departments, ["内科", "神经内科"]);
/// assert_eq!(departments.len(), 2);
/// assert_eq!(departments.as_written(), Some("内科\u{3000}神经内科"));
/// assert_eq!(*departments, jibing::List::from_items(["内科", "神经内科"]));
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// Serialises as a sequence of strings (`["内科","神经内科"]`) and
/// deserialises from one; deserialising always produces owned strings.
#[derive(Clone)]
pub struct List<'a>(Repr<'a>);

#[derive(Clone)]
enum Repr<'a> {
    /// A value as written; items are split on demand.
    Written(Cow<'a, str>),
    /// Items given one by one.
    Items(Vec<Cow<'a, str>>),
}

impl<'a> List<'a> {
    /// The list whose value is written `value`: items are the runs of
    /// non-whitespace in it (see [`list_items`]). This is what parsing does;
    /// it does not allocate.
    pub fn from_written(value: impl Into<Cow<'a, str>>) -> Self {
        List(Repr::Written(value.into()))
    }

    /// The list of exactly these items, kept as given (an item may even
    /// hold whitespace or be empty; the canonical writer then cannot give
    /// the same list back, see [`Record::write_canonical`](crate::Record::write_canonical)).
    pub fn from_items<I, S>(items: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Cow<'a, str>>,
    {
        List(Repr::Items(items.into_iter().map(Into::into).collect()))
    }

    /// The items, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(match &self.0 {
            Repr::Written(value) => IterRepr::Split(split(value)),
            Repr::Items(items) => IterRepr::Items(items.iter()),
        })
    }

    /// The number of items. For a parsed list this splits the value (linear
    /// in its length); keep the count if it is needed often.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Written(_) => self.iter().count(),
            Repr::Items(items) => items.len(),
        }
    }

    /// Whether the list has no items (an empty or all-whitespace value).
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Whether one of the items is exactly `item`.
    pub fn contains(&self, item: &str) -> bool {
        self.iter().any(|i| i == item)
    }

    /// The items, collected.
    pub fn to_vec(&self) -> Vec<&str> {
        self.iter().collect()
    }

    /// The value as written in the record, for a parsed list (`None` for a
    /// list built from items).
    pub fn as_written(&self) -> Option<&str> {
        match &self.0 {
            Repr::Written(value) => Some(value),
            Repr::Items(_) => None,
        }
    }

    /// Copies borrowed strings so the list no longer borrows the input (a
    /// parsed list is one string, whatever its number of items).
    pub fn into_owned(self) -> List<'static> {
        fn own(s: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(s.into_owned())
        }
        List(match self.0 {
            Repr::Written(value) => Repr::Written(own(value)),
            Repr::Items(items) => Repr::Items(items.into_iter().map(own).collect()),
        })
    }
}

impl Default for List<'_> {
    /// The empty list.
    fn default() -> Self {
        List::from_written("")
    }
}

/// Iterator over the items of a [`List`], from [`List::iter`].
#[derive(Debug, Clone)]
pub struct Iter<'l>(IterRepr<'l>);

#[derive(Debug, Clone)]
enum IterRepr<'l> {
    Split(Split<'l>),
    Items(std::slice::Iter<'l, Cow<'l, str>>),
}

impl<'l> Iterator for Iter<'l> {
    type Item = &'l str;

    fn next(&mut self) -> Option<&'l str> {
        match &mut self.0 {
            IterRepr::Split(split) => split.next(),
            IterRepr::Items(items) => items.next().map(AsRef::as_ref),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.0 {
            IterRepr::Split(split) => split.size_hint(),
            IterRepr::Items(items) => items.size_hint(),
        }
    }
}

impl std::iter::FusedIterator for Iter<'_> {}

impl<'l> IntoIterator for &'l List<'_> {
    type Item = &'l str;
    type IntoIter = Iter<'l>;

    fn into_iter(self) -> Iter<'l> {
        self.iter()
    }
}

impl<'a, S: Into<Cow<'a, str>>> FromIterator<S> for List<'a> {
    fn from_iter<I: IntoIterator<Item = S>>(items: I) -> Self {
        List::from_items(items)
    }
}

impl fmt::Debug for List<'_> {
    /// The items, as a list (`["内科", "神经内科"]`), however the list was made.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for List<'_> {
    fn eq(&self, other: &List<'_>) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for List<'_> {}

impl<S: AsRef<str>> PartialEq<[S]> for List<'_> {
    fn eq(&self, other: &[S]) -> bool {
        self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for List<'_> {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for List<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl Hash for List<'_> {
    /// Hashes the items, so equal lists hash alike however they were made.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut count = 0usize;
        for item in self.iter() {
            item.hash(state);
            count += 1;
        }
        state.write_usize(count);
    }
}

impl serde::Serialize for List<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, 'a> serde::Deserialize<'de> for List<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Cow<'a, str>>::deserialize(deserializer).map(|items| List(Repr::Items(items)))
    }
}

// ---------------------------------------------------------------------------
// The way back: list items as a value.

/// Writes list items as a **list** value, the way the canonical writer
/// does: the non-empty items, separated by one space. The value reads back
/// as the same items when none of them holds whitespace (an item that does
/// would read as several, and an empty one is left out).
///
/// ```
/// let mut value = String::new();
/// jibing::list::write_items(["内科", "", "神经内科"], &mut value)?;
/// assert_eq!(value, "内科 神经内科");
/// let items: Vec<&str> = jibing::list::list_items(&value).collect();
/// assert_eq!(items, ["内科", "神经内科"]);
/// # Ok::<(), std::fmt::Error>(())
/// ```
///
/// # Errors
///
/// Only the errors of `out`: writing to a `String` always succeeds.
pub fn write_items<I, S, W>(items: I, out: &mut W) -> fmt::Result
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
    W: fmt::Write + ?Sized,
{
    let mut first = true;
    for item in items {
        let item = item.as_ref();
        if item.is_empty() {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.write_char(' ')?;
        }
        out.write_str(item)?;
    }
    Ok(())
}

/// The **list** value of `items`, as [`write_items`] writes it.
///
/// ```
/// let list = jibing::List::from_items(["鸡心", "花生仁（生）"]);
/// assert_eq!(jibing::list::to_text(&list), "鸡心 花生仁（生）");
/// assert_eq!(jibing::list::to_text(["a", "b"]), "a b");
/// ```
pub fn to_text<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut value = String::new();
    // Writing to a `String` cannot fail.
    let written = write_items(items, &mut value);
    debug_assert!(written.is_ok(), "writing to a String failed");
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(list: &List<'_>) -> u64 {
        use std::collections::hash_map::DefaultHasher;
        let mut hasher = DefaultHasher::new();
        list.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn written_and_built_lists_agree() {
        let written = List::from_written(" 鸡心\u{a0}\u{3000}莲子\t");
        let built = List::from_items(["鸡心", "莲子"]);
        assert_eq!(written, built);
        assert_eq!(hash_of(&written), hash_of(&built));
        assert_eq!(written.len(), 2);
        assert_eq!(built.len(), 2);
        assert_eq!(format!("{written:?}"), format!("{built:?}"));
        assert_eq!(written, ["鸡心", "莲子"]);
        assert_eq!(built, vec!["鸡心".to_owned(), "莲子".to_owned()]);
        assert_ne!(written, List::from_items(["鸡心"]));
        assert_ne!(written, List::from_items(["鸡心", "莲子", "x"]));
        assert_ne!(hash_of(&written), hash_of(&List::from_items(["鸡心莲子"])));
    }

    #[test]
    fn empty_lists() {
        for list in [
            List::default(),
            List::from_written(" \u{3000}"),
            List::from_items(Vec::<&str>::new()),
        ] {
            assert!(list.is_empty());
            assert_eq!(list.len(), 0);
            assert_eq!(list, List::default());
            assert_eq!(list, [""; 0]);
        }
        // An empty item is an item when given as one.
        assert!(!List::from_items([""]).is_empty());
    }

    #[test]
    fn into_owned_keeps_items_and_text() {
        let value = String::from("内科 神经内科");
        let owned = List::from_written(value.as_str()).into_owned();
        drop(value);
        assert_eq!(owned, ["内科", "神经内科"]);
        assert_eq!(owned.as_written(), Some("内科 神经内科"));
        let items = List::from_items([String::from("a b")]).into_owned();
        assert_eq!(items.to_vec(), ["a b"]);
        assert_eq!(items.as_written(), None);
    }

    #[test]
    fn contains_whole_items_only() {
        let list = List::from_written("花生仁（生） 青豆");
        assert!(list.contains("青豆"));
        assert!(!list.contains("花生仁"));
    }

    #[test]
    fn serde_as_a_sequence() {
        let list = List::from_written("内科\u{a0}神经内科");
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(json, r#"["内科","神经内科"]"#);
        let back: List<'static> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, list);
        assert_eq!(back.as_written(), None);
    }

    // ---- splitting ----

    #[test]
    fn splits_on_whitespace_runs() {
        let items: Vec<&str> = list_items("肌营养不良症\u{a0}重症肌无力样综合征").collect();
        assert_eq!(items, ["肌营养不良症", "重症肌无力样综合征"]);
        let items: Vec<&str> = list_items("内科 神经内科").collect();
        assert_eq!(items, ["内科", "神经内科"]);
        let items: Vec<&str> =
            list_items("  鸡心 \u{3000} 莲子\t\t花生仁（生）\u{a0}\u{3000}青豆").collect();
        assert_eq!(items, ["鸡心", "莲子", "花生仁（生）", "青豆"]);
        let items: Vec<&str> = list_items("康复治疗").collect();
        assert_eq!(items, ["康复治疗"]);
    }

    #[test]
    fn byte_split_agrees_with_char_split() {
        let values = [
            "a b",
            "\u{a0}a\u{3000}\u{3000}b\t \u{a0}",
            "¢\u{a0}¢ ¢",
            "\u{e000}\u{3000}\u{30a0}",
            "鸡心 莲子 花生仁（生）\u{a0}青豆",
            "\u{3000}",
            "x",
            "a\u{a0}b\u{3000}c d\te",
            "\u{a0}\u{a0}x\u{3000}",
            "é\u{a0}ü",
            "\u{3001}\u{3000}\u{3002}",
            "\u{2003}x\u{85}y\u{a1}z",
            "𝄞 \u{3000}𝄞",
            "",
        ];
        for value in values {
            let chars: Vec<&str> = value
                .split(crate::lex::is_space)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(list_items(value).collect::<Vec<_>>(), chars, "{value:?}");
        }
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(list_items("").count(), 0);
        assert_eq!(list_items(" \u{a0}\u{3000}\t").count(), 0);
    }

    #[test]
    fn does_not_split_on_other_characters() {
        let items: Vec<&str> = list_items("a,b、c\u{2003}d").collect();
        assert_eq!(items, ["a,b、c\u{2003}d"]);
    }
}
