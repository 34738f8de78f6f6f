//! The streaming reader: records from any [`BufRead`], one at a time.
//!
//! [`Reader`] owns finding where each record ends in the bytes of a
//! [`BufRead`], checking that the record is UTF-8, and handing it to the
//! same record builder as [`Records`](crate::Records). It reads the lines of
//! the source's own buffer (`fill_buf`) with the grammar's line productions,
//! which work on bytes not validated yet, and decides where records end with
//! the grammar's one boundary rule (`grammar::record`, see the
//! [format reference: records and lines](crate::format#records-and-lines)).
//! A line that lies whole in a chunk is split into label and value there,
//! and the parse takes those splits instead of reading the line again; a
//! line that runs past the end of a chunk is classified at its end from a
//! small head of it kept across chunks, and read again by the parse. So
//! every byte is scanned once, except the lines of a record from its first
//! line that straddled two chunks on (and a line that starts the next, glued
//! record, which may be scanned twice).
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

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::iter::FusedIterator;
use std::ops::Range;
use std::path::Path;

use crate::error::{Diagnostic, Error, ErrorKind, Position};
use crate::grammar::line::{
    bom_len, class_of_head, classified_line, leading_ws_len, FieldSpans, LineClass, BOM,
    CLASS_BYTES,
};
use crate::grammar::record::{Boundary, Step};
use crate::parse::{parse_scanned, utf8_text, ParseOptions};
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
/// on with the next record; an I/O error ends the iteration. After the
/// iteration ends (at the end of the input or after an I/O error) the
/// reader yields `None` for good ([`FusedIterator`]).
///
/// # Sources
///
/// - [`Reader::from_path`] opens a file, and [`Reader::from_read`] takes any
///   [`Read`] (a socket, a decompressor, standard input); both wrap it in a
///   [`BufReader`] of 256 KiB, a size measured for this reader (see
///   [Buffer size](#buffer-size)).
/// - [`Reader::new`] takes a [`BufRead`] as it is: a `&[u8]` (read in place,
///   never copied), or a `BufReader` of your own size.
/// - Each has a form that takes [`ParseOptions`]:
///   [`ParseOptions::reader_from_path`], [`ParseOptions::reader_from_read`],
///   and [`Reader::with_options`] (or [`ParseOptions::reader`]).
///
/// [`get_ref`](Reader::get_ref), [`get_mut`](Reader::get_mut) and
/// [`into_inner`](Reader::into_inner) give the source back, and
/// [`position`](Reader::position) says where in it the next record's text
/// begins.
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
/// first. A `&[u8]` source returns all its bytes at once. For a file or
/// another [`Read`], the buffer of [`from_path`](Reader::from_path) and
/// [`from_read`](Reader::from_read) is 256 KiB. Measured on a generated
/// corpus of 2,000 records of about 12 KB each (24 MB), read from a file in
/// the page cache with [`read_record`](Reader::read_record) (medians of 31
/// runs, in one run): a `BufReader` of 8 KiB took 1.22×, of 64 KiB 1.03×,
/// of 128 KiB 1.02× and of 512 KiB or 1 MiB 1.00–1.01× the time of 256 KiB,
/// which was within 7 % of parsing the same bytes in place from a `&[u8]`.
/// Beyond 256 KiB only the memory grows. For a corpus of much larger
/// records (tens of KB each and more) a larger buffer may pay: pass your
/// own `BufReader` to [`Reader::new`].
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

/// The capacity of the [`BufReader`] of [`Reader::from_read`] and
/// [`Reader::from_path`] (measured: see [`Reader`], "Buffer size").
const BUFFER_CAPACITY: usize = 256 << 10;

impl ParseOptions {
    /// A streaming [`Reader`] over `reader` with these options.
    ///
    /// ```
    /// use jibing::ParseOptions;
    /// let input = "简介 甲病\n别名 某某\n";
    /// let mut reader = ParseOptions::new().lenient().reader(input.as_bytes());
    /// let parsed = reader.next().unwrap()?;
    /// assert_eq!(parsed.record.extra[0].label, "别名");
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn reader<R: BufRead>(&self, reader: R) -> Reader<R> {
        Reader::with_options(reader, *self)
    }

