//! Outlines: the numbered enumerations inside the long text fields, by the
//! rule documented on [`outline`].

use serde::Serialize;

/// The kind of numbering a marker uses. Each family numbers on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MarkerFamily {
    /// `1、`
    ArabicComma,
    /// `1.` (no digit after the dot)
    ArabicDot,
    /// `1．` (full-width full stop)
    ArabicFullStop,
    /// `⒈` … `⒛` (U+2488 – U+249B)
    DigitFullStop,
    /// `⑴` … `⒇` (U+2474 – U+2487)
    Parenthesized,
    /// `①` … `⑳` (U+2460 – U+2473)
    Circled,
    /// `一、`
    ChineseComma,
    /// `（一）` (full-width opening bracket)
    ChineseFullParen,
    /// `(一)` (ASCII opening bracket)
    ChineseParen,
}

impl MarkerFamily {
    const COUNT: usize = 9;

    const fn index(self) -> usize {
        self as usize
    }
}

/// A text split into its heading and numbered items.
///
/// ```
/// let text = "检查一、血常规(一)白细胞(二)红细胞二、尿常规";
/// let o = jibing::derived::outline(text);
/// assert_eq!(o.heading, "检查");
/// assert_eq!((o.items.len(), o.count(), o.depth()), (2, 4, 2));
/// let first = &o.items[0];
/// assert_eq!((first.marker, first.number, first.text), ("一、", 1, "血常规"));
/// assert_eq!(first.items[1].text, "红细胞");
/// assert_eq!(o.to_text(), text); // lossless
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct Outline<'a> {
    /// The text before the first counted marker (often `<name>预防`).
    pub heading: &'a str,
    /// The top-level items, in order.
    pub items: Vec<OutlineItem<'a>>,
}

/// One numbered item of an [`Outline`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OutlineItem<'a> {
    /// The marker as written (`1、`, `(一)`, `⑴`).
    pub marker: &'a str,
    /// The marker's number (1-based).
    pub number: u32,
    /// The marker's family.
    pub family: MarkerFamily,
    /// Byte offset of the marker in the outlined text.
    #[serde(skip)]
    pub offset: usize,
    /// The item's own text: from the end of the marker to the next counted
    /// marker.
    pub text: &'a str,
    /// Nested items of deeper families.
    pub items: Vec<OutlineItem<'a>>,
}

impl Outline<'_> {
    /// Appends the outlined text, rebuilt exactly, to `out`.
    pub fn write_to(&self, out: &mut String) {
        out.push_str(self.heading);
        write_items(&self.items, out);
    }

    /// The outlined text, rebuilt (see [`Outline::write_to`]).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }

    /// The depth of the deepest item: 0 without items, 1 for a flat list.
    pub fn depth(&self) -> usize {
        depth(&self.items)
    }

    /// The number of items at every level.
    pub fn count(&self) -> usize {
        count(&self.items)
    }
}

