//! `iter_records`: records streamed through the crate's `Reader`, from a
//! path or a binary file object, one dict at a time.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use jibing::medical::InputFormat;
use jibing::{Encoding, Reader};
use pyo3::exceptions::{PyIsADirectoryError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyString, PyType};

use crate::convert::Builder;
use crate::errors::{from_error, from_io, warn_all, Place};
use crate::{encoding_of, medical_encoding_error, options, Schema};

/// `fp` as a path when it is a `str` or an `os.PathLike`; `None` for
/// anything else (a file object).
pub fn as_path(fp: &Bound<'_, PyAny>) -> PyResult<Option<PathBuf>> {
    if fp.is_instance_of::<PyString>() || fp.hasattr("__fspath__")? {
        return fp.extract::<PathBuf>().map(Some);
    }
    Ok(None)
}

static TEXT_IO_BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `TypeError` for a file opened in text mode.
pub fn text_mode_error(function: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "jibing.{function} reads bytes and decodes them itself (see encoding=): \
         open the file in binary mode (open(path, 'rb')) or pass its path"
    ))
}

/// Raises `TypeError` unless `fp` has a `read` method and is not a text
/// file (`io.TextIOBase`).
pub fn check_binary(fp: &Bound<'_, PyAny>, function: &str) -> PyResult<()> {
    let text_io = TEXT_IO_BASE.import(fp.py(), "io", "TextIOBase")?;
    if fp.is_instance(text_io)? {
        return Err(text_mode_error(function));
    }
    if !fp.hasattr("read")? {
        let name = fp.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "jibing.{function} takes a path (str or os.PathLike) or a binary file object, not {name}"
        )));
    }
    Ok(())
}

/// A binary file object's `read`, as `std::io::Read`. A Python exception
/// raised by `read` travels inside the `io::Error`, and is raised again
/// as it was.
pub struct PyRead {
    file: Py<PyAny>,
    /// Bytes `read` returned beyond what was asked for.
    pending: Vec<u8>,
}

impl PyRead {
    fn fill(&mut self, py: Python<'_>, want: usize, buf: &mut [u8]) -> PyResult<usize> {
        let chunk = self.file.bind(py).call_method1("read", (want,))?;
        let copy = |bytes: &[u8], buf: &mut [u8], pending: &mut Vec<u8>| {
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
            pending.extend_from_slice(&bytes[n..]);
            n
        };
        if let Ok(bytes) = chunk.cast::<PyBytes>() {
            return Ok(copy(bytes.as_bytes(), buf, &mut self.pending));
        }
        if let Ok(array) = chunk.cast::<PyByteArray>() {
            return Ok(copy(&array.to_vec(), buf, &mut self.pending));
        }
        if chunk.is_instance_of::<PyString>() {
            return Err(text_mode_error("iter_records"));
        }
        if chunk.is_none() {
            // A non-blocking file with nothing to read yet: treated as the end.
            return Ok(0);
        }
        let name = chunk.get_type().name()?;
        Err(PyTypeError::new_err(format!(
            "the file's read() returned {name}, not bytes"
        )))
    }
}

impl Read for PyRead {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.pending.is_empty() {
            let n = self.pending.len().min(buf.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            return Ok(n);
        }
        Python::attach(|py| self.fill(py, buf.len(), buf)).map_err(io::Error::other)
    }
}

/// Where the bytes come from.
pub enum Input {
    File(File),
    Python(PyRead),
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Input::File(file) => file.read(buf),
            Input::Python(file) => file.read(buf),
        }
    }
}

/// The iterator `iter_records` returns: one dict per record, read as the
/// loop asks for it.
#[pyclass(module = "jibing._jibing")]
pub struct RecordIterator {
    reader: Option<Reader<BufReader<Input>>>,
    /// The reader of a `medical.json` input, used instead of `reader`.
    medical: Option<jibing::medical::Reader<BufReader<Input>>>,
    schema: Schema,
    path: Option<PathBuf>,
}

