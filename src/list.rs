//! The list value kind ([format reference: lists](crate::format#lists)):
//! items separated by runs of whitespace.

pub use crate::model::list::{to_text, write_items, Iter, List};

/// Splits a list value into its items, borrowed, dropping empty ones.
///
/// ```
/// let items: Vec<&str> = jibing::list::list_items("鸡心 \u{3000}花生仁（生）").collect();
/// assert_eq!(items, ["鸡心", "花生仁（生）"]);
/// ```
pub fn list_items(value: &str) -> impl Iterator<Item = &str> + Clone {
    crate::model::list::split(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{Hash, Hasher};

    fn hash_of(list: &List<'_>) -> u64 {
        use std::collections::hash_map::DefaultHasher;
        let mut hasher = DefaultHasher::new();
        list.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn written_and_built_lists_agree() {
        let written = List::from_written(" 鸡心\u{a0}\u{3000}莲子\t");
        let built = List::from_items(["鸡心", "莲子"]);
        assert_eq!(written, built);
        assert_eq!(hash_of(&written), hash_of(&built));
        assert_eq!(written.len(), 2);
        assert_eq!(built.len(), 2);
        assert_eq!(format!("{written:?}"), format!("{built:?}"));
        assert_eq!(written, ["鸡心", "莲子"]);
        assert_eq!(built, vec!["鸡心".to_owned(), "莲子".to_owned()]);
        assert_ne!(written, List::from_items(["鸡心"]));
        assert_ne!(written, List::from_items(["鸡心", "莲子", "x"]));
        assert_ne!(hash_of(&written), hash_of(&List::from_items(["鸡心莲子"])));
    }

    #[test]
    fn empty_lists() {
        for list in [
            List::default(),
            List::from_written(" \u{3000}"),
            List::from_items(Vec::<&str>::new()),
        ] {
            assert!(list.is_empty());
            assert_eq!(list.len(), 0);
            assert_eq!(list, List::default());
            assert_eq!(list, [""; 0]);
        }
        // An empty item is an item when given as one.
        assert!(!List::from_items([""]).is_empty());
    }

    #[test]
    fn into_owned_keeps_items_and_text() {
        let value = String::from("内科 神经内科");
        let owned = List::from_written(value.as_str()).into_owned();
        drop(value);
        assert_eq!(owned, ["内科", "神经内科"]);
        assert_eq!(owned.as_written(), Some("内科 神经内科"));
        let items = List::from_items([String::from("a b")]).into_owned();
        assert_eq!(items.to_vec(), ["a b"]);
        assert_eq!(items.as_written(), None);
    }

    #[test]
    fn contains_whole_items_only() {
        let list = List::from_written("花生仁（生） 青豆");
        assert!(list.contains("青豆"));
        assert!(!list.contains("花生仁"));
    }

    #[test]
    fn serde_as_a_sequence() {
        let list = List::from_written("内科\u{a0}神经内科");
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(json, r#"["内科","神经内科"]"#);
        let back: List<'static> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, list);
        assert_eq!(back.as_written(), None);
    }

    // ---- splitting ----

    #[test]
    fn splits_on_whitespace_runs() {
        let items: Vec<&str> = list_items("肌营养不良症\u{a0}重症肌无力样综合征").collect();
        assert_eq!(items, ["肌营养不良症", "重症肌无力样综合征"]);
        let items: Vec<&str> = list_items("内科 神经内科").collect();
        assert_eq!(items, ["内科", "神经内科"]);
        let items: Vec<&str> =
            list_items("  鸡心 \u{3000} 莲子\t\t花生仁（生）\u{a0}\u{3000}青豆").collect();
        assert_eq!(items, ["鸡心", "莲子", "花生仁（生）", "青豆"]);
        let items: Vec<&str> = list_items("康复治疗").collect();
        assert_eq!(items, ["康复治疗"]);
    }

    #[test]
    fn byte_split_agrees_with_char_split() {
        let values = [
            "a b",
            "\u{a0}a\u{3000}\u{3000}b\t \u{a0}",
            "¢\u{a0}¢ ¢",
            "\u{e000}\u{3000}\u{30a0}",
            "鸡心 莲子 花生仁（生）\u{a0}青豆",
            "\u{3000}",
            "x",
            "a\u{a0}b\u{3000}c d\te",
            "\u{a0}\u{a0}x\u{3000}",
            "é\u{a0}ü",
            "\u{3001}\u{3000}\u{3002}",
            "\u{2003}x\u{85}y\u{a1}z",
            "𝄞 \u{3000}𝄞",
            "",
        ];
        for value in values {
            let chars: Vec<&str> = value
                .split(crate::scan::is_space)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(list_items(value).collect::<Vec<_>>(), chars, "{value:?}");
        }
    }

    #[test]
    fn empty_and_blank() {
        assert_eq!(list_items("").count(), 0);
        assert_eq!(list_items(" \u{a0}\u{3000}\t").count(), 0);
    }

    #[test]
    fn does_not_split_on_other_characters() {
        let items: Vec<&str> = list_items("a,b、c\u{2003}d").collect();
        assert_eq!(items, ["a,b、c\u{2003}d"]);
    }
}
