//! Folding records into the graph: names interned into IDs, relationships
//! de-duplicated, each handed to a [`GraphSink`] once.

use std::borrow::Cow;

use hashbrown::hash_table::Entry;
use hashbrown::{DefaultHashBuilder, HashSet, HashTable};
use std::fmt;
use std::hash::BuildHasher;

use super::schema::{NodeLabel, Relation, DISEASE_PROPERTIES};
use crate::list::List;
use crate::model::record::Record;

/// Where the graph goes: each node and relationship once, in the order they
/// first appear. A node comes before the relationships that name it, except
/// a `Disease` first met as a complication: a record describing it, or
/// [`GraphBuilder::finish`], announces it later.
///
/// ```
/// use jibing::graph::{Edge, GraphBuilder, GraphSink, Node};
///
/// /// Prints the graph as text.
/// struct Print(Vec<String>);
///
/// impl GraphSink for Print {
///     type Error = std::convert::Infallible;
///     fn node(&mut self, node: &Node<'_>) -> Result<(), Self::Error> {
///         self.0.push(format!("{}#{} {}", node.label, node.id, node.name));
///         Ok(())
///     }
///     fn edge(&mut self, edge: Edge) -> Result<(), Self::Error> {
///         self.0.push(format!("{}#{} -{}-> #{}", edge.relation.from(), edge.from, edge.relation.rel_type(), edge.to));
///         Ok(())
///     }
/// }
///
/// let record = jibing::parse("病因 甲病病因受凉。\n预防 甲病预防保暖。\n宜吃 梨\n")?;
/// let mut graph = GraphBuilder::new(Print(Vec::new()));
/// graph.add(&record)?;
/// let (Print(lines), _summary) = graph.finish()?;
/// assert_eq!(lines, ["Disease#0 甲病", "Food#0 梨", "Disease#0 -do_eat-> #0"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait GraphSink {
    /// What a failed write is.
    type Error;

    /// A new node.
    ///
    /// # Errors
    ///
    /// When the node cannot be written; the builder returns it.
    fn node(&mut self, node: &Node<'_>) -> Result<(), Self::Error>;

    /// A new relationship (never the same from/relation/to twice).
    ///
    /// # Errors
    ///
    /// When the relationship cannot be written; the builder returns it.
    fn edge(&mut self, edge: Edge) -> Result<(), Self::Error>;
}

/// A node, as handed to [`GraphSink::node`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Node<'a> {
    /// Its label.
    pub label: NodeLabel,
    /// Its ID in the label's own ID space (see the [module docs](super)).
    pub id: u32,
    /// Its name, never empty.
    pub name: &'a str,
    /// The record's properties, for a `Disease` a record described.
    pub properties: Option<&'a DiseaseProperties<'a>>,
}

/// A relationship, as handed to [`GraphSink::edge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Edge {
    /// What joins the nodes.
    pub relation: Relation,
    /// The start node's ID.
    pub from: u32,
    /// The end node's ID.
    pub to: u32,
}

/// The properties of a `Disease` node, borrowed from its record.
///
/// ```
/// use jibing::graph::{DiseaseProperties, PropertyValue};
///
/// let record = jibing::parse("就诊科室 内科 神经内科\n治愈率 30%\n")?;
/// let properties = DiseaseProperties::of(&record);
/// assert_eq!(properties.cure_department, ["内科", "神经内科"]);
/// assert_eq!(properties.cured_prob, "30%");
/// let values = properties.values();
/// assert_eq!(values[5], PropertyValue::List(&["内科", "神经内科"]));
/// assert_eq!(values[7], PropertyValue::Text("30%"));
/// # Ok::<(), jibing::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct DiseaseProperties<'r> {
    /// `desc`: `简介`.
    pub desc: &'r str,
    /// `prevent`: `预防`.
    pub prevent: &'r str,
    /// `cause`: `病因` as text (intro and items, equal to the value).
    pub cause: Cow<'r, str>,
    /// `easy_get`: `易感人群`.
    pub easy_get: &'r str,
    /// `cure_lasttime`: `治疗周期` as written.
    pub cure_lasttime: &'r str,
    /// `cure_department`: the `就诊科室` list.
    pub cure_department: Vec<&'r str>,
    /// `cure_way`: the `治疗方式` list.
    pub cure_way: Vec<&'r str>,
    /// `cured_prob`: `治愈率` as written.
    pub cured_prob: &'r str,
    /// `get_prob`: `患病比例` as written.
    pub get_prob: &'r str,
}

