//! The `neo4j-admin` CSV files, one per node label and one per relationship.
//! Values from the input are quoted by `csv-core` (RFC 4180); IDs and the
//! schema's constants need no quoting and are written as they are.

use std::fs::{self, File};
use std::io::{self, Write};

use csv_core::{QuoteStyle, WriteResult};
use std::path::Path;

use super::build::{DiseaseProperties, Edge, GraphSink, Node, PropertyValue};
use super::schema::{NodeLabel, Relation, DISEASE_PROPERTIES};
use super::scripts::{import_script, load_cypher, ARRAY_DELIMITER};

/// A [`GraphSink`] writing the files `neo4j-admin database import full`
/// takes, row by row as nodes and relationships arrive:
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
///      0,甲病,,\"甲病预防保暖，多喝\"\"热\"\"水。\",\"甲病病因受凉。\",,,,,,,Disease\n",
/// );
/// let no_eat = files.iter().find(|(name, _)| name.contains("no_eat")).unwrap();
/// assert_eq!(
///     String::from_utf8_lossy(&no_eat.1),
///     ":START_ID(Disease),:END_ID(Food),:TYPE,name\n0,0,no_eat,忌吃\n",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct CsvSink<W: Write> {
    /// One per file, in the order of [`NodeLabel::ALL`].
    nodes: Vec<Rows<W>>,
    /// One per file, in the order of [`Relation::ALL`].
    relationships: Vec<Rows<W>>,
    /// By relation: what follows the two IDs, `,TYPE,NAME` and the line end.
    edge_ends: [String; Relation::ALL.len()],
    /// A list property's items joined by the array delimiter.
    joined: String,
}

impl<W: Write> std::fmt::Debug for CsvSink<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvSink").finish_non_exhaustive()
    }
}

impl CsvSink<File> {
    /// Creates the export in `dir` (made if missing; files there replaced):
    /// every CSV file, `import.sh` and `load.cypher`.
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
        CsvSink::new(|name| File::create(dir.join(name)))
    }
}

impl CsvSink<Vec<u8>> {
    /// A sink writing into memory; [`CsvSink::into_inner`] gives the bytes.
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
    /// name ([`NodeLabel::file_name`], [`Relation::file_name`]), in the
    /// order of [`NodeLabel::ALL`] then [`Relation::ALL`]; `W` need not be
    /// buffered.
    ///
    /// # Errors
    ///
    /// When `open` fails or a header cannot be written.
    pub fn new(mut open: impl FnMut(&'static str) -> io::Result<W>) -> io::Result<Self> {
        let nodes = NodeLabel::ALL
            .iter()
            .map(|label| Rows::new(open(label.file_name())?, &label.csv_header()))
            .collect::<io::Result<_>>()?;
        let relationships = Relation::ALL
            .iter()
            .map(|relation| Rows::new(open(relation.file_name())?, &relation.csv_header()))
            .collect::<io::Result<_>>()?;
        Ok(CsvSink {
            nodes,
            relationships,
            edge_ends: Relation::ALL.map(|r| format!(",{},{}\n", r.rel_type(), r.name())),
            joined: String::new(),
        })
    }

    /// Flushes every file and gives back the writers with their names.
    ///
    /// # Errors
    ///
    /// When a file cannot be flushed.
    pub fn into_inner(self) -> io::Result<Vec<(&'static str, W)>> {
        let names = NodeLabel::ALL
            .iter()
            .map(|l| l.file_name())
            .chain(Relation::ALL.iter().map(|r| r.file_name()));
        let files = self.nodes.into_iter().chain(self.relationships);
        names
            .zip(files)
            .map(|(name, rows)| Ok((name, rows.into_inner()?)))
            .collect()
    }

    /// Flushes every file.
    ///
    /// # Errors
    ///
    /// When a file cannot be written.
    pub fn flush(&mut self) -> io::Result<()> {
        for rows in self.nodes.iter_mut().chain(&mut self.relationships) {
            rows.flush()?;
        }
        Ok(())
    }
}

/// The buffer of each file.
const BUFFER: usize = 1 << 16;

impl<W: Write> GraphSink for CsvSink<W> {
    type Error = io::Error;

