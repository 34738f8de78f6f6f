//! The streaming reader: records from any [`BufRead`], one at a time.
//!
//! [`Reader`] owns finding where each record ends in the bytes of a
//! [`BufRead`], checking that the record is UTF-8, and handing its text to
//! the same record parser as [`Records`](crate::Records). It finds line ends
//! with `memchr` in the source's own buffer (`fill_buf`) and classifies each
//! line from its bytes with the `Sniffer` (blank, `简介`, other; it agrees
//! with `split_field`), keeping that state across `fill_buf` chunks so every
//! byte is scanned once (a line that starts the next, glued record may be
//! scanned twice).
//!
//! A record that lies wholly inside the current chunk, together with the
//! line that ends it, is validated and parsed where it is, without a copy,
//! and consumed from the source at the next call. A record that runs past
//! the end of the chunk is copied into the reader's buffer a chunk at a time
//! until its end is found. The buffer holds at most one record (plus the
//! first line of the next, when records are glued by a second `简介`); a
//! record over [`ParseOptions::max_record_size`] is skipped without being
//! stored and reported as [`ErrorKind::RecordTooLarge`]. This module must
//! not parse fields itself.

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
/// borrows the source's buffer (or the reader's own, for a record that did
/// not fit in the source's), valid until the next call, and never copies its
/// strings. Both give the same records and errors, and both hold at most one
/// record in memory.
///
/// # Buffer size
///
/// A record is parsed straight out of the source's buffer when it fits in
/// what one [`fill_buf`](BufRead::fill_buf) returns; otherwise it is copied
/// first. A `&[u8]` source returns all its bytes at once; for a file, a
/// [`BufReader`](std::io::BufReader) whose capacity is many records long
/// (64 KiB or more for typical records) makes most records take the
/// copy-free path.
#[derive(Debug)]
pub struct Reader<R> {
    src: Source<R>,
    options: ParseOptions,
    /// Bytes of earlier chunks still needed: the record being read (unless
    /// it is over the limit), then what is stored of the line being scanned.
    /// After a record is lent from here, it is followed by the first line of
    /// the next record when that line started in an earlier chunk.
    buf: Vec<u8>,
    scan: Scan,
    /// Length of the record at the start of `buf` that the last
    /// [`read_record`](Reader::read_record) lent out; drained on the next call.
    lent_buf: usize,
    /// Bytes of the source's buffer that the last `read_record` lent out (or
    /// otherwise finished with); consumed on the next call.
    lent_src: usize,
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
            scan: Scan::new(),
            lent_buf: 0,
            lent_src: 0,
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
            self.scan.line_start = BOM.len();
        } else {
            self.src.head = head;
        }
        Ok(())
    }

    /// Scans the source up to the end of the next record. Returns where its
    /// bytes are, `None` at the end of the input.
    ///
    /// The source's current chunk is scanned in place. When a chunk ends
    /// before the record does, the chunk's bytes that are still needed are
    /// appended to `buf` in one piece and the chunk is consumed.
    fn find_record(&mut self) -> io::Result<Option<Found>> {
        let limit = self.options.max_record_size();
        loop {
            let chunk = self.src.fill_buf()?;
            if chunk.is_empty() {
                let Some(end) = self.scan.finish(limit, &mut self.buf) else {
                    return Ok(None);
                };
                // The record's bytes are all in `buf`, and a carried line's
                // (whole, the input ends with it) unless it is over the limit.
                let len = end.record.kept(limit);
                if end.carried && self.scan.record.is_some_and(|r| r.len > limit) {
                    self.buf.truncate(len);
                }
                return Ok(Some(Found::InBuf { end, len }));
            }
            let used = match self.scan.feed(chunk, limit, &mut self.buf) {
                Scanned::More { keep, line_at } => {
                    let end = if self.scan.line_len > limit {
                        // The line is over the limit whatever it turns out to
                        // be: stop storing it.
                        if !self.scan.line_dropped && line_at == 0 {
                            let kept = self.scan.record.map_or(0, |r| r.kept(limit));
                            self.buf.truncate(kept);
                        }
                        self.scan.line_dropped = true;
                        line_at
                    } else {
                        chunk.len()
                    };
                    self.buf
                        .extend_from_slice(chunk.get(keep..end).unwrap_or_default());
                    chunk.len()
                }
                Scanned::Ended(end) => {
                    let len = end.record.kept(limit);
                    if self.buf.is_empty() && !end.carried && len > 0 {
                        // The whole record is in this chunk: lend it from
                        // there and consume it at the next call.
                        return Ok(Some(Found::InSource { end }));
                    }
                    self.buf
                        .extend_from_slice(chunk.get(end.keep..end.end).unwrap_or_default());
                    if end.carried {
                        // The glued next record's first line, started in an
                        // earlier chunk, follows the record in `buf` unless
                        // it is over the limit.
                        if self.scan.record.is_some_and(|r| r.len <= limit) {
                            self.buf
                                .extend_from_slice(chunk.get(..end.consume).unwrap_or_default());
                        } else {
                            self.buf.truncate(len);
                        }
                    }
                    self.lent_src = end.consume;
                    return Ok(Some(Found::InBuf { end, len }));
                }
            };
            self.src.consume(used);
        }
    }

    /// The next record, borrowing the source's buffer or the reader's: valid
    /// until the next call, which first drops it. `None` at the end of the
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
        // line, if stored, stays.
        self.buf.drain(..self.lent_buf.min(self.buf.len()));
        self.lent_buf = 0;
        self.src.consume(std::mem::take(&mut self.lent_src));
        if self.done {
            return None;
        }
        let io_position = self.scan.position();
        let found = if self.started {
            self.find_record()
        } else {
            self.started = true;
            self.skip_bom().and_then(|()| self.find_record())
        };
        let found = match found {
            Ok(Some(found)) => found,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(Error::io(e, io_position)));
            }
        };
        let options = self.options;
        match found {
            Found::InBuf { end, len } => {
                self.lent_buf = len;
                let bytes = self.buf.get(..len).unwrap_or_default();
                Some(parse_record(bytes, end.record, options))
            }
            Found::InSource { end } => {
                // `find_record` could not return the chunk it borrowed (the
                // borrow checker cannot see that the other paths end it), so
                // ask for it again: without a `consume` in between, a
                // `BufRead` returns the same buffer, without reading.
                let chunk = match self.src.fill_buf() {
                    Ok(chunk) => chunk,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(Error::io(e, io_position)));
                    }
                };
                let Some(bytes) = chunk.get(end.keep..end.end) else {
                    self.done = true;
                    let e = io::Error::other("BufRead::fill_buf lost bytes without a consume");
                    return Some(Err(Error::io(e, io_position)));
                };
                self.lent_src = end.consume;
                Some(parse_record(bytes, end.record, options))
            }
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Parsed<'static>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.read_record().map(|r| r.map(Parsed::into_owned))
    }
}

