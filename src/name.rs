//! The inferred disease name
//! ([format reference: the disease name](crate::format#the-disease-name)):
//! the record has no name field, but the name opens five long fields
//! (`肌肉萎缩病因…`, `肌肉萎缩预防…`, `肌肉萎缩症状…`, `肌肉萎缩的检查…`,
//! `肌肉萎缩西医治疗…`).
//!
//! This module owns the head-word table and the selection rule among the
//! candidates of the five fields; the candidates themselves are the nom
//! production `name_candidate` of `crate::grammar::name`. It does not know
//! about records or how the five values are found; the caller passes them
//! by label.
//!
//! Decisions where the format is silent:
//!
//! - Within one field, a prefix followed by several head words (or a head
//!   word found at several positions) counts once for that field.
//! - Ties between different candidates of the same (maximal) length, each
//!   found in at least two fields: the one found in more fields wins; then
//!   the one whose first field comes first in `HEAD_WORDS` order. (Two
//!   different candidates of the same character length can never share a
//!   field, so this order is total.)
//! - Leading whitespace in a value stops the prefix at once: that field gives
//!   no candidate.
//! - A name may hold commas and enumeration commas (`胃、十二指肠溃疡出血`,
//!   `小儿人类疱疹病毒6，7，8型感染性疾病`), also at its very start or end,
//!   as the format's character rule says; the causes item name
//!   ([`crate::causes`]) still stops at them.

use crate::grammar::name::{name_candidate, Candidates, MAX_NAME_CHARS};
use crate::labels::Label;

/// Number of fields that open with the disease name.
const FIELD_COUNT: usize = 5;

/// Head words that may directly follow the name, one row per field, in the
/// order of [`infer_name`]'s argument.
pub(crate) const HEAD_WORDS: [(Label, &[&str]); FIELD_COUNT] = [
    (Label::Causes, &["病因"]),
    (Label::Prevention, &["预防"]),
    (Label::SymptomDetails, &["症状"]),
    (Label::ExaminationDetails, &["的检查", "检查"]),
    (Label::TreatmentDetails, &["西医治疗", "中医治疗", "治疗"]),
];

/// [`infer_name`] over a record's raw values, looked up by label.
pub(crate) fn infer_record_name<'a>(raw: impl Fn(Label) -> Option<&'a str>) -> Option<&'a str> {
    infer_name(HEAD_WORDS.map(|(label, _)| raw(label)))
}

/// Byte length past which a prefix cannot be a candidate: 40 characters of
/// at most four bytes.
const MAX_NAME_BYTES: usize = MAX_NAME_CHARS * 4;

/// Infers the disease name from the values of the fields 病因, 预防,
/// 症状细节, 检查细节 and 治疗, in that order (`None` for an absent field).
///
/// A candidate of a field is a prefix X of its value, 1 to 40 characters
/// long, containing no whitespace, no sentence or clause stop
/// (`。！？；!?;：:`) and no ASCII `.` (commas `，,、` may stand in it),
/// that is directly followed by one of the field's head words
/// (`HEAD_WORDS`). The name is the longest candidate (in
/// characters) found in at least two fields; among equally long ones, the
/// one found in more fields, then the one whose first field comes first.
/// `None` when no candidate is shared by two fields.
///
/// The result borrows from the first field that holds it. Work is bounded:
/// at most 40 characters and a few head words per field, and a field is
/// only walked as far as it shares its opening bytes with another field
/// (a longer prefix cannot be found in two fields).
pub(crate) fn infer_name(fields: [Option<&str>; FIELD_COUNT]) -> Option<&str> {
    let (common, limits) = common_prefixes(fields);
    infer_name_within(fields, &common, limits)
}

/// For each pair of fields, the byte length of their common prefix,
/// capped at [`MAX_NAME_BYTES`] (no candidate is longer); 0 when either is
/// absent. A present field shares the cap with itself.
type Common = [[usize; FIELD_COUNT]; FIELD_COUNT];

