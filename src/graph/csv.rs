//! The `neo4j-admin` CSV files: a [`GraphSink`] that writes one file per
//! node label and one per relationship, with the headers of
//! [`schema`](super::schema), through the `csv` crate (RFC 4180 quoting).
//!
//! This module owns the rows: the order of their fields, how an ID, an
//! empty value and a list are written. It must not decide what the graph
//! holds (that is [`build`](super::build)).

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::build::{Edge, GraphSink, Node, PropertyValue};
use super::schema::{NodeLabel, Relation, DISEASE_PROPERTIES};
use super::scripts::{import_script, load_cypher, ARRAY_DELIMITER};

/// A [`GraphSink`] writing the files `neo4j-admin database import full`
/// takes (see the [module docs](super#the-files)).
///
/// Rows are written as nodes and relationships arrive, so memory does not
/// grow with the graph. [`CsvSink::create`] writes into a directory;
/// [`CsvSink::new`] into any writers, for instance in memory:
///
/// ```
/// use jibing::graph::{CsvSink, GraphBuilder};
///
/// let record = jibing::parse("病因 甲病病因受凉。\n预防 甲病预防保暖，多喝\"热\"水。\n忌吃 辣椒\n")?;
/// let mut graph = GraphBuilder::new(CsvSink::in_memory()?);
/// graph.add(&record)?;
/// let (sink, _summary) = graph.finish()?;
/// let files = sink.into_inner()?;
/// let (name, disease) = &files[0];
/// assert_eq!(*name, "nodes/Disease.csv");
/// assert_eq!(
///     String::from_utf8_lossy(disease),
///     "id:ID(Disease),name,desc,prevent,cause,easy_get,cure_lasttime,\
///      cure_department:string[],cure_way:string[],cured_prob,get_prob,:LABEL\n\
///      0,甲病,,\"甲病预防保暖，多喝\"\"热\"\"水。\",甲病病因受凉。,,,,,,,Disease\n",
/// );
/// let no_eat = files.iter().find(|(name, _)| name.contains("no_eat")).unwrap();
/// assert_eq!(
///     String::from_utf8_lossy(&no_eat.1),
///     ":START_ID(Disease),:END_ID(Food),:TYPE,name\n0,0,no_eat,忌吃\n",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct CsvSink<W: Write> {
    nodes: [csv::Writer<W>; NodeLabel::ALL.len()],
    relationships: [csv::Writer<W>; Relation::ALL.len()],
    /// A list property's items joined by the array delimiter.
    joined: String,
}

impl<W: Write> std::fmt::Debug for CsvSink<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSink").finish_non_exhaustive()
    }
}

impl CsvSink<BufWriter<File>> {
    /// Creates the export in `dir`: `nodes/`, `relationships/`, every CSV
    /// file with its header, and the loaders `import.sh` and
    /// `load.cypher`. `dir` is created if missing; files already there are
    /// replaced.
    ///
    /// # Errors
    ///
    /// When a directory or file cannot be created or written.
    pub fn create(dir: impl AsRef<Path>) -> io::Result<Self> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir.join("nodes"))?;
        fs::create_dir_all(dir.join("relationships"))?;
        fs::write(dir.join("import.sh"), import_script())?;
        fs::write(dir.join("load.cypher"), load_cypher())?;
        CsvSink::new(|name| {
            Ok(BufWriter::with_capacity(
                1 << 16,
                File::create(dir.join(name))?,
            ))
        })
    }
}

impl CsvSink<Vec<u8>> {
    /// A sink writing every file into memory; [`CsvSink::into_inner`] gives
    /// the bytes.
    ///
    /// # Errors
    ///
    /// Never in practice: writing the headers into memory cannot fail.
    pub fn in_memory() -> io::Result<Self> {
        CsvSink::new(|_| Ok(Vec::new()))
    }
}

impl<W: Write> CsvSink<W> {
    /// A sink writing each file into the writer `open` returns for its
    /// name (`nodes/Disease.csv`, `relationships/Disease-do_eat-Food.csv`,
    /// …: [`NodeLabel::file_name`], [`Relation::file_name`]), in the order
    /// of [`NodeLabel::ALL`] then [`Relation::ALL`]. The headers are
    /// written at once.
    ///
    /// # Errors
    ///
    /// When `open` fails or a header cannot be written.
    pub fn new(mut open: impl FnMut(&'static str) -> io::Result<W>) -> io::Result<Self> {
        let mut writer = |name: &'static str, header: &[String]| -> io::Result<csv::Writer<W>> {
            let mut writer = csv::WriterBuilder::new().from_writer(open(name)?);
            writer.write_record(header)?;
            Ok(writer)
        };
        let mut nodes = Vec::with_capacity(NodeLabel::ALL.len());
        for label in NodeLabel::ALL {
            nodes.push(writer(label.file_name(), &label.csv_header())?);
        }
        let mut relationships = Vec::with_capacity(Relation::ALL.len());
        for relation in Relation::ALL {
            relationships.push(writer(relation.file_name(), &relation.csv_header())?);
        }
        Ok(CsvSink {
            nodes: exactly(nodes)?,
            relationships: exactly(relationships)?,
            joined: String::new(),
        })
    }