/// Parses `bytes`, the record `record`, or reports it as too large.
fn parse_record(
    bytes: &[u8],
    record: RecordScan,
    options: ParseOptions,
) -> Result<Parsed<'_>, Error> {
    let limit = options.max_record_size();
    if record.len > limit {
        let kind = ErrorKind::RecordTooLarge { limit };
        return Err(Diagnostic::new(kind, record.position(), None).into());
    }
    match validate_utf8(bytes) {
        // The first line of a record is never blank (the sniffer agrees with
        // `split_field`, see its tests), so `Records` always yields a record
        // here; the empty record is only a fallback.
        Ok(text) => Records::with_base(text, record.line, record.start, options, false)
            .next()
            .unwrap_or_else(|| Ok(Parsed::default())),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
            let position = Position {
                line: record.line + valid.matches('\n').count(),
                column: valid.get(line_start..).unwrap_or_default().chars().count() + 1,
                offset: record.start + valid.len(),
            };
            Err(Diagnostic::new(ErrorKind::InvalidUtf8, position, None).into())
        }
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

/// Where [`Reader::find_record`] found a record.
#[derive(Debug)]
enum Found {
    /// In the source's current chunk, at `end.keep..end.end`.
    InSource { end: Ending },
    /// In `buf[..len]` (`len` is 0 for a record over the limit).
    InBuf { end: Ending, len: usize },
}

