//! The streaming reader: records from any [`BufRead`], one at a time.
//!
//! Record ends are found in the bytes of the source's own buffer
//! (`fill_buf`) by the grammar's one boundary rule ([`scan`]); a record
//! that lies in one chunk is then parsed where it is, one that runs past
//! its end is copied into the reader's buffer first. Either way its bytes
//! go to the same parser as [`Records`](crate::Records)'.

mod scan;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::iter::FusedIterator;
use std::path::Path;
use std::sync::Arc;

use self::scan::{last, At, Ended, Kept, Scan};
#[cfg(feature = "encoding")]
use crate::encoding::StreamDecoder;
use crate::grammar::line::{bom_len, BOM};
use crate::grammar::record::RecordText;
use crate::model::error::{Error, Position};
use crate::model::record::Parsed;
use crate::owned::OwnedRecord;
use crate::parse::{parse_record, too_large, utf8_text, ParseOptions};

/// Iterator over the records of a byte stream, each parsed and owned
/// ([`OwnedRecord`]).
///
/// ```
/// use jibing::ParseOptions;
/// let input = "简介 甲病\n\n简介 乙病\n医保疾病 是\n";
/// let mut reader = ParseOptions::new().reader(input.as_bytes());
/// let first = reader.next().expect("a record")?;
/// assert_eq!(first.get().summary.as_deref(), Some("甲病"));
/// let second = reader.next().expect("a record")?;
/// assert_eq!(second.get().insurance, Some(true));
/// assert!(reader.next().is_none());
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// A record that is not UTF-8 or too large is an error and reading goes
/// on; an I/O error ends the iteration for good ([`FusedIterator`]). As an
/// [`Iterator`] it yields [`OwnedRecord`]s, each a copy of its text;
/// [`read_record`](Reader::read_record) lends them without that copy. Either way it holds at most one record in
/// memory (one over [`ParseOptions::max_record_size`] is skipped, not
/// stored).
///
#[derive(Debug)]
pub struct Reader<R> {
    src: Source<R>,
    options: ParseOptions,
    /// Bytes taken from the source that are still needed.
    buf: Kept,
    /// Bytes of the input consumed from the source (a BOM included).
    consumed: usize,
    scan: Scan,
    /// The end of the record lent out of `buf`, dropped on the next call.
    lent_buf: usize,
    /// Bytes of the source's buffer to consume on the next call.
    lent_src: usize,
    started: bool,
    done: bool,
}

/// The capacity of the [`BufReader`] of [`Reader::from_read`] and
/// [`Reader::from_path`].
const BUFFER_CAPACITY: usize = 256 << 10;

impl ParseOptions {
    /// A streaming [`Reader`] over `reader` with these options.
    ///
    /// ```
    /// use jibing::ParseOptions;
    /// let input = "简介 甲病\n别名 某某\n";
    /// let mut reader = ParseOptions::new().lenient().reader(input.as_bytes());
    /// let parsed = reader.next().unwrap()?;
    /// assert_eq!(parsed.get().extra[0].label, "别名");
    /// # Ok::<(), jibing::Error>(())
    /// ```
    #[must_use = "a reader does nothing until records are read from it"]
    pub fn reader<R: BufRead>(&self, reader: R) -> Reader<R> {
        Reader::with_options(reader, *self)
    }

    /// A streaming [`Reader`] with these options over `read`, wrapped in a
    /// [`BufReader`] of 256 KiB (see [`Reader::from_read`]).
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
    /// assert_eq!(parsed.warnings()[0].to_string(), "2:6: '医保疾病' must be 是 or 否, found '也许'");
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
    /// A strict reader over `read`, wrapped in a [`BufReader`] of 256 KiB.
    ///
    /// ```
    /// use jibing::Reader;
    /// let source = std::io::Cursor::new("简介 甲病\n\n简介 乙病\n".as_bytes());
    /// let summaries: Vec<_> = Reader::from_read(source)
    ///     .map(|parsed| parsed.map(|p| p.into_record().summary))
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
    /// Opens the file at `path` for a strict reader, through a
    /// [`BufReader`] of 256 KiB.
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
    /// reading it come later, from the reader, as [`ErrorKind::Io`](crate::ErrorKind::Io).
    pub fn from_path<P: AsRef<Path>>(path: P) -> io::Result<Self> {
        ParseOptions::new().reader_from_path(path)
    }
}

