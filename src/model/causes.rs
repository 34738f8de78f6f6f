//! The causes value: an intro, then named, percentage-tagged items.

use std::borrow::Cow;
use std::fmt;

/// A parsed `causes` value: the text before the first item, then the items.
///
/// [`Causes::write_to`] gives back the parsed value exactly.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Causes<'a> {
    /// Everything before the first item's name; the whole value when there
    /// is no item.
    pub intro: Cow<'a, str>,
    /// The items, in the order they appear.
    pub items: Vec<Cause<'a>>,
}

/// One cause: `NAME（PERCENT%）：TEXT`.
///
/// Equality leaves out [`tag`](Cause::tag), which JSON does not keep.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Cause<'a> {
    /// The run of non-whitespace, non-stop characters right before the tag;
    /// may be empty.
    pub name: Cow<'a, str>,
    /// The percentage inside the tag, in percent units (`10%` → `10.0`).
    pub percent: f64,
    /// Everything after the tag up to the next item's name (or the end).
    pub text: Cow<'a, str>,
    /// The tag as written (`（10%）：`), for a byte-exact rebuild; not
    /// serialized, so empty after deserializing.
    #[serde(skip)]
    pub tag: Cow<'a, str>,
}

impl PartialEq for Cause<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.percent == other.percent && self.text == other.text
    }
}

impl Cause<'_> {
    /// Detaches the cause from the input it borrows from.
    pub fn into_owned(self) -> Cause<'static> {
        Cause {
            name: Cow::Owned(self.name.into_owned()),
            percent: self.percent,
            text: Cow::Owned(self.text.into_owned()),
            tag: Cow::Owned(self.tag.into_owned()),
        }
    }

    /// Writes `name + tag + text` to `out`, an empty tag as `（{percent}%）：`.
    ///
    /// ```
    /// let causes = jibing::causes::parse_causes("甲病病因受凉（20%）：着凉。");
    /// let mut out = String::new();
    /// causes.items[0].write_to(&mut out)?;
    /// assert_eq!(out, "受凉（20%）：着凉。");
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only the errors of `out`.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(&self.name)?;
        if self.tag.is_empty() {
            write!(out, "（{}%）：", self.percent)?;
        } else {
            out.write_str(&self.tag)?;
        }
        out.write_str(&self.text)
    }
}

impl Causes<'_> {
    /// Detaches the value from the input it borrows from.
    pub fn into_owned(self) -> Causes<'static> {
        Causes {
            intro: Cow::Owned(self.intro.into_owned()),
            items: self.items.into_iter().map(Cause::into_owned).collect(),
        }
    }

    /// Writes `intro` then each item to `out`: the parsed value, exactly.
    ///
    /// ```
    /// let value = "甲病病因受凉（20%）：着凉。劳累(10%):少休息。";
    /// let mut out = String::new();
    /// jibing::causes::parse_causes(value).write_to(&mut out)?;
    /// assert_eq!(out, value);
    /// # Ok::<(), std::fmt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only the errors of `out`.
    pub fn write_to<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        out.write_str(&self.intro)?;
        for item in &self.items {
            item.write_to(out)?;
        }
        Ok(())
    }
}

impl fmt::Display for Causes<'_> {
    /// The value as written, see [`Causes::write_to`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}
