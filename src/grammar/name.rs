//! The disease name ([format reference: the disease name](crate::format#the-disease-name)):
//! inferred from the five long fields that open with it.

use std::convert::Infallible;

use nom::error::{ErrorKind as NomErrorKind, ParseError};

use super::{split_at, Failure};
use crate::model::labels::Label;
use crate::scan::{common_prefix, is_clause_stop, is_comma, is_space, short_eq};

/// The result of a name production; none names a fault.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, Failure<&'a str, Infallible>>;

/// Longest name, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 40;

/// Number of fields that open with the disease name.
const FIELD_COUNT: usize = 5;

/// The head words that may follow the name, per field, in the order of
/// [`infer_name`]'s argument.
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

/// The longest candidate shared by two fields; among equally long ones, the
/// one in more fields, then the one whose first field comes first. Borrows
/// from the first field that holds it.
pub(crate) fn infer_name(fields: [Option<&str>; FIELD_COUNT]) -> Option<&str> {
    // A candidate cannot count unless another field shares its bytes.
    let mut shared = [0; FIELD_COUNT];
    for (i, a) in fields.iter().enumerate() {
        for (j, b) in fields.iter().enumerate().skip(i + 1) {
            if let (Some(a), Some(b)) = (a, b) {
                let same = common_prefix(a.as_bytes(), b.as_bytes());
                shared[i] = shared[i].max(same);
                shared[j] = shared[j].max(same);
            }
        }
    }
    // (name, its characters, the fields holding it)
    let mut best: Option<(&str, usize, usize)> = None;
    for ((field, (_, heads)), max_len) in fields.iter().zip(HEAD_WORDS).zip(shared) {
        let Some(value) = field else { continue };
        // Where the field opens with the best name, its shorter candidates
        // lose and that one is known: only longer ones are tried.
        let from = best
            .filter(|(best, ..)| value.starts_with(best))
            .map_or((0, 0), |(best, chars, _)| (best.len(), chars));
        for (name, chars) in name_candidates(value, from, heads, max_len) {
            let known =
                best.is_some_and(|(best, best_chars, _)| best == name || best_chars > chars);
            if known {
                continue;
            }
            let holding = fields.iter().zip(HEAD_WORDS).filter(|(other, (_, heads))| {
                let rest = other.and_then(|other| other.strip_prefix(name));
                rest.is_some_and(|rest| head_word(heads)(rest).is_ok())
            });
            let fields = holding.count();
            let better = match best {
                None => true,
                Some((_, best_chars, best_fields)) => (chars, fields) > (best_chars, best_fields),
            };
            if fields >= 2 && better {
                best = Some((name, chars, fields));
            }
        }
    }
    best.map(|(name, _, _)| name)
}

/// ```text
/// name_candidate = name_edge [ { name_char } name_edge ] head_word ;
/// ```
///
/// Every candidate of one field value of at most `max_len` bytes, shortest
/// first, with its length in characters, past the name of `chars` characters
/// that opens `value` at byte `start`.
pub(crate) fn name_candidates<'a, 'h>(
    value: &'a str,
    (start, mut chars): (usize, usize),
    heads: &'h [&'h str],
    max_len: usize,
) -> impl Iterator<Item = (&'a str, usize)> + use<'a, 'h> {
    let mut rest = if value.starts_with(is_comma) {
        ""
    } else {
        split_at(value, start).1
    };
    std::iter::from_fn(move || {
        while chars < MAX_NAME_CHARS {
            let (after, c) = name_char(rest).ok()?;
            if value.len() - after.len() > max_len {
                return None;
            }
            rest = after;
            chars += 1;
            if !c.starts_with(is_comma) && head_word(heads)(rest).is_ok() {
                return Some((split_at(value, value.len() - rest.len()).0, chars));
            }
        }
        None
    })
}

/// Whether all of `text` reads as a name without its head word,
/// `name_edge [ { name_char } name_edge ]`, 1 to 40 characters.
pub(crate) fn is_name(text: &str) -> bool {
    let (mut rest, mut chars) = (text, 0);
    while let Ok((after, _)) = name_char(rest) {
        rest = after;
        chars += 1;
    }
    let edges = [text.chars().next(), text.chars().next_back()];
    rest.is_empty()
        && (1..=MAX_NAME_CHARS).contains(&chars)
        && !edges.into_iter().flatten().any(is_comma)
}

/// `name_char      = char - ws - clause_stop - "." ;`
pub(crate) fn name_char(input: &str) -> PResult<'_, &str> {
    match input.chars().next() {
        Some(c) if !(c == '.' || is_space(c) || is_clause_stop(c)) => {
            let (c, rest) = split_at(input, c.len_utf8());
            Ok((rest, c))
        }
        _ => Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::Char,
        ))),
    }
}

/// `head_word`: one of the field's `heads`.
pub(crate) fn head_word<'s, 'h>(
    heads: &'s [&'h str],
) -> impl Fn(&str) -> PResult<'_, &'h str> + 's {
    move |input: &str| {
        let bytes = input.as_bytes();
        let head = heads.iter().find(|head| {
            let len = head.len();
            bytes
                .get(..len)
                .is_some_and(|b| short_eq(b, head.as_bytes()))
        });
        let found = head.map(|&head| (split_at(input, head.len()).1, head));
        found.ok_or_else(|| nom::Err::Error(Failure::from_error_kind(input, NomErrorKind::Tag)))
    }
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
    fn agrees_with_the_slow_reading_of_the_rule() {
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

    #[test]
    fn name_char_takes_commas_but_no_clause_stop() {
        for c in ["甲", "，", ",", "、", "a", "6", "（", "😀"] {
            assert_eq!(name_char(c), Ok(("", c)), "{c:?}");
        }
        for c in [
            "。", "！", "？", "；", "!", "?", ";", "：", ":", ".", " ", "\u{3000}", "",
        ] {
            assert!(name_char(c).is_err(), "{c:?}");
        }
    }

    #[test]
    fn head_word_tries_every_head_of_the_field() {
        let heads = head_word(&["西医治疗", "中医治疗", "治疗"]);
        assert_eq!(heads("中医治疗x"), Ok(("x", "中医治疗")));
        assert_eq!(heads("治疗"), Ok(("", "治疗")));
        assert!(heads("西医").is_err());
        assert!(heads("病因").is_err());
    }

    #[test]
    fn candidates_of_one_field() {
        let value = "强酸、强碱中毒的检查：…";
        // `强酸、强碱中毒` (7 characters, head 的检查) and `强酸、强碱中毒的`
        // (8, head 检查); the colon ends the name characters.
        let found: Vec<_> = name_candidates(value, (0, 0), &["的检查", "检查"], usize::MAX)
            .map(|(name, _)| name)
            .collect();
        assert_eq!(found, ["强酸、强碱中毒", "强酸、强碱中毒的"]);
        assert_eq!(
            name_candidates("：病因", (0, 0), &["病因"], usize::MAX).count(),
            0
        );
        let found: Vec<_> = name_candidates(value, (0, 0), &["的检查", "检查"], 21)
            .map(|(name, _)| name)
            .collect();
        assert_eq!(found, ["强酸、强碱中毒"]);
    }
}