impl<R: BufRead> Reader<R> {
    /// A strict reader over `reader`, read as it is.
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
                #[cfg(feature = "encoding")]
                decoder: None,
            },
            options,
            buf: Kept::default(),
            consumed: 0,
            scan: Scan::new(0),
            lent_buf: 0,
            lent_src: 0,
            started: false,
            done: false,
        }
    }

    /// The source, whose buffer may still hold the record lent out last.
    #[must_use]
    pub fn get_ref(&self) -> &R {
        &self.src.inner
    }

    /// The source, at [`position`](Self::position) (as for
    /// [`into_inner`](Self::into_inner)); bytes read from it are skipped by
    /// the reader, and not counted in its positions.
    pub fn get_mut(&mut self) -> &mut R {
        self.settle();
        &mut self.src.inner
    }

    /// The source, at [`position`](Self::position); the reader's own buffer
    /// is dropped. It holds a record's first line only when records glued
    /// by a second `简介` met at the end of a chunk of the source; the
    /// source is then just past that line.
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

    /// Where the next record's text begins: just past the last record
    /// returned and the blank line that ended it (blank lines after that
    /// are not read yet). Offsets count a BOM once it was read.
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
        self.scan.record.unwrap_or(self.scan.line).position()
    }

    /// Drops the record lent out last and consumes its bytes from the
    /// source.
    fn settle(&mut self) {
        self.buf.drop_before(std::mem::take(&mut self.lent_buf));
        let lent = std::mem::take(&mut self.lent_src);
        self.consume(lent);
    }

    /// Consumes `n` bytes of the source's current chunk.
    fn consume(&mut self, n: usize) {
        self.src.consume(n);
        self.consumed += n;
    }

    /// Skips a leading [`bom`](crate::grammar::line::bom) before the first
    /// read; anything else read while looking is put back.
    fn start(&mut self) -> io::Result<()> {
        if std::mem::replace(&mut self.started, true) {
            return Ok(());
        }
        #[cfg(feature = "encoding")]
        self.src.choose_encoding(self.options)?;
        let mut head = Vec::with_capacity(BOM.len());
        // A byte at a time while it may continue a BOM, so that a source
        // that opens with no BOM is left as it is.
        while head.len() < BOM.len() {
            let chunk = self.src.fill_buf()?;
            let Some(&byte) = chunk.first() else { break };
            if BOM.get(head.len()) != Some(&byte) {
                break;
            }
            head.push(byte);
            self.src.consume(1);
        }
        match bom_len(&head) {
            0 => self.src.head.splice(0..0, head).for_each(drop),
            len => {
                self.consumed = len;
                self.scan = Scan::new(len);
            }
        }
        Ok(())
    }

    /// Drops the bytes of `buf` that are no longer needed.
    fn trim(&mut self) {
        let needed = self.scan.keep_from(self.options.max_record_size());
        self.buf.drop_before(needed);
        self.src.malformed(needed, needed);
    }

    /// Reads the source up to the end of the next record: where the record
    /// is, `None` at the end of the input.
    fn find_record(&mut self) -> io::Result<Option<(Ended, Place)>> {
        let limit = self.options.max_record_size();
        loop {
            self.trim();
            let chunk = self.src.fill_buf()?;
            let base = self.consumed;
            if chunk.is_empty() {
                return Ok(self.at_end());
            }
            if self.scan.line.offset < base {
                // The line began in an earlier chunk.
                let newline = memchr::memchr(b'\n', chunk);
                let part = chunk.split_at(newline.map_or(chunk.len(), |at| at + 1)).0;
                self.scan.take(part, &mut self.buf, limit);
                let n = part.len();
                self.consume(n);
                if let Some(ended) = newline.and_then(|_| self.scan.end_taken(&self.buf)) {
                    return Ok(Some((ended, Place::Buf)));
                }
                continue;
            }
            let ended = match self.scan.lines(chunk, base) {
                Ok(ended) => ended,
                Err(line) => {
                    // The chunk ends inside a line: keep what is needed.
                    let (before, line) = chunk.split_at(chunk.len() - line.len());
                    let at = self.scan.line.offset;
                    let needed = last(before, at - self.scan.keep_from(limit).min(at));
                    self.buf.push(needed, at - needed.len());
                    self.scan.take(line, &mut self.buf, limit);
                    let n = chunk.len();
                    self.consume(n);
                    continue;
                }
            };
            self.lent_src = ended.resume - base;
            self.scan.rewind(base);
            if ended.start.offset >= base || ended.len() > limit {
                return Ok(Some((ended, Place::Source(base))));
            }
            // The record began in an earlier chunk: its rest follows it.
            let rest = chunk.split_at(ended.end - base).0;
            self.buf.push(rest, base);
            return Ok(Some((ended, Place::Buf)));
        }
    }

    /// At the end of the input: the last line, if it has no line ending,
    /// then the open record.
    fn at_end(&mut self) -> Option<(Ended, Place)> {
        if self.scan.taken > 0 {
            if let Some(ended) = self.scan.end_taken(&self.buf) {
                return Some((ended, Place::Buf));
            }
        }
        let start = self.scan.record.take()?;
        let end = self.scan.line.offset;
        let resume = end;
        Some((Ended { start, end, resume }, Place::Buf))
    }

    /// The next record, borrowing the source's buffer or the reader's until
    /// the next call: the [`Iterator`] without its copy of the text.
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
    /// ([`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8), at the first bad byte) or over
    /// [`ParseOptions::max_record_size`] ([`ErrorKind::RecordTooLarge`](crate::ErrorKind::RecordTooLarge)),
    /// after which reading goes on with the next record; for a strict fault
    /// of the record, likewise; and for a failed read of the source
    /// ([`ErrorKind::Io`](crate::ErrorKind::Io), whose [`source`](std::error::Error::source) is
    /// the [`io::Error`]), after which every call returns `None`.
    pub fn read_record(&mut self) -> Option<Result<Parsed<'_>, Error>> {
        let options = self.options;
        let next = self.next_text()?;
        Some(next.and_then(|found| parse_bytes(found, options)))
    }

    /// The bytes of the next record, or its error.
    fn next_text(&mut self) -> Option<Result<RecordBytes<'_>, Error>> {
        self.settle();
        if self.done {
            return None;
        }
        let io_position = Self::position(self);
        let (ended, place) = match self.start().and_then(|()| self.find_record()) {
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
        let malformed = self.src.malformed(ended.start.offset, ended.end);
        let limit = self.options.max_record_size();
        if ended.len() > limit {
            return Some(Err(too_large(limit, ended.start.position())));
        }
        let bytes = match place {
            Place::Buf => {
                self.lent_buf = ended.end;
                Ok(self.buf.get(ended.start.offset..ended.end))
            }
            // `find_record` could not return the chunk it borrowed, so ask
            // for it again: without a `consume` in between, a `BufRead`
            // returns the same buffer, without reading.
            Place::Source(at) => self
                .src
                .fill_buf()
                .map(|chunk| ended.range(at).and_then(|range| chunk.get(range))),
        };
        let lost = || io::Error::other("BufRead::fill_buf lost bytes without a consume");
        match bytes.and_then(|bytes| bytes.ok_or_else(lost)) {
            Ok(bytes) => Some(Ok(RecordBytes {
                bytes,
                ended,
                malformed,
            })),
            Err(e) => {
                self.done = true;
                Some(Err(Error::io(e, io_position)))
            }
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<OwnedRecord, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let options = self.options;
        let next = self.next_text()?;
        Some(next.and_then(|found| owned_record(found, options)))
    }
}

