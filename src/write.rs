//! The canonical writer: a typed [`Record`](crate::Record) back to text.
//!
//! Canonical text is the format in its plainest form (see the
//! [format reference: writing records back](crate::format#writing-records-back)):
//! the fields in table order, `LABEL VALUE` with one space (a label alone when
//! the value is empty), list items joined by one space, booleans as `是`/`否`,
//! rates, periods and costs as their `text`, causes as intro + name + tag +
//! text, drugs as Python list literals escaped the way Python's `repr` would
//! escape them, `\n` line endings (`\r\n` after a value that ends in a stray
//! `\r`, so that it survives), and a lone-space line at the end (as the seed
//! ends). Absent fields are left out; so are the inferred `name` and the
//! lines lenient parsing kept in `extra` — the lossless
//! [`Document`](crate::Document) is the way to keep every byte.
//!
//! Every record that parsing produces writes back to text that parses to
//! the same record. A record built by hand round-trips when its values could
//! have come from parsing: single-line text with no whitespace at either end,
//! list items without whitespace, a drug with a brand whenever it has a
//! product and with at least one name, and — when the drug has no generic
//! name — a last name (the product, or a lone brand) that is not itself
//! wrapped in parentheses, since parsing would read it as the generic name.
//!
//! This module owns the text form of each value kind; which fields exist and
//! their order come from the label table.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use crate::causes::Causes;
use crate::drugs::Drug;
use crate::labels::Label;
use crate::list::List;
use crate::value::{Cost, Period, Rate};

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
        let mut items = self.iter().filter(|item| !item.is_empty());
        if let Some(first) = items.next() {
            out.write_str(first)?;
        }
        for item in items {
            out.write_char(' ')?;
            out.write_str(item)?;
        }
        Ok(())
    }
}

impl WriteValue for bool {
    fn is_empty(&self) -> bool {
        false
    }

    fn write_value(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(if *self { "是" } else { "否" })
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
        for (i, drug) in self.iter().enumerate() {
            if i > 0 {
                out.write_char(' ')?;
            }
            write_drug(out, drug)?;
        }
        Ok(())
    }
}

/// `['brand', 'product', '(generic)']`, leaving out the parts that are
/// `None`. A drug with no part at all is written `['']`.
fn write_drug(out: &mut dyn fmt::Write, drug: &Drug<'_>) -> fmt::Result {
    out.write_char('[')?;
    let mut first = true;
    let mut item = |out: &mut dyn fmt::Write, open: &str, s: &str, close: &str| {
        if !std::mem::take(&mut first) {
            out.write_str(", ")?;
        }
        write_python_str(out, open, s, close)
    };
    if let Some(brand) = &drug.brand {
        item(out, "", brand, "")?;
    }
    if let Some(product) = &drug.product {
        item(out, "", product, "")?;
    }
    if let Some(generic) = &drug.generic {
        item(out, "(", generic, ")")?;
    }
    if drug.brand.is_none() && drug.product.is_none() && drug.generic.is_none() {
        out.write_str("''")?;
    }
    out.write_char(']')
}

/// A Python string literal of `open + s + close`, as `repr` writes it:
/// single quotes unless the text holds `'` and no `"`; `\\`, `\n`, `\r`,
/// `\t` and the quote escaped; characters Python does not print (controls,
/// separators other than the space, format characters) as `\xhh`, `\uhhhh`
/// or `\Uhhhhhhhh`.
pub(crate) fn write_python_str(
    out: &mut dyn fmt::Write,
    open: &str,
    s: &str,
    close: &str,
) -> fmt::Result {
    let has = |c: char| open.contains(c) || s.contains(c) || close.contains(c);
    let quote = if has('\'') && !has('"') { '"' } else { '\'' };
    out.write_char(quote)?;
    for c in open.chars().chain(s.chars()).chain(close.chars()) {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            c if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            c if is_unprintable(c) => match u32::from(c) {
                n @ 0..=0xff => write!(out, "\\x{n:02x}")?,
                n @ 0x100..=0xffff => write!(out, "\\u{n:04x}")?,
                n => write!(out, "\\U{n:08x}")?,
            },
            c => out.write_char(c)?,
        }
    }
    out.write_char(quote)
}

/// Characters Python's `str.isprintable` rejects, for the categories that
/// occur in practice: controls (Cc), separators other than the ASCII space
/// (Zs, Zl, Zp), the common format characters (Cf) and noncharacters.
fn is_unprintable(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{a0}'
            | '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{1680}'
            | '\u{180e}'
            | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{3000}'
            | '\u{e000}'..='\u{f8ff}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{fffe}'..='\u{ffff}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
            | '\u{f0000}'..
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(s: &str) -> String {
        let mut out = String::new();
        write_python_str(&mut out, "", s, "").expect("String");
        out
    }

    #[test]
    fn python_repr_quotes_and_escapes() {
        assert_eq!(py("佐宁"), "'佐宁'");
        assert_eq!(py("it's"), "\"it's\"");
        assert_eq!(py("'\""), "'\\'\"'");
        assert_eq!(py("a\\b\nc\td\r"), "'a\\\\b\\nc\\td\\r'");
        assert_eq!(
            py("\u{0}\u{7f}\u{a0}\u{3000}\u{200b}"),
            "'\\x00\\x7f\\xa0\\u3000\\u200b'"
        );
        assert_eq!(py("😀\u{f0000}"), "'😀\\U000f0000'");
    }

    #[test]
    fn drugs_by_parts() {
        let drug =
            |b: Option<&'static str>, p: Option<&'static str>, g: Option<&'static str>| Drug {
                brand: b.map(Cow::Borrowed),
                product: p.map(Cow::Borrowed),
                generic: g.map(Cow::Borrowed),
            };
        let cases = [
            (drug(Some("b"), Some("p"), Some("g")), "['b', 'p', '(g)']"),
            (drug(Some("b"), None, Some("g")), "['b', '(g)']"),
            (drug(None, None, Some("g")), "['(g)']"),
            (drug(Some("b"), Some("p"), None), "['b', 'p']"),
            (drug(Some("b"), None, None), "['b']"),
            (drug(None, None, None), "['']"),
        ];
        for (drug, text) in cases {
            let mut out = String::new();
            write_drug(&mut out, &drug).expect("String");
            assert_eq!(out, text);
        }
    }
}