    /// `ID,NAME,[PROPERTIES,]LABEL`.
    fn node(&mut self, node: &Node<'_>) -> io::Result<()> {
        if let Some(properties) = node.properties {
            check_lists(properties)?;
        }
        let rows = &mut self.nodes[node.label.index()];
        rows.id(node.id);
        rows.byte(b',');
        rows.value(node.name.as_bytes());
        if node.label == NodeLabel::Disease {
            match node.properties {
                Some(properties) => {
                    for value in properties.values() {
                        match value {
                            PropertyValue::Text(text) => rows.text(text.as_bytes()),
                            PropertyValue::List(items) => {
                                join(&mut self.joined, items);
                                rows.value(self.joined.as_bytes());
                            }
                        }
                    }
                }
                None => {
                    for _ in DISEASE_PROPERTIES {
                        rows.value(b"");
                    }
                }
            }
        } else {
            debug_assert!(node.properties.is_none(), "only diseases have properties");
        }
        rows.raw(node.label.as_str().as_bytes());
        rows.byte(b'\n');
        rows.end()
    }

    /// `FROM,TO,TYPE,NAME`.
    fn edge(&mut self, edge: Edge) -> io::Result<()> {
        let rows = &mut self.relationships[edge.relation.index()];
        rows.id(edge.from);
        rows.byte(b',');
        rows.id(edge.to);
        rows.raw(self.edge_ends[edge.relation.index()].as_bytes());
        rows.end()
    }
}

/// One CSV file: rows assembled in a buffer of about [`BUFFER`] bytes.
struct Rows<W: Write> {
    out: W,
    buf: Vec<u8>,
    /// Quotes values where needed (RFC 4180, quotes doubled).
    quoter: csv_core::Writer,
    /// Quotes every value: long texts are then not scanned.
    always: csv_core::Writer,
}

impl<W: Write> Rows<W> {
    /// A file whose first row is `header` (constants, written as they are).
    fn new(out: W, header: &[String]) -> io::Result<Self> {
        let mut rows = Rows {
            out,
            buf: Vec::with_capacity(BUFFER),
            quoter: csv_core::Writer::new(),
            always: csv_core::WriterBuilder::new()
                .quote_style(QuoteStyle::Always)
                .build(),
        };
        rows.raw(header.join(",").as_bytes());
        rows.byte(b'\n');
        rows.end()?;
        Ok(rows)
    }

    /// Bytes that need no quoting: the schema's constants.
    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// One byte that needs no quoting: `,` or the line end.
    fn byte(&mut self, byte: u8) {
        self.buf.push(byte);
    }

    /// An ID's decimal digits.
    fn id(&mut self, id: u32) {
        for &digit in itoa(id).as_bytes() {
            self.buf.push(digit);
        }
    }

    /// A value from the input, quoted if need be, and a comma.
    fn value(&mut self, value: &[u8]) {
        Self::quoted(&mut self.buf, &mut self.quoter, value);
    }

    /// A text property, always quoted unless empty (an absent property),
    /// and a comma: csv-core's scan for bytes to quote is slow on long texts.
    fn text(&mut self, text: &[u8]) {
        if text.is_empty() {
            self.value(text);
        } else {
            Self::quoted(&mut self.buf, &mut self.always, text);
        }
    }

