//! The streaming reader of `medical.json`: one object in memory at a time.

use std::io::BufRead;
use std::iter::FusedIterator;

use super::frame::{Frame, Step, Top};
use super::invalid;
use super::object::{position_in, read_object};
use crate::model::error::{Diagnostic, Error, ErrorKind, Position};
use crate::model::record::Parsed;
use crate::parse::{too_large, ParseOptions};
use crate::scan::BOM;

/// Iterator over the records of a `medical.json` byte stream, each owned.
///
/// ```
/// use std::io::BufReader;
///
/// let input = "[\n  {\"desc\": \"甲\"},\n  {\"desc\": \"乙\", \"yibao_status\": \"是\"}\n]\n";
/// let reader = jibing::medical::Reader::new(BufReader::new(input.as_bytes()));
/// let records: Vec<_> = reader.collect::<Result<_, _>>()?;
/// assert_eq!(records[1].record.insurance, Some(true));
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// It holds at most one object (one over
/// [`ParseOptions::max_record_size`] is skipped, not stored). After a fault
/// inside an object reading goes on with the next one; an I/O error ends
/// the iteration.
#[derive(Debug)]
pub struct Reader<R> {
    src: R,
    options: ParseOptions,
    top: Top,
    /// The position of the next byte of `src`.
    at: Position,
    /// Where the object last read starts.
    last: Position,
    buf: Vec<u8>,
    started: bool,
    /// Skipping to the next line after a fault between objects.
    skip_line: bool,
    done: bool,
}

impl<R: BufRead> Reader<R> {
    /// A strict reader.
    pub fn new(src: R) -> Self {
        Self::with_options(src, ParseOptions::new())
    }

    /// A reader with `options`.
    pub fn with_options(src: R, options: ParseOptions) -> Self {
        Reader {
            src,
            options,
            top: Top::Start,
            at: Position {
                line: 1,
                column: 1,
                offset: 0,
            },
            last: Position {
                line: 1,
                column: 1,
                offset: 0,
            },
            buf: Vec::new(),
            started: false,
            skip_line: false,
            done: false,
        }
    }

    /// Where the object last read starts (its `{`); the input's start
    /// before the first.
    ///
    /// ```
    /// let mut reader = jibing::medical::Reader::new("{}\n  {}\n".as_bytes());
    /// reader.nth(1);
    /// assert_eq!(reader.last_start().to_string(), "2:3");
    /// ```
    #[must_use]
    pub fn last_start(&self) -> Position {
        self.last
    }

    fn consume(&mut self, bytes: usize) {
        self.src.consume(bytes);
    }

    /// Moves to the next object's `{`: `Ok(None)` at the end of the input.
    fn find_object(&mut self) -> Result<Option<()>, Error> {
        loop {
            if !std::mem::replace(&mut self.started, true) {
                self.skip_bom()?;
            }
            let at = self.at;
            let chunk = self.src.fill_buf().map_err(|e| Error::io(e, at))?;
            if chunk.is_empty() {
                self.done = true;
                return match self.top.unfinished() {
                    Some(expected) => Err(invalid(expected, at)),
                    None => Ok(None),
                };
            }
            let mut used = 0;
            let mut found = Ok(None);
            for &byte in chunk {
                if self.skip_line {
                    self.skip_line = byte != b'\n';
                } else {
                    match self.top.step(byte) {
                        Step::Skip => {}
                        Step::Object => {
                            found = Ok(Some(()));
                            break;
                        }
                        Step::Fault(expected) => {
                            let position = position_in(&chunk[..used], self.at, used);
                            found = Err(invalid(expected, position));
                            self.skip_line = self.top.resumes();
                            self.done = !self.skip_line;
                            used += 1;
                            break;
                        }
                    }
                }
                used += 1;
            }
            self.at = position_in(&chunk[..used], self.at, used);
            self.consume(used);
            if !matches!(found, Ok(None)) {
                return found;
            }
        }
    }

    /// Skips a leading BOM, a byte at a time so that any chunk size will
    /// do. Bytes that begin one and stop short are a fault at the start.
    fn skip_bom(&mut self) -> Result<(), Error> {
        let mut matched = 0;
        while let Some(&expected) = BOM.get(matched) {
            let chunk = self.src.fill_buf().map_err(|e| Error::io(e, self.at))?;
            if chunk.first() != Some(&expected) {
                break;
            }
            self.consume(1);
            matched += 1;
        }
        self.at.offset = matched;
        if matched == 0 || matched == BOM.len() {
            return Ok(());
        }
        self.skip_line = true;
        let start = Position {
            offset: 0,
            ..self.at
        };
        Err(invalid("'{' or '['", start))
    }

    /// Copies the object at the source's next byte into `buf`: whether it
    /// fits the size limit.
    fn take_object(&mut self) -> Result<bool, Error> {
        self.buf.clear();
        let limit = self.options.max_record_size();
        let (mut frame, mut fits) = (Frame::default(), true);
        loop {
            let at = self.at;
            let chunk = self.src.fill_buf().map_err(|e| Error::io(e, at))?;
            if chunk.is_empty() {
                // Cut short: nothing can follow.
                self.done = true;
                return Ok(fits);
            }
            let end = frame.scan(chunk);
            let part = &chunk[..end.unwrap_or(chunk.len())];
            fits = fits && self.buf.len() + part.len() <= limit;
            if fits {
                self.buf.extend_from_slice(part);
            }
            self.at = position_in(part, self.at, part.len());
            let used = part.len();
            self.consume(used);
            if end.is_some() {
                return Ok(fits);
            }
        }
    }

    /// The next object, read.
    fn object(&mut self) -> Result<Parsed<'static>, Error> {
        let origin = self.at;
        self.last = origin;
        if !self.take_object()? {
            return Err(too_large(self.options.max_record_size(), origin));
        }
        let text = std::str::from_utf8(&self.buf).map_err(|e| {
            let position = position_in(&self.buf, origin, e.valid_up_to());
            Error::from(Diagnostic::new(ErrorKind::InvalidUtf8, position, None))
        })?;
        read_object(text, 0, origin, &self.options).map(|object| object.parsed.into_owned())
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Parsed<'static>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let read = self.find_object().and_then(|found| match found {
            Some(()) => self.object().map(Some),
            None => Ok(None),
        });
        match read {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(parsed)) => Some(Ok(parsed)),
            Err(error) => {
                self.done |= error.is_io();
                Some(Err(error))
            }
        }
    }
}

impl<R: BufRead> FusedIterator for Reader<R> {}
