//! Treatment sections: the `治疗` text split at its `西医治疗` / `中医治疗`
//! headings and, inside each section, at `【…】` headings.

use serde::Serialize;

use crate::grammar::name::is_name;

/// The longest `【…】` title, in characters, taken as a part heading.
pub const MAX_TITLE_CHARS: usize = 20;

/// Which medicine a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TreatmentKind {
    /// `西医治疗`: Western medicine.
    Western,
    /// `中医治疗`: traditional Chinese medicine.
    Chinese,
}

impl TreatmentKind {
    /// The heading word: `西医治疗` or `中医治疗`.
    pub fn word(self) -> &'static str {
        match self {
            TreatmentKind::Western => "西医治疗",
            TreatmentKind::Chinese => "中医治疗",
        }
    }
}

/// The `治疗` text split into sections.
///
/// ```
/// use jibing::derived::{treatment_sections, TreatmentKind};
///
/// let text = "一般治疗。感冒西医治疗多休息。感冒中医治疗【症状】恶寒。【治法】疏风。";
/// let s = treatment_sections(text, Some("感冒"));
/// let kinds: Vec<_> = s.sections.iter().map(|section| section.kind).collect();
/// assert_eq!(kinds, [None, Some(TreatmentKind::Western), Some(TreatmentKind::Chinese)]);
/// assert_eq!(s.sections[0].body, "一般治疗。"); // text before the first heading
/// let chinese = s.get(TreatmentKind::Chinese).unwrap();
/// assert_eq!(chinese.heading, "感冒中医治疗");
/// let titles: Vec<_> = chinese.parts.iter().map(|p| p.title).collect();
/// assert_eq!(titles, ["症状", "治法"]);
/// assert_eq!(s.to_text(), text); // lossless
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[non_exhaustive]
pub struct TreatmentSections<'a> {
    /// The sections, in order.
    pub sections: Vec<TreatmentSection<'a>>,
}

/// One section: a heading, the text before its first `【…】`, and parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TreatmentSection<'a> {
    /// Western or Chinese medicine; `None` for text before the first heading.
    pub kind: Option<TreatmentKind>,
    /// The heading as written (`肌肉萎缩中医治疗`); empty when `kind` is `None`.
    pub heading: &'a str,
    /// The text after the heading up to the first part heading.
    pub body: &'a str,
    /// The `【…】` parts.
    pub parts: Vec<SectionPart<'a>>,
}

/// A part of a section, introduced by a `【…】` heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SectionPart<'a> {
    /// The title inside the brackets (`治法`).
    pub title: &'a str,
    /// The heading as written (`【治法】`).
    pub heading: &'a str,
    /// The text up to the next part or section heading.
    pub text: &'a str,
}

impl TreatmentSections<'_> {
    /// The first section of `kind`, if any.
    pub fn get(&self, kind: TreatmentKind) -> Option<&TreatmentSection<'_>> {
        self.sections.iter().find(|s| s.kind == Some(kind))
    }

    /// Appends the text, rebuilt from the sections, to `out`.
    pub fn write_to(&self, out: &mut String) {
        for section in &self.sections {
            out.push_str(section.heading);
            out.push_str(section.body);
            for part in &section.parts {
                out.push_str(part.heading);
                out.push_str(part.text);
            }
        }
    }

    /// The text, rebuilt (see [`TreatmentSections::write_to`]).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }
}

impl TreatmentSection<'_> {
    /// The part with this title, if any.
    pub fn part(&self, title: &str) -> Option<&SectionPart<'_>> {
        self.parts.iter().find(|p| p.title == title)
    }
}

/// Splits a `治疗` text into sections. `name` is the disease name,
/// normally [`Record::name`](crate::Record::name).
///
/// # The rule
///
/// A section heading is the disease name directly followed by `西医治疗` or
/// `中医治疗` (`肌肉萎缩西医治疗`). The name is the record's inferred name;
/// when there is none, the text before the first `西医治疗`/`中医治疗` is
/// taken as the name if it reads as one by the name rule of the
/// [format reference](crate::format#the-disease-name) (1 to 40 characters,
/// no whitespace, clause stop or ASCII `.`, commas only inside); otherwise
/// the text has no section headings. Text before the
/// first heading is a section without heading, left out when empty. A part
/// heading is `【`, 1 to [`MAX_TITLE_CHARS`] characters other than `【`/`】`,
/// then `】`.
///
/// ```
/// use jibing::derived::{treatment_sections, TreatmentKind};
/// let s = treatment_sections("感冒西医治疗多休息。感冒中医治疗【治法】疏风。", Some("感冒"));
/// let chinese = s.get(TreatmentKind::Chinese).unwrap();
/// assert_eq!(chinese.part("治法").unwrap().text, "疏风。");
/// ```
pub fn treatment_sections<'a>(text: &'a str, name: Option<&str>) -> TreatmentSections<'a> {
    let name = name.filter(|n| !n.is_empty()).or_else(|| infer_name(text));
    let mut headings: Vec<(usize, usize, TreatmentKind)> = Vec::new();
    if let Some(name) = name {
        for (at, _) in text.match_indices("医治疗") {
            let Some(before) = text.get(..at) else {
                continue;
            };
            let kind = if before.ends_with('西') {
                TreatmentKind::Western
            } else if before.ends_with('中') {
                TreatmentKind::Chinese
            } else {
                continue;
            };
            let word_start = at - '西'.len_utf8();
            let Some(start) = text
                .get(..word_start)
                .and_then(|b| b.strip_suffix(name))
                .map(str::len)
            else {
                continue;
            };
            headings.push((start, at + "医治疗".len(), kind));
        }
    }
    let mut sections = Vec::new();
    let first = headings.first().map_or(text.len(), |h| h.0);
    if first > 0 {
        sections.push(section(None, "", text.get(..first).unwrap_or("")));
    }
    for (i, &(start, end, kind)) in headings.iter().enumerate() {
        let next = headings.get(i + 1).map_or(text.len(), |h| h.0);
        let heading = text.get(start..end).unwrap_or("");
        sections.push(section(
            Some(kind),
            heading,
            text.get(end..next).unwrap_or(""),
        ));
    }
    TreatmentSections { sections }
}

