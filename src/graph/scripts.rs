//! The two loaders written beside the CSV files, generated from the schema
//! so that they name every file and column the export writes.

use super::schema::{NodeLabel, Relation, DISEASE_PROPERTIES};

/// The array delimiter of the node files: a TAB, which no list item holds
/// (see the [format reference: lists](crate::format#lists)).
pub const ARRAY_DELIMITER: char = '\t';

/// Rows per transaction in `load.cypher`.
const BATCH: usize = 10_000;

/// `import.sh`: runs `neo4j-admin database import full` on the exported
/// files; `sh import.sh [DATABASE [NEO4J-ADMIN-OPTION...]]`.
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
        script += &format!("    --nodes={} \\\n", label.file_name());
    }
    for relation in Relation::ALL {
        script += &format!("    --relationships={} \\\n", relation.file_name());
    }
    script.push_str("    \"$@\"\n");
    script
}

/// `load.cypher`: the same graph through `LOAD CSV` on a running server
/// (`cypher-shell -f load.cypher`), for when an offline import is not
/// possible.
///
/// ```
/// let cypher = jibing::graph::load_cypher();
/// assert!(cypher.contains("FOR (n:Symptom) REQUIRE n.id IS UNIQUE;"));
/// assert!(cypher.contains("LOAD CSV WITH HEADERS FROM 'file:///relationships/Disease-do_eat-Food.csv' AS row"));
/// assert!(cypher.contains("CREATE (a)-[:do_eat {name: row.name}]->(b)"));
/// ```
#[must_use]
pub fn load_cypher() -> String {
    let mut cypher = String::from(concat!(
        "// Loads the graph exported by jibing's to_graph into a running Neo4j\n",
        "// server (Neo4j 5.23 or later). Copy the export's nodes/ and\n",
        "// relationships/ into the server's import directory, then:\n",
        "//     cypher-shell -f load.cypher\n",
        "// Empty fields load as absent properties; list properties are split at\n",
        "// TAB; each label's `id` is unique, and relationships find their nodes\n",
        "// by it.\n\n",
    ));
    for label in NodeLabel::ALL {
        cypher += &format!(
            "CREATE CONSTRAINT {}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE;\n",
            label.as_str().to_lowercase(),
        );
    }
    for label in NodeLabel::ALL {
        let mut properties = format!("id: toInteger(row.`id:ID({label})`), name: row.name");
        if label == NodeLabel::Disease {
            for property in DISEASE_PROPERTIES {
                let column = property.csv_header();
                properties += &if property.list {
                    format!(", {}: split(row.`{column}`, '\\t')", property.key)
                } else {
                    format!(", {}: row.`{column}`", property.key)
                };
            }
        }
        cypher += &format!(
            "\nLOAD CSV WITH HEADERS FROM 'file:///{file}' AS row\n\
             CALL (row) {{ CREATE (:{label} {{{properties}}}) }} IN TRANSACTIONS OF {BATCH} ROWS;\n",
            file = label.file_name(),
        );
    }
    for relation in Relation::ALL {
        let (from, to) = (relation.from(), relation.to());
        cypher += &format!(
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
