//! The dispatch from a label to its value kind's grammar.

use std::borrow::Cow;

use super::{causes, drugs, scalar};
use crate::model::causes::Causes;
use crate::model::drugs::Drug;
use crate::model::error::ErrorKind;
use crate::model::labels::{for_each_label, Label};
use crate::model::list::List;
use crate::model::record::Record;
use crate::model::value::{Cost, Period, Rate};

/// A value grammar failed: what, and the byte offset inside the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueFault {
    pub kind: ErrorKind,
    pub offset: usize,
}

/// The grammar of one value kind, keyed by the field's Rust type.
trait FromValue<'a>: Sized {
    /// Reads a whole value (trailing whitespace already removed).
    fn from_value(raw: &'a str) -> Result<Self, ValueFault>;

    /// The field after a lenient fault: absent unless the kind says otherwise.
    fn fallback() -> Option<Self> {
        None
    }
}

impl<'a> FromValue<'a> for Cow<'a, str> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(Cow::Borrowed(raw))
    }
}

impl<'a> FromValue<'a> for List<'a> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(List::from_written(raw))
    }
}

impl<'a> FromValue<'a> for bool {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        scalar::read_bool(raw).ok_or_else(|| ValueFault {
            kind: ErrorKind::InvalidBool {
                found: raw.to_owned(),
            },
            offset: 0,
        })
    }
}

impl<'a> FromValue<'a> for Rate<'a> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(scalar::read_rate(raw))
    }
}

impl<'a> FromValue<'a> for Period<'a> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(scalar::read_period(raw))
    }
}

impl<'a> FromValue<'a> for Cost<'a> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(scalar::read_cost(raw))
    }
}

impl<'a> FromValue<'a> for Causes<'a> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        Ok(causes::causes(raw))
    }
}

impl<'a> FromValue<'a> for Vec<Drug<'a>> {
    fn from_value(raw: &'a str) -> Result<Self, ValueFault> {
        drugs::read_drugs(raw).map_err(|fault| ValueFault {
            kind: ErrorKind::InvalidDrugs(fault.kind),
            offset: fault.offset,
        })
    }

    /// A bad drug list leaves `drugs` as `[]`.
    fn fallback() -> Option<Self> {
        Some(Vec::new())
    }
}

/// `$field = Some($list)` for a field of kind **list**; nothing otherwise.
macro_rules! assign_list {
    (List, $field:expr, $list:expr) => {
        $field = Some($list)
    };
    ($other:ident, $field:expr, $list:expr) => {
        drop($list)
    };
}

macro_rules! define_set {
    ($(($variant:ident, $text:literal, $field:ident, $kind:ident, $doc:literal),)*) => {
        impl<'a> Record<'a> {
            /// Reads `raw` with the grammar of `label` and stores it.
            pub(crate) fn set(&mut self, label: Label, raw: &'a str) -> Result<(), ValueFault> {
                match label {
                    $(Label::$variant => self.$field = Some(FromValue::from_value(raw)?),)*
                }
                Ok(())
            }

            /// [`set`](Record::set) for a value that does not outlive the
            /// call (an unescaped JSON string): the field keeps a copy.
            pub(crate) fn set_owned(&mut self, label: Label, raw: &str) -> Result<(), ValueFault> {
                let mut read = Record::default();
                read.set(label, raw)?;
                let read = read.into_owned();
                match label {
                    $(Label::$variant => self.$field = read.$field,)*
                }
                Ok(())
            }

            /// Stores `list` in the field of `label` when its kind is **list**.
            pub(crate) fn set_list(&mut self, label: Label, list: List<'a>) {
                match label {
                    $(Label::$variant => assign_list!($kind, self.$field, list),)*
                }
            }

            /// What a field holds after lenient parsing stepped over a bad value.
            pub(crate) fn set_fallback(&mut self, label: Label) {
                match label {
                    $(Label::$variant => self.$field = FromValue::fallback(),)*
                }
            }
        }
    };
}
for_each_label!(define_set);