/// The scanning state, kept across chunks and calls: the line being scanned
/// and the record it belongs to.
#[derive(Debug)]
struct Scan {
    /// Number and byte offset of the line being scanned.
    line: usize,
    line_start: usize,
    /// Bytes of that line scanned so far.
    line_len: usize,
    /// Its class so far.
    sniffer: Sniffer,
    /// The line grew over the limit at the end of a chunk: its bytes from
    /// earlier chunks are not in `buf`.
    line_dropped: bool,
    /// The record being read, once its first line has ended.
    record: Option<RecordScan>,
}

/// A record found by the scan.
#[derive(Debug, Clone, Copy)]
struct RecordScan {
    /// Number and byte offset of its first line.
    line: usize,
    start: usize,
    /// Bytes of its lines that have ended, line endings included.
    len: usize,
    has_summary: bool,
}

impl RecordScan {
    /// Bytes of the record kept in memory: none when it is over `limit`.
    fn kept(&self, limit: usize) -> usize {
        if self.len > limit {
            0
        } else {
            self.len
        }
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: 1,
            offset: self.start,
        }
    }
}

/// What [`Scan::feed`] found in a chunk.
#[derive(Debug)]
enum Scanned {
    /// No record ends in the chunk. `chunk[keep..]` is still needed: the
    /// record's lines that ended in this chunk (none when it is over the
    /// limit), then the line being scanned, which starts at `line_at` (0
    /// when it started in an earlier chunk).
    More { keep: usize, line_at: usize },
    /// A record ends in the chunk.
    Ended(Ending),
}

/// The end of a record, found in a chunk (or at the end of the input, where
/// the chunk is empty).
#[derive(Debug)]
struct Ending {
    record: RecordScan,
    /// `chunk[keep..end]` is the record's part in this chunk; the rest of the
    /// record (if any) is in `buf`. Empty when the record is over the limit.
    keep: usize,
    end: usize,
    /// Bytes of the chunk that the record and the line ending it take.
    consume: usize,
    /// The record ends at a glued `简介` line that started in an earlier
    /// chunk: that line's first part is in `buf` after the record, its
    /// rest is `chunk[..consume]`, and the scan already counts it as the
    /// next record's first line.
    carried: bool,
}

impl Scan {
    fn new() -> Self {
        Scan {
            line: 1,
            line_start: 0,
            line_len: 0,
            sniffer: Sniffer::default(),
            line_dropped: false,
            record: None,
        }
    }

