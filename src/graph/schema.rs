//! The graph's schema, written once: the 7 node labels, the 11
//! relationships (type, Chinese `name`, from, to) and the `Disease`
//! properties, with the file names and `neo4j-admin` headers derived from
//! them.
//!
//! This module owns names only. It must not read records (that is
//! [`build`](super::build)) or write files (that is
//! [`csv`](super::csv)); both take every name and header from here.

use std::fmt;

use serde::Serialize;

/// Declares the node labels: variant, then the label as written in the
/// graph.
macro_rules! node_labels {
    ($($variant:ident),+ $(,)?) => {
        /// A node label of the graph: one node per distinct name per label.
        ///
        /// ```
        /// use jibing::graph::NodeLabel;
        /// assert_eq!(NodeLabel::ALL.len(), 7);
        /// assert_eq!(NodeLabel::Producer.as_str(), "Producer");
        /// assert_eq!(NodeLabel::Drug.file_name(), "nodes/Drug.csv");
        /// assert_eq!(NodeLabel::Food.csv_header(), ["id:ID(Food)", "name", ":LABEL"]);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum NodeLabel {
            $(
                #[doc = concat!("`", stringify!($variant), "`.")]
                $variant,
            )+
        }

        impl NodeLabel {
            /// Every label, in the order of the node files and of
            /// [`Summary::nodes`](super::Summary::nodes).
            pub const ALL: [NodeLabel; 7] = [$(NodeLabel::$variant),+];

            /// The label as written in the graph (`Disease`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(NodeLabel::$variant => stringify!($variant),)+
                }
            }

            /// The node file, relative to the export directory:
            /// `nodes/LABEL.csv`.
            #[must_use]
            pub const fn file_name(self) -> &'static str {
                match self {
                    $(NodeLabel::$variant => concat!("nodes/", stringify!($variant), ".csv"),)+
                }
            }

            /// The CSV header of the node file, by `neo4j-admin`'s rules:
            /// the ID column in the label's own ID space, `name`, the
            /// [`DISEASE_PROPERTIES`] for `Disease`, then `:LABEL`.
            #[must_use]
            pub fn csv_header(self) -> Vec<String> {
                let mut header = vec![format!("id:ID({self})"), "name".to_owned()];
                if self == NodeLabel::Disease {
                    header.extend(DISEASE_PROPERTIES.iter().map(|p| p.csv_header()));
                }
                header.push(":LABEL".to_owned());
                header
            }

            /// The position of the label in [`NodeLabel::ALL`].
            pub(crate) const fn index(self) -> usize {
                self as usize
            }
        }
    };
}

node_labels!(Disease, Drug, Food, Check, Department, Producer, Symptom);

impl fmt::Display for NodeLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares the relationships: variant, type, Chinese name, from, to, and
/// what the relationship is made from.
macro_rules! relations {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = ($type:literal, $name:literal, $from:ident, $to:ident)
    ),+ $(,)?) => {
        /// A relationship of the graph: its type, its Chinese `name`
        /// property and the labels it joins. Two relations share the type
        /// `belongs_to` (disease to department, department to department).
        ///
        /// ```
        /// use jibing::graph::{NodeLabel, Relation};
        /// assert_eq!(Relation::ALL.len(), 11);
        /// let r = Relation::ParentDepartment;
        /// assert_eq!((r.rel_type(), r.name()), ("belongs_to", "属于"));
        /// assert_eq!((r.from(), r.to()), (NodeLabel::Department, NodeLabel::Department));
        /// assert_eq!(r.file_name(), "relationships/Department-belongs_to-Department.csv");
        /// assert_eq!(
        ///     Relation::DoEat.csv_header(),
        ///     [":START_ID(Disease)", ":END_ID(Food)", ":TYPE", "name"],
        /// );
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Relation {
            $(
                $(#[doc = $doc])+
                $variant,
            )+
        }

        impl Relation {
            /// Every relation, in the order of the relationship files and
            /// of [`Summary::relationships`](super::Summary::relationships).
            pub const ALL: [Relation; 11] = [$(Relation::$variant),+];

            /// The relationship type (`recommand_eat`), spelled as the
            /// schema users already query spells it.
            #[must_use]
            pub const fn rel_type(self) -> &'static str {
                match self {
                    $(Relation::$variant => $type,)+
                }
            }

            /// The Chinese `name` property every relationship of this kind
            /// carries (`推荐食谱`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $(Relation::$variant => $name,)+
                }
            }

            /// The label of the start node.
            #[must_use]
            pub const fn from(self) -> NodeLabel {
                match self {
                    $(Relation::$variant => NodeLabel::$from,)+
                }
            }

            /// The label of the end node.
            #[must_use]
            pub const fn to(self) -> NodeLabel {
                match self {
                    $(Relation::$variant => NodeLabel::$to,)+
                }
            }

            /// The relationship file, relative to the export directory:
            /// `relationships/FROM-TYPE-TO.csv`.
            #[must_use]
            pub const fn file_name(self) -> &'static str {
                match self {
                    $(Relation::$variant => concat!(
                        "relationships/", stringify!($from), "-", $type, "-", stringify!($to), ".csv"
                    ),)+
                }
            }
        }
    };
}

