//! `to_graph`: the `neo4j-admin` export of `examples/to_graph.rs`, written
//! with the GIL released.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use jibing::graph::{Added, CsvSink, GraphBuilder, GraphError, NodeLabel, Relation, Summary};
use jibing::medical::InputFormat;
use jibing::{Diagnostic, Encoding, ParseOptions, Parsed, Position};
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::errors::{from_error, from_io, warn, warn_all, Place};
use crate::{encoding_of, medical_encoding_error, options};

/// A warning to give once the export is done, for the file of that index.
enum Note {
    /// A lenient parse fault.
    Fault(usize, Diagnostic),
    /// A record left out of the graph or merged, at its first line.
    Record(usize, Position, String),
}

/// Why the export stopped.
enum Failure {
    Parse(usize, jibing::Error),
    Io(Option<usize>, io::Error),
    Graph(String),
    /// The `medical.json` file of that index, which is not read as GB18030.
    MedicalEncoding(usize),
}

/// The files, with every record's warnings, or why not.
fn export(
    paths: &[PathBuf],
    out: &Path,
    options: ParseOptions,
    format: &str,
) -> (Vec<Note>, Result<Summary, Failure>) {
    let mut notes = Vec::new();
    let done = export_into(paths, out, options, format, &mut notes);
    (notes, done)
}

fn export_into(
    paths: &[PathBuf],
    out: &Path,
    options: ParseOptions,
    format: &str,
    notes: &mut Vec<Note>,
) -> Result<Summary, Failure> {
    let sink = CsvSink::create(out).map_err(|e| Failure::Io(None, e))?;
    let mut graph = GraphBuilder::new(sink);
    for (index, path) in paths.iter().enumerate() {
        let file = File::open(path).map_err(|e| Failure::Io(Some(index), e))?;
        let mut source = BufReader::with_capacity(256 << 10, file);
        let head = source.fill_buf().map_err(|e| Failure::Io(Some(index), e))?;
        if crate::input_format(format, head).ok() == Some(InputFormat::Medical) {
            if options.encoding() == Encoding::Gb18030 {
                return Err(Failure::MedicalEncoding(index));
            }
            let mut reader = options.medical_reader(source);
            while let Some(result) = reader.next() {
                let start = reader.last_start();
                let parsed = result.map_err(|e| Failure::Parse(index, e))?;
                add(&mut graph, notes, index, start, parsed)?;
            }
            continue;
        }
        let mut reader = options.reader(source);
        loop {
            let start = reader.position();
            let Some(result) = reader.read_record() else {
                break;
            };
            let parsed = result.map_err(|e| Failure::Parse(index, e))?;
            add(&mut graph, notes, index, start, parsed)?;
        }
    }
    let (mut sink, summary) = graph.finish().map_err(graph_failure)?;
    sink.flush().map_err(|e| Failure::Io(None, e))?;
    Ok(summary)
}

/// Adds the record of file `index` that starts at `start`, noting its
/// warnings and whether it was left out or merged.
fn add(
    graph: &mut GraphBuilder<CsvSink<File>>,
    notes: &mut Vec<Note>,
    index: usize,
    start: Position,
    parsed: Parsed<'_>,
) -> Result<(), Failure> {
    let added = graph.add(&parsed.record).map_err(graph_failure)?;
    notes.extend(parsed.warnings.into_iter().map(|w| Note::Fault(index, w)));
    let message = match added {
        Added::Unnamed => Some(
            "no disease name can be inferred (病因, 预防, 症状细节, 检查细节, 治疗): \
             the record is left out of the graph"
                .to_owned(),
        ),
        Added::Repeated => Some(format!(
            "{} was described by an earlier record: relationships merged, \
             the earlier properties kept",
            parsed.record.name.as_deref().unwrap_or_default()
        )),
        _ => None,
    };
    if let Some(message) = message {
        notes.push(Note::Record(index, start, message));
    }
    Ok(())
}

fn graph_failure(error: GraphError<io::Error>) -> Failure {
    match error {
        GraphError::Sink(e) => Failure::Io(None, e),
        other => Failure::Graph(other.to_string()),
    }
}

/// The paths argument: one path or a sequence of them.
fn paths_of(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if paths.is_instance_of::<PyString>() || paths.hasattr("__fspath__")? {
        return Ok(vec![paths.extract()?]);
    }
    paths.try_iter()?.map(|p| p?.extract()).collect()
}

/// Writes the knowledge graph of the files as `neo4j-admin` CSV files.
#[pyfunction]
#[pyo3(signature = (paths, out_dir, *, lenient = false, input_format = "auto", encoding = "utf-8"))]
pub fn to_graph<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    out_dir: PathBuf,
    lenient: bool,
    input_format: &str,
    encoding: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let paths = paths_of(paths)?;
    crate::input_format(input_format, b"")?;
    let options = options(lenient).with_encoding(encoding_of(encoding)?);
    let (notes, done) = py.detach(|| export(&paths, &out_dir, options, input_format));
    for note in &notes {
        match note {
            Note::Fault(file, warning) => {
                let place = Place {
                    path: Some(&paths[*file]),
                    source: None,
                };
                warn_all(py, std::slice::from_ref(warning), &place)?;
            }
            Note::Record(file, at, message) => {
                let path = Some(paths[*file].display().to_string());
                warn(py, message, (at.line, at.column, at.offset), path)?;
            }
        }
    }
    let summary = match done {
        Ok(summary) => summary,
        Err(Failure::Parse(file, error)) => {
            let place = Place {
                path: Some(&paths[file]),
                source: None,
            };
            return Err(from_error(py, &error, &place));
        }
        Err(Failure::Io(file, error)) => {
            let path = file.map_or(out_dir.as_path(), |i| paths[i].as_path());
            return Err(from_io(py, &error, Some(path)));
        }
        Err(Failure::Graph(message)) => return Err(PyOSError::new_err(message)),
        Err(Failure::MedicalEncoding(file)) => {
            return Err(medical_encoding_error("to_graph", Some(&paths[file])));
        }
    };
    counts(py, &summary)
}

/// `{"records", "unnamed", "repeated", "nodes": {label: n},
/// "relationships": {"From-type-To": n}}`.
fn counts<'py>(py: Python<'py>, summary: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let nodes = PyDict::new(py);
    for label in NodeLabel::ALL {
        nodes.set_item(label.as_str(), summary.nodes(label))?;
    }
    let relationships = PyDict::new(py);
    for relation in Relation::ALL {
        let name = relation.file_name();
        let name = name
            .strip_prefix("relationships/")
            .and_then(|n| n.strip_suffix(".csv"))
            .unwrap_or(name);
        relationships.set_item(name, summary.relationships(relation))?;
    }
    let counts = PyDict::new(py);
    counts.set_item("records", summary.records)?;
    counts.set_item("unnamed", summary.unnamed)?;
    counts.set_item("repeated", summary.repeated)?;
    counts.set_item("nodes", nodes)?;
    counts.set_item("relationships", relationships)?;
    Ok(counts)
}
