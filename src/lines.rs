//! Splitting text into lines and a line into label and value.
//!
//! FORMAT.md section 1: lines end in `\n` or `\r\n`; a line is
//! `LABEL SEP VALUE` where LABEL is the first run of non-whitespace, SEP one
//! or more whitespace characters and VALUE the rest without its trailing
//! whitespace; a line of only whitespace is blank. Record boundaries are
//! decided in [`crate::parse`]; this module must not look at what a label
//! means or at values.

use crate::error::Position;
use crate::lex::{space_start, trim_end_space, trim_start_space};

/// One line of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Byte offset of the line's first byte in the whole input.
    pub start: usize,
    /// Byte offset just past the line ending (or the end of input).
    pub end: usize,
    /// The line without its ending.
    pub text: &'a str,
}

impl Line<'_> {
    /// The position of byte `at` of the line (clamped to the line's text).
    pub fn position(&self, at: usize) -> Position {
        let before = self.text.get(..at).unwrap_or(self.text);
        Position {
            line: self.number,
            column: before.chars().count() + 1,
            offset: self.start + before.len(),
        }
    }
}

/// Iterator over the [`Line`]s of a text. A final line ending does not start
/// an empty last line (like [`str::lines`]); a lone `\r` before the end of
/// input is taken as a truncated `\r\n`.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    rest: &'a str,
    offset: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    /// Lines of `text`, which starts at byte `offset` of the input and on
    /// line `first_line`.
    pub fn new(text: &'a str, first_line: usize, offset: usize) -> Self {
        Lines {
            rest: text,
            offset,
            number: first_line,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        // `memchr` (SIMD) rather than `split_once`, whose byte search is
        // std's word-at-a-time loop: line splitting was 14% of a corpus parse.
        let (text, consumed) = match memchr::memchr(b'\n', self.rest.as_bytes()) {
            Some(at) => (self.rest.get(..at).unwrap_or(self.rest), at + 1),
            None => (self.rest, self.rest.len()),
        };
        let text = text.strip_suffix('\r').unwrap_or(text);
        let line = Line {
            number: self.number,
            start: self.offset,
            end: self.offset + consumed,
            text,
        };
        self.rest = self.rest.get(consumed..).unwrap_or("");
        self.offset += consumed;
        self.number += 1;
        Some(line)
    }
}

/// A non-blank line split into label and value. Offsets are bytes from the
/// start of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldLine<'a> {
    /// The label token.
    pub label: &'a str,
    /// Where the label starts.
    pub label_at: usize,
    /// The value, trailing whitespace removed (`""` for a label-only line).
    pub value: &'a str,
    /// Where the value starts (the end of the line's content when the value
    /// is empty).
    pub value_at: usize,
}

/// Splits a line into label and value; `None` when the line is blank.
pub(crate) fn split_field(text: &str) -> Option<FieldLine<'_>> {
    let content = trim_end_space(text);
    let from_label = trim_start_space(content);
    if from_label.is_empty() {
        return None;
    }
    let label_at = content.len() - from_label.len();
    let label_len = space_start(from_label);
    let (label, after_label) = from_label.split_at_checked(label_len)?;
    let value = trim_start_space(after_label);
    Some(FieldLine {
        label,
        label_at,
        value,
        value_at: content.len() - value.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<&str> {
        Lines::new(input, 1, 0).map(|l| l.text).collect()
    }

    #[test]
    fn line_endings() {
        assert_eq!(texts("a\nb\r\nc"), ["a", "b", "c"]);
        assert_eq!(texts("a\n"), ["a"]);
        assert_eq!(texts("a\n\n"), ["a", ""]);
        assert_eq!(texts("a\r"), ["a"]);
        assert_eq!(texts("a\rb\n"), ["a\rb"]);
        assert_eq!(texts(""), Vec::<&str>::new());
        let lines: Vec<_> = Lines::new("ab\r\ncd", 5, 10).collect();
        assert_eq!((lines[1].number, lines[1].start, lines[1].end), (6, 14, 16));
    }

    #[test]
    fn fields() {
        let f = split_field("  症状\u{a0}\u{3000} 咳嗽 发热  ").expect("field");
        assert_eq!((f.label, f.label_at), ("症状", 2));
        assert_eq!(f.value, "咳嗽 发热");
        assert_eq!(
            &"  症状\u{a0}\u{3000} 咳嗽 发热  "[f.value_at..][..f.value.len()],
            "咳嗽 发热"
        );
        let f = split_field("症状 ").expect("label only");
        assert_eq!((f.label, f.value, f.value_at), ("症状", "", 6));
        assert_eq!(split_field(" \t\u{3000}\u{a0}"), None);
        assert_eq!(split_field(""), None);
    }
}
