//! Input encodings: GBK/GB18030 bytes decoded to text, whole or as a
//! stream, with the places of undecodable bytes kept for their diagnostics
//! ([encodings](crate::format#encodings)).

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::sync::OnceLock;

use encoding_rs::{DecoderResult, GB18030};

use crate::grammar::line::BOM;
use crate::model::error::{Diagnostic, Error, ErrorKind, Position};
use crate::model::record::Parsed;

/// The encoding of the input bytes, chosen with
/// [`ParseOptions::with_encoding`](crate::ParseOptions::with_encoding).
///
/// ```
/// use jibing::{Encoding, ParseOptions};
/// let gbk = b"\xbc\xf2\xbd\xe9 \xc4\xb3\xb2\xa1\n"; // 简介 某病, in GBK
/// let options = ParseOptions::new().with_encoding(Encoding::Gb18030);
/// let parsed = options.parse_slice(gbk)?;
/// assert_eq!(parsed.record.summary.as_deref(), Some("某病"));
///
/// // `Auto` takes UTF-8 when the bytes are UTF-8, else GB18030 when they
/// // decode without an error.
/// let auto = ParseOptions::new().with_encoding(Encoding::Auto);
/// assert_eq!(auto.parse_slice(gbk)?.record.summary.as_deref(), Some("某病"));
/// assert_eq!(auto.parse_slice("简介 某病\n".as_bytes())?.record.summary.as_deref(), Some("某病"));
/// # Ok::<(), jibing::Error>(())
/// ```
///
/// May gain encodings in a minor release: match it with a `_` arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, read as it is (no decoding, no copy).
    #[default]
    Utf8,
    /// GB18030, the superset of GBK (code page 936) and GB2312, decoded to
    /// UTF-8.
    Gb18030,
    /// UTF-8 when the bytes are UTF-8 or open with a UTF-8 BOM; else
    /// GB18030 when they decode without a single error; else UTF-8, whose
    /// error is reported. The streaming reader decides on its first 64 KiB.
    Auto,
}

/// How many bytes [`Encoding::Auto`] looks at in a stream.
const SNIFF_LEN: usize = 64 << 10;

/// How many input bytes a stream decodes at a time.
const CHUNK: usize = 64 << 10;

/// The UTF-8 of U+FFFD, which stands for undecodable bytes.
const REPLACEMENT: &[u8] = "\u{fffd}".as_bytes();

/// Whether `bytes` are GB18030 without a single undecodable sequence (a
/// sequence cut short by the end counts as decodable when `partial`).
pub(crate) fn is_clean_gb18030(bytes: &[u8], partial: bool) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = [0u8; 4096];
    let mut rest = bytes;
    loop {
        let (result, read, _) =
            decoder.decode_to_utf8_without_replacement(rest, &mut out, !partial);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return true,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => return false,
        }
    }
}

/// Whether UTF-8 applies to `bytes` under `encoding`; for `Auto`, they are
/// the `whole` input or its start (a character cut short by their end is
/// then forgiven).
fn utf8_applies(bytes: &[u8], encoding: Encoding, whole: bool) -> bool {
    match encoding {
        Encoding::Utf8 => true,
        Encoding::Gb18030 => false,
        Encoding::Auto => {
            let utf8 = match std::str::from_utf8(bytes) {
                Ok(_) => true,
                Err(e) => !whole && e.error_len().is_none(),
            };
            utf8 || bytes.starts_with(BOM) || !is_clean_gb18030(bytes, !whole)
        }
    }
}

/// Text decoded from GB18030 and the offsets in it of the U+FFFD that
/// stand for undecodable bytes.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub malformed: Vec<usize>,
}

/// `input` decoded, or `None` when it is to be read as UTF-8.
pub(crate) fn decode_slice(input: &[u8], encoding: Encoding) -> Option<Decoded> {
    if utf8_applies(input, encoding, true) {
        return None;
    }
    let mut stream = StreamDecoder::new(Vec::new());
    let mut text = Vec::with_capacity(input.len() + input.len() / 2);
    let mut source = input;
    loop {
        let chunk = stream.fill(&mut source).unwrap_or_default();
        if chunk.is_empty() {
            break;
        }
        text.extend_from_slice(chunk);
        let n = chunk.len();
        stream.consume(n);
    }
    let malformed = stream.malformed.into_iter().collect();
    // The decoder writes UTF-8 only; the fallback never runs.
    let text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Some(Decoded { text, malformed })
}

