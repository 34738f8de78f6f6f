//! The typed record: one `Option` field per label, generated from the label
//! table, plus the inferred `name` and the lenient `extra` lines.
//!
//! Strings borrow from the input and are owned only where a value had to
//! change (unescaped drug strings) or after [`Record::into_owned`].

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::causes::Causes;
use super::drugs::Drug;
use super::error::Warning;
use super::labels::{for_each_label, Label};
use super::list::List;
use super::value::{Cost, Period, Rate};
use super::write::{write_field, RECORD_END};

/// A line that lenient parsing kept aside: an unknown or duplicate label, a
/// bad boolean, an unparsable drug list, or a line after the record's end.
///
/// Found in [`Record::extra`], each with its [`Warning`](crate::Warning)
/// ([format reference: strict and lenient](crate::format#strict-and-lenient)).
///
/// ```
/// let parsed = jibing::parse_lenient("简介 某病\n别名 某某\n简介 又一病\n")?;
/// let extra = &parsed.record.extra;
/// assert_eq!(extra.len(), 2);
/// assert_eq!((extra[0].label.as_ref(), extra[0].value.as_ref(), extra[0].line), ("别名", "某某", 2));
/// assert_eq!((extra[1].label.as_ref(), extra[1].line), ("简介", 3)); // the first 简介 wins
/// // One warning per kept line, on the same line.
/// let lines: Vec<usize> = parsed.warnings.iter().map(|w| w.position.line).collect();
/// assert_eq!(lines, [2, 3]);
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extra<'a> {
    /// The label as written.
    pub label: Cow<'a, str>,
    /// The value as written (trailing whitespace removed).
    pub value: Cow<'a, str>,
    /// 1-based line number in the input.
    pub line: usize,
}

impl Extra<'_> {
    /// Copies borrowed strings so the value no longer borrows the input.
    ///
    /// ```
    /// let kept: jibing::Extra<'static> = {
    ///     let input = String::from("别名 某某\n");
    ///     let parsed = jibing::parse_lenient(&input)?;
    ///     parsed.record.extra[0].clone().into_owned()
    /// }; // `input` is gone; `kept` owns its strings.
    /// assert_eq!((kept.label.as_ref(), kept.value.as_ref()), ("别名", "某某"));
    /// # Ok::<(), jibing::Error>(())
    /// ```
    pub fn into_owned(self) -> Extra<'static> {
        Extra {
            label: owned(self.label),
            value: owned(self.value),
            line: self.line,
        }
    }
}

/// A record with the warnings lenient parsing collected for it (none in
/// strict mode), as [`records`](crate::records) and the readers give it.
///
/// ```
/// use jibing::ErrorKind;
///
/// let parsed = jibing::parse_lenient("简介 某病\n医保疾病 也许\n就诊科室 内科\n")?;
/// assert_eq!(parsed.record.departments.as_ref().map(|d| d.to_vec()), Some(vec!["内科"]));
/// assert_eq!(parsed.record.insurance, None); // the bad boolean is left out…
/// let warning = &parsed.warnings[0]; // …and reported where it is
/// assert!(matches!(&warning.kind, ErrorKind::InvalidBool { found } if found == "也许"));
/// assert_eq!(warning.position.to_string(), "2:6");
///
/// // Strict parsing fails there instead; when it succeeds there are no warnings.
/// assert!(jibing::parse("简介 某病\n医保疾病 也许\n").is_err());
/// let strict = jibing::ParseOptions::new().parse("简介 某病\n医保疾病 否\n")?;
/// assert!(strict.warnings.is_empty());
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Parsed<'a> {
    /// The record.
    pub record: Record<'a>,
    /// Faults that lenient parsing stepped over, in input order.
    pub warnings: Vec<Warning>,
}

impl Parsed<'_> {
    /// Copies borrowed strings so the value no longer borrows the input.
    ///
    /// ```
    /// use jibing::Parsed;
    ///
    /// // Keep records after the text they were parsed from is dropped.
    /// let mut kept: Vec<Parsed<'static>> = Vec::new();
    /// for chunk in ["简介 甲\n", "简介 乙\n别名 丙\n"] {
    ///     let text = chunk.to_owned();
    ///     kept.push(jibing::parse_lenient(&text)?.into_owned());
    /// }
    /// assert_eq!(kept[1].record.summary.as_deref(), Some("乙"));
    /// assert_eq!(kept[1].warnings.len(), 1);
    /// # Ok::<(), jibing::Error>(())
    /// ```
    pub fn into_owned(self) -> Parsed<'static> {
        Parsed {
            record: self.record.into_owned(),
            warnings: self.warnings,
        }
    }
}