    /// Flushes every file and gives back the writers with their file
    /// names, in the order [`CsvSink::new`] opened them.
    ///
    /// # Errors
    ///
    /// When a file cannot be flushed.
    pub fn into_inner(self) -> io::Result<Vec<(&'static str, W)>> {
        let names = NodeLabel::ALL
            .iter()
            .map(|l| l.file_name())
            .chain(Relation::ALL.iter().map(|r| r.file_name()));
        let writers = self.nodes.into_iter().chain(self.relationships);
        names
            .zip(writers)
            .map(|(name, writer)| Ok((name, writer.into_inner().map_err(|e| e.into_error())?)))
            .collect()
    }

    /// Flushes every file.
    ///
    /// # Errors
    ///
    /// When a file cannot be written.
    pub fn flush(&mut self) -> io::Result<()> {
        for writer in self.nodes.iter_mut().chain(&mut self.relationships) {
            writer.flush()?;
        }
        Ok(())
    }
}

/// The writers as an array of `N`, in the order they were opened.
fn exactly<T, const N: usize>(writers: Vec<T>) -> io::Result<[T; N]> {
    writers.try_into().map_err(|writers: Vec<T>| {
        debug_assert!(false, "one writer per file, {} for {N}", writers.len());
        io::Error::other("internal error: wrong number of graph files")
    })
}

impl<W: Write> GraphSink for CsvSink<W> {
    type Error = io::Error;

    fn node(&mut self, node: &Node<'_>) -> io::Result<()> {
        let writer = &mut self.nodes[node.label.index()];
        writer.write_field(itoa(node.id).as_bytes())?;
        writer.write_field(node.name)?;
        if node.label == NodeLabel::Disease {
            match node.properties {
                Some(properties) => {
                    for value in properties.values() {
                        match value {
                            PropertyValue::Text(text) => writer.write_field(text)?,
                            PropertyValue::List(items) => {
                                join(&mut self.joined, items)?;
                                writer.write_field(&self.joined)?;
                            }
                        }
                    }
                }
                None => {
                    for _ in DISEASE_PROPERTIES {
                        writer.write_field("")?;
                    }
                }
            }
        } else {
            debug_assert!(node.properties.is_none(), "only diseases have properties");
        }
        writer.write_field(node.label.as_str())?;
        writer.write_record(None::<&[u8]>)?;
        Ok(())
    }

    fn edge(&mut self, edge: Edge) -> io::Result<()> {
        let writer = &mut self.relationships[edge.relation.index()];
        writer.write_field(itoa(edge.from).as_bytes())?;
        writer.write_field(itoa(edge.to).as_bytes())?;
        writer.write_field(edge.relation.rel_type())?;
        writer.write_field(edge.relation.name())?;
        writer.write_record(None::<&[u8]>)?;
        Ok(())
    }
}

/// `items` joined by the array delimiter into `joined`. An item holding the
/// delimiter would read back as two, so it is an error (parsed lists never
/// hold one: items are split at whitespace).
fn join(joined: &mut String, items: &[&str]) -> io::Result<()> {
    joined.clear();
    for (i, item) in items.iter().enumerate() {
        if item.contains(ARRAY_DELIMITER) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the list item {item:?} holds a TAB, the array delimiter"),
            ));
        }
        if i > 0 {
            joined.push(ARRAY_DELIMITER);
        }
        joined.push_str(item);
    }
    Ok(())
}

/// The decimal digits of `n`, without allocating.
fn itoa(n: u32) -> Digits {
    let mut digits = Digits {
        bytes: [0; 10],
        start: 10,
    };
    let mut n = n;
    loop {
        digits.start -= 1;
        // `n % 10` is a digit; the cast cannot truncate.
        digits.bytes[digits.start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return digits;
        }
    }
}

/// Up to ten decimal digits, the most a `u32` has.
struct Digits {
    bytes: [u8; 10],
    start: usize,
}

impl Digits {
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(self.start..).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::{itoa, join};

    #[test]
    fn itoa_writes_every_width() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX - 1, u32::MAX] {
            assert_eq!(itoa(n).as_bytes(), n.to_string().as_bytes());
        }
    }

    #[test]
    fn a_list_item_with_the_delimiter_is_refused() {
        let mut joined = String::new();
        join(&mut joined, &["内科", "神经内科"]).unwrap();
        assert_eq!(joined, "内科\t神经内科");
        let error = join(&mut joined, &["内\t科"]).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
    }
}