/// The name before the first heading word, when it looks like a name.
fn infer_name(text: &str) -> Option<&str> {
    let at = [TreatmentKind::Western, TreatmentKind::Chinese]
        .iter()
        .filter_map(|k| text.find(k.word()))
        .min()?;
    let name = text.get(..at)?;
    is_name(name).then_some(name)
}

/// Builds a section from the text after its heading.
fn section<'a>(
    kind: Option<TreatmentKind>,
    heading: &'a str,
    rest: &'a str,
) -> TreatmentSection<'a> {
    let heads = part_headings(rest);
    let body_end = heads.first().map_or(rest.len(), |h| h.0);
    let parts = heads
        .iter()
        .enumerate()
        .map(|(i, &(start, end))| {
            let next = heads.get(i + 1).map_or(rest.len(), |h| h.0);
            let heading = rest.get(start..end).unwrap_or("");
            SectionPart {
                title: heading
                    .strip_prefix('【')
                    .and_then(|h| h.strip_suffix('】'))
                    .unwrap_or(""),
                heading,
                text: rest.get(end..next).unwrap_or(""),
            }
        })
        .collect();
    TreatmentSection {
        kind,
        heading,
        body: rest.get(..body_end).unwrap_or(""),
        parts,
    }
}

/// Byte ranges of the `【…】` headings of `text`; a scan from `【` stops at
/// the next `【` or `】`, so the whole is linear.
fn part_headings(text: &str) -> Vec<(usize, usize)> {
    let mut heads = Vec::new();
    let mut from = 0;
    while let Some(open) = text
        .get(from..)
        .and_then(|t| t.find('【'))
        .map(|i| from + i)
    {
        let inner_start = open + '【'.len_utf8();
        let Some(inner) = text.get(inner_start..) else {
            break;
        };
        match inner.find(['【', '】']) {
            Some(i) if inner.get(i..).is_some_and(|t| t.starts_with('】')) => {
                let title = inner.get(..i).unwrap_or("");
                let chars = title.chars().count();
                let end = inner_start + i + '】'.len_utf8();
                if (1..=MAX_TITLE_CHARS).contains(&chars) {
                    heads.push((open, end));
                }
                from = end;
            }
            Some(i) => from = inner_start + i,
            None => break,
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_parts() {
        let text = "前言感冒西医治疗多休息。感冒中医治疗总则【症状】发热。【治法】疏风。";
        let s = treatment_sections(text, Some("感冒"));
        assert_eq!(s.sections.len(), 3);
        assert_eq!((s.sections[0].kind, s.sections[0].body), (None, "前言"));
        let western = s.get(TreatmentKind::Western).unwrap();
        assert_eq!(
            (western.heading, western.body),
            ("感冒西医治疗", "多休息。")
        );
        let chinese = s.get(TreatmentKind::Chinese).unwrap();
        assert_eq!(chinese.body, "总则");
        let titles: Vec<_> = chinese.parts.iter().map(|p| p.title).collect();
        assert_eq!(titles, ["症状", "治法"]);
        assert_eq!(s.to_text(), text);
    }

    #[test]
    fn heading_needs_the_name() {
        let text = "感冒西医治疗可与中医治疗结合。";
        let s = treatment_sections(text, Some("感冒"));
        assert_eq!(s.sections.len(), 1);
        assert_eq!(s.sections[0].body, "可与中医治疗结合。");
    }

    #[test]
    fn name_inferred_when_missing() {
        let s = treatment_sections("甲病中医治疗【治法】补。", None);
        assert_eq!(s.sections[0].heading, "甲病中医治疗");
        let s = treatment_sections("多休息，中医治疗也可。", None);
        assert_eq!(s.sections.len(), 1);
        assert_eq!(s.sections[0].kind, None);
        // Commas stand inside a name, as in the record's name rule.
        let s = treatment_sections("强酸、强碱中毒西医治疗【治法】洗胃。", None);
        assert_eq!(s.sections[0].heading, "强酸、强碱中毒西医治疗");
    }

    #[test]
    fn odd_brackets() {
        let text = "【【】【无尽【甲】x【】";
        let s = treatment_sections(text, None);
        let titles: Vec<_> = s.sections[0].parts.iter().map(|p| p.title).collect();
        assert_eq!(titles, ["甲"]);
        assert_eq!(s.to_text(), text);
        assert_eq!(treatment_sections("", None).sections.len(), 0);
    }

    #[test]
    fn adversarial_inputs_stay_linear() {
        for unit in ["【", "【a", "中医治疗", "甲中医治疗", "】"] {
            let text = unit.repeat(100_000);
            assert_eq!(treatment_sections(&text, Some("甲")).to_text(), text);
            assert_eq!(treatment_sections(&text, None).to_text(), text);
        }
    }
}