/// The fault of the undecodable bytes at byte `at` of `text`, which starts
/// line `line` at byte `offset` of the decoded input.
pub(crate) fn malformed_at(text: &str, line: usize, offset: usize, at: usize) -> Diagnostic {
    let before = text.get(..at - offset).unwrap_or_default();
    let in_line = before
        .rfind('\n')
        .map_or(before, |i| before.get(i + 1..).unwrap_or_default());
    let in_line = if line == 1 && in_line.len() == before.len() {
        in_line.strip_prefix('\u{feff}').unwrap_or(in_line)
    } else {
        in_line
    };
    let position = Position {
        line: line + memchr::memchr_iter(b'\n', before.as_bytes()).count(),
        column: in_line.chars().count() + 1,
        offset: at,
    };
    Diagnostic::new(ErrorKind::InvalidGb18030, position, None)
}

/// A GB18030 decoder over a [`BufRead`], serving UTF-8 from its own buffer
/// as a `BufRead` does, and keeping where undecodable bytes were.
pub(crate) struct StreamDecoder {
    decoder: encoding_rs::Decoder,
    /// Raw bytes read ahead (by [`Encoding::Auto`]) to decode first.
    prefix: Vec<u8>,
    /// Decoded bytes: `out[pos..end]` are still to be read.
    out: Vec<u8>,
    pos: usize,
    end: usize,
    /// The offset in the decoded stream of `out[0]`.
    base: usize,
    /// Offsets of the U+FFFD that stand for undecodable bytes, not yet taken.
    malformed: VecDeque<usize>,
    /// Whether the decoder may hold part of a character: `encoding_rs`
    /// decodes up to the next line end.
    slow: bool,
    ended: bool,
    #[cfg(test)]
    peak: usize,
}

impl std::fmt::Debug for StreamDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamDecoder")
            .field("encoding", &self.decoder.encoding())
            .field("base", &self.base)
            .field("malformed", &self.malformed)
            .finish_non_exhaustive()
    }
}

impl StreamDecoder {
    /// A decoder that decodes `prefix` before reading its source.
    pub(crate) fn new(prefix: Vec<u8>) -> Self {
        StreamDecoder {
            decoder: GB18030.new_decoder_without_bom_handling(),
            prefix,
            out: Vec::new(),
            pos: 0,
            end: 0,
            base: 0,
            malformed: VecDeque::new(),
            slow: false,
            ended: false,
            #[cfg(test)]
            peak: 0,
        }
    }

    /// The decoded bytes not yet consumed; empty only at the end.
    pub(crate) fn fill<R: BufRead>(&mut self, inner: &mut R) -> io::Result<&[u8]> {
        while self.pos == self.end && !self.ended {
            self.decode_some(inner)?;
        }
        Ok(self.out.get(self.pos..self.end).unwrap_or_default())
    }

    /// Decodes the next piece of the input into `out`, which is all read:
    /// ASCII and two-byte characters by [`fast`] while the decoder holds
    /// nothing, the rest of the line by `encoding_rs`.
    fn decode_some<R: BufRead>(&mut self, inner: &mut R) -> io::Result<()> {
        self.base += self.end;
        (self.pos, self.end) = (0, 0);
        let mut prefix = std::mem::take(&mut self.prefix);
        let from_prefix = !prefix.is_empty();
        let src = if from_prefix {
            &prefix[..]
        } else {
            inner.fill_buf()?
        };
        let last = src.is_empty();
        let src = src.get(..CHUNK).unwrap_or(src);
        let needed = self
            .decoder
            .max_utf8_buffer_length_without_replacement(src.len())
            .unwrap_or(4 * src.len())
            + 2 * REPLACEMENT.len();
        if self.out.len() < needed {
            self.out.resize(needed, 0);
        }
        let (mut read, mut written) = (0, 0);
        loop {
            if !self.slow {
                let out = self.out.get_mut(written..).unwrap_or_default();
                let (r, w) = fast(src.get(read..).unwrap_or_default(), out);
                (read, written) = (read + r, written + w);
            }
            let rest = src.get(read..).unwrap_or_default();
            if rest.is_empty() && !last || !self.by_decoder(rest, (&mut read, &mut written), last) {
                break;
            }
        }
        self.end = written;
        if from_prefix {
            prefix.drain(..read);
            self.prefix = prefix;
        } else {
            inner.consume(read);
        }
        Ok(())
    }

