//! Where records end in a stream of bytes: each line's end found and its
//! class stepped through the one boundary rule ([`Boundary::step`]), chunk
//! by chunk.

use std::ops::Range;

use crate::grammar::line::{class_of_head, class_of_line, leading_ws_len, LineClass, CLASS_BYTES};
use crate::grammar::record::{Boundary, Step};
use crate::model::error::Position;

/// The start of a line: its number and byte offset in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct At {
    pub line: usize,
    pub offset: usize,
}

impl At {
    pub(super) fn position(self) -> Position {
        Position {
            line: self.line,
            column: 1,
            offset: self.offset,
        }
    }
}

/// A record whose end was found: bytes `start.offset..end` of the input.
/// The bytes before `resume` (the record, and a blank line that ended it)
/// are done with.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ended {
    pub start: At,
    pub end: usize,
    pub resume: usize,
}

impl Ended {
    pub(super) fn len(&self) -> usize {
        self.end - self.start.offset
    }

    /// Where its bytes are in bytes that start at byte `at` of the input.
    pub(super) fn range(&self, at: usize) -> Option<Range<usize>> {
        Some(self.start.offset.checked_sub(at)?..self.end.checked_sub(at)?)
    }
}

/// The scan's state between chunks: the line being read and the open record.
#[derive(Debug)]
pub(super) struct Scan {
    rule: Boundary,
    /// The line being read.
    pub line: At,
    /// How many of its bytes were taken from the source so far.
    pub taken: usize,
    /// The line's head, once the line is over the size limit and its bytes
    /// are no longer kept.
    head: Option<LineHead>,
    /// The first line of the open record.
    pub record: Option<At>,
}

impl Scan {
    /// Before the first line, which starts at byte `offset`.
    pub(super) fn new(offset: usize) -> Self {
        Scan {
            rule: Boundary::new(true),
            line: At { line: 1, offset },
            taken: 0,
            head: None,
            record: None,
        }
    }

    /// The line being read, of class `class`, ends `len` bytes after its
    /// start; the rule takes it.
    pub(super) fn end_line(&mut self, class: LineClass, len: usize) -> Option<Ended> {
        let line = self.line;
        let end = line.offset + len;
        self.line = At {
            line: line.line + 1,
            offset: end,
        };
        self.taken = 0;
        self.head = None;
        match (self.rule.step(class), self.record) {
            (Step::Blank, start) => {
                self.record = None;
                let resume = end;
                start.map(|start| Ended {
                    start,
                    end: line.offset,
                    resume,
                })
            }
            (Step::Starts, open) => {
                self.record = Some(line);
                open.map(|start| Ended {
                    start,
                    end: line.offset,
                    resume: line.offset,
                })
            }
            (Step::Continues, _) => None,
        }
    }

    /// Scans the lines of `chunk`, which is at byte `base` of the input and
    /// holds the start of the line being read, up to the end of a record;
    /// else gives the start of a line that runs past the chunk.
    pub(super) fn lines<'c>(&mut self, chunk: &'c [u8], base: usize) -> Result<Ended, &'c [u8]> {
        let mut rest = last(chunk, base + chunk.len() - self.line.offset);
        while let Some(newline) = memchr::memchr(b'\n', rest) {
            let (line, after) = rest.split_at(newline + 1);
            if let Some(ended) = self.end_line(class_of_line(line), line.len()) {
                return Ok(ended);
            }
            rest = after;
        }
        Err(rest)
    }

    /// Takes `part`, the next bytes of the line being read, which runs on
    /// into a later chunk: keeps them, or, once the line is over `limit`,
    /// only its head.
    pub(super) fn take(&mut self, part: &[u8], kept: &mut Kept, limit: usize) {
        let at = self.line.offset + self.taken;
        self.taken += part.len();
        if let Some(head) = &mut self.head {
            return head.feed(part);
        }
        kept.push(part, at);
        if self.taken > limit {
            let mut head = LineHead::default();
            head.feed(kept.from(self.line.offset));
            kept.truncate(self.line.offset);
            self.head = Some(head);
        }
    }

    /// Ends the line being read, whose bytes were taken.
    pub(super) fn end_taken(&mut self, kept: &Kept) -> Option<Ended> {
        let class = match &self.head {
            Some(head) => head.class(),
            None => class_of_line(kept.from(self.line.offset)),
        };
        self.end_line(class, self.taken)
    }

    /// Where the bytes still needed start: the open record's first line,
    /// unless the record is over `limit`; else the line being read, unless
    /// it is over the limit.
    pub(super) fn keep_from(&self, limit: usize) -> usize {
        match self.record {
            Some(start) if self.line.offset - start.offset <= limit => start.offset,
            _ if self.head.is_none() => self.line.offset,
            _ => self.line.offset + self.taken,
        }
    }

    /// Reads again from the first line of the open record, which starts at
    /// byte `base` or later: it is still in the source.
    pub(super) fn rewind(&mut self, base: usize) {
        if let Some(start) = self.record.filter(|start| start.offset >= base) {
            *self = Scan {
                line: start,
                ..Scan::new(start.offset)
            };
        }
    }
}

