//! The one table of the 26 labels.
//!
//! [`for_each_label!`] holds each label's variant, text, field / JSON key,
//! [`ValueKind`] and doc once; the enum, the record's fields, their serde
//! names and the value dispatch are generated from it.

use std::fmt;
use std::str::FromStr;

use crate::scan::{label_slot, short_eq, LABEL_SLOTS};

/// Calls `$callback! { (Variant, "标签", field, Kind, "doc"), … }` with the 26
/// rows of the label table, in canonical order.
macro_rules! for_each_label {
    ($callback:ident) => {
        $callback! {
            (Summary, "简介", summary, Text, "Summary of the disease."),
            (Insurance, "医保疾病", insurance, Bool, "Whether medical insurance covers the disease."),
            (Prevalence, "患病比例", prevalence, Rate, "Share of the population affected, in percent."),
            (Susceptible, "易感人群", susceptible, Text, "Groups of people most at risk."),
            (Transmission, "传染方式", transmission, Text, "How the disease spreads."),
            (Complications, "并发症", complications, List, "Complications."),
            (Departments, "就诊科室", departments, List, "Hospital departments that treat it."),
            (Treatments, "治疗方式", treatments, List, "Kinds of treatment."),
            (TreatmentPeriod, "治疗周期", treatment_period, Period, "How long treatment takes."),
            (CureRate, "治愈率", cure_rate, Rate, "Cure rate, in percent."),
            (CommonDrugs, "常用药品", common_drugs, List, "Commonly used drugs."),
            (Cost, "治疗费用", cost, Cost, "Cost of treatment, in yuan."),
            (Tips, "温馨提示", tips, Text, "Advice for patients."),
            (Causes, "病因", causes, Causes, "Causes, with their percentage tags."),
            (Prevention, "预防", prevention, Text, "Prevention."),
            (SymptomDetails, "症状细节", symptom_details, Text, "Symptoms, in prose."),
            (Symptoms, "症状", symptoms, List, "Symptoms, as a list."),
            (ExaminationDetails, "检查细节", examination_details, Text, "Examinations, in prose."),
            (Examinations, "检查", examinations, List, "Examinations, as a list."),
            (TreatmentDetails, "治疗", treatment_details, Text, "Treatment, in prose."),
            (DietGoodDetails, "宜吃细节", diet_good_details, Text, "What to eat, in prose."),
            (DietBadDetails, "忌吃细节", diet_bad_details, Text, "What not to eat, in prose."),
            (GoodFoods, "宜吃", good_foods, List, "Foods to eat."),
            (BadFoods, "忌吃", bad_foods, List, "Foods to avoid."),
            (Recipes, "推荐食谱", recipes, List, "Recommended recipes."),
            (Drugs, "药品", drugs, Drugs, "Drug products, from Python tuple literals."),
        }
    };
}
pub(crate) use for_each_label;

/// The shape of a label's value (see the
/// [format reference: value kinds](crate::format#value-kinds)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    /// The value as a string.
    Text,
    /// Items split on runs of whitespace.
    List,
    /// `是` or `否`.
    Bool,
    /// A percentage or percentage range, see [`Rate`](crate::Rate).
    Rate,
    /// A duration, see [`Period`](crate::Period).
    Period,
    /// An amount of money, see [`Cost`](crate::Cost).
    Cost,
    /// Percentage-tagged causes, see [`Causes`](crate::Causes).
    Causes,
    /// Python tuple literals, see [`Drug`](crate::Drug).
    Drugs,
}