/// The [`Common`] prefixes of `fields`, and for each field the longest
/// prefix it shares with another field: no candidate of the field that
/// ends further can be shared.
fn common_prefixes(fields: [Option<&str>; FIELD_COUNT]) -> (Common, [usize; FIELD_COUNT]) {
    let mut common = [[0; FIELD_COUNT]; FIELD_COUNT];
    let mut limits = [0; FIELD_COUNT];
    let mut set = |i: usize, j: usize, n: usize| match (
        common.get_mut(i).and_then(|row| row.get_mut(j)),
        limits.get_mut(i),
    ) {
        (Some(slot), Some(limit)) => {
            *slot = n;
            if i != j {
                *limit = (*limit).max(n);
            }
        }
        _ => debug_assert!(false, "fields {i} and {j} are in the table"),
    };
    for (i, a) in fields.iter().enumerate() {
        let Some(a) = a else { continue };
        set(i, i, MAX_NAME_BYTES);
        for (j, b) in fields.iter().enumerate().skip(i + 1) {
            let Some(b) = b else { continue };
            let n = common_prefix(a.as_bytes(), b.as_bytes(), MAX_NAME_BYTES);
            set(i, j, n);
            set(j, i, n);
        }
    }
    (common, limits)
}

/// Length of the longest common prefix of `a` and `b`, at most `cap`
/// bytes. Compares eight bytes at a time: byte by byte, this was the
/// largest part of name inference.
fn common_prefix(a: &[u8], b: &[u8], cap: usize) -> usize {
    let n = a.len().min(b.len()).min(cap);
    let mut same = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)).take(n / 8) {
        // `chunks_exact(8)` yields 8-byte chunks only.
        let (Some(&x), Some(&y)) = (x.first_chunk::<8>(), y.first_chunk::<8>()) else {
            debug_assert!(false, "a chunk of chunks_exact(8) is not 8 bytes");
            break;
        };
        let diff = u64::from_le_bytes(x) ^ u64::from_le_bytes(y);
        if diff != 0 {
            // The first differing byte is the lowest set one (little end).
            return same + (diff.trailing_zeros() / 8) as usize;
        }
        same += 8;
    }
    let rest = a.iter().zip(b).take(n).skip(same);
    same + rest.take_while(|(x, y)| x == y).count()
}

/// [`infer_name`] with field `i` walked only while its prefix is at most
/// `limits[i]` bytes long; `common` is [`common_prefixes`] of `fields`.
fn infer_name_within<'a>(
    fields: [Option<&'a str>; FIELD_COUNT],
    common: &Common,
    limits: [usize; FIELD_COUNT],
) -> Option<&'a str> {
    let mut found: [Candidates; FIELD_COUNT] = [[0; MAX_NAME_CHARS + 1]; FIELD_COUNT];
    // Bit n set: the n-character prefix of that field is a candidate, so
    // only real candidates are visited below (not all 40 lengths).
    let mut masks = [0u64; FIELD_COUNT];
    for ((((cands, mask), field), (_, heads)), limit) in found
        .iter_mut()
        .zip(&mut masks)
        .zip(fields)
        .zip(HEAD_WORDS)
        .zip(limits)
    {
        if let Some(value) = field {
            *mask = candidates(value, heads, limit, cands);
        }
    }
    // Longest first, then found in more fields, then first field first:
    // fields are visited in order and only a strictly better candidate
    // replaces the best one. Only the (few) candidates are visited, not
    // every length, so this is 5 lookups per candidate. Two candidates of
    // the same length are the same text when they end at the same byte
    // and their fields share that many bytes: no string compare.
    let mut best: Option<(usize, usize, &'a str)> = None;
    for (((field, cands), &mask), shares) in fields.iter().zip(&found).zip(&masks).zip(common) {
        let mut rest = mask;
        while rest != 0 {
            let chars = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            let Some(end) = candidate_end(cands, mask, chars) else {
                continue;
            };
            let count = found
                .iter()
                .zip(&masks)
                .zip(shares)
                .filter(|((other, &m), &shared)| {
                    candidate_end(other, m, chars) == Some(end) && shared >= usize::from(end)
                })
                .count();
            let better = match best {
                None => true,
                Some((best_chars, best_count, _)) => {
                    chars > best_chars || (chars == best_chars && count > best_count)
                }
            };
            if count >= 2 && better {
                let Some(candidate) = field.and_then(|v| v.get(..usize::from(end))) else {
                    debug_assert!(false, "a candidate ends at a char boundary of its field");
                    continue;
                };
                best = Some((chars, count, candidate));
            }
        }
    }
    best.map(|(_, _, name)| name)
}

