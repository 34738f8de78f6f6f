//! The one table of the 26 labels.
//!
//! [`for_each_label!`] holds every label once: its [`Label`] variant, its
//! Chinese text, its field / JSON key, its [`ValueKind`] and a line of docs.
//! Everything that needs the list — the [`Label`] enum, the fields of
//! [`Record`](crate::Record), their serde names, the dispatch from a label to
//! its value grammar — is generated from it by a macro that the table calls
//! back. The order of the rows is the canonical order of FORMAT.md section 2.
//!
//! This module owns label identity only; it must not parse values.

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

/// The shape of a label's value (FORMAT.md section 3).
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
        /// One of the 26 labels of the format, in canonical order.
        ///
        /// The [`Display`](std::fmt::Display) form is the Chinese label.
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

            /// The label whose text is exactly `text` (a whole token: `"症状"`
            /// is not a prefix match for `"症状细节"`).
            pub fn from_text(text: &str) -> Option<Label> {
                match text {
                    $($text => Some(Label::$variant),)*
                    _ => None,
                }
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

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
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
}
