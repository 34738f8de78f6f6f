//! The medical knowledge graph of a dump, streamed out for bulk import: the
//! schema of the Chinese medical QA projects (7 node labels, 11
//! relationships), built from records by [`GraphBuilder`] and written as
//! the CSV files `neo4j-admin database import full` takes by [`CsvSink`]
//! (default feature `csv`).
//!
//! Those projects load `medical.json` (see
//! [`to_medical`](crate::derived::to_medical)) one Cypher `CREATE` per node
//! and per relationship, which takes hours for the full site; a bulk import
//! of these files takes seconds.
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
//! The example `to_graph` does this from the command line, with positions
//! for faults and counts per file.
//!
//! # The graph
//!
//! Every node has a `name`; there is one node per distinct name per label
//! (names are compared byte for byte, as written).
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
//! A `Disease` described by a record also has the properties
//! [`DISEASE_PROPERTIES`], with the values
//! [`to_medical`](crate::derived::to_medical) writes under the same keys:
//! `desc` (简介), `prevent` (预防), `cause` (病因 as text), `easy_get`
//! (易感人群), `cure_lasttime` (治疗周期), `cure_department` (就诊科室, a
//! list), `cure_way` (治疗方式, a list), `cured_prob` (治愈率) and
//! `get_prob` (患病比例).
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
//! The types keep the schema's spelling (`recommand`, `acompany`): it is
//! what the QA systems query. There is one relationship per distinct
//! start, relation and end: a second record of the same disease, or the
//! same food listed twice, adds nothing.
//!
//! # Decisions where the schema leaves a choice
//!
//! - **Empty names are not nodes.** List items are never empty; a drug
//!   tuple's strings may be (`''`, `'()'`), and then that part is absent.
//! - **A record without a disease name** ([`Record::name`](crate::Record::name)
//!   is `None`) is left out whole: its foods, drugs and checks would hang
//!   from no disease. [`GraphBuilder::add`] says so with
//!   [`Added::Unnamed`], and [`Summary::unnamed`] counts them; `to_graph`
//!   warns at the record's line.
//! - **Two records with the same disease name** make one node: the first
//!   record's properties stay, the relationships of both are merged
//!   ([`Added::Repeated`], [`Summary::repeated`]; `to_graph` warns).
//! - **A complication that no record describes** is still a `Disease`
//!   node, with its name alone: every property empty.
//! - **`就诊科室` with more than two levels** is a chain: each department
//!   belongs to the one before it, the disease to the last. One department
//!   gives only the disease's `belongs_to`.
//! - **Drug tuples** (see the [format reference: drugs](crate::format#drugs)):
//!   the generic name is a `Drug` with a `recommand_drug` relationship; the
//!   brand and product, written together, are the `Producer` of that drug.
//!   A tuple with a generic name but neither brand nor product (`['(x)']`)
//!   gives the `Drug` and no `Producer`. A tuple without a generic name
//!   (`['佐宁', '盐酸乙哌立松片']`) names no drug, so it gives nothing: no
//!   `Drug`, no `Producer`, no relationship. A `Producer` name is its
//!   parts, not the text before `(` in `to_medical`'s `drug_detail`, so a
//!   brand holding a parenthesis stays whole.
//! - **IDs** are numbers in one ID space per label, 0, 1, 2, … in the
//!   order the builder first meets each name: record by record, and within
//!   a record its own disease first, then the fields in the order of
//!   [`Relation::ALL`] — 推荐食谱, 忌吃, 宜吃, 就诊科室, 常用药品, 药品
//!   (generic name, then producer, tuple by tuple), 检查, 症状, 并发症 —
//!   each from left to right (a `Disease` also when first met as a
//!   complication). The same records in the same order give the same IDs.
//! - **Empty list items** (which parsing never gives, but a record built by
//!   hand or deserialised may hold) name nothing and are skipped.
//! - Nothing else of a record is in the graph: `症状细节`, `检查细节`, `治疗`,
//!   `宜吃细节`, `忌吃细节`, `温馨提示`, `医保疾病`, `传染方式`, `治疗费用`
//!   and `extra` have no place in the schema.
//!
//! # Memory and speed
//!
//! [`GraphBuilder`] keeps each distinct name once (in a hash map per label,
//! keyed with std's randomly seeded hasher, so crafted names cannot make it
//! slow) and each relationship as two 32-bit IDs in a hash set per
//! relation; a record's text is let go once it is added. Memory grows with
//! the distinct names and relationships, never with the input's size.
//!
//! # The files
//!
//! [`CsvSink::create`] writes, in one directory:
//!
//! - `nodes/LABEL.csv`, one per label, with the header
//!   `id:ID(LABEL),name,:LABEL` ([`NodeLabel::csv_header`]); for `Disease`
//!   the properties stand between `name` and `:LABEL`, the lists typed
//!   `string[]`;
//! - `relationships/FROM-TYPE-TO.csv`, one per relationship, with the
//!   header `:START_ID(FROM),:END_ID(TO),:TYPE,name`
//!   ([`Relation::csv_header`]);
//! - `import.sh` ([`import_script`]) and `load.cypher` ([`load_cypher`]).
//!
//! The files are UTF-8 CSV by RFC 4180, quoted by `csv-core` (the `csv`
//! crate's writer): a field holding `,`, `"` or a line break is quoted and
//! its quotes doubled, and a non-empty text property (`desc`, `cause`, …)
//! is always quoted; a list's items are joined by a TAB
//! ([`ARRAY_DELIMITER`]), which no list item holds; an empty string is an
//! empty field, which `neo4j-admin` and `LOAD CSV` read as an absent
//! property.

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