/// The value of one of the [`DISEASE_PROPERTIES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PropertyValue<'a> {
    /// A string (`""` when the record lacks the field).
    Text(&'a str),
    /// A list of strings (empty when the record lacks the field).
    List(&'a [&'a str]),
}

impl<'r> DiseaseProperties<'r> {
    /// The properties of `record`'s disease; `""` and empty lists for the
    /// fields it lacks.
    #[must_use]
    pub fn of(record: &'r Record<'_>) -> Self {
        fn text<'r>(field: &'r Option<Cow<'_, str>>) -> &'r str {
            field.as_deref().unwrap_or("")
        }
        fn list<'r>(field: &'r Option<List<'_>>) -> Vec<&'r str> {
            field.iter().flatten().collect()
        }
        DiseaseProperties {
            desc: text(&record.summary),
            prevent: text(&record.prevention),
            cause: match &record.causes {
                None => Cow::Borrowed(""),
                Some(causes) if causes.items.is_empty() => Cow::Borrowed(&causes.intro),
                Some(causes) => Cow::Owned(causes.to_string()),
            },
            easy_get: text(&record.susceptible),
            cure_lasttime: record.treatment_period.as_ref().map_or("", |p| &p.text),
            cure_department: list(&record.departments),
            cure_way: list(&record.treatments),
            cured_prob: record.cure_rate.as_ref().map_or("", |r| &r.text),
            get_prob: record.prevalence.as_ref().map_or("", |r| &r.text),
        }
    }

    /// The values in the order of [`DISEASE_PROPERTIES`].
    #[must_use]
    pub fn values(&self) -> [PropertyValue<'_>; DISEASE_PROPERTIES.len()] {
        use PropertyValue::{List, Text};
        [
            Text(self.desc),
            Text(self.prevent),
            Text(&self.cause),
            Text(self.easy_get),
            Text(self.cure_lasttime),
            List(&self.cure_department),
            List(&self.cure_way),
            Text(self.cured_prob),
            Text(self.get_prob),
        ]
    }
}

/// What [`GraphBuilder::add`] did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Added {
    /// The record described a new disease.
    Described,
    /// An earlier record described the disease: only the relationships
    /// were added.
    Repeated,
    /// The record has no disease name: nothing of it is in the graph.
    Unnamed,
}

/// Counts of what went into the graph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Summary {
    /// Records handed to [`GraphBuilder::add`].
    pub records: u64,
    /// Of those, records without a disease name ([`Added::Unnamed`]).
    pub unnamed: u64,
    /// Of those, records whose disease an earlier record described
    /// ([`Added::Repeated`]).
    pub repeated: u64,
    nodes: [u64; NodeLabel::ALL.len()],
    relationships: [u64; Relation::ALL.len()],
}

impl Summary {
    /// The number of nodes with `label`. Before [`GraphBuilder::finish`],
    /// `Disease` counts only the diseases announced so far.
    #[must_use]
    pub fn nodes(&self, label: NodeLabel) -> u64 {
        self.nodes[label.index()]
    }

    /// The number of relationships of `relation`.
    #[must_use]
    pub fn relationships(&self, relation: Relation) -> u64 {
        self.relationships[relation.index()]
    }

    /// All nodes.
    #[must_use]
    pub fn total_nodes(&self) -> u64 {
        self.nodes.iter().sum()
    }

    /// All relationships.
    #[must_use]
    pub fn total_relationships(&self) -> u64 {
        self.relationships.iter().sum()
    }
}

