//! The knowledge graph of parsed records: IDs, relationships and CSV files
//! agree (used by the `parse` target).

use std::collections::HashMap;

use jibing::Parsed;

/// The knowledge graph of `records` (see `jibing::graph`): no panic; per
/// label the sink sees the IDs 0..n once each; every relationship is new
/// and joins nodes the sink saw (a `Disease` met as a complication may be
/// announced later, by `finish`); the summary counts what the sink saw;
/// the CSV files have a header and one line per node or relationship at
/// least (a quoted value may span lines).
pub(crate) fn check_graph<'r>(records: impl Iterator<Item = &'r Parsed<'r>>) {
    use jibing::graph::{CsvSink, Edge, GraphBuilder, GraphSink, Node, NodeLabel, Relation};
    use std::collections::HashSet;

    #[derive(Default)]
    struct Seen {
        nodes: HashMap<NodeLabel, Vec<u32>>,
        edges: Vec<Edge>,
    }
    impl GraphSink for Seen {
        type Error = std::convert::Infallible;
        fn node(&mut self, node: &Node<'_>) -> Result<(), Self::Error> {
            assert!(!node.name.is_empty(), "graph: a node without a name");
            assert!(
                node.properties.is_none() || node.label == NodeLabel::Disease,
                "graph: properties on a {} node",
                node.label
            );
            self.nodes.entry(node.label).or_default().push(node.id);
            Ok(())
        }
        fn edge(&mut self, edge: Edge) -> Result<(), Self::Error> {
            self.edges.push(edge);
            Ok(())
        }
    }

    let mut graph = GraphBuilder::new(Seen::default());
    let mut csv = GraphBuilder::new(CsvSink::in_memory().expect("memory takes the headers"));
    for parsed in records {
        let added = graph.add(&parsed.record).expect("the sink never fails");
        let same = csv.add(&parsed.record).expect("memory takes every row");
        assert_eq!(added, same, "graph: two builders disagree");
    }
    let (seen, summary) = graph.finish().expect("the sink never fails");
    let (sink, csv_summary) = csv.finish().expect("memory takes every row");
    assert_eq!(summary, csv_summary, "graph: two builders disagree");
    for label in NodeLabel::ALL {
        let mut ids = seen.nodes.get(&label).cloned().unwrap_or_default();
        assert_eq!(
            ids.len() as u64,
            summary.nodes(label),
            "graph: {label} count"
        );
        ids.sort_unstable();
        let expected: Vec<u32> = (0..).take(ids.len()).collect();
        assert_eq!(ids, expected, "graph: {label} IDs are not 0..n, once each");
    }
    let distinct: HashSet<Edge> = seen.edges.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        seen.edges.len(),
        "graph: a relationship twice"
    );
    for relation in Relation::ALL {
        let edges = seen.edges.iter().filter(|e| e.relation == relation);
        assert_eq!(
            edges.clone().count() as u64,
            summary.relationships(relation)
        );
        let (from, to) = (summary.nodes(relation.from()), summary.nodes(relation.to()));
        for edge in edges {
            assert!(
                u64::from(edge.from) < from && u64::from(edge.to) < to,
                "graph: {relation} {} -> {} joins a node that is not there",
                edge.from,
                edge.to
            );
        }
    }
    let files = sink.into_inner().expect("memory flushes");
    for (i, (name, bytes)) in files.iter().enumerate() {
        let relation = i.checked_sub(NodeLabel::ALL.len());
        let rows = match (
            NodeLabel::ALL.get(i),
            relation.and_then(|r| Relation::ALL.get(r)),
        ) {
            (Some(&label), _) => summary.nodes(label),
            (None, Some(&relation)) => summary.relationships(relation),
            (None, None) => panic!("graph: an extra file {name}"),
        };
        let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        assert!(
            lines > rows,
            "graph: {name} has {lines} lines for {rows} rows and a header"
        );
    }
}