relations! {
    /// `recommand_eat` 推荐食谱, `Disease` → `Food`: the `推荐食谱` list.
    RecommandEat = ("recommand_eat", "推荐食谱", Disease, Food),
    /// `no_eat` 忌吃, `Disease` → `Food`: the `忌吃` list.
    NoEat = ("no_eat", "忌吃", Disease, Food),
    /// `do_eat` 宜吃, `Disease` → `Food`: the `宜吃` list.
    DoEat = ("do_eat", "宜吃", Disease, Food),
    /// `belongs_to` 所属科室, `Disease` → `Department`: the last department
    /// of `就诊科室`.
    BelongsTo = ("belongs_to", "所属科室", Disease, Department),
    /// `belongs_to` 属于, `Department` → `Department`: in `就诊科室`, each
    /// department to the one before it (`内科 神经内科`: 神经内科 → 内科).
    ParentDepartment = ("belongs_to", "属于", Department, Department),
    /// `common_drug` 常用药品, `Disease` → `Drug`: the `常用药品` list.
    CommonDrug = ("common_drug", "常用药品", Disease, Drug),
    /// `recommand_drug` 好评药品, `Disease` → `Drug`: the generic names of
    /// the `药品` tuples.
    RecommandDrug = ("recommand_drug", "好评药品", Disease, Drug),
    /// `drugs_of` 生产药品, `Producer` → `Drug`: a `药品` tuple's brand and
    /// product, written together, to its generic name.
    DrugsOf = ("drugs_of", "生产药品", Producer, Drug),
    /// `need_check` 诊断检查, `Disease` → `Check`: the `检查` list.
    NeedCheck = ("need_check", "诊断检查", Disease, Check),
    /// `has_symptom` 症状, `Disease` → `Symptom`: the `症状` list.
    HasSymptom = ("has_symptom", "症状", Disease, Symptom),
    /// `acompany_with` 并发症, `Disease` → `Disease`: the `并发症` list.
    AcompanyWith = ("acompany_with", "并发症", Disease, Disease),
}

impl Relation {
    /// The CSV header of the relationship file, by `neo4j-admin`'s rules:
    /// start and end IDs in their labels' ID spaces, `:TYPE`, `name`.
    #[must_use]
    pub fn csv_header(self) -> [String; 4] {
        [
            format!(":START_ID({})", self.from()),
            format!(":END_ID({})", self.to()),
            ":TYPE".to_owned(),
            "name".to_owned(),
        ]
    }

    /// The position of the relation in [`Relation::ALL`].
    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Relation {
    /// `FROM-TYPE-TO`, as in the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", self.from(), self.rel_type(), self.to())
    }
}

/// A property of `Disease` nodes: its key and whether it is a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Property {
    /// The property key (`cure_department`).
    pub key: &'static str,
    /// Whether the value is a list of strings (`string[]`) rather than a
    /// string.
    pub list: bool,
}

impl Property {
    /// The column header: the key, with `:string[]` for a list.
    #[must_use]
    pub fn csv_header(self) -> String {
        if self.list {
            format!("{}:string[]", self.key)
        } else {
            self.key.to_owned()
        }
    }
}

/// The properties of a `Disease` node besides `name`, in column order: the
/// keys and values of [`to_medical`](crate::derived::to_medical).
/// [`DiseaseProperties::values`](super::DiseaseProperties::values) gives
/// the values in this order.
pub const DISEASE_PROPERTIES: [Property; 9] = [
    Property {
        key: "desc",
        list: false,
    },
    Property {
        key: "prevent",
        list: false,
    },
    Property {
        key: "cause",
        list: false,
    },
    Property {
        key: "easy_get",
        list: false,
    },
    Property {
        key: "cure_lasttime",
        list: false,
    },
    Property {
        key: "cure_department",
        list: true,
    },
    Property {
        key: "cure_way",
        list: true,
    },
    Property {
        key: "cured_prob",
        list: false,
    },
    Property {
        key: "get_prob",
        list: false,
    },
];

#[cfg(test)]
mod tests {
    use super::{NodeLabel, Relation};

    #[test]
    fn indices_follow_all() {
        for (i, label) in NodeLabel::ALL.iter().enumerate() {
            assert_eq!(label.index(), i);
        }
        for (i, relation) in Relation::ALL.iter().enumerate() {
            assert_eq!(relation.index(), i);
        }
    }

    #[test]
    fn file_names_are_distinct() {
        let mut names: Vec<&str> = NodeLabel::ALL.iter().map(|l| l.file_name()).collect();
        names.extend(Relation::ALL.iter().map(|r| r.file_name()));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