/// Why [`GraphBuilder`] stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError<E> {
    /// The sink failed to take a node or relationship.
    #[error("writing the graph failed: {0}")]
    Sink(#[source] E),
    /// A label ran out of IDs: more than `u32::MAX + 1` distinct names.
    #[error("more than 4294967296 distinct {0} names")]
    TooManyNodes(NodeLabel),
}

impl<E> GraphError<E> {
    /// The sink's error, if that is why.
    pub fn into_sink_error(self) -> Option<E> {
        match self {
            GraphError::Sink(e) => Some(e),
            GraphError::TooManyNodes(_) => None,
        }
    }
}

/// Folds records into the graph, handing every node and relationship to a
/// [`GraphSink`] once, as soon as it first appears.
///
/// ```
/// use jibing::graph::{GraphBuilder, NodeLabel, Relation};
///
/// # struct Count;
/// # impl jibing::graph::GraphSink for Count {
/// #     type Error = std::convert::Infallible;
/// #     fn node(&mut self, _: &jibing::graph::Node<'_>) -> Result<(), Self::Error> { Ok(()) }
/// #     fn edge(&mut self, _: jibing::graph::Edge) -> Result<(), Self::Error> { Ok(()) }
/// # }
/// let text = "病因 甲病病因受凉。\n预防 甲病预防保暖。\n并发症 乙病\n就诊科室 内科 呼吸内科\n\n\
///             病因 乙病病因着凉。\n预防 乙病预防保暖。\n就诊科室 内科\n";
/// let mut graph = GraphBuilder::new(Count);
/// for parsed in jibing::records(text) {
///     graph.add(&parsed?.record)?;
/// }
/// let (_, summary) = graph.finish()?;
/// assert_eq!(summary.nodes(NodeLabel::Disease), 2); // 乙病 is one node
/// assert_eq!(summary.nodes(NodeLabel::Department), 2);
/// assert_eq!(summary.relationships(Relation::ParentDepartment), 1); // 呼吸内科 → 内科
/// assert_eq!(summary.relationships(Relation::BelongsTo), 2);
/// assert_eq!(summary.relationships(Relation::AcompanyWith), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct GraphBuilder<S> {
    sink: S,
    names: [Names; NodeLabel::ALL.len()],
    edges: [HashSet<u64>; Relation::ALL.len()],
    /// By `Disease` ID: whether a record has described the disease.
    described: Vec<bool>,
    summary: Summary,
    /// Scratch space for a producer's name (brand and product).
    producer: String,
}

impl<S> fmt::Debug for GraphBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphBuilder")
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// The non-empty items of a list (a list built by hand may have empty ones).
fn items<'l>(list: &'l Option<List<'_>>) -> impl Iterator<Item = &'l str> {
    list.iter().flatten().filter(|item| !item.is_empty())
}

/// The names of one label and their IDs: each name once, in one arena
/// string, found through a hash table of IDs.
#[derive(Default)]
struct Names {
    /// The IDs, each with 32 bits of its name's hash for growing the table.
    table: HashTable<(u32, u32)>,
    /// Every name, one after the other, in ID order.
    text: String,
    /// By ID: where the name ends in `text`.
    ends: Vec<usize>,
    hasher: DefaultHashBuilder,
}