/// `read_record` returns `None` only once `done` is set, and `done` is never
/// cleared: at the end of the input, and after an I/O error.
impl<R: BufRead> FusedIterator for Reader<R> {}

/// The bytes of a record the reader found.
struct RecordBytes<'a> {
    bytes: &'a [u8],
    /// Where they are.
    ended: Ended,
    /// Where the decoder replaced undecodable bytes in them.
    malformed: Vec<usize>,
}

impl<'a> RecordBytes<'a> {
    /// Its text, once the bytes are known to be UTF-8.
    fn text(&self) -> Result<&'a str, Error> {
        let At { line, offset } = self.ended.start;
        utf8_text(self.bytes, line, offset)
    }

    /// Parses `text`, these bytes as text (or a copy of them).
    fn parse<'t>(&self, text: &'t str, options: ParseOptions) -> Result<Parsed<'t>, Error> {
        parse_text(text, self.ended.start, options, &self.malformed)
    }
}

/// Parses a record's bytes after checking that they are UTF-8.
fn parse_bytes(found: RecordBytes<'_>, options: ParseOptions) -> Result<Parsed<'_>, Error> {
    found.parse(found.text()?, options)
}

/// A record's bytes, copied into its own text once they are known to be
/// UTF-8, then parsed as [`parse_bytes`] does.
fn owned_record(found: RecordBytes<'_>, options: ParseOptions) -> Result<OwnedRecord, Error> {
    let text = Arc::from(found.text()?);
    OwnedRecord::parse_with(text, found.ended.start.position(), |text| {
        found.parse(text, options)
    })
}

/// Parses `text`, the record that starts at `start`, with a fault at each
/// of the offsets `malformed`.
fn parse_text<'a>(
    text: &'a str,
    start: At,
    options: ParseOptions,
    malformed: &[usize],
) -> Result<Parsed<'a>, Error> {
    let At { line, offset } = start;
    let parse = || parse_record(RecordText::new(text, line, offset), options);
    #[cfg(feature = "encoding")]
    if !malformed.is_empty() {
        let strict = options.mode() == crate::Mode::Strict;
        return crate::encoding::report_malformed((text, line, offset), malformed, strict, parse);
    }
    debug_assert!(
        malformed.is_empty(),
        "only a decoder finds undecodable bytes"
    );
    parse()
}