    /// Decodes a four-byte character at the start of `rest` with
    /// `encoding_rs`, or else the rest of its line (a line end is never part
    /// of a character), adding to `read` and `written`: whether the decoder
    /// holds nothing after, so that [`fast`] may go on.
    fn by_decoder(
        &mut self,
        rest: &[u8],
        (read, written): (&mut usize, &mut usize),
        last: bool,
    ) -> bool {
        let four = !self.slow
            && matches!(
                rest,
                [0x81..=0xfe, 0x30..=0x39, 0x81..=0xfe, 0x30..=0x39, ..]
            );
        let len = match four {
            true => 4,
            false => memchr::memchr(b'\n', rest).map_or(rest.len(), |at| at + 1),
        };
        let piece = rest.get(..len).unwrap_or_default();
        let room = self.out.len() - REPLACEMENT.len();
        let out = self.out.get_mut(*written..room).unwrap_or_default();
        let (result, n, w) = self
            .decoder
            .decode_to_utf8_without_replacement(piece, out, last);
        (*read, *written) = (*read + n, *written + w);
        let clean = matches!(result, DecoderResult::InputEmpty) && (four || piece.ends_with(b"\n"));
        self.slow = !clean;
        match result {
            DecoderResult::InputEmpty => self.ended = last,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(..) => {
                self.malformed.push_back(self.base + *written);
                #[cfg(test)]
                {
                    self.peak = self.peak.max(self.malformed.len());
                }
                if let Some(slot) = self.out.get_mut(*written..*written + REPLACEMENT.len()) {
                    slot.copy_from_slice(REPLACEMENT);
                    *written += REPLACEMENT.len();
                }
            }
        }
        clean && !last
    }

    /// The most places of undecodable bytes kept at once.
    #[cfg(test)]
    pub(crate) fn peak(&self) -> usize {
        self.peak
    }

    /// Marks `n` decoded bytes as read.
    pub(crate) fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }

    /// The offsets of undecodable bytes in `start..end` of the decoded
    /// stream; those before `end` are forgotten.
    pub(crate) fn take_malformed(&mut self, start: usize, end: usize) -> Vec<usize> {
        let mut taken = Vec::new();
        while let Some(&at) = self.malformed.front().filter(|&&at| at < end) {
            self.malformed.pop_front();
            if at >= start {
                taken.push(at);
            }
        }
        taken
    }
}

/// How to read a stream under `encoding`: a decoder, or `Err` with the
/// bytes read to decide (by `Auto`), to be read as UTF-8.
///
/// # Errors
///
/// The bytes read ahead, when the stream is UTF-8.
pub(crate) fn choose<R: BufRead>(
    inner: &mut R,
    encoding: Encoding,
) -> io::Result<Result<StreamDecoder, Vec<u8>>> {
    let mut head = Vec::new();
    if encoding == Encoding::Auto {
        while head.len() < SNIFF_LEN {
            let chunk = inner.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(SNIFF_LEN - head.len());
            head.extend_from_slice(chunk.get(..take).unwrap_or_default());
            inner.consume(take);
        }
    }
    let whole = head.len() < SNIFF_LEN;
    Ok(match utf8_applies(&head, encoding, whole) {
        true => Err(head),
        false => Ok(StreamDecoder::new(head)),
    })
}