/// The Rust type of a field of each [`ValueKind`](crate::ValueKind).
macro_rules! field_type {
    (Text) => { Cow<'a, str> };
    (List) => { List<'a> };
    (Bool) => { bool };
    (Rate) => { Rate<'a> };
    (Period) => { Period<'a> };
    (Cost) => { Cost<'a> };
    (Causes) => { Causes<'a> };
    (Drugs) => { Vec<Drug<'a>> };
}

/// A field's value as a [`List`] when its kind is **list**, else `None`.
macro_rules! as_list {
    (List, $value:expr) => {
        $value.as_ref()
    };
    ($other:ident, $value:expr) => {
        None
    };
}

macro_rules! define_record {
    ($(($variant:ident, $text:literal, $field:ident, $kind:ident, $doc:literal),)*) => {
        /// One disease record.
        ///
        /// Every label of the format is a field, named by its JSON key:
        /// `None` when the label is absent, `Some` of an empty value when it
        /// is present but empty (see the
        /// [format reference: labels](crate::format#labels)). Serialises to
        /// the JSON object of the [format reference: JSON](crate::format#json),
        /// keys in canonical order with `name` first and `extra` last.
        ///
        /// ```
        /// use jibing::{Label, List, Record};
        ///
        /// let record = jibing::parse(
        ///     "简介 某病\n医保疾病 否\n病因 某病病因受凉（60%）：着凉。\n预防 某病预防保暖。\n症状\n",
        /// )?;
        /// assert_eq!(record.summary.as_deref(), Some("某病"));
        /// assert_eq!(record.insurance, Some(false));
        /// assert_eq!(record.name.as_deref(), Some("某病")); // inferred from 病因 and 预防
        /// assert_eq!(record.symptoms, Some(List::default())); // present but empty
        /// assert_eq!(record.drugs, None); // absent
        /// assert!(record.has(Label::Symptoms) && !record.has(Label::Drugs));
        ///
        /// // JSON: `name`, the 26 keys in table order, `extra`.
        /// let json = serde_json::to_value(&record)?;
        /// assert_eq!(json["causes"]["items"][0]["percent"], 60.0);
        /// assert_eq!(json["symptoms"], serde_json::json!([]));
        /// assert!(json["drugs"].is_null());
        ///
        /// // Built by hand: the struct is `#[non_exhaustive]`, so start from
        /// // `Record::default()` and set fields.
        /// let mut built = Record::default();
        /// built.summary = Some("某病".into());
        /// built.insurance = Some(false);
        /// assert_eq!(built.to_string(), "简介 某病\n医保疾病 否\n ");
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct Record<'a> {
            /// The disease name, inferred from the long fields (see the
            /// [format reference: the disease name](crate::format#the-disease-name)).
            pub name: Option<Cow<'a, str>>,
            $(
                #[doc = concat!("`", $text, "` (", stringify!($kind), "): ", $doc)]
                pub $field: Option<field_type!($kind)>,
            )*
            /// Lines that lenient parsing kept aside (always empty in strict mode);
            /// from [`medical`](crate::medical), also members kept as written.
            #[serde(default)]
            pub extra: Vec<Extra<'a>>,
        }

        impl<'a> Record<'a> {
            /// Copies borrowed strings so the record no longer borrows the input.
            ///
            /// ```
            /// use jibing::Record;
            ///
            /// fn load(text: String) -> Result<Record<'static>, jibing::Error> {
            ///     Ok(jibing::parse(&text)?.into_owned()) // `text` is dropped here
            /// }
            /// let record = load("简介 某病\n就诊科室 内科 外科\n".to_owned())?;
            /// assert_eq!(record.departments.as_ref().map(|d| d.len()), Some(2));
            ///
            /// // Owned records also come back from JSON.
            /// let json = serde_json::to_string(&record)?;
            /// let back: Record<'static> = serde_json::from_str(&json)?;
            /// assert_eq!(back, record);
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn into_owned(self) -> Record<'static> {
                Record {
                    name: self.name.map(owned),
                    $($field: self.$field.map(IntoStatic::into_static),)*
                    extra: self.extra.into_iter().map(Extra::into_owned).collect(),
                }
            }

            /// Writes the record as canonical text, which parses back to the
            /// record (see the [format reference: writing records
            /// back](crate::format#writing-records-back)); `Display` writes
            /// the same.
            ///
            /// ```
            /// let record = jibing::parse("医保疾病  否 \r\n简介 某病\r\n")?;
            /// assert_eq!(record.to_string(), "简介 某病\n医保疾病 否\n ");
            /// assert_eq!(jibing::parse(&record.to_string())?, record);
            /// # Ok::<(), jibing::Error>(())
            /// ```
            ///
            /// # Errors
            ///
            /// Only the errors of `out`.
            pub fn write_canonical<W: fmt::Write>(&self, out: &mut W) -> fmt::Result {
                $(
                    if let Some(value) = &self.$field {
                        write_field(out, Label::$variant, value)?;
                    }
                )*
                out.write_str(RECORD_END)
            }

            /// Whether the record has the label (possibly with an empty value).
            ///
            /// ```
            /// use jibing::Label;
            ///
            /// let record = jibing::parse("简介 某病\n症状\n")?;
            /// let present: Vec<&str> = Label::ALL
            ///     .iter()
            ///     .filter(|&&label| record.has(label))
            ///     .map(|label| label.text())
            ///     .collect();
            /// assert_eq!(present, ["简介", "症状"]);
            /// # Ok::<(), jibing::Error>(())
            /// ```
            pub fn has(&self, label: Label) -> bool {
                match label { $(Label::$variant => self.$field.is_some(),)* }
            }

            /// The list field of `label`, `None` when absent or not a list:
            ///
            /// ```
            /// use jibing::{Label, ValueKind};
            /// let record = jibing::parse("症状 咳嗽 发热\n宜吃 梨\n简介 x\n")?;
            /// let items: usize = Label::ALL
            ///     .iter()
            ///     .filter_map(|&label| record.list(label))
            ///     .map(|list| list.len())
            ///     .sum();
            /// assert_eq!(items, 3);
            /// assert!(record.list(Label::Summary).is_none());
            /// assert_eq!(Label::ALL.iter().filter(|l| l.kind() == ValueKind::List).count(), 9);
            /// # Ok::<(), jibing::Error>(())
            /// ```
            pub fn list(&self, label: Label) -> Option<&List<'a>> {
                match label { $(Label::$variant => as_list!($kind, self.$field),)* }
            }
        }
    };
}
for_each_label!(define_record);

impl fmt::Display for Record<'_> {
    /// The canonical text, see [`Record::write_canonical`].
    ///
    /// ```
    /// let record = jibing::parse("药品 [\"协一力\", '利鲁唑片', '(利鲁唑片)']\n简介  某病\n")?;
    /// assert_eq!(
    ///     record.to_string(),
    ///     "简介 某病\n药品 ['协一力', '利鲁唑片', '(利鲁唑片)']\n "
    /// );
    /// # Ok::<(), jibing::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_canonical(f)
    }
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

/// Conversion of a field value to its `'static` form.
trait IntoStatic {
    type Static;
    fn into_static(self) -> Self::Static;
}

impl IntoStatic for Cow<'_, str> {
    type Static = Cow<'static, str>;
    fn into_static(self) -> Self::Static {
        owned(self)
    }
}

impl IntoStatic for bool {
    type Static = bool;
    fn into_static(self) -> bool {
        self
    }
}

impl<T: IntoStatic> IntoStatic for Vec<T> {
    type Static = Vec<T::Static>;
    fn into_static(self) -> Self::Static {
        self.into_iter().map(IntoStatic::into_static).collect()
    }
}

macro_rules! into_static_via_into_owned {
    ($($ty:ident),*) => {$(
        impl IntoStatic for $ty<'_> {
            type Static = $ty<'static>;
            fn into_static(self) -> Self::Static {
                self.into_owned()
            }
        }
    )*};
}
into_static_via_into_owned!(Rate, Period, Cost, Causes, Drug, List);