// Recursion depth is bounded by the number of families (9).
fn write_items(items: &[OutlineItem<'_>], out: &mut String) {
    for item in items {
        out.push_str(item.marker);
        out.push_str(item.text);
        write_items(&item.items, out);
    }
}

fn depth(items: &[OutlineItem<'_>]) -> usize {
    items.iter().map(|i| 1 + depth(&i.items)).max().unwrap_or(0)
}

fn count(items: &[OutlineItem<'_>]) -> usize {
    items.iter().map(|i| 1 + count(&i.items)).sum()
}

/// Splits `text` into an [`Outline`]. Never fails: a text without markers
/// is all heading.
///
/// # The rule
///
/// A *marker* is one of (families, in the names of [`MarkerFamily`]):
/// `1、` `1.` `1．` (Arabic digits, ASCII or full-width, up to 4 of them,
/// not preceded by a digit; `1.` only when no digit follows the dot, so
/// `0.5` is a number), `⒈`…`⒛`, `⑴`…`⒇`, `①`…`⑳`, `一、` (Chinese
/// numerals up to 九十九, not preceded by another numeral), `（一）` and
/// `(一)` (either closing bracket). A marker *counts* only when it carries
/// the next expected number of its family:
///
/// - a family that is open (on the current path from the root) expects its
///   last number + 1; a marker of it closes every deeper level and starts a
///   sibling item;
/// - a family that is not open expects `1`, and then opens a new level
///   under the current item — provided it was never seen before or it was
///   first seen after the family of the current item (families nest in the
///   order of their first appearance, as in `一、` › `(一)` › `⑴`).
///
/// So `B1、B6、B12` inside item 6 does not split it (the family expects 7),
/// while `胃肠炎5、物理疗法` starts item 5.
///
/// ```
/// let o = jibing::derived::outline("某病预防1、多喝水。2、维生素B1、B6。3、休息。");
/// assert_eq!(o.heading, "某病预防");
/// assert_eq!(o.items.len(), 3);
/// assert_eq!(o.items[1].text, "维生素B1、B6。");
/// assert_eq!(o.to_text(), "某病预防1、多喝水。2、维生素B1、B6。3、休息。");
/// ```
pub fn outline(text: &str) -> Outline<'_> {
    let marks = scan(text);
    let mut roots = Vec::new();
    // Open items, root first; each is completed when it is popped.
    let mut open: Vec<OutlineItem<'_>> = Vec::new();
    let mut heading_end = text.len();
    for (i, mark) in marks.iter().enumerate() {
        if i == 0 {
            heading_end = mark.start;
        }
        while open.len() > mark.level {
            close(&mut open, &mut roots);
        }
        let text_end = marks.get(i + 1).map_or(text.len(), |next| next.start);
        open.push(OutlineItem {
            marker: text.get(mark.start..mark.end).unwrap_or(""),
            number: mark.number,
            family: mark.family,
            offset: mark.start,
            text: text.get(mark.end..text_end).unwrap_or(""),
            items: Vec::new(),
        });
    }
    while !open.is_empty() {
        close(&mut open, &mut roots);
    }
    Outline {
        heading: text.get(..heading_end).unwrap_or(text),
        items: roots,
    }
}

/// Pops the deepest open item and attaches it to its parent (or the roots).
fn close<'a>(open: &mut Vec<OutlineItem<'a>>, roots: &mut Vec<OutlineItem<'a>>) {
    if let Some(item) = open.pop() {
        match open.last_mut() {
            Some(parent) => parent.items.push(item),
            None => roots.push(item),
        }
    }
}

/// A counted marker: its byte range, family, number and nesting level.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    family: MarkerFamily,
    number: u32,
    level: usize,
}

/// One open level of the nesting: its family and the number it expects next.
#[derive(Debug, Clone, Copy)]
struct Level {
    family: MarkerFamily,
    next: u32,
}

/// The nesting state: open levels and the order families first appeared in.
#[derive(Debug, Default)]
struct Nesting {
    open: Vec<Level>,
    rank: [Option<usize>; MarkerFamily::COUNT],
    ranked: usize,
}

impl Nesting {
    /// The level the marker goes to, if it counts (and records it).
    fn accept(&mut self, family: MarkerFamily, number: u32) -> Option<usize> {
        if let Some(depth) = self.open.iter().position(|l| l.family == family) {
            let level = self.open.get_mut(depth)?;
            if level.next != number {
                return None;
            }
            level.next = number.saturating_add(1);
            self.open.truncate(depth + 1);
            return Some(depth);
        }
        if number != 1 {
            return None;
        }
        let rank = self.rank.get(family.index()).copied().flatten();
        if let (Some(rank), Some(top)) = (rank, self.open.last()) {
            let top_rank = self.rank.get(top.family.index()).copied().flatten();
            if top_rank.is_some_and(|top_rank| rank <= top_rank) {
                return None;
            }
        }
        if rank.is_none() {
            if let Some(slot) = self.rank.get_mut(family.index()) {
                *slot = Some(self.ranked);
                self.ranked += 1;
            }
        }
        self.open.push(Level { family, next: 2 });
        Some(self.open.len() - 1)
    }
}

/// Finds the counted markers of `text`, in order, with bounded look-ahead.
fn scan(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut nesting = Nesting::default();
    let mut prev: Option<char> = None;
    let mut skip_to = 0;
    for (start, c) in text.char_indices() {
        if start < skip_to {
            prev = Some(c);
            continue;
        }
        if let Some((family, number, end)) = candidate(text, start, c, prev) {
            if let Some(level) = nesting.accept(family, number) {
                marks.push(Mark {
                    start,
                    end,
                    family,
                    number,
                    level,
                });
                skip_to = end;
            }
        }
        prev = Some(c);
    }
    marks
}

