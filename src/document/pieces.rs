//! The pieces of a document: one per record, each keeping its raw text,
//! with a Fenwick tree of their sizes.

use std::ops::Range;

use nom::combinator::recognize;
use nom::Parser;

use crate::grammar::line::{after_bom, line, str_at};
use crate::grammar::record::{Corpus, Entry, Lines};

/// Text of a piece: a range of the input, or text an edit wrote.
#[derive(Debug, Clone)]
pub(super) enum Span {
    /// `source[start..end]`, on char boundaries.
    Source { start: usize, end: usize },
    /// Written by an edit.
    Owned(String),
}

impl Default for Span {
    fn default() -> Self {
        Span::Source { start: 0, end: 0 }
    }
}

impl Span {
    pub(super) fn of(range: Range<usize>) -> Self {
        Span::Source {
            start: range.start,
            end: range.end,
        }
    }

    pub(super) fn get<'s>(&'s self, source: &'s str) -> &'s str {
        match self {
            Span::Source { start, end } => str_at(source, *start..*end),
            Span::Owned(text) => text,
        }
    }

    /// Appends `more`, copying a range of the input first.
    pub(super) fn push_str(&mut self, source: &str, more: &str) {
        let mut text = match std::mem::take(self) {
            Span::Owned(text) => text,
            Span::Source { start, end } => str_at(source, start..end).to_owned(),
        };
        text.push_str(more);
        *self = Span::Owned(text);
    }
}

/// One record and the blank lines after it; or, first of all, the BOM and
/// the blank lines before the first record.
#[derive(Debug, Clone, Default)]
pub(super) struct Piece {
    /// The record's lines, each with its line ending (the last line of the
    /// document may have none). Empty for the head piece and for a record
    /// whose lines were all removed: then no record.
    pub(super) text: Span,
    /// The blank lines after the record, each with its line ending (same
    /// exception).
    pub(super) gap: Span,
    /// Whether the record starts while the boundary rule has a record open:
    /// no blank line between it and the record before, which it follows
    /// because it starts with a `简介` and that record has one too.
    pub(super) glued: bool,
}

impl Piece {
    pub(super) fn weights(&self, source: &str) -> Weights {
        let (text, gap) = (self.text.get(source), self.gap.get(source));
        Weights {
            bytes: text.len() + gap.len(),
            newlines: newlines(text) + newlines(gap),
            records: usize::from(!text.is_empty()),
        }
    }
}

/// The number of `\n` in `text`: a line number is one more than those
/// before the line.
pub(super) fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// What a piece (or a run of pieces) holds: bytes, line endings, records.
///
/// Sums and differences wrap: a difference of weights (an edit's change)
/// may be "negative", and adding it to a sum gives the true sum, which is
/// never negative and never overflows (it counts bytes held in memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Weights {
    pub(super) bytes: usize,
    pub(super) newlines: usize,
    pub(super) records: usize,
}

impl Weights {
    pub(super) fn plus(self, other: Weights) -> Weights {
        Weights {
            bytes: self.bytes.wrapping_add(other.bytes),
            newlines: self.newlines.wrapping_add(other.newlines),
            records: self.records.wrapping_add(other.records),
        }
    }

    pub(super) fn minus(self, other: Weights) -> Weights {
        Weights {
            bytes: self.bytes.wrapping_sub(other.bytes),
            newlines: self.newlines.wrapping_sub(other.newlines),
            records: self.records.wrapping_sub(other.records),
        }
    }

    /// The weights of text written into a piece (no record).
    pub(super) fn of_text(text: &str) -> Weights {
        Weights {
            bytes: text.len(),
            newlines: newlines(text),
            records: 0,
        }
    }
}

/// Prefix sums of the pieces' [`Weights`] (a Fenwick tree): node `k`
/// (1-based) holds the sum of pieces `k - lowbit(k)..k`.
#[derive(Debug, Clone, Default)]
pub(super) struct Sums {
    pub(super) tree: Vec<Weights>,
}

/// The lowest set bit of `k`.
pub(super) fn lowbit(k: usize) -> usize {
    k & k.wrapping_neg()
}

impl Sums {
    /// The sums of `weights`, built in linear time.
    pub(super) fn new(weights: Vec<Weights>) -> Self {
        let mut tree = weights;
        for k in 1..=tree.len() {
            let parent = k + lowbit(k);
            if let (Some(&node), Some(up)) = (tree.get(k - 1), parent.checked_sub(1)) {
                if let Some(parent) = tree.get_mut(up) {
                    *parent = parent.plus(node);
                }
            }
        }
        Sums { tree }
    }

