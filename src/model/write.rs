//! The canonical writer: a [`Record`](crate::Record) back to text (see the
//! [format reference: writing records back](crate::format#writing-records-back)).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use super::causes::Causes;
use super::drugs::Drug;
use super::labels::Label;
use super::list::List;
use super::value::{Cost, Period, Rate};

/// The text form of one value kind.
pub(crate) trait WriteValue {
    /// Whether the value's text is empty (the label is then written alone).
    fn is_empty(&self) -> bool;
    /// Writes the value's text.
    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result;
}

/// Writes one field line: `LABEL VALUE\n`, or `LABEL\n` for an empty value.
///
/// A value that ends in `\r` (a stray carriage return, which is not
/// whitespace) gets a `\r\n` line ending instead: after `\n` alone, parsing
/// would take that `\r` for part of the line ending and lose it.
pub(crate) fn write_field(
    out: &mut dyn fmt::Write,
    label: Label,
    value: &dyn WriteValue,
) -> fmt::Result {
    out.write_str(label.text())?;
    let mut line = TrackLastChar { out, last: None };
    if !value.is_empty() {
        line.write_char(' ')?;
        value.write_value(&mut line)?;
    }
    let ending = if line.last == Some('\r') {
        "\r\n"
    } else {
        "\n"
    };
    line.out.write_str(ending)
}

/// Passes text through, remembering the last character written.
struct TrackLastChar<'w> {
    out: &'w mut dyn fmt::Write,
    last: Option<char>,
}

impl fmt::Write for TrackLastChar<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(c) = s.chars().next_back() {
            self.last = Some(c);
        }
        self.out.write_str(s)
    }
}

/// The line that ends a canonical record.
pub(crate) const RECORD_END: &str = " ";

impl WriteValue for Cow<'_, str> {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(self)
    }
}

impl WriteValue for List<'_> {
    fn is_empty(&self) -> bool {
        self.iter().all(str::is_empty)
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        super::list::write_items(self, out)
    }
}

impl WriteValue for bool {
    fn is_empty(&self) -> bool {
        false
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(super::value::bool_text(*self))
    }
}

macro_rules! write_as_text {
    ($($ty:ident),*) => {$(
        impl WriteValue for $ty<'_> {
            fn is_empty(&self) -> bool {
                self.text.is_empty()
            }

            fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
                out.write_str(&self.text)
            }
        }
    )*};
}
write_as_text!(Rate, Period, Cost);

impl WriteValue for Causes<'_> {
    fn is_empty(&self) -> bool {
        self.intro.is_empty() && self.items.is_empty()
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.write_to(out)
    }
}

impl WriteValue for Vec<Drug<'_>> {
    fn is_empty(&self) -> bool {
        self.is_empty()
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        super::drugs::write_python(self, out)
    }
}