/// The longest run of digits or Chinese numerals read as a marker number.
const MAX_NUMERAL_CHARS: usize = 4;

/// A marker starting at byte `start` (whose char is `c`, preceded by
/// `prev`): its family, number and end byte.
fn candidate(
    text: &str,
    start: usize,
    c: char,
    prev: Option<char>,
) -> Option<(MarkerFamily, u32, usize)> {
    let rest = text.get(start..)?;
    if let Some((family, number)) = enclosed(c) {
        return Some((family, number, start + c.len_utf8()));
    }
    if c == '（' || c == '(' {
        return parenthesized(rest, start, c);
    }
    if is_ascii_or_wide_digit(c) && !prev.is_some_and(is_ascii_or_wide_digit) {
        return arabic(rest, start);
    }
    if chinese_digit(c).is_some() && prev.is_none_or(|p| chinese_digit(p).is_none()) {
        let (number, len) = chinese_number(rest)?;
        let punct = rest.get(len..)?.chars().next().filter(|&p| p == '、')?;
        return Some((
            MarkerFamily::ChineseComma,
            number,
            start + len + punct.len_utf8(),
        ));
    }
    None
}

/// `⒈`, `⑴`, `①` and their kin: one character holding the number.
fn enclosed(c: char) -> Option<(MarkerFamily, u32)> {
    let code = u32::from(c);
    match c {
        '\u{2488}'..='\u{249B}' => Some((MarkerFamily::DigitFullStop, code - 0x2487)),
        '\u{2474}'..='\u{2487}' => Some((MarkerFamily::Parenthesized, code - 0x2473)),
        '\u{2460}'..='\u{2473}' => Some((MarkerFamily::Circled, code - 0x245F)),
        _ => None,
    }
}

/// `（一）` or `(一)` at the start of `rest`, opened by `open`.
fn parenthesized(rest: &str, start: usize, open: char) -> Option<(MarkerFamily, u32, usize)> {
    let family = if open == '(' {
        MarkerFamily::ChineseParen
    } else {
        MarkerFamily::ChineseFullParen
    };
    let inner = rest.get(open.len_utf8()..)?;
    let (number, len) = chinese_number(inner)?;
    let after = inner.get(len..)?;
    let close = after.chars().next().filter(|&c| c == '）' || c == ')')?;
    Some((
        family,
        number,
        start + open.len_utf8() + len + close.len_utf8(),
    ))
}

/// `1、`, `1．` or `1.` (not a decimal point) at the start of `rest`.
fn arabic(rest: &str, start: usize) -> Option<(MarkerFamily, u32, usize)> {
    let (number, len) = arabic_number(rest)?;
    let mut after = rest.get(len..)?.chars();
    let punct = after.next()?;
    let family = match punct {
        '、' => MarkerFamily::ArabicComma,
        '．' => MarkerFamily::ArabicFullStop,
        '.' if !after.next().is_some_and(is_ascii_or_wide_digit) => MarkerFamily::ArabicDot,
        _ => return None,
    };
    Some((family, number, start + len + punct.len_utf8()))
}

fn is_ascii_or_wide_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A maximal run of at most [`MAX_NUMERAL_CHARS`] digits at the start of
/// `s`: its value and byte length. `None` for a longer run.
fn arabic_number(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut len = 0;
    for (n, c) in s.chars().enumerate() {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '０'..='９' => u32::from(c) - u32::from('０'),
            _ => break,
        };
        if n == MAX_NUMERAL_CHARS {
            return None;
        }
        value = value * 10 + digit;
        len += c.len_utf8();
    }
    (len > 0).then_some((value, len))
}

