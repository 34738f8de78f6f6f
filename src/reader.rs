//! The streaming reader: records from any [`BufRead`], one at a time.
//!
//! [`Reader`] reads a record's lines into one reusable buffer, classifying
//! each line from its bytes as it goes (blank, `简介`, other) to find the
//! record's end, then checks UTF-8 and hands the text to the same record
//! parser as [`Records`](crate::Records). It holds at most one record (plus
//! the first line of the next, when records are glued by a second `简介`);
//! a record over [`ParseOptions::max_record_size`] is skipped without being
//! stored and reported as [`ErrorKind::RecordTooLarge`]. A record lent out by
//! [`Reader::read_record`] stays in the buffer until the next call, which
//! drains it first. This module must not parse fields itself.

use std::io::{self, BufRead, Read};

use crate::error::{Diagnostic, Error, ErrorKind, Position};
use crate::lex::is_space;
use crate::parse::{ParseOptions, Records};
use crate::record::Parsed;

/// Iterator over the records of a byte stream, each parsed and owned.
///
/// ```
/// use jibing::ParseOptions;
/// let input = "简介 甲病\n\n简介 乙病\n医保疾病 是\n";
/// let mut reader = ParseOptions::new().reader(input.as_bytes());
/// let first = reader.next().expect("a record")?;
/// assert_eq!(first.record.summary.as_deref(), Some("甲病"));
/// let second = reader.next().expect("a record")?;
/// assert_eq!(second.record.insurance, Some(true));
/// assert!(reader.next().is_none());
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// A record that is not UTF-8 or too large yields an error and reading goes
/// on with the next record; an I/O error ends the iteration.
///
/// # Owned or borrowed records
///
/// As an [`Iterator`] the reader yields `Parsed<'static>`: every string of
/// the record is copied into its own allocation, so records can be kept,
/// collected or sent to another thread. That copy costs about as much as
/// the parse itself. When each record is looked at and then dropped
/// (counting, filtering, statistics, converting to another format), use
/// [`read_record`](Reader::read_record) instead: it lends a record that
/// borrows the reader's buffer, valid until the next call, and never copies
/// its strings. Both give the same records and errors, and both hold at most
/// one record in memory.
#[derive(Debug)]
pub struct Reader<R> {
    src: Source<R>,
    options: ParseOptions,
    /// The record being read; after a glued record, starts with the first
    /// line of the next one.
    buf: Vec<u8>,
    /// The first line of the next record, already in `buf`.
    pending: Option<ReadLine>,
    /// Length of the record at the start of `buf` that the last
    /// [`read_record`](Reader::read_record) lent out; drained on the next call.
    lent: usize,
    /// Number and byte offset of the next line to read.
    line: usize,
    offset: usize,
    started: bool,
    done: bool,
}

impl ParseOptions {
    /// A streaming [`Reader`] over `reader` with these options.
    pub fn reader<R: BufRead>(&self, reader: R) -> Reader<R> {
        Reader::with_options(reader, *self)
    }
}

impl<R: BufRead> Reader<R> {
    /// A strict reader with the default size limit.
    pub fn new(reader: R) -> Self {
        Self::with_options(reader, ParseOptions::new())
    }

    /// A reader with `options`.
    pub fn with_options(reader: R, options: ParseOptions) -> Self {
        Reader {
            src: Source {
                head: Vec::new(),
                inner: reader,
            },
            options,
            buf: Vec::new(),
            pending: None,
            lent: 0,
            line: 1,
            offset: 0,
            started: false,
            done: false,
        }
    }

    /// Skips a leading BOM; anything else read while looking is put back.
    fn skip_bom(&mut self) -> io::Result<()> {
        const BOM: &[u8] = "\u{feff}".as_bytes();
        let mut head = Vec::with_capacity(BOM.len());
        while head.len() < BOM.len() {
            let chunk = self.src.inner.fill_buf()?;
            let Some(&byte) = chunk.first() else { break };
            if BOM.get(head.len()) != Some(&byte) {
                break;
            }
            head.push(byte);
            self.src.inner.consume(1);
        }
        if head == BOM {
            self.offset = BOM.len();
        } else {
            self.src.head = head;
        }
        Ok(())
    }