/// The byte end of the `chars`-character candidate of a field, if it is
/// one (bit `chars` of `mask`). By reference: a copy of the 41-entry table
/// per lookup was the largest single cost of corpus parsing.
fn candidate_end(cands: &Candidates, mask: u64, chars: usize) -> Option<u8> {
    if mask & (1 << chars) == 0 {
        return None;
    }
    let end = cands.get(chars).copied();
    debug_assert!(end.is_some(), "mask bits are at most {MAX_NAME_CHARS}");
    end
}

/// The largest char boundary of `value` at or below `at` (`str`'s own
/// `floor_char_boundary` is newer than the crate's `rust-version`).
fn floor_char_boundary(value: &str, at: usize) -> usize {
    let mut at = at.min(value.len());
    // At most three steps back: a character is at most four bytes, and
    // 0 is a boundary.
    while !value.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The candidates of one field value whose end is at most `limit` bytes
/// in, written to `out`; returns which entries are set as a bit mask (bit
/// n for the n-character prefix), see [`name_candidate`].
fn candidates(value: &str, heads: &[&str], limit: usize, out: &mut Candidates) -> u64 {
    // The characters that end within `limit` bytes: only they may make up
    // a candidate (no more than 40 of at most four bytes are needed).
    let within = floor_char_boundary(value, limit.min(MAX_NAME_BYTES));
    let chars = value
        .bytes()
        .take(within)
        .filter(|&b| !is_continuation_byte(b))
        .count();
    if chars == 0 {
        return 0;
    }
    // A value that does not open with a name character has no candidate.
    name_candidate(heads, chars, out)(value).map_or(0, |(_, mask)| mask)
}

/// Whether `b` continues a UTF-8 character (`10xxxxxx`).
fn is_continuation_byte(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first 60 characters of the seed's five name-bearing values.
    const SEED: [&str; FIELD_COUNT] = [
        "肌肉萎缩病因遗传（10%）：遗传的因素，有遗传性的患者有5%-10%，这一般称为家族性肌萎缩性侧索硬化，成年型属常染色体",
        "肌肉萎缩预防1、保持乐观愉快的情绪。2、合理调配饮食结构。3、劳逸结合。4、严格预防感冒、胃肠炎5、物理疗法，增加肌力锻",
        "肌肉萎缩症状常见症状大腿肌肉萎缩：股骨头坏死病人出现大腿肌肉萎缩是普通现象，肌肉萎缩的轻重各有不同，大部分股骨头坏死病人",
        "肌肉萎缩的检查一、肌电图(EMG)二、神经传导速度(NCV)，包括运动神经传导速度(MCV)、感觉神经传导速度(SCV)",
        "肌肉萎缩西医治疗目前认为肌肉萎缩引发的肢体运动障碍的患者经过正规的康复训练可以明显减少或减轻瘫痪的后遗症，有人把康复看得",
    ];

    fn some(fields: [&str; FIELD_COUNT]) -> [Option<&str>; FIELD_COUNT] {
        fields.map(Some)
    }

    #[test]
    fn head_words_start_with_a_three_byte_character() {
        for (_, heads) in HEAD_WORDS {
            for head in heads {
                assert_eq!(head.chars().next().map(char::len_utf8), Some(3), "{head}");
            }
        }
    }

    #[test]
    fn seed_fields_give_the_seed_name() {
        let name = infer_name(some(SEED));
        assert_eq!(name, Some("肌肉萎缩"));
        // The result borrows from the first field holding it.
        assert_eq!(name.map(str::as_ptr), Some(SEED[0].as_ptr()));
    }

    #[test]
    fn any_two_seed_fields_suffice() {
        for i in 0..FIELD_COUNT {
            for j in 0..FIELD_COUNT {
                if i != j {
                    let mut fields = [None; FIELD_COUNT];
                    fields[i] = Some(SEED[i]);
                    fields[j] = Some(SEED[j]);
                    assert_eq!(infer_name(fields), Some("肌肉萎缩"), "{i} {j}");
                }
            }
        }
    }

    #[test]
    fn one_matching_field_is_not_enough() {
        assert_eq!(infer_name([Some(SEED[0]), None, None, None, None]), None);
        assert_eq!(
            infer_name(some([
                "甲病病因",
                "乙病预防",
                "丙病症状",
                "丁病检查",
                "戊病治疗"
            ])),
            None
        );
        // The same prefix twice in one field counts once.
        assert_eq!(
            infer_name([Some("甲病病因病因"), None, None, None, None]),
            None
        );
    }

    #[test]
    fn all_absent_or_empty_gives_none() {
        assert_eq!(infer_name([None; FIELD_COUNT]), None);
        assert_eq!(infer_name(some(["", "", "", "", ""])), None);
        assert_eq!(
            infer_name(some(["病因", "预防", "症状", "检查", "治疗"])),
            None
        );
    }

    #[test]
    fn de_jiancha_and_jiancha_both_give_candidates() {
        // `X的检查`: candidate `X` (head 的检查) and `X的` (head 检查).
        assert_eq!(
            infer_name([Some("甲病病因"), None, None, Some("甲病的检查"), None]),
            Some("甲病")
        );
        assert_eq!(
            infer_name([None, Some("甲病的预防"), None, Some("甲病的检查"), None]),
            Some("甲病的")
        );
        assert_eq!(
            infer_name([None, None, None, Some("甲病检查"), Some("甲病中医治疗")]),
            Some("甲病")
        );
    }

    #[test]
    fn head_words_are_per_field() {
        // 预防 is not a head word of the 病因 field.
        assert_eq!(
            infer_name([Some("甲病预防"), Some("甲病预防"), None, None, None]),
            None
        );
    }

    #[test]
    fn stops_end_the_prefix() {
        // Commas no longer end it (see `commas_stay_inside_the_name`).
        for stop in [
            " ", "\u{a0}", "\u{3000}", "\t", "。", "：", ":", ".", "；", "!", "！", "？", "?", ";",
        ] {
            let cause = format!("说明{stop}甲病病因");
            let fields = [
                Some(cause.as_str()),
                Some("说明预防"),
                None,
                None,
                Some("说明甲病治疗"),
            ];
            assert_eq!(infer_name(fields), None, "{stop:?}");
        }
        // Any ASCII `.`, even between digits.
        assert_eq!(
            infer_name([Some("B1.5病因"), Some("B1.5预防"), None, None, None]),
            None
        );
        assert_eq!(
            infer_name([Some("B15病因"), Some("B15预防"), None, None, None]),
            Some("B15")
        );
        // Leading whitespace: no candidate at all.
        assert_eq!(
            infer_name([Some(" 甲病病因"), Some(" 甲病预防"), None, None, None]),
            None
        );
    }

    #[test]
    fn commas_stay_inside_the_name() {
        for comma in ["，", ",", "、"] {
            let name = format!("甲{comma}乙病");
            let cause = format!("{name}病因");
            let prevention = format!("{name}预防");
            assert_eq!(
                infer_name([Some(&cause), Some(&prevention), None, None, None]),
                Some(name.as_str()),
                "{comma:?}"
            );
            // Only inside: a prefix that opens or ends with a comma is no
            // candidate (`甲病，病因` is the name 甲病 and a comma, not a
            // name with a comma).
            for name in [format!("{comma}甲病"), format!("甲病{comma}")] {
                let cause = format!("{name}病因x");
                let treatment = format!("{name}治疗y");
                assert_eq!(
                    infer_name([Some(&cause), None, None, None, Some(&treatment)]),
                    None,
                    "{name:?}"
                );
            }
        }
        // Real names of the public disease list.
        for name in [
            "胃、十二指肠溃疡出血",
            "强酸、强碱中毒",
            "小儿人类疱疹病毒6，7，8型感染性疾病",
        ] {
            let fields = HEAD_WORDS.map(|(_, heads)| format!("{name}{}。", heads[0]));
            let fields: [Option<&str>; FIELD_COUNT] =
                std::array::from_fn(|i| Some(fields[i].as_str()));
            assert_eq!(infer_name(fields), Some(name));
        }
        // A clause stop after the comma still ends the prefix.
        assert_eq!(
            infer_name([
                Some("甲，乙：丙病因"),
                Some("甲，乙：丙预防"),
                None,
                None,
                None
            ]),
            None
        );
    }

    #[test]
    fn forty_characters_at_most() {
        let forty = "名".repeat(40);
        let cause = format!("{forty}病因");
        let prevention = format!("{forty}预防");
        assert_eq!(
            infer_name([Some(&cause), Some(&prevention), None, None, None]),
            Some(forty.as_str())
        );

        let forty_one = "名".repeat(41);
        let cause = format!("{forty_one}病因");
        let prevention = format!("{forty_one}预防");
        assert_eq!(
            infer_name([Some(&cause), Some(&prevention), None, None, None]),
            None
        );

        // Characters, not bytes: 40 ASCII characters work the same.
        let ascii = "a".repeat(40);
        let cause = format!("{ascii}病因");
        let prevention = format!("{ascii}预防");
        assert_eq!(
            infer_name([Some(&cause), Some(&prevention), None, None, None]),
            Some(ascii.as_str())
        );
    }

    #[test]
    fn longest_shared_candidate_wins() {
        // `甲病` is shared by three fields, `甲病病因` by two: the longer wins.
        let fields = [
            Some("甲病病因病因"),
            Some("甲病预防"),
            Some("甲病病因症状"),
            None,
            Some("甲病治疗"),
        ];
        assert_eq!(infer_name(fields), Some("甲病病因"));
        // A longer candidate in only one field does not beat a shared one.
        let fields = [
            Some("甲病乙病因"),
            Some("甲病预防"),
            None,
            None,
            Some("甲病治疗"),
        ];
        assert_eq!(infer_name(fields), Some("甲病"));
    }

    #[test]
    fn ties_prefer_more_fields_then_earlier_field() {
        // `甲病` in two fields, `乙病` in three: more fields wins.
        let fields = [
            Some("甲病病因"),
            Some("甲病预防"),
            Some("乙病症状"),
            Some("乙病检查"),
            Some("乙病治疗"),
        ];
        assert_eq!(infer_name(fields), Some("乙病"));
        // Two fields each: the one first seen in the earlier field wins.
        let fields = [
            Some("甲病病因"),
            Some("乙病预防"),
            Some("乙病症状"),
            Some("甲病检查"),
            None,
        ];
        assert_eq!(infer_name(fields), Some("甲病"));
    }

    #[test]
    fn common_prefix_by_words_agrees_with_bytes() {
        let texts = [
            "",
            "a",
            "abcdefgh",
            "abcdefghi",
            "abcdefgX",
            "Xbcdefgh",
            "abcdefghijklmnopq",
        ];
        for a in texts {
            for b in texts {
                for cap in [0, 3, 8, 9, 16, 160] {
                    let bytes = a
                        .bytes()
                        .zip(b.bytes())
                        .take(cap)
                        .take_while(|(x, y)| x == y)
                        .count();
                    assert_eq!(
                        common_prefix(a.as_bytes(), b.as_bytes(), cap),
                        bytes,
                        "{a} {b} {cap}"
                    );
                }
            }
        }
    }

    #[test]
    fn shared_prefix_bound_changes_nothing() {
        // Random fields over the head words' characters and a few others:
        // walking each field only as far as it shares bytes with another
        // gives the same name as walking every field to 40 characters.
        const PIECES: [&str; 14] = [
            "甲", "病", "因", "预防", "症状", "的", "检查", "西医", "中医", "治疗", "，", " ", "a",
            ".",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let (mut named, mut commas) = (0, 0);
        for _ in 0..20_000 {
            // Stems of 甲, 病, 因 and the comma, which may stand in a name.
            let stem: String = (0..next(6))
                .map(|_| ["甲", "病", "因", "，"][next(4)])
                .collect();
            let values: Vec<Option<String>> = HEAD_WORDS
                .iter()
                .map(|(_, heads)| {
                    (next(5) > 0).then(|| {
                        let mut v = if next(3) > 0 {
                            stem.clone()
                        } else {
                            String::new()
                        };
                        if next(3) > 0 {
                            v.push_str(heads[next(heads.len())]);
                        }
                        for _ in 0..next(8) {
                            v.push_str(PIECES[next(PIECES.len())]);
                        }
                        v
                    })
                })
                .collect();
            let fields: [Option<&str>; FIELD_COUNT] = std::array::from_fn(|i| values[i].as_deref());
            let name = infer_name(fields);
            assert_eq!(
                name,
                infer_name_within(
                    fields,
                    &common_prefixes(fields).0,
                    [usize::MAX; FIELD_COUNT]
                ),
                "{fields:?}"
            );
            assert_eq!(name, slow_name(fields).as_deref(), "{fields:?}");
            named += usize::from(name.is_some());
            commas += usize::from(name.is_some_and(|n| n.contains('，')));
        }
        // The inputs do exercise the rule.
        assert!(named > 2_000, "{named} names");
        assert!(commas > 200, "{commas} names with a comma");
    }

    /// The name rule written from the format reference, one prefix at a
    /// time, sharing no code with the grammar.
    fn slow_name(fields: [Option<&str>; FIELD_COUNT]) -> Option<String> {
        let ends_prefix = |c: char| {
            matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}' | '.') || "。！？；!?;：:".contains(c)
        };
        // (candidate, fields holding it, first such field)
        let mut found: Vec<(String, usize, usize)> = Vec::new();
        for (i, (field, (_, heads))) in fields.iter().zip(HEAD_WORDS).enumerate() {
            let Some(value) = field else { continue };
            let chars: Vec<char> = value.chars().collect();
            let mut mine: Vec<String> = Vec::new();
            for n in 1..=40.min(chars.len()) {
                if chars[..n].iter().any(|&c| ends_prefix(c)) {
                    break;
                }
                let prefix: String = chars[..n].iter().collect();
                let rest: String = chars[n..].iter().collect();
                // Commas stand only inside a name.
                let edges = [chars[0], chars[n - 1]];
                let inside = !edges.iter().any(|c| "，,、".contains(*c));
                if inside && heads.iter().any(|h| rest.starts_with(h)) && !mine.contains(&prefix) {
                    mine.push(prefix);
                }
            }
            for prefix in mine {
                match found.iter_mut().find(|(p, _, _)| *p == prefix) {
                    Some(entry) => entry.1 += 1,
                    None => found.push((prefix, 1, i)),
                }
            }
        }
        found
            .into_iter()
            .filter(|(_, count, _)| *count >= 2)
            .max_by_key(|(p, count, first)| (p.chars().count(), *count, std::cmp::Reverse(*first)))
            .map(|(p, _, _)| p)
    }
}