    /// A streaming [`Reader`] with these options over `read`, wrapped in a
    /// [`BufReader`] of the measured size (see [`Reader::from_read`]).
    ///
    /// ```
    /// use jibing::ParseOptions;
    /// let source = std::io::Cursor::new(b"\xe7\xae\x80\xe4\xbb\x8b \xff\n".to_vec());
    /// let mut reader = ParseOptions::new().lenient().reader_from_read(source);
    /// let err = reader.next().unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "1:4: invalid UTF-8");
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn reader_from_read<R: Read>(&self, read: R) -> Reader<BufReader<R>> {
        self.reader(BufReader::with_capacity(BUFFER_CAPACITY, read))
    }

    /// Opens the file at `path` for a streaming [`Reader`] with these
    /// options (see [`Reader::from_path`]).
    ///
    /// ```
    /// use jibing::ParseOptions;
    /// let path = std::env::temp_dir().join("jibing-doc-reader_from_path.txt");
    /// std::fs::write(&path, "简介 甲病\n医保疾病 也许\n")?;
    /// let mut reader = ParseOptions::new().lenient().reader_from_path(&path)?;
    /// let parsed = reader.next().unwrap()?;
    /// assert_eq!(parsed.warnings[0].to_string(), "2:6: '医保疾病' must be 是 or 否, found '也许'");
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`io::Error`] of opening the file ([`File::open`]).
    pub fn reader_from_path<P: AsRef<Path>>(&self, path: P) -> io::Result<Reader<BufReader<File>>> {
        Ok(self.reader_from_read(File::open(path)?))
    }
}

impl<R: Read> Reader<BufReader<R>> {
    /// A strict reader with the default size limit over `read`, wrapped in
    /// a [`BufReader`] of 256 KiB (measured: see
    /// [Buffer size](Reader#buffer-size)). For other options:
    /// [`ParseOptions::reader_from_read`].
    ///
    /// ```
    /// use jibing::Reader;
    /// let source = std::io::Cursor::new("简介 甲病\n\n简介 乙病\n".as_bytes());
    /// let summaries: Vec<_> = Reader::from_read(source)
    ///     .map(|parsed| parsed.map(|p| p.record.summary))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(summaries, [Some("甲病".into()), Some("乙病".into())]);
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn from_read(read: R) -> Self {
        ParseOptions::new().reader_from_read(read)
    }
}

impl Reader<BufReader<File>> {
    /// Opens the file at `path` for a strict reader with the default size
    /// limit, through a [`BufReader`] of 256 KiB (as
    /// [`from_read`](Reader::from_read)). For other options:
    /// [`ParseOptions::reader_from_path`].
    ///
    /// ```
    /// use jibing::Reader;
    /// let path = std::env::temp_dir().join("jibing-doc-from_path.txt");
    /// std::fs::write(&path, "简介 甲病\n医保疾病 是\n\n简介 乙病\n")?;
    /// let mut insured = 0;
    /// let mut reader = Reader::from_path(&path)?;
    /// while let Some(parsed) = reader.read_record() {
    ///     insured += usize::from(parsed?.record.insurance == Some(true));
    /// }
    /// assert_eq!(insured, 1);
    /// # std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`io::Error`] of opening the file ([`File::open`]). Errors in
    /// reading it come later, from the reader, as [`ErrorKind::Io`].
    pub fn from_path<P: AsRef<Path>>(path: P) -> io::Result<Self> {
        ParseOptions::new().reader_from_path(path)
    }
}

impl<R: BufRead> Reader<R> {
    /// A strict reader with the default size limit over `reader`, read as
    /// it is (no buffer of the reader's own).
    ///
    /// ```
    /// use jibing::Reader;
    /// let input = "简介 甲病\n\n简介 乙病\n";
    /// assert_eq!(Reader::new(input.as_bytes()).count(), 2);
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn new(reader: R) -> Self {
        Self::with_options(reader, ParseOptions::new())
    }