    /// The sum of pieces `0..end`.
    pub(super) fn prefix(&self, end: usize) -> Weights {
        debug_assert!(end <= self.tree.len(), "prefix past the pieces");
        let mut sum = Weights::default();
        let mut k = end.min(self.tree.len());
        while k > 0 {
            if let Some(&node) = self.tree.get(k - 1) {
                sum = sum.plus(node);
            }
            k -= lowbit(k);
        }
        sum
    }

    pub(super) fn total(&self) -> Weights {
        self.prefix(self.tree.len())
    }

    /// Adds `delta` to piece `piece`.
    pub(super) fn add(&mut self, piece: usize, delta: Weights) {
        debug_assert!(piece < self.tree.len(), "no piece {piece}");
        let mut k = piece + 1;
        while let Some(node) = self.tree.get_mut(k - 1) {
            *node = node.plus(delta);
            k += lowbit(k);
        }
    }

    /// Appends a piece of `weights`.
    pub(super) fn push(&mut self, weights: Weights) {
        let k = self.tree.len() + 1;
        let covered = self.prefix(k - 1).minus(self.prefix(k - lowbit(k)));
        self.tree.push(weights.plus(covered));
    }

    /// The piece that holds unit `target` (0-based) of `part` — the piece
    /// whose pieces before it sum to at most `target` and which brings the
    /// sum past it — or `None` when the pieces hold no more than `target`.
    pub(super) fn find(&self, target: usize, part: fn(&Weights) -> usize) -> Option<usize> {
        let len = self.tree.len();
        let mut step = match len {
            0 => return None,
            _ => 1 << (usize::BITS - 1 - len.leading_zeros()),
        };
        let (mut at, mut rest) = (0, target);
        while step > 0 {
            if let Some(node) = self.tree.get(at + step - 1) {
                if part(node) <= rest {
                    at += step;
                    rest -= part(node);
                }
            }
            step >>= 1;
        }
        (at < len).then_some(at)
    }
}

/// The lines of `text`, which starts at `at` (bytes and line endings
/// before it) in the document.
pub(super) fn lines(text: &str, at: Weights) -> Lines<'_> {
    Lines::new(text, at.newlines + 1, at.bytes)
}

/// The field lines of a record's text.
pub(super) fn field_lines(text: &str, at: Weights) -> impl Iterator<Item = Entry<'_>> {
    lines(text, at).flatten()
}

/// The pieces of a document.
#[derive(Debug, Clone)]
pub(super) struct Index {
    pub(super) pieces: Vec<Piece>,
    pub(super) sums: Sums,
    /// The length of the document's BOM (0 when none). No edit changes it.
    pub(super) bom: usize,
    /// Edits applied so far (0: the text is still the input).
    pub(super) edits: u64,
}

impl Index {
    /// The pieces of `source`: one pass of the corpus walker over its lines.
    pub(super) fn new(source: &str) -> Index {
        let mut pieces = vec![Piece::default()];
        let mut weights = Vec::new();
        // The piece being built starts at byte `start`, on line `line`; its
        // text ends at `end` (its gap runs from there to the next record).
        let (mut start, mut line, mut end) = (0, 1, 0);
        for record in Corpus::new(source, true).records() {
            let (next, next_line) = (record.offset, record.line);
            let glued = pieces.len() > 1 && end == next;
            if let Some(piece) = pieces.last_mut() {
                piece.gap = Span::of(end..next);
                weights.push(Weights {
                    bytes: next - start,
                    newlines: next_line - line,
                    records: usize::from(pieces.len() > 1),
                });
            }
            let last = next + record.text.len();
            pieces.push(Piece {
                text: Span::of(next..last),
                gap: Span::default(),
                glued,
            });
            (start, line, end) = (next, next_line, last);
        }
        if let Some(piece) = pieces.last_mut() {
            piece.gap = Span::of(end.max(start)..source.len());
            weights.push(Weights {
                bytes: source.len() - start,
                newlines: newlines(str_at(source, start..source.len())),
                records: usize::from(pieces.len() > 1),
            });
        }
        Index {
            pieces,
            sums: Sums::new(weights),
            bom: after_bom(source).1,
            edits: 0,
        }
    }

    pub(super) fn records(&self) -> usize {
        self.sums.total().records
    }

    /// The piece of record `record`, if there is one.
    pub(super) fn record_piece(&self, record: usize) -> Option<usize> {
        self.sums.find(record, |w| w.records)
    }

    /// The weights of the pieces before `piece`.
    pub(super) fn start(&self, piece: usize) -> Weights {
        self.sums.prefix(piece)
    }