    /// Reads the next line onto the end of `buf`, storing at most `room`
    /// bytes of it; the rest of an over-long line is consumed unstored.
    /// Line ends are found with `memchr` in the source's own buffer (std's
    /// `read_until` searches with a scalar loop, 12% of the reader's time).
    fn read_line(&mut self, room: usize) -> io::Result<Option<ReadLine>> {
        let begin = self.buf.len();
        let mut sniffer = Sniffer::default();
        let mut len = 0;
        let mut truncated = false;
        loop {
            let chunk = self.src.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let (part, used) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (chunk.get(..i).unwrap_or(chunk), i + 1),
                None => (chunk, chunk.len()),
            };
            let newline = used > part.len();
            sniffer.feed(part);
            let free = room.saturating_sub(self.buf.len() - begin);
            let store = used.min(free);
            self.buf
                .extend_from_slice(chunk.get(..store).unwrap_or(chunk));
            truncated |= store < used;
            self.src.consume(used);
            len += used;
            if newline {
                break;
            }
        }
        if len == 0 {
            return Ok(None);
        }
        let line = ReadLine {
            number: self.line,
            start: self.offset,
            class: sniffer.finish(),
            truncated,
        };
        self.line += 1;
        self.offset += len;
        Ok(Some(line))
    }

    /// Reads one record into `buf`. Returns its first line, the length of
    /// its bytes in `buf`, and whether it went over the limit.
    fn fill_record(&mut self) -> io::Result<Option<(ReadLine, usize, bool)>> {
        let limit = self.options.max_record_size();
        let first = match self.pending.take() {
            Some(line) => line,
            None => loop {
                let Some(line) = self.read_line(limit)? else {
                    return Ok(None);
                };
                if line.class != LineClass::Blank {
                    break line;
                }
                self.buf.clear();
            },
        };
        let mut oversized = first.truncated || self.buf.len() > limit;
        let mut has_summary = first.class == LineClass::Summary;
        if oversized {
            self.buf.clear();
        }
        loop {
            let mark = self.buf.len();
            let Some(line) = self.read_line(limit)? else {
                return Ok(Some((first, mark, oversized)));
            };
            match line.class {
                LineClass::Blank => {
                    self.buf.truncate(mark);
                    return Ok(Some((first, mark, oversized)));
                }
                LineClass::Summary if has_summary => {
                    self.pending = Some(line);
                    return Ok(Some((first, mark, oversized)));
                }
                class => {
                    has_summary |= class == LineClass::Summary;
                    oversized |= line.truncated || self.buf.len() > limit;
                    if oversized {
                        self.buf.clear();
                    }
                }
            }
        }
    }

    /// Parses the record in `buf[..len]`.
    fn parse_record(
        &self,
        first: &ReadLine,
        len: usize,
        oversized: bool,
    ) -> Result<Parsed<'_>, Error> {
        let record_start = Position {
            line: first.number,
            column: 1,
            offset: first.start,
        };
        if oversized {
            let kind = ErrorKind::RecordTooLarge {
                limit: self.options.max_record_size(),
            };
            return Err(Diagnostic::new(kind, record_start, None).into());
        }
        let bytes = self.buf.get(..len).unwrap_or(&[]);
        match validate_utf8(bytes) {
            // The first line of a stored record is never blank (the sniffer
            // agrees with `split_field`, see its tests), so `Records` always
            // yields a record here; the empty record is only a fallback.
            Ok(text) => Records::with_base(text, first.number, first.start, self.options, false)
                .next()
                .unwrap_or_else(|| Ok(Parsed::default())),
            Err(e) => {
                let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
                let valid = std::str::from_utf8(valid).unwrap_or("");
                let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
                let position = Position {
                    line: first.number + valid.matches('\n').count(),
                    column: valid.get(line_start..).unwrap_or("").chars().count() + 1,
                    offset: first.start + valid.len(),
                };
                Err(Diagnostic::new(ErrorKind::InvalidUtf8, position, None).into())
            }
        }
    }

    /// The next record, borrowing the reader's buffer: valid until the next
    /// call, which first drops it from the buffer. `None` at the end of the
    /// input and after an I/O error.
    ///
    /// This is the [`Iterator`] without the copy into owned strings (the
    /// iterator is exactly `read_record().map(|r| r.map(Parsed::into_owned))`);
    /// use it when each record is used and dropped before reading the next.
    /// Errors are the same as the iterator's: a record that is not UTF-8 or
    /// too large is an error and reading goes on; an I/O error ends reading.
    ///
    /// ```
    /// use jibing::ParseOptions;
    /// let input = "简介 甲病\n医保疾病 是\n\n简介 乙病\n医保疾病 否\n";
    /// let mut reader = ParseOptions::new().reader(input.as_bytes());
    /// let mut covered = Vec::new();
    /// while let Some(parsed) = reader.read_record() {
    ///     let record = parsed?.record;
    ///     if record.insurance == Some(true) {
    ///         // Keep only what outlives the record, owned.
    ///         covered.extend(record.summary.map(|s| s.into_owned()));
    ///     }
    /// }
    /// assert_eq!(covered, ["甲病"]);
    /// # Ok::<(), jibing::Error>(())
    /// ```
    ///
    /// The borrow checker keeps a lent record from outliving the next call:
    ///
    /// ```compile_fail
    /// use jibing::ParseOptions;
    /// let mut reader = ParseOptions::new().reader("简介 甲\n\n简介 乙\n".as_bytes());
    /// let first = reader.read_record();
    /// let second = reader.read_record();
    /// drop((first, second));
    /// ```
    pub fn read_record(&mut self) -> Option<Result<Parsed<'_>, Error>> {
        // Drop the record lent out last time; a glued next record's first
        // line stays.
        self.buf.drain(..self.lent.min(self.buf.len()));
        self.lent = 0;
        if self.done {
            return None;
        }
        let io_position = Position {
            line: self.line,
            column: 1,
            offset: self.offset,
        };
        let read = if self.started {
            self.fill_record()
        } else {
            self.started = true;
            self.skip_bom().and_then(|()| self.fill_record())
        };
        let (first, len, oversized) = match read {
            Ok(Some(record)) => record,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(Error::io(e, io_position)));
            }
        };
        self.lent = len;
        Some(self.parse_record(&first, len, oversized))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Parsed<'static>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.read_record().map(|r| r.map(Parsed::into_owned))
    }
}

