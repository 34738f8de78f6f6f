//! The medical knowledge graph of a dump, for bulk import: the schema of
//! the Chinese medical QA projects, built from records by [`GraphBuilder`]
//! and written by [`CsvSink`] (feature `csv`) as the CSV files of
//! `neo4j-admin database import full`, which loads in seconds what those
//! projects' one `CREATE` per node takes hours to.
//!
//! ```no_run
//! # #[cfg(feature = "csv")] {
//! use jibing::graph::{CsvSink, GraphBuilder};
//!
//! let mut graph = GraphBuilder::new(CsvSink::create("graph")?);
//! let mut reader = jibing::Reader::from_path("diseases.txt")?;
//! while let Some(parsed) = reader.read_record() {
//!     graph.add(&parsed?.record)?;
//! }
//! let (mut sink, summary) = graph.finish()?;
//! sink.flush()?;
//! println!("{} nodes, {} relationships", summary.total_nodes(), summary.total_relationships());
//! // Then: sh graph/import.sh
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The graph
//!
//! One node per distinct `name` per label, names compared as written. A
//! described `Disease` also has the [`DISEASE_PROPERTIES`], with the values
//! [`to_medical`](crate::derived::to_medical) gives those keys.
//!
//! | label | made from |
//! |---|---|
//! | `Disease` | a record's disease name ([`Record::name`](crate::Record::name)), and each `并发症` item |
//! | `Drug` | `常用药品` items and the generic names of `药品` tuples |
//! | `Food` | `宜吃`, `忌吃` and `推荐食谱` items |
//! | `Check` | `检查` items |
//! | `Department` | `就诊科室` items |
//! | `Producer` | a `药品` tuple's brand and product, written together (`协一力利鲁唑片`) |
//! | `Symptom` | `症状` items |
//!
//! | relationship | `name` | from → to | made from |
//! |---|---|---|---|
//! | `recommand_eat` | 推荐食谱 | `Disease` → `Food` | `推荐食谱` |
//! | `no_eat` | 忌吃 | `Disease` → `Food` | `忌吃` |
//! | `do_eat` | 宜吃 | `Disease` → `Food` | `宜吃` |
//! | `belongs_to` | 所属科室 | `Disease` → `Department` | the last item of `就诊科室` |
//! | `belongs_to` | 属于 | `Department` → `Department` | each item of `就诊科室` to the one before it |
//! | `common_drug` | 常用药品 | `Disease` → `Drug` | `常用药品` |
//! | `recommand_drug` | 好评药品 | `Disease` → `Drug` | the generic name of each `药品` tuple |
//! | `drugs_of` | 生产药品 | `Producer` → `Drug` | each `药品` tuple: brand and product to generic name |
//! | `need_check` | 诊断检查 | `Disease` → `Check` | `检查` |
//! | `has_symptom` | 症状 | `Disease` → `Symptom` | `症状` |
//! | `acompany_with` | 并发症 | `Disease` → `Disease` | `并发症` |
//!
//! Types keep the schema's spelling (`recommand`): the QA systems query it.
//! One relationship per distinct start, type and end.
//!
//! # Decisions where the schema leaves a choice
//!
//! - A record without a disease name is left out whole ([`Added::Unnamed`]);
//!   a second record of a disease merges its relationships and keeps the
//!   first one's properties ([`Added::Repeated`]).
//! - A complication no record describes is a `Disease` with its name alone.
//! - A `药品` tuple without a generic name gives nothing; one without brand
//!   and product gives a `Drug` and no `Producer`. Empty names are no nodes.
//! - IDs count from 0 per label in the order names are first met: record by
//!   record, its disease first, then the fields in [`Relation::ALL`] order.
//! - Memory grows with the distinct names and relationships (two 32-bit IDs
//!   each), not with the input; the hash maps are randomly seeded.
//!
//! # The files
//!
//! `nodes/LABEL.csv` ([`NodeLabel::csv_header`]),
//! `relationships/FROM-TYPE-TO.csv` ([`Relation::csv_header`]), `import.sh`
//! ([`import_script`]) and `load.cypher` ([`load_cypher`]): UTF-8 CSV by
//! RFC 4180, text properties always quoted, list items joined by
//! [`ARRAY_DELIMITER`], an empty field for an absent property.

mod build;
#[cfg(feature = "csv")]
mod csv;
mod schema;
mod scripts;

pub use self::build::{
    Added, DiseaseProperties, Edge, GraphBuilder, GraphError, GraphSink, Node, PropertyValue,
    Summary,
};
#[cfg(feature = "csv")]
pub use self::csv::CsvSink;
pub use self::schema::{NodeLabel, Property, Relation, DISEASE_PROPERTIES};
pub use self::scripts::{import_script, load_cypher, ARRAY_DELIMITER};