/// The UTF-8 of the characters of GB18030's two-byte sequences (GBK), by
/// the pair's bytes as a big-endian number less 0x8000: up to three bytes,
/// then their count, little-endian; 0 for a pair that is not one character.
fn pairs() -> &'static [u32] {
    static PAIRS: OnceLock<Box<[u32]>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut table = vec![0; 0x8000];
        for lead in 0x81..=0xfe_u8 {
            for trail in (0x40..=0x7e_u8).chain(0x80..=0xfe) {
                let pair = [lead, trail];
                let text = GB18030.decode_without_bom_handling_and_without_replacement(&pair);
                let text = text.as_deref().unwrap_or_default();
                let mut utf8 = [0; 4];
                if text.chars().count() == 1 && text.len() <= 3 {
                    utf8.get_mut(..text.len())
                        .unwrap_or_default()
                        .copy_from_slice(text.as_bytes());
                    utf8[3] = text.len() as u8;
                }
                if let Some(slot) = table.get_mut(usize::from(u16::from_be_bytes(pair)) - 0x8000) {
                    *slot = u32::from_le_bytes(utf8);
                }
            }
        }
        table.into_boxed_slice()
    })
}

/// Decodes the ASCII and two-byte characters at the start of `src` into
/// `out`, up to anything else or a character cut short: the bytes read and
/// written.
fn fast(src: &[u8], out: &mut [u8]) -> (usize, usize) {
    let table = pairs();
    let (mut read, mut written) = (0, 0);
    while let (Some(&lead), Some(slot)) = (
        src.get(read),
        out.get_mut(written..)
            .and_then(<[u8]>::first_chunk_mut::<4>),
    ) {
        if lead < 0x80 {
            slot[0] = lead;
            (read, written) = (read + 1, written + 1);
            continue;
        }
        let Some(&trail) = src.get(read + 1) else {
            break;
        };
        let at = usize::from(u16::from_be_bytes([lead, trail])) - 0x8000;
        let utf8 = table.get(at).copied().unwrap_or(0);
        if utf8 == 0 {
            break;
        }
        *slot = utf8.to_le_bytes();
        (read, written) = (read + 2, written + (utf8 >> 24) as usize);
    }
    (read, written)
}

/// `parse`'s record, whose decoded `text` starts line `line` at byte
/// `offset` and holds U+FFFD at the offsets `malformed`: strict, the first
/// is an error before anything else; lenient, each is a warning among the
/// record's, in order.
///
/// # Errors
///
/// The first undecodable sequence (strict), then those of `parse`.
pub(crate) fn report_malformed<'a>(
    (text, line, offset): (&str, usize, usize),
    malformed: &[usize],
    strict: bool,
    parse: impl FnOnce() -> Result<Parsed<'a>, Error>,
) -> Result<Parsed<'a>, Error> {
    let mut faults = malformed
        .iter()
        .map(|&at| malformed_at(text, line, offset, at));
    if strict {
        if let Some(first) = faults.next() {
            return Err(first.into());
        }
    }
    let mut parsed = parse()?;
    for fault in faults {
        let at = fault.position.offset;
        let index = parsed.warnings.partition_point(|w| w.position.offset <= at);
        parsed.warnings.insert(index, fault);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `decode_slice` against `encoding_rs`'s one-shot decode, with
    /// replacement: the same text, a U+FFFD at each malformed offset.
    fn check(bytes: &[u8]) {
        let (want, _) = GB18030.decode_without_bom_handling(bytes);
        let got = decode_slice(bytes, Encoding::Gb18030).expect("decoded");
        assert_eq!(got.text, want, "{bytes:x?}");
        let replaced = want.match_indices('\u{fffd}').count();
        assert!(got.malformed.len() <= replaced);
        for at in &got.malformed {
            assert!(got.text[*at..].starts_with('\u{fffd}'));
        }
    }

    #[test]
    fn every_pair_decodes_as_encoding_rs_does() {
        let mut all = Vec::new();
        for lead in 0x80..=0xff_u8 {
            for trail in 0x00..=0xff_u8 {
                all.extend_from_slice(&[lead, trail, b'a']);
                check(&[lead, trail]);
            }
        }
        check(&all);
    }

    #[test]
    fn random_bytes_decode_as_encoding_rs_does() {
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Mostly lead and trail bytes, some line ends.
                    [0x81, 0x30, 0x39, 0xfe, 0x40, b'\n', (x >> 8) as u8, 0xa1][(x % 8) as usize]
                })
                .collect();
            check(&bytes);
        }
    }
}
