//! A JSON lexer for the flat objects of `medical.json`: strings (borrowed
//! unless they hold escapes), and any other value skipped whole, nested at
//! most [`MAX_DEPTH`] deep, without recursion.

use std::borrow::Cow;

use crate::model::error::ErrorKind;

/// How deeply a value the reader skips may nest.
pub(crate) const MAX_DEPTH: usize = 64;

/// A fault and the byte offset, in the cursor's text, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fault {
    pub kind: ErrorKind,
    pub at: usize,
}

/// A syntax fault at `at`.
pub(crate) fn syntax(expected: &'static str, at: usize) -> Fault {
    Fault {
        kind: ErrorKind::InvalidJson { expected },
        at,
    }
}

/// A string value: its text and where its opening quote is.
#[derive(Debug, Clone)]
pub(crate) struct Str<'a> {
    pub text: Cow<'a, str>,
    pub at: usize,
}

/// A place in a JSON text.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    pub src: &'a str,
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    /// The next byte after whitespace, which is skipped.
    pub fn peek(&mut self) -> Option<u8> {
        let bytes = self.src.as_bytes();
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(self.pos) {
            self.pos += 1;
        }
        bytes.get(self.pos).copied()
    }

    /// `byte` after whitespace, or a fault naming `expected`.
    pub fn eat(&mut self, byte: u8, expected: &'static str) -> Result<(), Fault> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(syntax(expected, self.pos))
        }
    }

    /// The string starting after whitespace.
    pub fn string(&mut self) -> Result<Str<'a>, Fault> {
        if self.peek() != Some(b'"') {
            return Err(syntax("a string", self.pos));
        }
        let at = self.pos;
        let start = at + 1;
        let body = self.src.as_bytes().get(start..).unwrap_or_default();
        let Some(end) = memchr::memchr2(b'"', b'\\', body) else {
            return Err(syntax("the string's closing quote", self.src.len()));
        };
        // A fold without early exit, which the compiler vectorises.
        if body[..end].iter().fold(false, |bad, &b| bad | (b < 0x20)) {
            let bad = body[..end].iter().position(|&b| b < 0x20).unwrap_or(0);
            return Err(syntax("no control character in a string", start + bad));
        }
        if body[end] == b'"' {
            self.pos = start + end + 1;
            let text = self.src.get(start..start + end).unwrap_or_default();
            return Ok(Str {
                text: Cow::Borrowed(text),
                at,
            });
        }
        let (text, after) = decode(self.src, start)?;
        self.pos = after;
        Ok(Str {
            text: Cow::Owned(text),
            at,
        })
    }

    /// Skips the value starting after whitespace: its text as written.
    pub fn value(&mut self) -> Result<&'a str, Fault> {
        self.peek();
        let start = self.pos;
        // Bit `d` set: the container at depth `d` is an object.
        let (mut objects, mut depth) = (0u64, 0usize);
        loop {
            match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    if depth == MAX_DEPTH {
                        return Err(syntax("nesting at most 64 deep", self.pos));
                    }
                    self.pos += 1;
                    let object = open == b'{';
                    objects = objects & !(1 << depth) | u64::from(object) << depth;
                    depth += 1;
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        depth -= 1;
                    } else {
                        if object {
                            self.member_key()?;
                        }
                        continue;
                    }
                }
                _ => self.scalar()?,
            }
            loop {
                let Some(inner) = depth.checked_sub(1) else {
                    return Ok(self.src.get(start..self.pos).unwrap_or_default());
                };
                let object = objects >> inner & 1 == 1;
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        if object {
                            self.member_key()?;
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        depth = inner;
                    }
                    (_, true) => return Err(syntax("',' or '}'", self.pos)),
                    (_, false) => return Err(syntax("',' or ']'", self.pos)),
                }
            }
        }
    }

    /// An object member's key and colon.
    fn member_key(&mut self) -> Result<(), Fault> {
        self.string()?;
        self.eat(b':', "':'")
    }

    /// A string, number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Result<(), Fault> {
        let rest = self.src.as_bytes().get(self.pos..).unwrap_or_default();
        let len = match rest.first() {
            Some(b'"') => return self.string().map(drop),
            Some(b'-' | b'0'..=b'9') => number(rest),
            _ => ["true", "false", "null"]
                .iter()
                .find(|word| rest.starts_with(word.as_bytes()))
                .map_or(0, |word| word.len()),
        };
        if len == 0 {
            return Err(syntax("a value", self.pos));
        }
        self.pos += len;
        Ok(())
    }
}

