//! The leaves under the grammar: the format's character classes and the
//! byte scans the productions call, each tested against a plain
//! character or byte loop below.

use std::borrow::Cow;

/// The byte order mark, U+FEFF.
pub(crate) const BOM: &[u8] = "\u{feff}".as_bytes();

/// The length of the [`BOM`] that opens `bytes`, 0 when none does.
pub(crate) fn bom_len(bytes: &[u8]) -> usize {
    if bytes.starts_with(BOM) {
        BOM.len()
    } else {
        0
    }
}

/// The most bytes a `ws` character takes (U+3000 is `E3 80 80`).
pub(crate) const MAX_WS_LEN: usize = 3;

/// Length in bytes of the `ws` character that opens `bytes`, 0 when none
/// does: the four byte sequences of the format's whitespace, written once.
#[inline]
pub(crate) fn ws_len(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(b' ' | b'\t') => 1,
        Some(0xC2) if bytes.get(1) == Some(&0xA0) => 2,
        Some(0xE3) if bytes.get(1..3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

/// Length in bytes of the `ws` character that ends `bytes`, 0 when none
/// does (no [`ws_len`] sequence is a suffix of another).
#[inline]
pub(crate) fn ws_len_back(bytes: &[u8]) -> usize {
    let len = match bytes.last() {
        Some(b' ' | b'\t') => return 1,
        Some(0xA0) => 2,
        Some(0x80) => MAX_WS_LEN,
        _ => return 0,
    };
    match bytes.len().checked_sub(len).and_then(|at| bytes.get(at..)) {
        Some(end) if ws_len(end) == len => len,
        _ => 0,
    }
}

/// Length in bytes of the run of `ws` characters that ends `bytes`.
#[inline]
pub(crate) fn trailing_ws_len(bytes: &[u8]) -> usize {
    let mut rest = bytes;
    loop {
        // `ws_len_back` never exceeds `rest.len()`.
        match rest.split_at_checked(rest.len() - ws_len_back(rest)) {
            Some((shorter, _)) if shorter.len() < rest.len() => rest = shorter,
            _ => return bytes.len() - rest.len(),
        }
    }
}

/// Byte offset of the first `ws` character of `bytes`, or its length when
/// there is none; steps a character at a time (by its lead byte).
#[inline]
pub(crate) fn ws_start(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some((&lead, rest)) = bytes.get(at..).and_then(|rest| Some((rest.first()?, rest))) {
        at += match lead {
            // A three-byte lead other than U+3000's `E3` starts no `ws`.
            0xE4..=0xEF => 3,
            _ if ws_len(rest) > 0 => return at,
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    bytes.len()
}

/// Length in bytes of the run of `ws` characters that opens `bytes`.
#[inline]
pub(crate) fn leading_ws_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(n) = bytes.get(at..).map(ws_len).filter(|&n| n > 0) {
        at += n;
    }
    at
}

/// `ws = " " | "\t" | U+00A0 | U+3000 ;`
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// `clause_stop = "。" | "！" | "？" | "；" | "!" | "?" | ";" | "：" | ":" ;`
#[inline]
pub(crate) fn is_clause_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '：' | ':')
}

/// `comma = "，" | "," | "、" ;`
#[inline]
pub(crate) fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',' | '、')
}

/// A stop character of a causes item name: a clause stop or a comma.
#[inline]
pub(crate) fn is_stop_char(c: char) -> bool {
    is_clause_stop(c) || is_comma(c)
}

/// Slots of the label table: a power of two, for the mask of [`label_slot`].
pub(crate) const LABEL_SLOTS: usize = 128;

/// The label hash: the slot of the one label `text` (6 to 12 bytes) can be;
/// the label table checks at compile time that no two labels share one.
pub(crate) const fn label_slot(text: &[u8]) -> Option<usize> {
    let len = text.len();
    if len < 6 || len > 12 {
        return None;
    }
    let (Some(&[_, _, first]), Some(&[next_to_last, _, _, last])) =
        (text.first_chunk::<3>(), text.last_chunk::<4>())
    else {
        return None;
    };
    Some((last ^ next_to_last ^ (first << 1) ^ len as u8) as usize & (LABEL_SLOTS - 1))
}