/// The 32 bits kept of a name's hash spread over 64: the table's probe tags
/// are the top bits.
fn spread(hash32: u32) -> u64 {
    u64::from(hash32).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Names {
    /// The ID of `name`, and whether it is new; `None` when IDs ran out.
    fn intern(&mut self, name: &str) -> Option<(u32, bool)> {
        let Names {
            table,
            text,
            ends,
            hasher,
        } = self;
        let hash32 = hasher.hash_one(name) as u32;
        let same = |&(h, id): &(u32, u32)| h == hash32 && name_at(text, ends, id) == name;
        match table.entry(spread(hash32), same, |&(h, _)| spread(h)) {
            Entry::Occupied(entry) => Some((entry.get().1, false)),
            Entry::Vacant(entry) => {
                let id = u32::try_from(ends.len()).ok()?;
                text.push_str(name);
                ends.push(text.len());
                entry.insert((hash32, id));
                Some((id, true))
            }
        }
    }

    /// The name with ID `id`.
    fn name(&self, id: u32) -> &str {
        name_at(&self.text, &self.ends, id)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The name with ID `id` in an arena: `""` for an ID never given out (a
/// broken invariant the debug build reports).
fn name_at<'t>(text: &'t str, ends: &[usize], id: u32) -> &'t str {
    let id = id as usize;
    let start = match id.checked_sub(1) {
        None => Some(0),
        Some(previous) => ends.get(previous).copied(),
    };
    let name = start
        .zip(ends.get(id).copied())
        .and_then(|(start, end)| text.get(start..end));
    debug_assert!(name.is_some(), "ID {id} was given out by this arena");
    name.unwrap_or_default()
}

impl<S: GraphSink> GraphBuilder<S> {
    /// A builder writing into `sink`.
    pub fn new(sink: S) -> Self {
        GraphBuilder {
            sink,
            names: Default::default(),
            edges: Default::default(),
            described: Vec::new(),
            summary: Summary::default(),
            producer: String::new(),
        }
    }

    /// Adds one record's disease, properties and relationships.
    ///
    /// # Errors
    ///
    /// [`GraphError::Sink`] when the sink fails, [`GraphError::TooManyNodes`]
    /// when a label has more distinct names than IDs.
    pub fn add(&mut self, record: &Record<'_>) -> Result<Added, GraphError<S::Error>> {
        self.summary.records += 1;
        let Some(name) = record.name.as_deref().filter(|n| !n.is_empty()) else {
            self.summary.unnamed += 1;
            return Ok(Added::Unnamed);
        };
        let disease = self.disease(name)?;
        let added = if self.is_described(disease) {
            self.summary.repeated += 1;
            Added::Repeated
        } else {
            self.set_described(disease);
            let properties = DiseaseProperties::of(record);
            self.announce(NodeLabel::Disease, disease, name, Some(&properties))?;
            Added::Described
        };

        self.list(disease, Relation::RecommandEat, &record.recipes)?;
        self.list(disease, Relation::NoEat, &record.bad_foods)?;
        self.list(disease, Relation::DoEat, &record.good_foods)?;
        self.departments(disease, &record.departments)?;
        self.list(disease, Relation::CommonDrug, &record.common_drugs)?;
        for drug in record.drugs.iter().flatten() {
            let Some(generic) = drug.generic.as_deref().filter(|g| !g.is_empty()) else {
                continue;
            };
            let generic = self.node(NodeLabel::Drug, generic)?;
            self.edge(Relation::RecommandDrug, disease, generic)?;
            self.producer.clear();
            self.producer.push_str(drug.brand.as_deref().unwrap_or(""));
            self.producer
                .push_str(drug.product.as_deref().unwrap_or(""));
            if !self.producer.is_empty() {
                let producer = std::mem::take(&mut self.producer);
                let id = self.node(NodeLabel::Producer, &producer);
                self.producer = producer;
                self.edge(Relation::DrugsOf, id?, generic)?;
            }
        }
        self.list(disease, Relation::NeedCheck, &record.examinations)?;
        self.list(disease, Relation::HasSymptom, &record.symptoms)?;
        for complication in items(&record.complications) {
            let other = self.disease(complication)?;
            self.edge(Relation::AcompanyWith, disease, other)?;
        }
        Ok(added)
    }

    /// What went into the graph so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Announces the diseases met only as complications (with their names
    /// alone) and gives back the sink with the final counts.
    ///
    /// # Errors
    ///
    /// [`GraphError::Sink`] when the sink fails to take one of them.
    pub fn finish(mut self) -> Result<(S, Summary), GraphError<S::Error>> {
        let diseases = std::mem::take(&mut self.names[NodeLabel::Disease.index()]);
        for (id, described) in (0..).zip(std::mem::take(&mut self.described)) {
            if !described {
                self.announce(NodeLabel::Disease, id, diseases.name(id), None)?;
            }
        }
        Ok((self.sink, self.summary))
    }

    /// One relationship from `disease` to each item of `list`.
    fn list(
        &mut self,
        disease: u32,
        relation: Relation,
        list: &Option<List<'_>>,
    ) -> Result<(), GraphError<S::Error>> {
        debug_assert_eq!(relation.from(), NodeLabel::Disease);
        for item in items(list) {
            let to = self.node(relation.to(), item)?;
            self.edge(relation, disease, to)?;
        }
        Ok(())
    }

    /// `就诊科室`: each department to the one before it, the disease to the
    /// last.
    fn departments(
        &mut self,
        disease: u32,
        list: &Option<List<'_>>,
    ) -> Result<(), GraphError<S::Error>> {
        let mut previous = None;
        for item in items(list) {
            let department = self.node(NodeLabel::Department, item)?;
            if let Some(parent) = previous {
                self.edge(Relation::ParentDepartment, department, parent)?;
            }
            previous = Some(department);
        }
        if let Some(last) = previous {
            self.edge(Relation::BelongsTo, disease, last)?;
        }
        Ok(())
    }

    /// The ID of a node that is not a `Disease`, announcing it when new.
    fn node(&mut self, label: NodeLabel, name: &str) -> Result<u32, GraphError<S::Error>> {
        debug_assert_ne!(label, NodeLabel::Disease, "diseases go through `disease`");
        debug_assert!(
            !name.is_empty(),
            "list items and checked drug names are never empty"
        );
        let (id, new) = self.intern(label, name)?;
        if new {
            self.announce(label, id, name, None)?;
        }
        Ok(id)
    }

    /// The ID of a disease, not announced (a record or `finish` does that).
    fn disease(&mut self, name: &str) -> Result<u32, GraphError<S::Error>> {
        let (id, new) = self.intern(NodeLabel::Disease, name)?;
        if new {
            self.described.push(false);
        }
        debug_assert_eq!(
            self.described.len(),
            self.names[NodeLabel::Disease.index()].len()
        );
        Ok(id)
    }

    fn intern(
        &mut self,
        label: NodeLabel,
        name: &str,
    ) -> Result<(u32, bool), GraphError<S::Error>> {
        self.names[label.index()]
            .intern(name)
            .ok_or(GraphError::TooManyNodes(label))
    }

    fn is_described(&self, disease: u32) -> bool {
        let described = self.described.get(disease as usize).copied();
        debug_assert!(described.is_some(), "every disease ID has a flag");
        described.unwrap_or(false)
    }

    fn set_described(&mut self, disease: u32) {
        let flag = self.described.get_mut(disease as usize);
        debug_assert!(flag.is_some(), "every disease ID has a flag");
        if let Some(flag) = flag {
            *flag = true;
        }
    }

    fn announce(
        &mut self,
        label: NodeLabel,
        id: u32,
        name: &str,
        properties: Option<&DiseaseProperties<'_>>,
    ) -> Result<(), GraphError<S::Error>> {
        let node = Node {
            label,
            id,
            name,
            properties,
        };
        self.sink.node(&node).map_err(GraphError::Sink)?;
        self.summary.nodes[label.index()] += 1;
        Ok(())
    }

    /// Hands the relationship to the sink unless it was there before.
    fn edge(&mut self, relation: Relation, from: u32, to: u32) -> Result<(), GraphError<S::Error>> {
        let key = u64::from(from) << 32 | u64::from(to);
        if self.edges[relation.index()].insert(key) {
            let edge = Edge { relation, from, to };
            self.sink.edge(edge).map_err(GraphError::Sink)?;
            self.summary.relationships[relation.index()] += 1;
        }
        Ok(())
    }
}
