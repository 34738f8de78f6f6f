//! Property tests for the derived views: outlines and treatment sections
//! join back to their text, outline numbering is consecutive per level,
//! drug grouping loses no tuple, and lint never panics.

use std::borrow::Cow;

use jibing::derived::{drug_index, lint, outline, treatment_sections, OutlineItem};
use jibing::{Drug, ParseOptions};
use proptest::prelude::*;

/// Pieces that make markers likely: every family, near-misses, digits,
/// brackets, stop characters and ordinary text.
const PIECES: &[&str] = &[
    "1、",
    "2、",
    "3、",
    "1.",
    "2.",
    "0.5",
    "1．",
    "2．",
    "⒈",
    "⒉",
    "⑴",
    "⑵",
    "①",
    "②",
    "一、",
    "二、",
    "十、",
    "(一)",
    "(二)",
    "（一）",
    "（二）",
    "(一）",
    "B1、",
    "B12",
    "12",
    "一",
    "二",
    "十",
    "(",
    ")",
    "（",
    "）",
    "、",
    ".",
    "．",
    "。",
    "甲",
    "病因",
    " ",
    "\u{3000}",
    "【",
    "】",
    "【治法】",
    "西医治疗",
    "中医治疗",
    "某病",
    "x",
    "é",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|p| p.concat())
}

/// Siblings number 1, 2, 3… at every level.
fn consecutive(items: &[OutlineItem<'_>]) -> bool {
    items.iter().enumerate().all(|(i, item)| {
        usize::try_from(item.number).is_ok_and(|n| n == i + 1) && consecutive(&item.items)
    })
}

fn part() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(&["甲", "乙", "甲乙", "(甲)"][..]).prop_map(String::from))
}

fn drug() -> impl Strategy<Value = Drug<'static>> {
    (part(), part(), part()).prop_map(|(brand, product, generic)| Drug {
        brand: brand.map(Cow::Owned),
        product: product.map(Cow::Owned),
        generic: generic.map(Cow::Owned),
    })
}

/// `药品` values with truncated, repeated and escaped names.
fn drug_list() -> impl Strategy<Value = String> {
    const TUPLES: &[&str] = &[
        "['a', 'ab', '(abc)']",
        "['a', '(b)']",
        "['a\\'b', 'a', '(ab)']",
        "['甲', '乙']",
        "[",
        " ",
    ];
    prop::collection::vec(prop::sample::select(TUPLES), 0..8).prop_map(|t| t.concat())
}

proptest! {
    #[test]
    fn an_outline_joins_back_to_its_text(text in text()) {
        let o = outline(&text);
        prop_assert_eq!(o.to_text(), text.as_str());
        prop_assert!(consecutive(&o.items));
        prop_assert!(o.depth() <= 9);
    }

    #[test]
    fn an_outline_of_any_string_joins_back(text in "\\PC{0,80}") {
        prop_assert_eq!(outline(&text).to_text(), text.as_str());
    }

    #[test]
    fn treatment_sections_join_back(text in text(), named in any::<bool>()) {
        let name = named.then_some("某病");
        prop_assert_eq!(treatment_sections(&text, name).to_text(), text.as_str());
    }

    #[test]
    fn grouping_loses_no_tuple(drugs in prop::collection::vec(drug(), 0..40)) {
        let index = drug_index(&drugs, None);
        let mut seen: Vec<usize> = index.entries().map(|e| e.index).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..drugs.len()).collect::<Vec<_>>());
        for group in &index.groups {
            for entry in &group.entries {
                let drug = &drugs[entry.index];
                prop_assert_eq!(drug.generic.as_deref(), Some(group.generic));
                prop_assert_eq!(drug.brand.as_deref(), entry.brand);
                prop_assert_eq!(drug.product.as_deref(), entry.product);
            }
        }
        for entry in &index.without_generic {
            prop_assert!(drugs[entry.index].generic.is_none());
        }
        let mut generics: Vec<_> = index.generics().collect();
        let total = generics.len();
        generics.sort_unstable();
        generics.dedup();
        prop_assert_eq!(generics.len(), total);
        for entry in index.duplicates() {
            let first = entry.duplicate_of.unwrap();
            prop_assert!(first < entry.index);
            prop_assert_eq!(&drugs[first], &drugs[entry.index]);
        }
    }

    #[test]
    fn lint_never_panics_and_points_inside_the_input(
        lines in prop::collection::vec(
            (
                prop::sample::select(&["简介", "药品", "病因", "治愈率", "症状", "别名", ""][..]),
                prop_oneof![text(), drug_list()],
            ),
            0..8,
        ),
    ) {
        let input: String = lines.iter().map(|(l, v)| format!("{l} {v}\n")).collect();
        for options in [ParseOptions::new(), ParseOptions::new().lenient()] {
            for linted in lint(&input, options).flatten() {
                for finding in linted.findings() {
                    prop_assert!(finding.position.offset <= input.len());
                    prop_assert!(input.is_char_boundary(finding.position.offset));
                }
            }
        }
    }
}