/// The length of the JSON number `bytes` starts with, 0 if none.
fn number(bytes: &[u8]) -> usize {
    let digits = |from: usize| {
        let n = bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        from + n
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    at = match bytes.get(at) {
        Some(b'0') => at + 1,
        Some(b'1'..=b'9') => digits(at),
        _ => return 0,
    };
    if bytes.get(at) == Some(&b'.') {
        let end = digits(at + 1);
        if end == at + 1 {
            return 0;
        }
        at = end;
    }
    if let Some(b'e' | b'E') = bytes.get(at) {
        let sign = usize::from(matches!(bytes.get(at + 1), Some(b'+' | b'-')));
        let end = digits(at + 1 + sign);
        if end == at + 1 + sign {
            return 0;
        }
        at = end;
    }
    at
}

/// The string whose body starts at `start` and holds an escape, decoded,
/// and the offset after its closing quote.
fn decode(src: &str, start: usize) -> Result<(String, usize), Fault> {
    let bytes = src.as_bytes();
    let mut out = String::new();
    let (mut at, mut run) = (start, start);
    loop {
        match bytes.get(at) {
            None => return Err(syntax("the string's closing quote", at)),
            Some(b'"') => {
                out.push_str(src.get(run..at).unwrap_or_default());
                return Ok((out, at + 1));
            }
            Some(b'\\') => {
                out.push_str(src.get(run..at).unwrap_or_default());
                let (c, len) = escape(&bytes[at..]).ok_or_else(|| syntax("a JSON escape", at))?;
                out.push(c);
                at += len;
                run = at;
            }
            Some(&b) if b < 0x20 => {
                return Err(syntax("no control character in a string", at));
            }
            Some(_) => at += 1,
        }
    }
}

/// The escape `bytes` starts with (at its backslash): the character and
/// the escape's length.
fn escape(bytes: &[u8]) -> Option<(char, usize)> {
    let c = match bytes.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return unicode(bytes),
        _ => return None,
    };
    Some((c, 2))
}

/// A `\uXXXX` escape, or the pair of them that names one supplementary
/// character.
fn unicode(bytes: &[u8]) -> Option<(char, usize)> {
    let unit = |at: usize| {
        let hex = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
        u32::from_str_radix(hex, 16)
            .ok()
            .filter(|_| hex.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let high = unit(2)?;
    if !(0xD800..0xDC00).contains(&high) {
        return char::from_u32(high).map(|c| (c, 6));
    }
    if bytes.get(6..8) != Some(b"\\u") {
        return None;
    }
    let low = unit(8).filter(|low| (0xDC00..0xE000).contains(low))?;
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).map(|c| (c, 12))
}

/// The offset in the JSON string body `raw` (after its quote) of the
/// character at `decoded` bytes into its decoded text.
pub(crate) fn raw_offset(raw: &str, decoded: usize) -> usize {
    let bytes = raw.as_bytes();
    let (mut at, mut out) = (0, 0);
    while out < decoded {
        let step = match bytes.get(at) {
            None | Some(b'"') => break,
            Some(b'\\') => escape(&bytes[at..]).map(|(c, len)| (len, c.len_utf8())),
            Some(_) => raw
                .get(at..)
                .and_then(|s| s.chars().next())
                .map(|c| (c.len_utf8(), c.len_utf8())),
        };
        let Some((len, n)) = step else { break };
        at += len;
        out += n;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(src: &str) -> Cursor<'_> {
        Cursor { src, pos: 0 }
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let s = cursor(r#" "甲乙""#).string().map(|s| (s.text, s.at));
        assert!(matches!(s, Ok((Cow::Borrowed("甲乙"), 1))));
        let s = cursor(r#""a\"\u00e9\ud83d\ude00\n""#)
            .string()
            .map(|s| s.text);
        assert!(matches!(s, Ok(Cow::Owned(t)) if t == "a\"é😀\n"));
        for (bad, at) in [
            (r#""a\q""#, 2),
            (r#""\ud800""#, 1),
            ("\"a\u{1}\"", 2),
            ("\"ab", 3),
        ] {
            assert_eq!(
                cursor(bad).string().map(|_| ()).map_err(|f| f.at),
                Err(at),
                "{bad}"
            );
        }
    }

    #[test]
    fn values_are_skipped_whole() {
        let src = r#"{"a": [1, -2.5e3, true, null, {"b": []}], "c": {}} ,"#;
        let mut c = cursor(src);
        assert_eq!(c.value(), Ok(&src[..src.len() - 2]));
        for bad in ["[1,]", "{\"a\" 1}", "[1 2]", "{", "tru", "1.", "-"] {
            assert!(cursor(bad).value().is_err(), "{bad}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert_eq!(cursor(&deep).value().map_err(|f| f.at), Err(MAX_DEPTH));
    }

    #[test]
    fn raw_offsets_skip_escapes() {
        let raw = r#"a\n\u4e2d乙""#;
        assert_eq!(raw_offset(raw, 0), 0);
        assert_eq!(raw_offset(raw, 2), 3);
        assert_eq!(raw_offset(raw, 2 + "中".len()), 9);
    }
}