/// Checks that `bytes` are UTF-8. With the `simdutf8` feature the fast
/// validator answers first and std's only runs to locate an error.
fn validate_utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    #[cfg(feature = "simdutf8")]
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes)
}

/// A line the reader has read.
#[derive(Debug, Clone, Copy)]
struct ReadLine {
    number: usize,
    start: usize,
    class: LineClass,
    /// Part of the line was consumed without being stored.
    truncated: bool,
}

/// What a line means for record boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// Only whitespace.
    Blank,
    /// A `简介` field line.
    Summary,
    /// Any other line.
    Other,
}

/// Classifies a line from its bytes, fed in pieces of any size, agreeing
/// with [`split_field`](crate::lines::split_field) on every input: leading
/// whitespace, then either nothing (blank) or a label token, which matters
/// only when it is exactly `简介`. A `\r` at the very end is a line ending.
#[derive(Debug, Default)]
pub(crate) struct Sniffer {
    state: SniffState,
    utf8: [u8; 4],
    have: usize,
    need: usize,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum SniffState {
    /// Only whitespace so far.
    #[default]
    Lead,
    /// Whitespace, then `\r`.
    LeadCr,
    /// Whitespace, then `简`.
    Jian,
    /// Whitespace, then `简介`.
    JianJie,
    /// Whitespace, `简介`, `\r`.
    JianJieCr,
    Done(LineClass),
}

impl Sniffer {
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        // Fast path: a line whose first byte cannot start whitespace, `\r`
        // or `简` (E7) is an ordinary line, decided without decoding.
        if let (SniffState::Lead, 0, Some(first)) = (self.state, self.need, bytes.first()) {
            if !matches!(first, b' ' | b'\t' | b'\r' | 0xC2 | 0xE3 | 0xE7) {
                self.state = SniffState::Done(LineClass::Other);
                return;
            }
        }
        for &byte in bytes {
            if matches!(self.state, SniffState::Done(_)) {
                return;
            }
            if self.need == 0 {
                self.need = match byte {
                    0x00..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf7 => 4,
                    _ => {
                        self.step(None);
                        continue;
                    }
                };
            } else if byte & 0xc0 != 0x80 {
                self.step(None);
                continue;
            }
            if let Some(slot) = self.utf8.get_mut(self.have) {
                *slot = byte;
            }
            self.have += 1;
            if self.have == self.need {
                let c = self
                    .utf8
                    .get(..self.need)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .and_then(|s| s.chars().next());
                self.have = 0;
                self.need = 0;
                self.step(c);
            }
        }
    }