/// Where a record's bytes are: in the source's current chunk, which is at
/// byte `.0` of the input, or in the reader's buffer.
#[derive(Debug, Clone, Copy)]
enum Place {
    Source(usize),
    Buf,
}

/// The input, decoded to UTF-8 when it is in another encoding, with the
/// bytes read while looking for a BOM put back in front.
#[derive(Debug)]
struct Source<R> {
    head: Vec<u8>,
    inner: R,
    #[cfg(feature = "encoding")]
    decoder: Option<Box<StreamDecoder>>,
}

impl<R: BufRead> Source<R> {
    /// Decodes the input from now on when the options' encoding says so
    /// (deciding on its first bytes for `Auto`).
    #[cfg(feature = "encoding")]
    fn choose_encoding(&mut self, options: ParseOptions) -> io::Result<()> {
        match crate::encoding::choose(&mut self.inner, options.encoding())? {
            Ok(decoder) => self.decoder = Some(Box::new(decoder)),
            Err(read) => self.head.splice(0..0, read).for_each(drop),
        }
        Ok(())
    }

    /// The input below `head`: decoded, or as it is.
    fn fill_below(&mut self) -> io::Result<&[u8]> {
        #[cfg(feature = "encoding")]
        if let Some(decoder) = self.decoder.as_deref_mut() {
            return decoder.fill(&mut self.inner);
        }
        self.inner.fill_buf()
    }

    /// Consumes `n` bytes of [`fill_below`](Self::fill_below)'s.
    fn consume_below(&mut self, n: usize) {
        #[cfg(feature = "encoding")]
        if let Some(decoder) = self.decoder.as_deref_mut() {
            return decoder.consume(n);
        }
        self.inner.consume(n);
    }

    /// The offsets of the undecodable bytes in `start..end` of the decoded
    /// input; those before `end` are forgotten (all of them for an empty
    /// range).
    fn malformed(&mut self, start: usize, end: usize) -> Vec<usize> {
        #[cfg(feature = "encoding")]
        if let Some(decoder) = self.decoder.as_deref_mut() {
            return decoder.take_malformed(start, end);
        }
        let _ = (start, end);
        Vec::new()
    }
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
            self.fill_below()
        } else {
            Ok(&self.head)
        }
    }

    fn consume(&mut self, amount: usize) {
        if self.head.is_empty() {
            self.consume_below(amount);
        } else {
            self.head.drain(..amount.min(self.head.len()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record over the limit, of a line over the limit (of leading
    /// whitespace, so only its head tells its class), is never stored.
    #[test]
    fn oversized_records_and_lines_are_not_stored() {
        let options = ParseOptions::new().with_max_record_size(64);
        for line in [
            "咳".repeat(100_000),
            format!("{}简介 乙", " ".repeat(300_000)),
        ] {
            let input = format!("简介 甲\n症状 发热\n{line}\n简介 丙\n");
            let mut reader = options.reader(BufReader::with_capacity(16, input.as_bytes()));
            let mut outcomes = Vec::new();
            while let Some(result) = reader.read_record() {
                outcomes.push(result.map(|p| p.record.summary.map(|s| s.into_owned())));
                assert!(reader.buf.capacity() <= 4 * 64, "{}", reader.buf.capacity());
            }
            let want = options
                .records(&input)
                .map(|r| r.map(|p| p.record.summary.map(|s| s.into_owned())));
            let want: Vec<_> = want.map(|r| r.map_err(|e| e.to_string())).collect();
            let got: Vec<_> = outcomes
                .into_iter()
                .map(|r| r.map_err(|e| e.to_string()))
                .collect();
            assert_eq!(got, want);
            assert!(got.iter().any(Result::is_err));
        }
    }

    /// The places of undecodable bytes in a record over the limit are not
    /// kept either.
    #[cfg(feature = "encoding")]
    #[test]
    fn undecodable_bytes_of_oversized_records_are_not_kept() {
        let options = ParseOptions::new()
            .with_max_record_size(64)
            .with_encoding(crate::Encoding::Gb18030);
        let input = [&b"\xbc\xf2\xbd\xe9 "[..], &b"\x81,".repeat(100_000), b"\n"].concat();
        let mut reader = options.reader(BufReader::with_capacity(16, &input[..]));
        let err = reader
            .read_record()
            .expect("a record")
            .expect_err("too large");
        assert_eq!(
            err.to_string(),
            "1:1: record is larger than the limit of 64 bytes"
        );
        assert!(reader.read_record().is_none());
        let peak = reader.src.decoder.as_ref().map_or(0, |d| d.peak());
        assert!((1..=64).contains(&peak), "{peak}");
    }
}