/// The value of a Chinese numeral character (`十` is 10).
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// A maximal run of Chinese numerals at the start of `s` read as a number
/// from 1 to 99 (`三`, `十二`, `二十三`): its value and byte length.
fn chinese_number(s: &str) -> Option<(u32, usize)> {
    let mut digits = [0u32; MAX_NUMERAL_CHARS];
    let mut n = 0;
    let mut len = 0;
    for c in s.chars() {
        let Some(d) = chinese_digit(c) else { break };
        *digits.get_mut(n)? = d;
        n += 1;
        len += c.len_utf8();
    }
    let value = match digits.get(..n)? {
        [d] => *d,
        [10, d] if *d < 10 => 10 + d,
        [d, 10] if *d < 10 => d * 10,
        [d, 10, e] if *d < 10 && *e < 10 => d * 10 + e,
        _ => return None,
    };
    Some((value, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(items: &[OutlineItem<'_>]) -> Vec<u32> {
        items.iter().map(|i| i.number).collect()
    }

    #[test]
    fn flat_list_and_heading() {
        let o = outline("1.要少吃；2.忌食；3.少饮咖啡；4.少吃油炸食品。");
        assert_eq!(o.heading, "");
        assert_eq!(numbers(&o.items), [1, 2, 3, 4]);
        assert_eq!(o.items[0].family, MarkerFamily::ArabicDot);
        assert_eq!(o.items[3].text, "少吃油炸食品。");
    }

    #[test]
    fn only_the_next_number_counts() {
        let o = outline("1、甲2、维生素B1、B6、B12、C1、乙3、丙");
        assert_eq!(numbers(&o.items), [1, 2, 3]);
        assert_eq!(o.items[1].text, "维生素B1、B6、B12、C1、乙");
        // The rule cannot tell a list from prose that happens to carry the
        // expected number: `B3、` is item 3 here.
        let o = outline("1、甲2、维生素B1、B2、B3、C");
        assert_eq!(o.items[2].text, "C");
        let o = outline("2、甲3、乙");
        assert!(o.items.is_empty());
        assert_eq!(o.heading, "2、甲3、乙");
    }

    #[test]
    fn decimals_are_not_markers() {
        let o = outline("1.剂量0.5克2.每日1.5次3.休息");
        assert_eq!(numbers(&o.items), [1, 2, 3]);
        assert_eq!(o.items[1].text, "每日1.5次");
    }

    #[test]
    fn nests_by_first_appearance() {
        let o = outline("检查一、甲(一)子⑴x⑵y(二)丑⑴z二、乙（一）寅");
        assert_eq!(o.heading, "检查");
        assert_eq!(o.depth(), 3);
        assert_eq!(numbers(&o.items), [1, 2]);
        let first = &o.items[0];
        assert_eq!(numbers(&first.items), [1, 2]);
        assert_eq!(numbers(&first.items[0].items), [1, 2]);
        assert_eq!(numbers(&first.items[1].items), [1]);
        // `（一）` is its own family, first seen after `⑴`: it nests.
        assert_eq!(o.items[1].items[0].family, MarkerFamily::ChineseFullParen);
        assert_eq!(o.count(), 8);
    }

    #[test]
    fn an_earlier_family_does_not_nest_under_a_later_one() {
        // `⑴` was first seen before `(一)`; under `(一)` it cannot restart.
        let o = outline("一、a⑴b二、c(一)d⑴e");
        assert_eq!(o.count(), 4);
        assert_eq!(o.items[1].items[0].text, "d⑴e");
        // An open family does not restart at 1 either.
        let o = outline("(一)a⑴b(一)c");
        assert_eq!(o.count(), 2);
        assert_eq!(o.items[0].items[0].text, "b(一)c");
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("十二、"), Some((12, 6)));
        assert_eq!(chinese_number("二十、"), Some((20, 6)));
        assert_eq!(chinese_number("九十九"), Some((99, 9)));
        assert_eq!(chinese_number("十十"), None);
        assert_eq!(chinese_number("一二"), None);
        assert_eq!(chinese_number("一二三四五"), None);
        assert_eq!(arabic_number("１２、"), Some((12, 6)));
        assert_eq!(arabic_number("12345"), None);
    }

    #[test]
    fn unicode_marker_families() {
        let o = outline("⒈甲⒉乙①丙②丁⒊戊");
        assert_eq!(numbers(&o.items), [1, 2, 3]);
        assert_eq!(numbers(&o.items[1].items), [1, 2]);
        assert_eq!(o.items[1].items[0].family, MarkerFamily::Circled);
    }

    #[test]
    fn adversarial_inputs_stay_linear() {
        for unit in [
            "1、",
            "(一)",
            "（一）",
            "一、",
            "⑴",
            "1.",
            "11111",
            "((((",
            "一一一",
        ] {
            let text = unit.repeat(100_000);
            let o = outline(&text);
            assert_eq!(o.to_text(), text);
        }
    }
}