    pub(super) fn text<'s>(&'s self, piece: usize, source: &'s str) -> &'s str {
        let text = self.pieces.get(piece).map(|p| p.text.get(source));
        debug_assert!(text.is_some(), "no piece {piece}");
        text.unwrap_or_default()
    }

    /// The text, piece by piece.
    pub(super) fn chunks<'s>(&'s self, source: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.pieces
            .iter()
            .flat_map(move |piece| [piece.text.get(source), piece.gap.get(source)])
    }

    pub(super) fn to_text(&self, source: &str) -> String {
        let mut text = String::with_capacity(self.sums.total().bytes);
        text.extend(self.chunks(source));
        text
    }

    /// The piece that holds byte `at`, whether the byte is in the piece's
    /// gap (else in its text), and the bytes from there to the end of that
    /// text or gap.
    pub(super) fn at_byte<'s>(
        &'s self,
        at: usize,
        source: &'s str,
    ) -> Option<(usize, bool, &'s [u8])> {
        let index = self.sums.find(at, |w| w.bytes)?;
        let piece = self.pieces.get(index)?;
        let within = at - self.start(index).bytes;
        let text = piece.text.get(source).as_bytes();
        let (in_gap, rest) = match within.checked_sub(text.len()) {
            None => (false, text.get(within..)),
            Some(in_gap) => (true, piece.gap.get(source).as_bytes().get(in_gap..)),
        };
        debug_assert!(
            rest.is_some_and(|rest| !rest.is_empty()),
            "byte {at} is past its piece"
        );
        Some((index, in_gap, rest.unwrap_or_default()))
    }

    /// The document's line ending: that of its first line when it is
    /// `\r\n`, else `\n`.
    pub(super) fn newline(&self, source: &str) -> &'static str {
        let first = self
            .at_byte(self.bom, source)
            .map(|(_, _, rest)| recognize(line).parse(rest));
        match first {
            Some(Ok((_, first))) if first.ends_with(b"\r\n") => "\r\n",
            _ => "\n",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_find_and_prefix() {
        let weights: Vec<Weights> = [3, 0, 5, 1, 0, 0, 2]
            .iter()
            .map(|&bytes| Weights {
                bytes,
                newlines: 1,
                records: usize::from(bytes > 0),
            })
            .collect();
        let mut sums = Sums::new(weights.clone());
        for end in 0..=weights.len() {
            let want: usize = weights[..end].iter().map(|w| w.bytes).sum();
            assert_eq!(sums.prefix(end).bytes, want);
            assert_eq!(sums.prefix(end).newlines, end);
        }
        let by_byte: Vec<Option<usize>> = (0..12).map(|b| sums.find(b, |w| w.bytes)).collect();
        let want = [0, 0, 0, 2, 2, 2, 2, 2, 3, 6, 6];
        let want: Vec<Option<usize>> = want.iter().map(|&w| Some(w)).chain([None]).collect();
        assert_eq!(by_byte, want);
        let records: Vec<_> = (0..5).map(|r| sums.find(r, |w| w.records)).collect();
        assert_eq!(records, [Some(0), Some(2), Some(3), Some(6), None]);
        // A negative change, then growing.
        sums.add(
            2,
            Weights::default().minus(Weights {
                bytes: 5,
                newlines: 0,
                records: 1,
            }),
        );
        assert_eq!(sums.find(3, |w| w.bytes), Some(3));
        assert_eq!(sums.find(1, |w| w.records), Some(3));
        for extra in 1..20 {
            sums.push(Weights {
                bytes: extra,
                newlines: 0,
                records: 1,
            });
        }
        assert_eq!(sums.total().bytes, 6 + (1..20).sum::<usize>());
        assert_eq!(sums.total().records, 3 + 19);
        assert_eq!(sums.find(3, |w| w.records), Some(7));
    }

    #[test]
    fn pieces_cover_the_text() {
        for input in [
            "",
            "\u{feff}",
            "\n\n",
            "\u{feff}\n简介 a\n简介 b\n\n \n症状 c",
            "简介 a\r\n\r\n",
            "x\r",
        ] {
            let index = Index::new(input);
            assert_eq!(index.to_text(input), input);
            assert_eq!(index.sums.total().bytes, input.len());
            assert_eq!(index.sums.total().newlines, newlines(input));
            let glued: Vec<bool> = index.pieces.iter().map(|p| p.glued).collect();
            if input.starts_with("\u{feff}\n") {
                assert_eq!(glued, [false, false, true, false]);
            }
        }
    }
}