#[pymethods]
impl RecordIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.medical.is_some() {
            return self.next_medical(py);
        }
        let Some(reader) = self.reader.as_mut() else {
            return Ok(None);
        };
        let path = self.path.as_deref();
        let place = Place { path, source: None };
        // The reader's owned records (`jibing::OwnedRecord`), each one
        // copy of its text, turned into a dict as they come.
        let made = match reader.next() {
            None => Ok(None),
            Some(Err(error)) => Err(from_error(py, &error, &place)),
            Some(Ok(owned)) => warn_all(py, owned.warnings(), &place).and_then(|()| {
                let builder = Builder::new(py, None);
                let made = self.schema.build(&builder, owned.get())?;
                Ok(Some(made.unbind()))
            }),
        };
        if !matches!(made, Ok(Some(_))) {
            // The end, or an error: the reader is done.
            self.reader = None;
        }
        made
    }
}

impl RecordIterator {
    /// `__next__` over `medical.json`.
    fn next_medical(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let Some(reader) = self.medical.as_mut() else {
            return Ok(None);
        };
        let place = Place {
            path: self.path.as_deref(),
            source: None,
        };
        let made = match reader.next() {
            None => Ok(None),
            Some(Err(error)) => Err(from_error(py, &error, &place)),
            Some(Ok(parsed)) => warn_all(py, &parsed.warnings, &place).and_then(|()| {
                let builder = Builder::new(py, None);
                Ok(Some(self.schema.build(&builder, &parsed.record)?.unbind()))
            }),
        };
        if !matches!(made, Ok(Some(_))) {
            self.medical = None;
        }
        made
    }
}

/// Streams the records of a file (a path, or a binary file object).
#[pyfunction]
#[pyo3(signature = (fp, *, lenient = false, schema = "jibing", input_format = "auto", encoding = "utf-8"))]
pub fn iter_records(
    fp: &Bound<'_, PyAny>,
    lenient: bool,
    schema: &str,
    input_format: &str,
    encoding: &str,
) -> PyResult<RecordIterator> {
    let py = fp.py();
    let schema = Schema::from_name(schema)?;
    let encoding = encoding_of(encoding)?;
    let options = options(lenient).with_encoding(encoding);
    let (input, path) = match as_path(fp)? {
        Some(path) => (Input::File(open(py, &path)?), Some(path)),
        None => {
            check_binary(fp, "iter_records")?;
            let file = PyRead {
                file: fp.clone().unbind(),
                pending: Vec::new(),
            };
            (Input::Python(file), None)
        }
    };
    if input_format != "text" {
        let mut source = BufReader::with_capacity(256 << 10, input);
        let head = source
            .fill_buf()
            .map_err(|e| from_io(py, &e, path.as_deref()))?;
        if crate::input_format(input_format, head)? == InputFormat::Medical {
            if encoding == Encoding::Gb18030 {
                return Err(medical_encoding_error("iter_records", path.as_deref()));
            }
            return Ok(RecordIterator {
                reader: None,
                medical: Some(options.medical_reader(source)),
                schema,
                path,
            });
        }
        return Ok(RecordIterator {
            reader: Some(options.reader(source)),
            medical: None,
            schema,
            path,
        });
    }
    Ok(RecordIterator {
        reader: Some(options.reader_from_read(input)),
        medical: None,
        schema,
        path,
    })
}

/// Opens `path` for reading; a directory is `IsADirectoryError` here, not
/// at the first read.
pub fn open(py: Python<'_>, path: &Path) -> PyResult<File> {
    let file = File::open(path).map_err(|e| from_io(py, &e, Some(path)))?;
    let is_dir = file.metadata().map(|m| m.is_dir()).unwrap_or(false);
    if is_dir {
        let path = path.display().to_string();
        return Err(PyIsADirectoryError::new_err((21, "Is a directory", path)));
    }
    Ok(file)
}