macro_rules! define_labels {
    ($(($variant:ident, $text:literal, $field:ident, $kind:ident, $doc:literal),)*) => {
        /// One of the 26 labels of the format, in canonical order (see the
        /// [format reference: labels](crate::format#labels)).
        ///
        /// The [`Display`](std::fmt::Display) form is the Chinese label.
        /// [`FromStr`] reads either the Chinese label or the JSON key (the
        /// two never overlap); serde writes the JSON key and reads what
        /// `FromStr` reads, so a `Label` works as a JSON map key.
        ///
        /// ```
        /// use jibing::{Label, ValueKind};
        ///
        /// let label: Label = "治愈率".parse()?;
        /// assert_eq!(label, Label::CureRate);
        /// assert_eq!("cure_rate".parse::<Label>()?, Label::CureRate);
        /// assert_eq!((label.text(), label.key()), ("治愈率", "cure_rate"));
        /// assert_eq!(label.kind(), ValueKind::Rate);
        /// assert_eq!(label.to_string(), "治愈率");
        /// assert!("别名".parse::<Label>().is_err());
        ///
        /// let record = jibing::parse("简介 某病\n治愈率 90%\n")?;
        /// assert!(record.has(label));
        ///
        /// assert_eq!(serde_json::to_string(&label)?, r#""cure_rate""#);
        /// let labels: Vec<Label> = serde_json::from_str(r#"["summary", "药品"]"#)?;
        /// assert_eq!(labels, [Label::Summary, Label::Drugs]);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Label {
            $(
                #[doc = concat!("`", $text, "` → `", stringify!($field), "`: ", $doc)]
                $variant,
            )*
        }

        impl Label {
            /// Every label, in canonical (table) order.
            pub const ALL: [Label; 26] = [$(Label::$variant),*];

            /// The label as written in records, e.g. `"简介"`.
            pub const fn text(self) -> &'static str {
                match self { $(Label::$variant => $text,)* }
            }

            /// The JSON key (and [`Record`](crate::Record) field name), e.g. `"summary"`.
            pub const fn key(self) -> &'static str {
                match self { $(Label::$variant => stringify!($field),)* }
            }

            /// The kind of value the label carries.
            pub const fn kind(self) -> ValueKind {
                match self { $(Label::$variant => ValueKind::$kind,)* }
            }

            /// The label whose JSON key is exactly `key`.
            pub fn from_key(key: &str) -> Option<Label> {
                match key {
                    $(stringify!($field) => Some(Label::$variant),)*
                    _ => None,
                }
            }
        }
    };
}
for_each_label!(define_labels);

impl Label {
    /// Position in canonical order, `0..26`.
    pub const fn index(self) -> usize {
        self as usize
    }
}

impl Label {
    /// The label whose text is exactly `text` (a whole token: `"症状"`
    /// is not a prefix match for `"症状细节"`).
    #[inline]
    pub fn from_text(text: &str) -> Option<Label> {
        let (label, its_text) = BY_TEXT
            .get(label_slot(text.as_bytes())?)
            .copied()
            .flatten()?;
        short_eq(its_text.as_bytes(), text.as_bytes()).then_some(label)
    }
}

/// The labels, with their texts, by [`label_slot`] of their text; building
/// it fails at compile time if two labels share a slot.
const BY_TEXT: [Option<(Label, &str)>; LABEL_SLOTS] = {
    let mut table = [None; LABEL_SLOTS];
    let mut i = 0;
    while i < Label::ALL.len() {
        let label = Label::ALL[i];
        match label_slot(label.text().as_bytes()) {
            Some(slot) => {
                assert!(table[slot].is_none(), "two labels share a slot of BY_TEXT");
                table[slot] = Some((label, label.text()));
            }
            None => panic!("a label's text has no slot"),
        }
        i += 1;
    }
    table
};

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

/// Reads a label from its Chinese text (`"治愈率"`) or its JSON key
/// (`"cure_rate"`), as whole strings.
impl FromStr for Label {
    type Err = ParseLabelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Label::from_text(s)
            .or_else(|| Label::from_key(s))
            .ok_or_else(|| ParseLabelError {
                input: s.to_owned(),
            })
    }
}

/// The error of reading a [`Label`] from a string that is neither a label's
/// Chinese text nor its JSON key.
///
/// ```
/// let err = "别名".parse::<jibing::Label>().unwrap_err();
/// assert_eq!(err.input(), "别名");
/// assert_eq!(err.to_string(), "unknown label '别名': neither a label nor a JSON key");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParseLabelError {
    input: String,
}

impl ParseLabelError {
    /// The string that is not a label.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseLabelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown label '{}': neither a label nor a JSON key",
            self.input
        )
    }
}

impl std::error::Error for ParseLabelError {}