    /// `value` as `quoter` quotes it, and a comma, appended to `buf`.
    fn quoted(buf: &mut Vec<u8>, quoter: &mut csv_core::Writer, mut value: &[u8]) {
        let mut room = value.len() + 3;
        loop {
            let start = buf.len();
            buf.resize(start + room, 0);
            let out = buf.get_mut(start..);
            debug_assert!(out.is_some(), "the buffer was just grown past `start`");
            let (result, read, wrote) = match out {
                Some(out) => quoter.field(value, out),
                None => (WriteResult::InputEmpty, value.len(), 0),
            };
            buf.truncate(start + wrote);
            debug_assert!(read <= value.len(), "csv-core reads within its input");
            value = value.get(read..).unwrap_or_default();
            match result {
                WriteResult::InputEmpty => break,
                WriteResult::OutputFull => room = 2 * value.len() + 3,
            }
        }
        let start = buf.len();
        buf.resize(start + 2, 0);
        let out = buf.get_mut(start..);
        debug_assert!(out.is_some(), "the buffer was just grown past `start`");
        let (result, wrote) = match out {
            Some(out) => quoter.delimiter(out),
            None => (WriteResult::OutputFull, 0),
        };
        debug_assert!(
            matches!(result, WriteResult::InputEmpty),
            "2 bytes hold a quote and a comma"
        );
        buf.truncate(start + wrote);
    }

    /// After a row's line end: writes the buffer out once it is full.
    fn end(&mut self) -> io::Result<()> {
        if self.buf.len() >= BUFFER {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Writes out what is buffered and flushes.
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out)
    }
}

/// Fails when a list item holds the array delimiter (it would read back as
/// two); checked before a row is begun.
fn check_lists(properties: &DiseaseProperties<'_>) -> io::Result<()> {
    for value in properties.values() {
        let PropertyValue::List(items) = value else {
            continue;
        };
        if let Some(item) = items.iter().find(|item| item.contains(ARRAY_DELIMITER)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the list item {item:?} holds a TAB, the array delimiter"),
            ));
        }
    }
    Ok(())
}

/// `items` joined by the array delimiter into `joined`.
fn join(joined: &mut String, items: &[&str]) {
    joined.clear();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            joined.push(ARRAY_DELIMITER);
        }
        joined.push_str(item);
    }
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
    use super::{itoa, join, CsvSink};
    use crate::graph::{DiseaseProperties, GraphSink, Node, NodeLabel, Relation};

    /// The relationship rows are written without the `csv` crate: what they
    /// hold besides digits must be what the `csv` crate writes unquoted.
    #[test]
    fn constants_need_no_quoting() {
        for relation in Relation::ALL {
            let mut fields = vec![relation.rel_type(), relation.name()];
            let header = relation.csv_header();
            fields.extend(header.iter().map(String::as_str));
            for field in fields {
                let mut writer = csv::Writer::from_writer(Vec::new());
                writer.write_field(field).unwrap();
                writer.write_record(None::<&[u8]>).unwrap();
                let written = writer.into_inner().unwrap();
                assert_eq!(written, format!("{field}\n").as_bytes(), "{relation}");
            }
        }
    }

    #[test]
    fn itoa_writes_every_width() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX - 1, u32::MAX] {
            assert_eq!(itoa(n).as_bytes(), n.to_string().as_bytes());
        }
    }

    #[test]
    fn a_list_item_with_the_delimiter_is_refused_before_the_row() {
        let mut joined = String::new();
        join(&mut joined, &["内科", "神经内科"]);
        assert_eq!(joined, "内科\t神经内科");

        let properties = DiseaseProperties {
            cure_way: vec!["手术", "内\t科"],
            ..DiseaseProperties::default()
        };
        let mut sink = CsvSink::in_memory().unwrap();
        let node = Node {
            label: NodeLabel::Disease,
            id: 0,
            name: "甲病",
            properties: Some(&properties),
        };
        let error = sink.node(&node).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::InvalidData);
        let files = sink.into_inner().unwrap();
        let header = NodeLabel::Disease.csv_header().join(",") + "\n";
        assert_eq!(files[0].1, header.as_bytes(), "no half row");
    }
}
