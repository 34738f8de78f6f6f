//! The drugs value: [`Drug`] tuples, the faults of a drug list, and the
//! way back to Python list literals.

use std::borrow::Cow;
use std::fmt;

/// One drug tuple: the names a `药品` list gives for one product.
///
/// Each part is `None` when the tuple does not provide it. Serialises as
/// `{"brand", "product", "generic"}` in that order, with `null` for `None`.
/// Deserialising always produces owned strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Drug<'a> {
    /// The brand or maker (`协一力`): the first string that is not the generic name.
    pub brand: Option<Cow<'a, str>>,
    /// The product name (`利鲁唑片`), possibly cut short as in the source: the
    /// second string that is not the generic name.
    pub product: Option<Cow<'a, str>>,
    /// The generic name, without the parentheses that mark it (`利鲁唑片`
    /// from `(利鲁唑片)`), or the third string of a tuple with none
    /// parenthesised.
    pub generic: Option<Cow<'a, str>>,
}

impl Drug<'_> {
    /// Detaches the drug from the text it was parsed from.
    pub fn into_owned(self) -> Drug<'static> {
        fn own(part: Option<Cow<'_, str>>) -> Option<Cow<'static, str>> {
            part.map(|s| Cow::Owned(s.into_owned()))
        }
        Drug {
            brand: own(self.brand),
            product: own(self.product),
            generic: own(self.generic),
        }
    }
}

/// Where and why a drug list failed to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{kind} at byte {offset}")]
pub struct DrugFault {
    /// What went wrong.
    pub kind: DrugFaultKind,
    /// The byte offset in the value of the character where the grammar
    /// fails ([format reference](crate::format#where-a-drug-fault-points)).
    pub offset: usize,
}

/// The ways a drug list can be malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum DrugFaultKind {
    /// Something other than whitespace or `[` where a list must start.
    #[error("expected '['")]
    ExpectedList,
    /// The value ends inside a list.
    #[error("unclosed '[': the value ends before ']'")]
    UnclosedBracket,
    /// A string has no closing quote on its line.
    #[error("unterminated string")]
    UnterminatedString,
    /// A `\x`, `\u` or `\U` escape with too few hex digits, or naming a
    /// surrogate or a code point above U+10FFFF.
    #[error("bad escape: \\x needs 2 hex digits, \\u 4 and \\U 8, naming a unicode scalar value")]
    BadEscape,
    /// An empty list `[]`.
    #[error("a tuple needs 1 to 3 strings, found none")]
    NoStrings,
    /// A fourth string in one list.
    #[error("a tuple needs 1 to 3 strings, found a fourth")]
    TooManyStrings,
    /// Two strings with no comma between them.
    #[error("missing ',' between two strings")]
    MissingComma,
    /// Something other than a quoted string where a string must come (after
    /// `[` or after a comma).
    #[error("expected a quoted string")]
    ExpectedString,
    /// Something other than `,` or `]` right after a string.
    #[error("expected ',' or ']' after a string")]
    ExpectedCommaOrBracket,
    /// A `medical.json` `drug_detail` string whose brackets do not balance.
    #[error("a bracket without its partner")]
    UnbalancedBracket,
}

impl Drug<'_> {
    /// Writes the drug as one Python list literal, the way the canonical
    /// writer does: `['brand', 'product', '(generic)']` without the parts
    /// that are `None`, each string escaped as Python's `repr` would
    /// ([format reference: writing records back](crate::format#writing-records-back)).
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use jibing::Drug;
    ///
    /// let drug = Drug {
    ///     brand: Some(Cow::Borrowed("it's")),
    ///     product: None,
    ///     generic: Some(Cow::Borrowed("a\\b\n")),
    /// };
    /// let mut text = String::new();
    /// drug.write_python(&mut text)?;
    /// assert_eq!(text, r#"["it's", '(a\\b\n)']"#);
    /// assert_eq!(jibing::drugs::parse_drugs(&text)?, [drug]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Only the errors of `out`.
    pub fn write_python<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        let mut text = String::new();
        self.push_python(&mut text);
        out.write_str(&text)
    }

    /// [`write_python`](Drug::write_python) onto a `String`.
    pub(crate) fn push_python(&self, out: &mut String) {
        let parts = [
            (self.brand.as_deref(), ""),
            (self.product.as_deref(), ""),
            (self.generic.as_deref(), "("),
        ];
        out.push('[');
        let mut first = true;
        for (part, open) in parts {
            if let Some(part) = part {
                if !std::mem::take(&mut first) {
                    out.push_str(", ");
                }
                let close = if open.is_empty() { "" } else { ")" };
                push_python_str(out, open, part, close);
            }
        }
        if first {
            out.push_str("''");
        }
        out.push(']');
    }
}

/// Writes a `药品` value: each drug as [`Drug::write_python`] writes it,
/// separated by one space (nothing for no drugs).
///
/// ```
/// use std::borrow::Cow;
/// use jibing::Drug;
///
/// let drugs = [
///     Drug { brand: Some(Cow::Borrowed("佐宁")), product: None, generic: Some(Cow::Borrowed("盐酸乙哌立松片")) },
///     Drug { brand: Some(Cow::Borrowed("协一力")), product: Some(Cow::Borrowed("利鲁唑片")), generic: None },
/// ];
/// let mut value = String::new();
/// jibing::drugs::write_python(&drugs, &mut value)?;
/// assert_eq!(value, "['佐宁', '(盐酸乙哌立松片)'] ['协一力', '利鲁唑片']");
/// # Ok::<(), std::fmt::Error>(())
/// ```
///
/// # Errors
///
/// Only the errors of `out`.
pub fn write_python<W: fmt::Write + ?Sized>(drugs: &[Drug<'_>], out: &mut W) -> fmt::Result {
    out.write_str(&to_python(drugs))
}

/// The `药品` value of `drugs`, as [`write_python`] writes it.
///
/// ```
/// use std::borrow::Cow;
/// use jibing::Drug;
///
/// let drugs = vec![Drug { brand: None, product: None, generic: Some(Cow::Borrowed("x")) }];
/// let value = jibing::drugs::to_python(&drugs);
/// assert_eq!(value, "['(x)']");
/// assert_eq!(jibing::drugs::parse_drugs(&value)?, drugs);
/// # Ok::<(), jibing::drugs::DrugFault>(())
/// ```
pub fn to_python(drugs: &[Drug<'_>]) -> String {
    let mut value = String::new();
    for (i, drug) in drugs.iter().enumerate() {
        if i > 0 {
            value.push(' ');
        }
        drug.push_python(&mut value);
    }
    value
}

/// A Python string literal of `open + s + close`, as `repr` writes it.
pub(crate) fn push_python_str(out: &mut String, open: &str, s: &str, close: &str) {
    let has = |c: char| open.contains(c) || s.contains(c) || close.contains(c);
    let quote = if has('\'') && !has('"') { '"' } else { '\'' };
    out.push(quote);
    for c in open.chars().chain(s.chars()).chain(close.chars()) {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_unprintable(c) => {
                let (escape, width) = match u32::from(c) {
                    0..=0xff => ('x', 2),
                    0x100..=0xffff => ('u', 4),
                    _ => ('U', 8),
                };
                out.push('\\');
                out.push(escape);
                out.push_str(&format!("{:0width$x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

/// Characters Python's `str.isprintable` rejects, of the categories met in
/// practice (Cc, Zs but the space, Zl, Zp, common Cf, noncharacters).
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