/// As the JSON key, e.g. `"cure_rate"`.
impl serde::Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// From a string, as [`FromStr`] reads it: the JSON key or the Chinese text.
impl<'de> serde::Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LabelVisitor;

        impl serde::de::Visitor<'_> for LabelVisitor {
            type Value = Label;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a label's JSON key or Chinese text")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Label, E> {
                text.parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(text), &self))
            }
        }

        deserializer.deserialize_str(LabelVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        for (i, label) in Label::ALL.iter().enumerate() {
            assert_eq!(label.index(), i);
            assert_eq!(Label::from_text(label.text()), Some(*label));
            assert_eq!(Label::from_key(label.key()), Some(*label));
        }
    }

    #[test]
    fn labels_match_as_whole_tokens() {
        assert_eq!(Label::from_text("症状"), Some(Label::Symptoms));
        assert_eq!(Label::from_text("症状细节"), Some(Label::SymptomDetails));
        assert_eq!(Label::from_text("治疗"), Some(Label::TreatmentDetails));
        assert_eq!(Label::from_text("治疗周期"), Some(Label::TreatmentPeriod));
        assert_eq!(Label::from_text("治疗费"), None);
        assert_eq!(Label::from_text("症状细节x"), None);
        assert_eq!(Label::from_text(""), None);
    }

    /// The slot lookup agrees with a search of the table on every label
    /// text, on each with one byte changed, cut or lengthened, and on
    /// texts that share a label's slot.
    #[test]
    fn from_text_agrees_with_a_search_of_the_table() {
        let search = |text: &[u8]| Label::ALL.into_iter().find(|l| l.text().as_bytes() == text);
        let lookup = |text: &[u8]| std::str::from_utf8(text).ok().and_then(Label::from_text);
        let mut texts: Vec<Vec<u8>> = vec![b"".to_vec(), b"abcdef".to_vec()];
        for label in Label::ALL {
            let text = label.text().as_bytes();
            texts.push(text.to_vec());
            texts.push(text[..text.len() - 3].to_vec());
            texts.push([text, "病".as_bytes()].concat());
            texts.push(["病".as_bytes(), text].concat());
            for at in 0..text.len() {
                for byte in [0x80, 0x9f, 0xa0, 0xbf] {
                    let mut changed = text.to_vec();
                    changed[at] = byte;
                    texts.push(changed);
                }
            }
        }
        for text in &texts {
            if std::str::from_utf8(text).is_ok() {
                assert_eq!(
                    lookup(text),
                    search(text),
                    "{:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
        // Every other 2-, 3- and 4-character text of the labels' characters
        // is no label, though many share a label's slot.
        let chars: Vec<char> = Label::ALL.iter().flat_map(|l| l.text().chars()).collect();
        for &a in &chars {
            for &b in &chars {
                for tail in ["", "细", "细节", "率"] {
                    let text = format!("{a}{b}{tail}");
                    assert_eq!(lookup(text.as_bytes()), search(text.as_bytes()), "{text}");
                }
            }
        }
    }

    #[test]
    fn from_str_reads_the_text_and_the_key_as_whole_strings() {
        for label in Label::ALL {
            assert_eq!(label.text().parse::<Label>(), Ok(label));
            assert_eq!(label.key().parse::<Label>(), Ok(label));
            assert_eq!(label.to_string().parse::<Label>(), Ok(label));
        }
        for bad in [
            "",
            " 简介",
            "简介 ",
            "Summary",
            "SUMMARY",
            "summary ",
            "症状细节x",
            "别名",
        ] {
            let err = bad.parse::<Label>().unwrap_err();
            assert_eq!(err.input(), bad);
        }
    }

    #[test]
    fn serde_uses_the_json_key() {
        use std::collections::BTreeMap;
        for label in Label::ALL {
            let json = serde_json::to_string(&label).unwrap();
            assert_eq!(json, format!("\"{}\"", label.key()));
            assert_eq!(serde_json::from_str::<Label>(&json).unwrap(), label);
            let text = format!("\"{}\"", label.text());
            assert_eq!(serde_json::from_str::<Label>(&text).unwrap(), label);
        }
        // As map keys, both ways.
        let counts = BTreeMap::from([(Label::Drugs, 2), (Label::Summary, 1)]);
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(json, r#"{"summary":1,"drugs":2}"#);
        assert_eq!(
            serde_json::from_str::<BTreeMap<Label, i32>>(&json).unwrap(),
            counts
        );
        // Owned strings (a `Value`) deserialise too.
        let value = serde_json::Value::String("cure_rate".to_owned());
        assert_eq!(
            serde_json::from_value::<Label>(value).unwrap(),
            Label::CureRate
        );

        let err = serde_json::from_str::<Label>(r#""别名""#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid value: string \"别名\", expected a label's JSON key or Chinese text at line 1 column 8"
        );
        assert!(serde_json::from_str::<Label>("3").is_err());
    }
}
