//! The crate's errors and warnings as Python exceptions and warnings:
//! `jibing.ParseError` and `jibing.FormatWarning` (defined in
//! `jibing/__init__.py`), `OSError` for I/O, and the caller's own exception
//! when reading their file object failed.

use std::io;
use std::path::Path;

use jibing::{Diagnostic, Error};
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::convert::Source;

/// Where a fault is: the path of the file, if any, and how to turn a byte
/// offset into the `pos` Python sees (characters for a `str`).
pub struct Place<'s, 'py, 'a> {
    pub path: Option<&'s Path>,
    pub source: Option<&'s Source<'py, 'a>>,
}

impl Place<'_, '_, '_> {
    fn pos(&self, offset: usize) -> usize {
        match self.source {
            Some(source) => source.char_offset(offset),
            None => offset,
        }
    }

    fn path(&self) -> Option<String> {
        self.path.map(|p| p.display().to_string())
    }
}

fn class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
) -> PyResult<&'py Bound<'py, PyType>> {
    cell.import(py, "jibing", name)
}

static PARSE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FORMAT_WARNING: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static WARN: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `jibing.ParseError(msg, lineno, colno, pos, path)`.
pub fn parse_error(
    py: Python<'_>,
    msg: &str,
    (line, column, pos): (usize, usize, usize),
    path: Option<String>,
) -> PyErr {
    let made = class(py, &PARSE_ERROR, "ParseError")
        .and_then(|class| class.call1((msg, line, column, pos, path)));
    match made {
        Ok(error) => PyErr::from_value(error),
        Err(error) => error,
    }
}

/// The Python exception for a parse or read error.
pub fn from_error(py: Python<'_>, error: &Error, place: &Place<'_, '_, '_>) -> PyErr {
    if error.is_io() {
        let source = std::error::Error::source(error).and_then(|e| e.downcast_ref::<io::Error>());
        if let Some(source) = source {
            return from_io(py, source, place.path);
        }
    }
    let position = error.position();
    let mut message = error.diagnostic().message();
    if error.may_be_gb18030() {
        // The crate's remedy (`Error`'s `Display`), in Python's words.
        message.push_str(
            "; the input looks like GBK/GB18030: read it with encoding=\"gb18030\" \
             (or encoding=\"auto\")",
        );
    }
    parse_error(
        py,
        &message,
        (position.line, position.column, place.pos(position.offset)),
        place.path(),
    )
}

/// An I/O error as an `OSError` of the subclass its errno selects
/// (`FileNotFoundError`, `IsADirectoryError`, …) with the file name, or
/// the caller's own exception when it came from their file object.
pub fn from_io(py: Python<'_>, error: &io::Error, path: Option<&Path>) -> PyErr {
    if let Some(inner) = error.get_ref().and_then(|e| e.downcast_ref::<PyErr>()) {
        return inner.clone_ref(py);
    }
    let path = path.map(|p| p.display().to_string());
    match error.raw_os_error() {
        Some(errno) => {
            let strerror = io::Error::from_raw_os_error(errno).to_string();
            let strerror = strerror
                .split(" (os error")
                .next()
                .unwrap_or_default()
                .to_owned();
            PyOSError::new_err((errno, strerror, path))
        }
        None => PyErr::from(io::Error::new(error.kind(), error.to_string())),
    }
}

/// Warns with a `jibing.FormatWarning` for each of `warnings`, in order.
/// Raises when the warnings filter turns a warning into an error.
pub fn warn_all(
    py: Python<'_>,
    warnings: &[Diagnostic],
    place: &Place<'_, '_, '_>,
) -> PyResult<()> {
    for warning in warnings {
        let position = warning.position;
        warn(
            py,
            &warning.message(),
            (position.line, position.column, place.pos(position.offset)),
            place.path(),
        )?;
    }
    Ok(())
}

/// `warnings.warn(jibing.FormatWarning(msg, lineno, colno, pos, path))`.
pub fn warn(
    py: Python<'_>,
    msg: &str,
    (line, column, pos): (usize, usize, usize),
    path: Option<String>,
) -> PyResult<()> {
    let warning =
        class(py, &FORMAT_WARNING, "FormatWarning")?.call1((msg, line, column, pos, path))?;
    let warn = WARN.import(py, "warnings", "warn")?;
    warn.call1((warning, py.get_type::<pyo3::exceptions::PyUserWarning>(), 1))?;
    Ok(())
}