/// Bytes of the input kept in memory: a run that starts at byte `at`.
#[derive(Debug, Default)]
pub(super) struct Kept {
    bytes: Vec<u8>,
    at: usize,
}

impl Kept {
    /// Keeps `bytes`, which are at byte `at` of the input, after the kept
    /// bytes that end there (the others are dropped).
    pub(super) fn push(&mut self, bytes: &[u8], at: usize) {
        if self.at + self.bytes.len() != at {
            self.bytes.clear();
            self.at = at;
        }
        self.bytes.extend_from_slice(bytes);
    }

    /// Drops the bytes before byte `offset`.
    pub(super) fn drop_before(&mut self, offset: usize) {
        let n = offset.saturating_sub(self.at).min(self.bytes.len());
        self.bytes.drain(..n);
        self.at += n;
    }

    /// Drops the bytes from byte `offset` on.
    fn truncate(&mut self, offset: usize) {
        self.bytes.truncate(offset.saturating_sub(self.at));
    }

    /// The kept bytes from byte `offset` on.
    fn from(&self, offset: usize) -> &[u8] {
        last(
            &self.bytes,
            (self.at + self.bytes.len()).saturating_sub(offset),
        )
    }

    /// The bytes held in memory.
    #[cfg(test)]
    pub(super) fn capacity(&self) -> usize {
        self.bytes.capacity()
    }

    /// Bytes `range` of the input, if they are kept.
    pub(super) fn get(&self, range: Range<usize>) -> Option<&[u8]> {
        let start = range.start.checked_sub(self.at)?;
        self.bytes.get(start..range.end.checked_sub(self.at)?)
    }
}

/// The last `n` bytes of `bytes` (all of them if there are fewer).
pub(super) fn last(bytes: &[u8], n: usize) -> &[u8] {
    bytes.split_at(bytes.len().saturating_sub(n)).1
}

/// The head of a line that is over the size limit: what its class depends
/// on, whatever the line's length.
///
/// Leading whitespace is dropped as the head fills, so a megabyte of it
/// costs no memory; after it, [`CLASS_BYTES`] bytes decide the class
/// ([`class_of_head`] says why). A whitespace character cut by a chunk's
/// end stays until its last byte comes.
#[derive(Debug, Default)]
struct LineHead {
    bytes: Vec<u8>,
}

impl LineHead {
    /// Takes the next bytes of the line.
    fn feed(&mut self, mut piece: &[u8]) {
        while self.bytes.len() < CLASS_BYTES && !piece.is_empty() {
            if self.bytes.is_empty() {
                piece = piece.split_at(leading_ws_len(piece)).1;
            }
            let room = piece.len().min(CLASS_BYTES - self.bytes.len());
            let (now, later) = piece.split_at(room);
            self.bytes.extend_from_slice(now);
            piece = later;
            let lead = leading_ws_len(&self.bytes);
            self.bytes.drain(..lead);
        }
    }

    /// The class of the line whose bytes were fed.
    fn class(&self) -> LineClass {
        class_of_head(&self.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::line::classified_line;

    fn whole(line: &[u8]) -> LineClass {
        classified_line(line).map_or(LineClass::Blank, |(_, (class, _))| class)
    }

    #[test]
    fn a_head_fed_in_pieces_classifies_as_the_whole_line() {
        let lines: [&[u8]; 20] = [
            b"",
            b" ",
            "\t\u{a0}\u{3000}".as_bytes(),
            b" \r",
            b" \r\r",
            b"\r",
            "简介".as_bytes(),
            "简介 x".as_bytes(),
            " 简介\u{3000}x".as_bytes(),
            "简介\r".as_bytes(),
            "简介\r\r".as_bytes(),
            "简介x".as_bytes(),
            "简 介".as_bytes(),
            "症状 简介".as_bytes(),
            "\u{3000}\u{3001}".as_bytes(),
            "简介\u{2003}".as_bytes(),
            b" \xff",
            b" \xe3\x80",
            "\u{3000}\u{3000}\u{3000}\u{3000}简介\u{3000}".as_bytes(),
            "\u{3000}\u{3000}\u{3000}\u{3000}简介\u{3000}值".as_bytes(),
        ];
        for line in lines {
            for piece in [1, 2, 3, 100] {
                let mut head = LineHead::default();
                for chunk in line.chunks(piece) {
                    head.feed(chunk);
                }
                assert_eq!(head.class(), whole(line), "{line:?} in pieces of {piece}");
            }
        }
    }

    #[test]
    fn a_head_holds_a_few_bytes_of_a_long_line() {
        let mut head = LineHead::default();
        for _ in 0..100_000 {
            head.feed("\u{3000} \t\u{a0}".as_bytes());
        }
        head.feed(&[0xe3, 0x80]);
        assert_eq!(head.bytes, [0xe3, 0x80]);
        head.feed(&[0x80]);
        assert!(head.bytes.is_empty());
        head.feed("简介\u{3000}".as_bytes());
        head.feed(&[b'x'; 1000]);
        assert_eq!(head.bytes, "简介\u{3000}".as_bytes());
        assert_eq!(head.class(), LineClass::Summary);
    }
}