    /// A reader with `options` over `reader` (the same as
    /// [`ParseOptions::reader`]).
    ///
    /// ```
    /// use jibing::{ParseOptions, Reader};
    /// let input = "简介 甲病\n症状 发热\n";
    /// let small = ParseOptions::new().with_max_record_size(16);
    /// let err = Reader::with_options(input.as_bytes(), small).next().unwrap().unwrap_err();
    /// assert_eq!(err.to_string(), "1:1: record is larger than the limit of 16 bytes");
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
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

    /// The source.
    ///
    /// Its buffer may still hold the record that the last
    /// [`read_record`](Self::read_record) lent out: the reader consumes
    /// those bytes at its next call (or in [`get_mut`](Self::get_mut) and
    /// [`into_inner`](Self::into_inner)).
    #[must_use]
    pub fn get_ref(&self) -> &R {
        &self.src.inner
    }

    /// The source, after the bytes of the records returned so far are
    /// consumed from it, so it is at [`position`](Self::position) (but see
    /// [`into_inner`](Self::into_inner) for the bytes the reader may hold).
    ///
    /// Reading from it directly skips those bytes for the reader, which
    /// goes on from wherever the source is left, counting lines and offsets
    /// as if the skipped bytes were not there.
    pub fn get_mut(&mut self) -> &mut R {
        self.settle();
        &mut self.src.inner
    }

    /// The source, after the bytes of the records returned so far are
    /// consumed from it. The reader's own buffer is dropped.
    ///
    /// The source is then at [`position`](Self::position), where the next
    /// record's text begins, with one exception: when records are glued by
    /// a second `简介` and the next record's first line ran across the end
    /// of one of the source's chunks ([`fill_buf`](BufRead::fill_buf)), the
    /// reader has already consumed that whole line (its first part into its
    /// own buffer) to see that it starts a record, and the line is lost
    /// with the reader's buffer; the source is then just past it. Otherwise
    /// the reader stops only between records, so nothing is lost; after an
    /// I/O error the source is wherever it failed. As with
    /// [`BufReader::into_inner`], what is buffered inside the source itself
    /// (a `BufReader`'s buffer) stays with the source.
    ///
    /// ```
    /// use std::io::Read;
    /// use jibing::Reader;
    /// let input = "简介 甲病\n\n简介 乙病\n";
    /// let mut reader = Reader::new(input.as_bytes());
    /// reader.next().unwrap()?;
    /// assert_eq!(reader.position().offset, 15);
    /// let mut rest = String::new();
    /// reader.into_inner().read_to_string(&mut rest)?;
    /// assert_eq!(rest, "简介 乙病\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use = "the source is dropped otherwise"]
    pub fn into_inner(mut self) -> R {
        self.settle();
        self.src.inner
    }