    /// The start of the line being scanned.
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: 1,
            offset: self.line_start,
        }
    }

    /// Scans `chunk` up to the end of a record or of the chunk. `buf` is
    /// cleared when what it holds turns out not to be needed.
    fn feed(&mut self, chunk: &[u8], limit: usize, buf: &mut Vec<u8>) -> Scanned {
        let mut keep = 0;
        // Where the line being scanned starts in this chunk.
        let mut line_at = (self.line_len == 0).then_some(0);
        for newline in memchr::memchr_iter(b'\n', chunk) {
            let pos = newline + 1;
            let class = match line_at {
                // A whole line in this chunk: most are decided by their
                // first byte, without the sniffer's state.
                Some(at) => {
                    self.line_len = pos - at;
                    classify(chunk.get(at..newline).unwrap_or_default())
                }
                None => {
                    self.sniffer.feed(chunk.get(..newline).unwrap_or_default());
                    self.line_len += pos;
                    std::mem::take(&mut self.sniffer).finish()
                }
            };
            if let Some(end) = self.end_line(class, line_at, pos, &mut keep, limit, buf) {
                return Scanned::Ended(end);
            }
            line_at = Some(pos);
        }
        let at = line_at.unwrap_or(0);
        let rest = chunk.get(at..).unwrap_or_default();
        self.sniffer.feed(rest);
        self.line_len += rest.len();
        Scanned::More { keep, line_at: at }
    }

    /// Ends the scan at the end of the input: the last line, if it has no
    /// line ending, then the record.
    fn finish(&mut self, limit: usize, buf: &mut Vec<u8>) -> Option<Ending> {
        if self.line_len > 0 {
            let class = std::mem::take(&mut self.sniffer).finish();
            if let Some(end) = self.end_line(class, None, 0, &mut 0, limit, buf) {
                return Some(end);
            }
        }
        self.record.take().map(|record| Ending {
            record,
            keep: 0,
            end: 0,
            consume: 0,
            carried: false,
        })
    }

    /// Ends the line being scanned, of class `class`, which ends at `pos`
    /// of the chunk and starts at `line_at` (`None`: in an earlier chunk).
    /// Moves `keep` past bytes no longer needed.
    fn end_line(
        &mut self,
        class: LineClass,
        line_at: Option<usize>,
        pos: usize,
        keep: &mut usize,
        limit: usize,
        buf: &mut Vec<u8>,
    ) -> Option<Ending> {
        let line = RecordScan {
            line: self.line,
            start: self.line_start,
            len: self.line_len,
            has_summary: class == LineClass::Summary,
        };
        self.line_dropped = false;
        self.line += 1;
        self.line_start += self.line_len;
        self.line_len = 0;
        let Some(mut record) = self.record else {
            if class == LineClass::Blank || line.len > limit {
                // A blank line between records, or the first line of a
                // record over the limit: not needed.
                buf.clear();
                *keep = pos;
            }
            if class != LineClass::Blank {
                self.record = Some(line);
            }
            return None;
        };
        match class {
            LineClass::Blank => {
                buf.truncate(record.kept(limit));
                self.record = None;
                Some(Ending {
                    record,
                    keep: *keep,
                    end: line_at.unwrap_or(0),
                    consume: pos,
                    carried: false,
                })
            }
            LineClass::Summary if record.has_summary => match line_at {
                // The line starts the next record. It started in this chunk:
                // leave it in the source and scan it again next time.
                Some(at) => {
                    self.line = line.line;
                    self.line_start = line.start;
                    self.record = None;
                    Some(Ending {
                        record,
                        keep: *keep,
                        end: at,
                        consume: at,
                        carried: false,
                    })
                }
                // It started in an earlier chunk: it is (partly) in `buf`
                // already; carry it over as the next record's first line.
                None => {
                    self.record = Some(line);
                    Some(Ending {
                        record,
                        keep: 0,
                        end: 0,
                        consume: pos,
                        carried: true,
                    })
                }
            },
            _ => {
                record.len = record.len.saturating_add(line.len);
                record.has_summary |= line.has_summary;
                self.record = Some(record);
                if record.len > limit {
                    buf.clear();
                    *keep = pos;
                }
                None
            }
        }
    }
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

/// Whether a line starting with `byte` is an ordinary line: the byte cannot
/// start whitespace, `\r` or `简` (E7).
#[inline]
fn is_ordinary_start(byte: u8) -> bool {
    !matches!(byte, b' ' | b'\t' | b'\r' | 0xC2 | 0xE3 | 0xE7)
}

/// The class of a whole line (without its `\n`): [`Sniffer`]'s answer, with
/// its first-byte shortcut taken before building one.
#[inline]
fn classify(line: &[u8]) -> LineClass {
    match line.first() {
        Some(&first) if is_ordinary_start(first) => LineClass::Other,
        _ => {
            let mut sniffer = Sniffer::default();
            sniffer.feed(line);
            sniffer.finish()
        }
    }
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
        if let (SniffState::Lead, 0, Some(&first)) = (self.state, self.need, bytes.first()) {
            if is_ordinary_start(first) {
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
