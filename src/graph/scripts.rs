//! The two loaders written beside the CSV files: `import.sh`, the
//! `neo4j-admin database import full` command line for an offline import,
//! and `load.cypher`, the same graph through `LOAD CSV` on a running
//! server.
//!
//! This module owns the text of the loaders, generated from
//! [`schema`](super::schema) so that they name every file and column the
//! export writes. It must not write files itself.

use std::fmt::Write;

use super::schema::{NodeLabel, Relation, DISEASE_PROPERTIES};

/// The array delimiter of the node files: list items never hold whitespace
/// (see the [format reference: lists](crate::format#lists)), so a TAB
/// cannot stand inside one.
pub const ARRAY_DELIMITER: char = '\t';

/// Rows per transaction in `load.cypher`.
const BATCH: usize = 10_000;

/// `import.sh`: a POSIX shell script that runs `neo4j-admin database import
/// full` on the exported files, from the directory it lies in. Its first
/// argument names the database (`neo4j` when there is none); further
/// arguments are passed on to `neo4j-admin` (`--overwrite-destination`).
///
/// ```
/// let script = jibing::graph::import_script();
/// assert!(script.starts_with("#!/bin/sh\n"));
/// assert!(script.contains("--nodes=nodes/Disease.csv"));
/// assert!(script.contains("--relationships=relationships/Producer-drugs_of-Drug.csv"));
/// ```
#[must_use]
pub fn import_script() -> String {
    let mut script = String::from(
        "#!/bin/sh\n\
         # Imports the graph exported by jibing's to_graph into a new, empty Neo4j\n\
         # database (Neo4j 5.19 or later; stop the database first):\n\
         #     sh import.sh [DATABASE [NEO4J-ADMIN-OPTION...]]\n\
         # DATABASE defaults to neo4j. IDs are integers in one ID space per label;\n\
         # list properties hold their items separated by TAB; values may span lines\n\
         # (a drug name with an escaped line break).\n\
         set -eu\n\
         cd \"$(dirname \"$0\")\"\n\
         database=${1:-neo4j}\n\
         [ $# -gt 0 ] && shift\n\
         exec neo4j-admin database import full \"$database\" \\\n\
         \x20   --id-type=integer \\\n\
         \x20   --array-delimiter=TAB \\\n\
         \x20   --multiline-fields=true \\\n",
    );
    for label in NodeLabel::ALL {
        let _ = writeln!(script, "    --nodes={} \\", label.file_name());
    }
    for relation in Relation::ALL {
        let _ = writeln!(script, "    --relationships={} \\", relation.file_name());
    }
    script.push_str("    \"$@\"\n");
    script
}

/// `load.cypher`: Cypher statements that load the exported files into a
/// running Neo4j server with `LOAD CSV`, for when an offline import is not
/// possible. Copy the export directory's `nodes` and `relationships` into
/// the server's import directory and run the file with `cypher-shell -f
/// load.cypher`. Each label gets a uniqueness constraint on `id` (the
/// relationships find their nodes by it), and rows are committed in
/// batches of 10,000.
///
/// ```
/// let cypher = jibing::graph::load_cypher();
/// assert!(cypher.contains("FOR (n:Symptom) REQUIRE n.id IS UNIQUE;"));
/// assert!(cypher.contains("LOAD CSV WITH HEADERS FROM 'file:///relationships/Disease-do_eat-Food.csv' AS row"));
/// assert!(cypher.contains("CREATE (a)-[:do_eat {name: row.name}]->(b)"));
/// ```
#[must_use]
pub fn load_cypher() -> String {
    let mut cypher = String::from(
        "// Loads the graph exported by jibing's to_graph into a running Neo4j\n\
         // server (Neo4j 5.23 or later). Copy the export's nodes/ and\n\
         // relationships/ into the server's import directory, then:\n\
         //     cypher-shell -f load.cypher\n\
         // Empty fields load as absent properties; list properties are split at\n\
         // TAB; each label's `id` is unique, and relationships find their nodes\n\
         // by it.\n\n",
    );
    for label in NodeLabel::ALL {
        let _ = writeln!(
            cypher,
            "CREATE CONSTRAINT {}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;",
            label.as_str().to_lowercase(),
        );
    }
    for label in NodeLabel::ALL {
        let mut properties = format!("id: toInteger(row.`id:ID({label})`), name: row.name");
        if label == NodeLabel::Disease {
            for property in DISEASE_PROPERTIES {
                let column = property.csv_header();
                if property.list {
                    let _ = write!(
                        properties,
                        ", {}: split(row.`{column}`, '\\t')",
                        property.key
                    );
                } else {
                    let _ = write!(properties, ", {}: row.`{column}`", property.key);
                }
            }
        }
        let _ = write!(
            cypher,
            "\nLOAD CSV WITH HEADERS FROM 'file:///{file}' AS row\n\
             CALL (row) {{ CREATE (:{label} {{{properties}}}) }} IN TRANSACTIONS OF {BATCH} ROWS;\n",
            file = label.file_name(),
        );
    }
    for relation in Relation::ALL {
        let (from, to) = (relation.from(), relation.to());
        let _ = write!(
            cypher,
            "\nLOAD CSV WITH HEADERS FROM 'file:///{file}' AS row\n\
             CALL (row) {{\n  \
             MATCH (a:{from} {{id: toInteger(row.`:START_ID({from})`)}}), (b:{to} {{id: toInteger(row.`:END_ID({to})`)}})\n  \
             CREATE (a)-[:{rel_type} {{name: row.name}}]->(b)\n\
             }} IN TRANSACTIONS OF {BATCH} ROWS;\n",
            file = relation.file_name(),
            rel_type = relation.rel_type(),
        );
    }
    cypher
}