    /// Where the next record's text begins: the line and byte offset
    /// (column 1) just past the last record returned and the line that
    /// ended it (a blank line, or nothing when a second `简介` started the
    /// next record). Blank lines are not skipped before they are read, so
    /// the next record may start on a later line. Before the first record,
    /// the start of the input; at the end, just past it, on the line after
    /// the last (the end of the input ends the last line, with or without a
    /// line break); after an I/O error, where the interrupted record (or
    /// line) began. Lines and offsets are those of errors: offsets count a
    /// leading BOM (once it was read), columns do not.
    ///
    /// ```
    /// use jibing::{ParseOptions, Position};
    /// let input = "\u{feff}简介 甲病\n\n简介 乙病\n简介 丙病\n";
    /// let mut reader = ParseOptions::new().reader(input.as_bytes());
    /// assert_eq!(reader.position(), Position { line: 1, column: 1, offset: 0 });
    /// let mut starts = Vec::new();
    /// while let Some(parsed) = reader.read_record() {
    ///     parsed?;
    ///     let Position { line, offset, .. } = reader.position();
    ///     starts.push((line, offset));
    /// }
    /// // After the blank line; at the glued `简介`; at the end.
    /// assert_eq!(starts, [(3, 18), (4, 32), (5, 46)]);
    /// assert_eq!(&input[32..], "简介 丙病\n");
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use]
    pub fn position(&self) -> Position {
        match self.scan.record {
            // The next record's first line is already read (records glued
            // across chunks).
            Some(record) => record.position(),
            None => self.scan.position(),
        }
    }

    /// Drops the record lent out last and consumes its bytes from the
    /// source; a glued next record's first line, if stored, stays.
    fn settle(&mut self) {
        self.buf.drain(..self.lent_buf.min(self.buf.len()));
        self.lent_buf = 0;
        self.src.consume(std::mem::take(&mut self.lent_src));
    }

    /// Skips a leading [`bom`](crate::grammar::line::bom); anything else read
    /// while looking is put back.
    fn skip_bom(&mut self) -> io::Result<()> {
        let mut head = Vec::with_capacity(BOM.len());
        // Take a byte at a time while it may continue a BOM, so that a
        // source that opens with no BOM is left as it is.
        while head.len() < BOM.len() {
            let chunk = self.src.inner.fill_buf()?;
            let Some(&byte) = chunk.first() else { break };
            if BOM.get(head.len()) != Some(&byte) {
                break;
            }
            head.push(byte);
            self.src.inner.consume(1);
        }
        match bom_len(&head) {
            0 => self.src.head = head,
            len => self.scan.line_start = len,
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
                    self.buf.extend_from_slice(part(chunk, keep..end));
                    chunk.len()
                }
                Scanned::Ended(end) => {
                    let len = end.record.kept(limit);
                    if self.buf.is_empty() && !end.carried && len > 0 {
                        // The whole record is in this chunk: lend it from
                        // there and consume it at the next call.
                        return Ok(Some(Found::InSource { end }));
                    }
                    self.buf.extend_from_slice(part(chunk, end.keep..end.end));
                    if end.carried {
                        // The glued next record's first line, started in an
                        // earlier chunk, follows the record in `buf` unless
                        // it is over the limit.
                        if self.scan.record.is_some_and(|r| r.len <= limit) {
                            self.buf.extend_from_slice(part(chunk, 0..end.consume));
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
    ///
    /// # Errors
    ///
    /// `Some(Err(..))` for a record that is not UTF-8
    /// ([`ErrorKind::InvalidUtf8`], at the first bad byte) or over
    /// [`ParseOptions::max_record_size`] ([`ErrorKind::RecordTooLarge`]),
    /// after which reading goes on with the next record; for a strict fault
    /// of the record, likewise; and for a failed read of the source
    /// ([`ErrorKind::Io`], whose [`source`](std::error::Error::source) is
    /// the [`io::Error`]), after which every call returns `None`.
    pub fn read_record(&mut self) -> Option<Result<Parsed<'_>, Error>> {
        self.settle();
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
                let bytes = part(&self.buf, 0..len);
                Some(parse_record(
                    bytes,
                    end.record,
                    &self.scan.ended_split,
                    options,
                ))
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
                Some(parse_record(
                    bytes,
                    end.record,
                    &self.scan.ended_split,
                    options,
                ))
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

/// `read_record` returns `None` only once `done` is set, and `done` is never
/// cleared: at the end of the input, and after an I/O error.
impl<R: BufRead> FusedIterator for Reader<R> {}

/// Parses `bytes`, the record `record` whose first lines the scan split
/// as `split`, or reports it as too large.
fn parse_record<'a>(
    bytes: &'a [u8],
    record: RecordScan,
    split: &[FieldSpans],
    options: ParseOptions,
) -> Result<Parsed<'a>, Error> {
    let limit = options.max_record_size();
    if record.len > limit {
        let kind = ErrorKind::RecordTooLarge { limit };
        return Err(Diagnostic::new(kind, record.position(), None).into());
    }
    // The lines the scan split are not read again.
    let text = utf8_text(bytes, record.line, record.start)?;
    parse_scanned(text, record.line, record.start, split, options)
}

/// `bytes[range]`, for a range the scan computed inside `bytes`.
fn part(bytes: &[u8], range: Range<usize>) -> &[u8] {
    let slice = bytes.get(range.clone());
    debug_assert!(
        slice.is_some(),
        "{range:?} is outside {} bytes",
        bytes.len()
    );
    slice.unwrap_or_default()
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
    /// Enough of that line to classify it, when it started in an earlier
    /// chunk.
    head: LineHead,
    /// The line grew over the limit at the end of a chunk: its bytes from
    /// earlier chunks are not in `buf`.
    line_dropped: bool,
    /// The record being read, once its first line has ended.
    record: Option<RecordScan>,
    /// The record-boundary rule, stepped with every line that ends.
    rule: Boundary,
    /// The lines of the open record as the grammar split them, while each
    /// lay whole in one chunk (and no more than [`MAX_SPLIT_LINES`]); from
    /// the first one that did not, the parse reads the lines again.
    split: Vec<FieldSpans>,
    /// Whether `split` holds every line of the open record so far.
    split_whole: bool,
    /// `split` of the record that ended last, for its parse.
    ended_split: Vec<FieldSpans>,
}

/// The most lines of a record whose splits the scan keeps for the parse:
/// enough for any ordinary record, and a bound on the memory they take.
const MAX_SPLIT_LINES: usize = 256;

/// A record found by the scan.
#[derive(Debug, Clone, Copy)]
struct RecordScan {
    /// Number and byte offset of its first line.
    line: usize,
    start: usize,
    /// Bytes of its lines that have ended, line endings included.
    len: usize,
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
            head: LineHead::default(),
            line_dropped: false,
            record: None,
            rule: Boundary::new(true),
            split: Vec::new(),
            split_whole: false,
            ended_split: Vec::new(),
        }
    }

    /// The open record has ended: its splits are kept for its parse.
    fn end_record(&mut self) {
        std::mem::swap(&mut self.split, &mut self.ended_split);
    }

    /// A record starts with a line split as `split` (`None`: not whole in
    /// one chunk).
    fn start_record(&mut self, split: Option<FieldSpans>) {
        self.split.clear();
        self.split_whole = true;
        self.take_split(split);
    }

    /// The open record goes on with a line split as `split`.
    fn take_split(&mut self, split: Option<FieldSpans>) {
        match split {
            Some(spans) if self.split_whole && self.split.len() < MAX_SPLIT_LINES => {
                self.split.push(spans);
            }
            _ => self.split_whole = false,
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
        // Where the next line starts in this chunk.
        let mut at = 0;
        if self.line_len > 0 {
            // The line began in an earlier chunk: find its end, and take its
            // class from its head.
            let Some(newline) = memchr::memchr(b'\n', chunk) else {
                self.head.feed(chunk);
                self.line_len += chunk.len();
                return Scanned::More { keep, line_at: 0 };
            };
            self.head.feed(part(chunk, 0..newline));
            self.line_len += newline + 1;
            let class = std::mem::take(&mut self.head).class();
            at = newline + 1;
            if let Some(end) = self.end_line(class, None, None, at, &mut keep, limit, buf) {
                return Scanned::Ended(end);
            }
        }
        // Lines that start in this chunk, each read by the grammar.
        while let Some(rest) = chunk.get(at..).filter(|rest| !rest.is_empty()) {
            let Ok((after, (class, field))) = classified_line(rest) else {
                debug_assert!(false, "a non-empty input holds a line");
                break;
            };
            let len = rest.len() - after.len();
            if !part(rest, 0..len).ends_with(b"\n") {
                // The line runs past the chunk (its end, or its `\r\n`, is
                // in a later one): classify it from its head at its end.
                self.head.feed(rest);
                self.line_len = rest.len();
                return Scanned::More { keep, line_at: at };
            }
            self.line_len = len;
            let split = field.map(|field| field.spans(len));
            if let Some(end) =
                self.end_line(class, split, Some(at), at + len, &mut keep, limit, buf)
            {
                return Scanned::Ended(end);
            }
            at += len;
        }
        Scanned::More {
            keep,
            line_at: chunk.len(),
        }
    }

    /// Ends the scan at the end of the input: the last line, if it has no
    /// line ending, then the record.
    fn finish(&mut self, limit: usize, buf: &mut Vec<u8>) -> Option<Ending> {
        if self.line_len > 0 {
            let class = std::mem::take(&mut self.head).class();
            if let Some(end) = self.end_line(class, None, None, 0, &mut 0, limit, buf) {
                return Some(end);
            }
        }
        self.end_record();
        self.record.take().map(|record| Ending {
            record,
            keep: 0,
            end: 0,
            consume: 0,
            carried: false,
        })
    }

    /// Ends the line being scanned, of class `class` (a field line split as
    /// `split` when it lay whole in the chunk), which ends at `pos` of the
    /// chunk and starts at `line_at` (`None`: in an earlier chunk). Moves
    /// `keep` past bytes no longer needed.
    #[allow(clippy::too_many_arguments)]
    fn end_line(
        &mut self,
        class: LineClass,
        split: Option<FieldSpans>,
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
        };
        self.line_dropped = false;
        self.line += 1;
        self.line_start += self.line_len;
        self.line_len = 0;
        let step = self.rule.step(class);
        let Some(mut record) = self.record else {
            debug_assert!(step != Step::Continues, "a line continued no record");
            if step == Step::Blank || line.len > limit {
                // A blank line between records, or the first line of a
                // record over the limit: not needed.
                buf.clear();
                *keep = pos;
            }
            if step != Step::Blank {
                self.record = Some(line);
                self.start_record(split);
            }
            return None;
        };
        match step {
            Step::Blank => {
                buf.truncate(record.kept(limit));
                self.record = None;
                self.end_record();
                Some(Ending {
                    record,
                    keep: *keep,
                    end: line_at.unwrap_or(0),
                    consume: pos,
                    carried: false,
                })
            }
            // A glued `简介` line starts the next record.
            Step::Starts => match line_at {
                // It started in this chunk: leave it in the source and scan
                // it again next time (the rule takes it as a start again).
                Some(at) => {
                    self.line = line.line;
                    self.line_start = line.start;
                    self.record = None;
                    self.end_record();
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
                    self.end_record();
                    self.start_record(split);
                    Some(Ending {
                        record,
                        keep: 0,
                        end: 0,
                        consume: pos,
                        carried: true,
                    })
                }
            },
            Step::Continues => {
                record.len = record.len.saturating_add(line.len);
                self.record = Some(record);
                self.take_split(split);
                if record.len > limit {
                    buf.clear();
                    *keep = pos;
                }
                None
            }
        }
    }
}