/// Length of the longest common prefix of `a` and `b`, compared eight bytes
/// at a time.
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut same = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let word = |c: &[u8]| c.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        let diff = word(x) ^ word(y);
        if diff != 0 {
            // Little-endian: the first differing byte is the lowest set one.
            return same + (diff.trailing_zeros() / 8) as usize;
        }
        same += 8;
    }
    let rest = a.iter().zip(b).skip(same);
    same + rest.take_while(|(x, y)| x == y).count()
}

/// Whether `a` and `b` are equal: for 4 to 12 bytes, three overlapping
/// 4-byte words cover them, compared without a call to `memcmp` (which took
/// a twentieth of a corpus parse for the label and head-word lookups).
#[inline]
pub(crate) fn short_eq(a: &[u8], b: &[u8]) -> bool {
    if !(4..=12).contains(&a.len()) {
        return a == b;
    }
    let middle = |s: &[u8]| s.get(4..).and_then(<[u8]>::first_chunk::<4>).copied();
    a.len() == b.len()
        && a.first_chunk::<4>() == b.first_chunk::<4>()
        && middle(a) == middle(b)
        && a.last_chunk::<4>() == b.last_chunk::<4>()
}

/// The opening brackets `(` and `（` of a text, left to right; each kind's
/// next position is kept until passed, so the text is searched once.
pub(crate) struct Brackets<'a> {
    bytes: &'a [u8],
    full: memchr::memmem::Finder<'static>,
    /// The next `(` and `（` at or after the last asked position.
    next: [Option<usize>; 2],
}

impl<'a> Brackets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let full = memchr::memmem::Finder::new("（".as_bytes());
        let next = [memchr::memchr(b'(', bytes), full.find(bytes)];
        Brackets { bytes, full, next }
    }

    /// The offset of the first opening bracket at or after `from`, which
    /// never goes back.
    pub(crate) fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        if self.next[0].is_some_and(|at| at < from) {
            self.next[0] = memchr::memchr(b'(', rest).map(|at| from + at);
        }
        if self.next[1].is_some_and(|at| at < from) {
            self.next[1] = self.full.find(rest).map(|at| from + at);
        }
        self.next.into_iter().flatten().min()
    }
}

/// An ASCII digit or a full-width digit `０`–`９`.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A character of a `range_sep` run.
#[inline]
pub(crate) fn is_range_sep(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{FF0D}'
            | '~'
            | '\u{FF5E}'
            | '\u{301C}'
            | '至'
            | '到'
    )
}

/// `value` without leading whitespace.
#[inline]
pub(crate) fn trim_start_space(value: &str) -> &str {
    value.trim_start_matches(is_space)
}

/// `value` without trailing whitespace.
#[inline]
pub(crate) fn trim_end_space(value: &str) -> &str {
    value.trim_end_matches(is_space)
}

/// The next list item of `value` and what follows it, or `None` when only
/// whitespace is left.
///
/// ```text
/// list_item = non_ws { non_ws } ;
/// ```
pub(crate) fn list_item(value: &str) -> Option<(&str, &str)> {
    let value = trim_start_space(value);
    let end = value.find(is_space).unwrap_or(value.len());
    // `find` returns a char boundary.
    let (item, rest) = value.split_at(end);
    (!item.is_empty()).then_some((item, rest))
}

/// Byte length of the digit that opens `bytes`, 0 when none does: `0`–`9`
/// are one byte, `０`–`９` are `EF BC 90`–`EF BC 99`.
#[inline]
pub(crate) fn digit_len(bytes: &[u8]) -> usize {
    match bytes {
        [b'0'..=b'9', ..] => 1,
        [0xEF, 0xBC, 0x90..=0x99, ..] => 3,
        _ => 0,
    }
}

/// Byte length of the run of digits that opens `bytes`.
#[inline]
pub(crate) fn digit_run(bytes: &[u8]) -> usize {
    let mut end = 0;
    while let Some(n) = bytes.get(end..).map(digit_len).filter(|&n| n > 0) {
        end += n;
    }
    end
}

/// Where the first digit at or after the char boundary `at` starts; a
/// three-byte character led by `E0`–`EE` is no digit and is stepped over.
#[inline]
pub(crate) fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&lead) = bytes.get(at) {
        at += match lead {
            0xE0..=0xEE => 3,
            _ if bytes.get(at..).map_or(0, digit_len) > 0 => return Some(at),
            _ => 1,
        };
    }
    None
}

