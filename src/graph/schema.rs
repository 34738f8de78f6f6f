//! The graph's schema, written once: node labels, relationships and
//! `Disease` properties, with the file names and headers derived from them.

use std::fmt;

use serde::Serialize;

/// Declares the node labels: variant, then the label as written.
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
            /// Every label, in the order of the node files.
            pub const ALL: [NodeLabel; 7] = [$(NodeLabel::$variant),+];

            /// The label as written in the graph (`Disease`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(NodeLabel::$variant => stringify!($variant),)+
                }
            }

            /// The node file in the export directory: `nodes/LABEL.csv`.
            #[must_use]
            pub const fn file_name(self) -> &'static str {
                match self {
                    $(NodeLabel::$variant => concat!("nodes/", stringify!($variant), ".csv"),)+
                }
            }

            /// The CSV header of the node file: ID, `name`, the
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

/// Declares the relationships: variant, type, Chinese name, from, to.
macro_rules! relations {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = ($type:literal, $name:literal, $from:ident, $to:ident)
    ),+ $(,)?) => {
        /// A relationship of the graph: its type, its Chinese `name`
        /// property and the labels it joins.
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
            /// Every relation, in the order of the relationship files.
            pub const ALL: [Relation; 11] = [$(Relation::$variant),+];

            /// The relationship type (`recommand_eat`).
            #[must_use]
            pub const fn rel_type(self) -> &'static str {
                match self {
                    $(Relation::$variant => $type,)+
                }
            }

            /// The Chinese `name` property (`推荐食谱`).
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

            /// The relationship file: `relationships/FROM-TYPE-TO.csv`.
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
    /// `recommand_eat` 推荐食谱, `Disease` → `Food`.
    RecommandEat = ("recommand_eat", "推荐食谱", Disease, Food),
    /// `no_eat` 忌吃, `Disease` → `Food`.
    NoEat = ("no_eat", "忌吃", Disease, Food),
    /// `do_eat` 宜吃, `Disease` → `Food`.
    DoEat = ("do_eat", "宜吃", Disease, Food),
    /// `belongs_to` 所属科室, `Disease` → `Department`.
    BelongsTo = ("belongs_to", "所属科室", Disease, Department),
    /// `belongs_to` 属于, `Department` → `Department`.
    ParentDepartment = ("belongs_to", "属于", Department, Department),
    /// `common_drug` 常用药品, `Disease` → `Drug`.
    CommonDrug = ("common_drug", "常用药品", Disease, Drug),
    /// `recommand_drug` 好评药品, `Disease` → `Drug`.
    RecommandDrug = ("recommand_drug", "好评药品", Disease, Drug),
    /// `drugs_of` 生产药品, `Producer` → `Drug`.
    DrugsOf = ("drugs_of", "生产药品", Producer, Drug),
    /// `need_check` 诊断检查, `Disease` → `Check`.
    NeedCheck = ("need_check", "诊断检查", Disease, Check),
    /// `has_symptom` 症状, `Disease` → `Symptom`.
    HasSymptom = ("has_symptom", "症状", Disease, Symptom),
    /// `acompany_with` 并发症, `Disease` → `Disease`.
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
    /// Whether the value is a list of strings (`string[]`).
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

/// The properties of a `Disease` node besides `name`, in column order, with
/// the keys of [`to_medical`](crate::derived::to_medical).
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