/// The head of a line that runs past the end of a chunk: what its class
/// depends on, whatever the line's length (a line over the size limit is
/// not stored, and its head is all that is kept of it).
///
/// Leading whitespace is dropped with the grammar's `{ ws }` leaf
/// ([`leading_ws_len`]) as the head
/// fills, so a megabyte of it costs no memory; after it, [`CLASS_BYTES`]
/// bytes decide the class ([`class_of_head`] says why), and the head keeps
/// no more. A whitespace character cut by a chunk's end stays until its
/// last byte comes.
#[derive(Debug, Default)]
struct LineHead {
    bytes: [u8; CLASS_BYTES],
    len: usize,
}

impl LineHead {
    /// Takes the next bytes of the line (without its `\n`).
    fn feed(&mut self, mut piece: &[u8]) {
        loop {
            if self.len == 0 {
                // Nothing kept yet: skip the whitespace in place.
                piece = part(piece, leading_ws_len(piece)..piece.len());
            }
            let room = CLASS_BYTES - self.len;
            let n = room.min(piece.len());
            if n == 0 {
                return;
            }
            let (Some(dst), Some(src)) =
                (self.bytes.get_mut(self.len..self.len + n), piece.get(..n))
            else {
                debug_assert!(false, "{n} bytes do not fit the head");
                return;
            };
            dst.copy_from_slice(src);
            self.len += n;
            piece = part(piece, n..piece.len());
            let lead = leading_ws_len(self.kept());
            if lead == 0 {
                // Full, or waiting for more of the line.
                continue;
            }
            self.bytes.copy_within(lead..self.len, 0);
            self.len -= lead;
        }
    }

    fn kept(&self) -> &[u8] {
        part(&self.bytes, 0..self.len)
    }

    /// The class of the line whose bytes were fed.
    fn class(&self) -> LineClass {
        class_of_head(self.kept())
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
        assert_eq!(head.kept(), [0xe3, 0x80]);
        head.feed(&[0x80]);
        assert_eq!(head.len, 0);
        head.feed("简介\u{3000}".as_bytes());
        head.feed(&[b'x'; 1000]);
        assert_eq!(head.kept(), "简介\u{3000}".as_bytes());
        assert_eq!(head.class(), LineClass::Summary);
    }
}