    fn step(&mut self, c: Option<char>) {
        use SniffState::*;
        self.state = match (self.state, c) {
            (Lead, Some(c)) if is_space(c) => Lead,
            (Lead, Some('\r')) => LeadCr,
            (Lead, Some('简')) => Jian,
            (Jian, Some('介')) => JianJie,
            (JianJie, Some(c)) if is_space(c) => Done(LineClass::Summary),
            (JianJie, Some('\r')) => JianJieCr,
            (Done(class), _) => Done(class),
            _ => Done(LineClass::Other),
        };
    }

    pub(crate) fn finish(mut self) -> LineClass {
        if self.need > 0 {
            self.step(None);
        }
        match self.state {
            SniffState::Lead | SniffState::LeadCr => LineClass::Blank,
            SniffState::JianJie | SniffState::JianJieCr => LineClass::Summary,
            SniffState::Jian => LineClass::Other,
            SniffState::Done(class) => class,
        }
    }
}

/// The input, with the bytes read while looking for a BOM put back in front.
#[derive(Debug)]
struct Source<R> {
    head: Vec<u8>,
    inner: R,
}

impl<R: BufRead> Read for Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            if let (Some(dst), Some(src)) = (out.get_mut(..n), available.get(..n)) {
                dst.copy_from_slice(src);
            }
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Source<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head.is_empty() {
            self.inner.fill_buf()
        } else {
            Ok(&self.head)
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.head.is_empty() {
            self.inner.consume(amount);
        } else {
            self.head.drain(..amount.min(self.head.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_field;

    fn sniff_in_pieces(line: &str, piece: usize) -> LineClass {
        let mut sniffer = Sniffer::default();
        for chunk in line.as_bytes().chunks(piece) {
            sniffer.feed(chunk);
        }
        sniffer.finish()
    }

    fn classify(line: &str) -> LineClass {
        let text = line.strip_suffix('\r').unwrap_or(line);
        match split_field(text) {
            None => LineClass::Blank,
            Some(f) if f.label == "简介" => LineClass::Summary,
            Some(_) => LineClass::Other,
        }
    }

    #[test]
    fn sniffer_agrees_with_split_field() {
        let lines = [
            "",
            " ",
            "\t\u{a0}\u{3000}",
            " \r",
            " \r\r",
            "\r",
            "简介",
            "简介 x",
            " 简介\u{3000}x",
            "简介\r",
            "简介\r\r",
            "简介x",
            "简",
            "简 介",
            "症状 简介",
            "\u{3000}\u{3001}",
            "a",
            "简介\u{a0}",
            "简介\u{2003}",
        ];
        for line in lines {
            for piece in [1, 2, 3, 100] {
                assert_eq!(
                    sniff_in_pieces(line, piece),
                    classify(line),
                    "{line:?} in pieces of {piece}"
                );
            }
        }
    }

    #[test]
    fn invalid_bytes_are_other() {
        let mut s = Sniffer::default();
        s.feed(b" \xff");
        assert_eq!(s.finish(), LineClass::Other);
        let mut s = Sniffer::default();
        s.feed(b" \xe3\x80");
        assert_eq!(s.finish(), LineClass::Other);
    }
}