/// The value of the `number` text `digits` times `10^exponent`, when
/// finite: read from the decimal text, so it is correctly rounded.
pub(crate) fn number_value(digits: &str, exponent: u8) -> Option<f64> {
    exact_value(digits, exponent).or_else(|| parsed_value(digits, exponent))
}

/// [`number_value`] by Clinger's fast path (at most 15 ASCII digits, an
/// exact power of ten), `None` for any other text.
fn exact_value(digits: &str, exponent: u8) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    const MAX_DIGITS: usize = 15;
    let (mut mantissa, mut count, mut scale, mut point) =
        (0u64, 0usize, i32::from(exponent), false);
    for &byte in digits.as_bytes() {
        match byte {
            b'0'..=b'9' if count < MAX_DIGITS => {
                mantissa = mantissa * 10 + u64::from(byte - b'0');
                count += 1;
                scale -= i32::from(point);
            }
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let power = *POWERS.get(usize::try_from(scale.unsigned_abs()).ok()?)?;
    // `mantissa` < 10^15 < 2^53: exact as an `f64`.
    let mantissa = mantissa as f64;
    Some(if scale < 0 {
        mantissa / power
    } else {
        mantissa * power
    })
}

/// [`number_value`] by std's parser, on an ASCII copy when needed.
fn parsed_value(digits: &str, exponent: u8) -> Option<f64> {
    let text: Cow<'_, str> = if digits.is_ascii() && exponent == 0 {
        Cow::Borrowed(digits)
    } else {
        let mut ascii: String = digits
            .chars()
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
                }
                other => other,
            })
            .collect();
        if exponent != 0 {
            ascii.push('e');
            ascii.push_str(&exponent.to_string());
        }
        Cow::Owned(ascii)
    };
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Every byte set to 1.
const ONES: u64 = u64::from_le_bytes([0x01; 8]);
/// The high bit of every byte.
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit set in the bytes of `word` equal to `byte`; only the lowest
/// set bit is exact, which is all [`find_string_stop`] uses.
#[inline]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The offset of the first `quote`, `\`, `\n` or `\r` byte of `bytes` (or
/// its length), eight bytes at a time: string bodies are too short for `memchr`.
#[inline]
pub(crate) fn find_string_stop(bytes: &[u8], quote: u8) -> usize {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let word = u64::from_le_bytes(*chunk);
        if word & HIGHS == HIGHS {
            // No ASCII byte (the middle of CJK text): no stop byte either.
            at += 8;
            continue;
        }
        let hits = bytes_equal(word, quote)
            | bytes_equal(word, b'\\')
            | bytes_equal(word, b'\n')
            | bytes_equal(word, b'\r');
        if hits != 0 {
            // Little-endian: the lowest set bit is the first byte.
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    at + tail
        .iter()
        .position(|&b| b == quote || matches!(b, b'\\' | b'\n' | b'\r'))
        .unwrap_or(tail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_bytes_are_exactly_the_whitespace() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            let len = if is_space(c) { s.len() } else { 0 };
            assert_eq!(ws_len(s.as_bytes()), len, "{c:?}");
            assert_eq!(ws_len_back(s.as_bytes()), len, "{c:?}");
        }
    }

    #[test]
    fn whitespace_runs_agree_with_a_char_loop() {
        for text in [
            "",
            "a",
            " a ",
            "\u{3000}\t甲\u{a0} ",
            "甲乙",
            "\u{a0}\u{a0}",
            "a\u{3000}",
        ] {
            let b = text.as_bytes();
            let lead = text.len() - text.trim_start_matches(is_space).len();
            let trail = text.len() - text.trim_end_matches(is_space).len();
            let first = text.find(is_space).unwrap_or(text.len());
            assert_eq!(leading_ws_len(b), lead, "{text:?}");
            assert_eq!(trailing_ws_len(b), trail, "{text:?}");
            assert_eq!(ws_start(b), first, "{text:?}");
        }
    }

    fn chars() -> impl Iterator<Item = char> {
        (0..=0x10ffff).filter_map(char::from_u32)
    }

    #[test]
    fn whitespace_is_exactly_four_characters() {
        assert_eq!(chars().filter(|&c| is_space(c)).count(), 4);
        for c in [' ', '\t', '\u{a0}', '\u{3000}'] {
            assert!(is_space(c));
        }
        assert_eq!(trim_end_space("a b\u{a0}\u{3000} \t"), "a b");
        assert_eq!(trim_start_space("\u{a0}\u{3000} \ta b "), "a b ");
    }

    #[test]
    fn stops_are_clause_stops_and_commas() {
        for c in "。！？；!?;：:".chars() {
            assert!(
                is_clause_stop(c) && !is_comma(c) && is_stop_char(c),
                "{c:?}"
            );
        }
        for c in "，,、".chars() {
            assert!(
                is_comma(c) && !is_clause_stop(c) && is_stop_char(c),
                "{c:?}"
            );
        }
        assert_eq!(chars().filter(|&c| is_stop_char(c)).count(), 12);
    }

    #[test]
    fn digit_bytes_are_exactly_the_digits() {
        for c in chars() {
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            let len = if is_digit(c) { s.len() } else { 0 };
            assert_eq!(digit_len(s.as_bytes()), len, "{c:?}");
        }
    }

    const TEXTS: [&str; 12] = [
        "",
        "元",
        "约5000元",
        "１２３万",
        "（5000——10000元）",
        "a１b",
        "😀9",
        "é8",
        "\u{e000}7",
        " \t\u{3000}症状\u{a0} ",
        "['a', \"b\\\"c\"]\r\nd",
        "十二指肠溃疡出血abcdefghijklmnop'q",
    ];

    #[test]
    fn next_digit_agrees_with_trying_every_byte() {
        for text in TEXTS {
            let bytes = text.as_bytes();
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let every = (at..bytes.len()).find(|&at| digit_len(&bytes[at..]) > 0);
                assert_eq!(next_digit(bytes, at), every, "{text:?} from {at}");
            }
        }
    }

    #[test]
    fn find_string_stop_agrees_with_a_byte_loop() {
        for text in TEXTS {
            for from in 0..=text.len() {
                let bytes = &text.as_bytes()[from..];
                for quote in [b'\'', b'"'] {
                    let slow = bytes
                        .iter()
                        .position(|&b| [quote, b'\\', b'\n', b'\r'].contains(&b))
                        .unwrap_or(bytes.len());
                    assert_eq!(find_string_stop(bytes, quote), slow, "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn find_stop_matches_a_byte_search() {
        let texts = [
            "",
            "a",
            "佐宁'",
            "0123456'89",
            "佐宁盐酸乙哌立松片\\x",
            "abcdefgh\r",
            "abcdefghi\n",
            "\u{a0}\u{3000}😀😀'",
            "\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}\u{1}'",
            "\u{0}\u{1}\u{1}\"\u{1}'",
            "(盐酸乙哌立松片)', '",
            "\"\"\"\"\"\"\"\"\"'",
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for quote in [b'\'', b'"'] {
                for start in 0..=bytes.len() {
                    let want = (start..bytes.len())
                        .find(|&i| matches!(bytes[i], b'\\' | b'\n' | b'\r') || bytes[i] == quote)
                        .unwrap_or(bytes.len());
                    assert_eq!(
                        start + find_string_stop(&bytes[start..], quote),
                        want,
                        "{text:?} {start}"
                    );
                }
            }
        }
        // Every byte value at every position of a word and of the tail.
        for len in 1..=17 {
            for pos in 0..len {
                for b in 0..=u8::MAX {
                    let mut bytes = vec![0xE4; len];
                    bytes[pos] = b;
                    let stop = matches!(b, b'\'' | b'\\' | b'\n' | b'\r');
                    let want = if stop { pos } else { len };
                    assert_eq!(find_string_stop(&bytes, b'\''), want, "{len} {pos} {b:#x}");
                }
            }
        }
    }

    #[test]
    fn brackets_agree_with_a_char_loop() {
        for text in TEXTS
            .iter()
            .copied()
            .chain(["（(", "a（b", "，：（）(", "）（((（"])
        {
            let mut brackets = Brackets::new(text);
            for (from, _) in text.char_indices() {
                let slow = text[from..]
                    .char_indices()
                    .find(|&(_, c)| c == '(' || c == '（')
                    .map(|(at, _)| from + at);
                assert_eq!(brackets.next_from(from), slow, "{text:?} from {from}");
            }
        }
    }

    #[test]
    fn common_prefix_agrees_with_a_byte_loop() {
        let texts = [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "abcdefgX",
            "Xbcdefgh",
            "abcdefghijklmnopq",
        ];
        for a in TEXTS.iter().chain(&texts) {
            for b in TEXTS.iter().chain(&texts) {
                let slow = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
                assert_eq!(common_prefix(a.as_bytes(), b.as_bytes()), slow, "{a} {b}");
            }
        }
    }

    #[test]
    fn short_eq_is_equality() {
        let texts = [
            "病因",
            "预防",
            "症状细节",
            "医保疾病",
            "治愈率",
            "治愈周期",
            "abcd",
            "abce",
            "ab",
            "ac",
            "",
            "abcdefghijklm",
            "abcdefghijklX",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(short_eq(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
    }

    #[test]
    fn one_item_after_its_whitespace() {
        assert_eq!(list_item("鸡心 莲子"), Some(("鸡心", " 莲子")));
        assert_eq!(list_item(" \u{3000}莲子\t"), Some(("莲子", "\t")));
        assert_eq!(list_item("花生仁（生）"), Some(("花生仁（生）", "")));
        assert_eq!(list_item(""), None);
        assert_eq!(list_item(" \u{a0}\t"), None);
    }

    #[test]
    fn trims_agree_with_char_trims() {
        let values = [
            "",
            " ",
            "\u{3000}",
            "\u{a0}x\u{a0}",
            "¢\u{a0}",
            "\u{3001}\u{3000}\u{3002}",
            "\u{e3}\u{80}",
            "\u{3000}\u{30a0} \u{2003}",
            " \t\u{3000}症状\u{a0} ",
        ];
        for value in values {
            let trimmed = value.trim_start_matches(is_space);
            let first = trimmed.find(is_space).unwrap_or(trimmed.len());
            let want = Some(&trimmed[..first]).filter(|item| !item.is_empty());
            assert_eq!(list_item(value).map(|(item, _)| item), want, "{value:?}");
            assert_eq!(
                trim_end_space(value),
                value.trim_end_matches(is_space),
                "{value:?}"
            );
            assert_eq!(
                trim_start_space(value),
                value.trim_start_matches(is_space),
                "{value:?}"
            );
        }
    }

    #[test]
    fn list_items_agree_with_splitting_on_whitespace() {
        for text in TEXTS {
            let mut items = Vec::new();
            let mut rest = text;
            while let Some((item, after)) = list_item(rest) {
                items.push(item);
                rest = after;
            }
            let slow: Vec<&str> = text.split(is_space).filter(|s| !s.is_empty()).collect();
            assert_eq!(items, slow, "{text:?}");
        }
    }

    /// The fast path gives what std's parser gives, bit for bit, wherever it
    /// answers, and it answers for most digit strings.
    #[test]
    fn exact_value_agrees_with_parsing() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut answered = 0;
        let mut texts = vec![
            "0".to_owned(),
            "0.0".to_owned(),
            "999999999999999".to_owned(),
        ];
        for _ in 0..20_000 {
            let len = 1 + (next() % 17) as usize;
            let mut text: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            if next() % 2 == 0 && len > 1 {
                let at = 1 + (next() as usize % (len - 1));
                text.insert(at, '.');
            }
            texts.push(text);
        }
        for text in &texts {
            for exponent in [0, 4] {
                let slow = parsed_value(text, exponent);
                if let Some(fast) = exact_value(text, exponent) {
                    answered += 1;
                    assert_eq!(
                        Some(fast.to_bits()),
                        slow.map(f64::to_bits),
                        "{text} e{exponent}"
                    );
                }
                assert_eq!(number_value(text, exponent), slow, "{text} e{exponent}");
            }
        }
        assert!(
            answered > texts.len(),
            "the fast path answered {answered} times"
        );
        assert_eq!(exact_value("１２", 0), None);
        assert_eq!(number_value("１２", 0), Some(12.0));
        assert_eq!(exact_value("1.2.3", 0), None);
        assert_eq!(number_value(&"9".repeat(400), 0), None);
    }

    #[test]
    fn the_bom_is_three_bytes() {
        assert_eq!(bom_len("\u{feff}a".as_bytes()), 3);
        assert_eq!(bom_len(b"a\xef\xbb\xbf"), 0);
    }
}
