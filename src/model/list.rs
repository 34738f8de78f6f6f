//! The list value: items separated by runs of whitespace, split when read.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::scan::list_item;

/// The items of a list value, in order.
pub(crate) fn split(value: &str) -> Split<'_> {
    Split { rest: value }
}

/// The iterator of [`split`].
#[derive(Debug, Clone)]
pub(crate) struct Split<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (item, rest) = list_item(self.rest).unwrap_or_default();
        self.rest = rest;
        (!item.is_empty()).then_some(item)
    }
}

impl std::iter::FusedIterator for Split<'_> {}

/// A **list** value: items separated by runs of whitespace.
///
/// A parsed list keeps its value as written and splits it each time it is
/// read; a list built from items keeps them as given. Lists are equal when
/// their items are, and compare with slices, arrays and `Vec`s of strings.
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
    /// The list whose value is written `value`, as parsing makes it.
    pub fn from_written(value: impl Into<Cow<'a, str>>) -> Self {
        List(Repr::Written(value.into()))
    }

    /// The list of exactly these items, kept as given.
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

/// Writes list items as a **list** value, the way the canonical writer
/// does: the non-empty items, separated by one space.
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
/// Only the errors of `out`.
pub fn write_items<I, S, W>(items: I, out: &mut W) -> fmt::Result
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
    W: fmt::Write + ?Sized,
{
    out.write_str(&to_text(items))
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
    for item in items {
        let item = item.as_ref();
        if item.is_empty() {
            continue;
        }
        if !value.is_empty() {
            value.push(' ');
        }
        value.push_str(item);
    }
    value
}
