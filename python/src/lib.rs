//! The Python extension module `jibing._jibing`: the functions the
//! `jibing` package re-exports (see `jibing/__init__.pyi` for their
//! documented signatures).

use std::path::Path;

use jibing::derived::{lint as lint_records, to_medical};
use jibing::medical::InputFormat;
use jibing::{Encoding, ErrorKind, ParseOptions, Parsed, Record};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};

mod convert;
mod dumps;
mod errors;
mod graph;
mod stream;

use convert::{Builder, GcPause, Source};
use errors::{from_error, from_io, parse_error, warn_all, Place};

/// What each record becomes: the crate's JSON shape or `medical.json`'s.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    Jibing,
    Medical,
}

impl Schema {
    fn from_name(name: &str) -> PyResult<Self> {
        match name {
            "jibing" => Ok(Schema::Jibing),
            "medical" => Ok(Schema::Medical),
            _ => Err(PyValueError::new_err(format!(
                "schema must be 'jibing' or 'medical', not {name:?}"
            ))),
        }
    }

    /// The record as a dict of this schema.
    pub fn build<'py>(
        self,
        builder: &Builder<'py, '_>,
        record: &Record<'_>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Schema::Jibing => builder.build(record),
            Schema::Medical => builder.build(&to_medical(record)),
        }
    }
}

/// The `input_format` argument: `"auto"` (`medical.json` when the first
/// character that is not whitespace is `{` or `[`), `"text"` or `"medical"`.
pub fn input_format(name: &str, head: &[u8]) -> PyResult<InputFormat> {
    match name {
        "auto" => Ok(InputFormat::detect(head)),
        "text" => Ok(InputFormat::Text),
        "medical" => Ok(InputFormat::Medical),
        _ => Err(PyValueError::new_err(format!(
            "input_format must be 'auto', 'text' or 'medical', not {name:?}"
        ))),
    }
}

/// The records of `text` in `format`.
fn records_of<'a>(
    text: &'a str,
    lenient: bool,
    format: InputFormat,
) -> Box<dyn Iterator<Item = Result<Parsed<'a>, jibing::Error>> + 'a> {
    match format {
        InputFormat::Medical => Box::new(options(lenient).medical_records(text)),
        _ => Box::new(options(lenient).records(text)),
    }
}

/// The `encoding` argument, which applies to bytes (a `str` is text
/// already): `"utf-8"`, `"gb18030"` or `"auto"`.
pub fn encoding_of(name: &str) -> PyResult<Encoding> {
    match name {
        "utf-8" => Ok(Encoding::Utf8),
        "gb18030" => Ok(Encoding::Gb18030),
        "auto" => Ok(Encoding::Auto),
        _ => Err(PyValueError::new_err(format!(
            "encoding must be 'utf-8', 'gb18030' (which reads GBK and GB2312 too) \
             or 'auto', not {name:?}"
        ))),
    }
}

/// The `ValueError` for GB18030 `medical.json` read as a stream, which
/// the crate's `medical.json` reader does not decode.
pub fn medical_encoding_error(function: &str, path: Option<&Path>) -> PyErr {
    let file = path.map_or(String::new(), |p| format!(" ({})", p.display()));
    PyValueError::new_err(format!(
        "jibing.{function} reads medical.json{file} as UTF-8 only, not encoding='gb18030': \
         read it with jibing.load(..., encoding='gb18030'), which decodes it first"
    ))
}

fn options(lenient: bool) -> ParseOptions {
    if lenient {
        ParseOptions::new().lenient()
    } else {
        ParseOptions::new()
    }
}

/// The text of a `str` or `bytes` argument and the `str` its fields are cut
/// from. For `bytes`, the `str` is decoded once.
struct Text<'py, 'a> {
    text: &'a str,
    string: Bound<'py, PyString>,
    /// Whether the caller gave a `str`: positions (`pos`) are then counted
    /// in characters, else in bytes.
    is_str: bool,
}

impl Text<'_, '_> {
    /// Where faults are, for the caller.
    fn place<'s, 'py, 'a>(
        &self,
        path: Option<&'s Path>,
        builder: &'s Builder<'py, 'a>,
    ) -> Place<'s, 'py, 'a> {
        let source = if self.is_str { builder.source() } else { None };
        Place { path, source }
    }
}

/// Reads `input` (`str` or `bytes`) as text, or raises `ParseError` at its
/// first invalid byte (or lone surrogate).
fn text_of<'py, 'a>(input: &'a Bound<'py, PyAny>, path: Option<&Path>) -> PyResult<Text<'py, 'a>> {
    let py = input.py();
    if let Ok(string) = input.cast::<PyString>() {
        return match string.to_str() {
            Ok(text) => Ok(Text {
                text,
                string: string.clone(),
                is_str: true,
            }),
            Err(_) => Err(surrogate_error(string, path)),
        };
    }
    let Ok(bytes) = input.cast::<PyBytes>() else {
        let name = input.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "expected str or bytes, not {name}"
        )));
    };
    text_of_bytes(py, bytes.as_bytes(), path)
}

/// [`text_of`] for bytes: checked to be UTF-8, decoded once.
fn text_of_bytes<'py, 'a>(
    py: Python<'py>,
    bytes: &'a [u8],
    path: Option<&Path>,
) -> PyResult<Text<'py, 'a>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Text {
            text,
            string: PyString::new(py, text),
            is_str: false,
        }),
        Err(_) => Err(invalid_utf8(py, bytes, path)),
    }
}

/// `ParseError` at the first invalid byte of `bytes`, placed by the crate
/// (line, column in characters, byte offset).
fn invalid_utf8(py: Python<'_>, bytes: &[u8], path: Option<&Path>) -> PyErr {
    match ParseOptions::new().parse_slice(bytes) {
        Err(error) if matches!(error.kind(), ErrorKind::InvalidUtf8) => {
            from_error(py, &error, &Place { path, source: None })
        }
        _ => {
            let at = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let path = path.map(|p| p.display().to_string());
            parse_error(py, "invalid UTF-8", (1, 1, at), path)
        }
    }
}

/// `ParseError` at the first lone surrogate of `string`, which has no
/// UTF-8 form: placed as invalid UTF-8 in its `surrogatepass` encoding,
/// with `pos` in characters.
fn surrogate_error(string: &Bound<'_, PyString>, path: Option<&Path>) -> PyErr {
    let py = string.py();
    let encoded = string.call_method1("encode", ("utf-8", "surrogatepass"));
    let encoded = match encoded.as_ref().map(|b| b.cast::<PyBytes>()) {
        Ok(Ok(bytes)) => bytes.as_bytes(),
        _ => return PyValueError::new_err("the str holds a lone surrogate, which is not text"),
    };
    let Err(error) = ParseOptions::new().parse_slice(encoded) else {
        return PyValueError::new_err("the str holds a lone surrogate, which is not text");
    };
    let position = error.position();
    let at = position.offset;
    let prefix = encoded.get(..at).unwrap_or_default();
    let chars = prefix.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let code = match encoded.get(at..at + 3) {
        Some(&[a, b, c]) => {
            (u32::from(a & 0x0f) << 12) | (u32::from(b & 0x3f) << 6) | u32::from(c & 0x3f)
        }
        _ => 0,
    };
    let msg = format!("lone surrogate U+{code:04X}: a str holding one is not valid text");
    let path = path.map(|p| p.display().to_string());
    parse_error(py, &msg, (position.line, position.column, chars), path)
}

/// Every record of `text` as a dict; warnings for lenient faults.
fn load_text<'py>(
    input: &Text<'py, '_>,
    lenient: bool,
    schema: Schema,
    format: &str,
    path: Option<&Path>,
) -> PyResult<Bound<'py, PyList>> {
    let format = input_format(format, input.text.as_bytes())?;
    let py = input.string.py();
    let source = Source::new(input.text, input.string.clone())?;
    let builder = Builder::new(py, Some(source));
    let list = PyList::empty(py);
    let _pause = GcPause::new(py);
    for result in records_of(input.text, lenient, format) {
        let place = input.place(path, &builder);
        let parsed: Parsed<'_> = result.map_err(|e| from_error(py, &e, &place))?;
        warn_all(py, &parsed.warnings, &place)?;
        list.append(schema.build(&builder, &parsed.record)?)?;
    }
    Ok(list)
}

/// Every record of `bytes` in `encoding`. UTF-8 is read as it is; else the
/// bytes are decoded whole first, and positions refer to the decoded text
/// (`pos` counts its UTF-8 bytes). GB18030 text with undecodable bytes goes
/// through the crate's reader, which reports them in record order (strict)
/// or warns about each and reads on (lenient), as `iter_records` does.
fn load_bytes<'py>(
    py: Python<'py>,
    bytes: &[u8],
    lenient: bool,
    schema: Schema,
    format: &str,
    encoding: Encoding,
    path: Option<&Path>,
) -> PyResult<Bound<'py, PyList>> {
    if encoding == Encoding::Utf8 {
        let text = text_of_bytes(py, bytes, path)?;
        return load_text(&text, lenient, schema, format, path);
    }
    let options = options(lenient).with_encoding(encoding);
    let error = match options.decode(bytes) {
        Ok(text) => {
            let text = Text {
                text: &text,
                string: PyString::new(py, &text),
                is_str: false,
            };
            return load_text(&text, lenient, schema, format, path);
        }
        Err(error) => error,
    };
    let place = Place { path, source: None };
    let stream = matches!(error.kind(), ErrorKind::InvalidGb18030);
    if !stream || input_format(format, bytes)? == InputFormat::Medical {
        return Err(from_error(py, &error, &place));
    }
    let builder = Builder::new(py, None);
    let list = PyList::empty(py);
    for result in options.reader(bytes) {
        let owned = result.map_err(|e| from_error(py, &e, &place))?;
        warn_all(py, owned.warnings(), &place)?;
        list.append(schema.build(&builder, owned.get())?)?;
    }
    Ok(list)
}

/// Reads every record of a corpus.
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false, schema = "jibing", input_format = "auto", encoding = "utf-8"))]
fn loads<'py>(
    text: &Bound<'py, PyAny>,
    lenient: bool,
    schema: &str,
    input_format: &str,
    encoding: &str,
) -> PyResult<Bound<'py, PyList>> {
    let schema = Schema::from_name(schema)?;
    let encoding = encoding_of(encoding)?;
    if let Ok(bytes) = text.cast::<PyBytes>() {
        let py = text.py();
        return load_bytes(
            py,
            bytes.as_bytes(),
            lenient,
            schema,
            input_format,
            encoding,
            None,
        );
    }
    load_text(&text_of(text, None)?, lenient, schema, input_format, None)
}

/// Reads every record of a file: a path, or a binary file object.
#[pyfunction]
#[pyo3(signature = (fp, *, lenient = false, schema = "jibing", input_format = "auto", encoding = "utf-8"))]
fn load<'py>(
    fp: &Bound<'py, PyAny>,
    lenient: bool,
    schema: &str,
    input_format: &str,
    encoding: &str,
) -> PyResult<Bound<'py, PyList>> {
    let py = fp.py();
    let schema = Schema::from_name(schema)?;
    let encoding = encoding_of(encoding)?;
    if let Some(path) = stream::as_path(fp)? {
        let bytes = std::fs::read(&path).map_err(|e| from_io(py, &e, Some(&path)))?;
        let path = Some(path.as_path());
        return load_bytes(py, &bytes, lenient, schema, input_format, encoding, path);
    }
    stream::check_binary(fp, "load")?;
    let content = fp.call_method0("read")?;
    if content.is_instance_of::<PyString>() {
        return Err(stream::text_mode_error("load"));
    }
    if let Ok(bytes) = content.cast::<PyBytes>() {
        let bytes = bytes.as_bytes();
        return load_bytes(py, bytes, lenient, schema, input_format, encoding, None);
    }
    load_text(
        &text_of(&content, None)?,
        lenient,
        schema,
        input_format,
        None,
    )
}

/// The lint findings of every record, as `lint --json` prints them
/// (without the `file` key): each record's parse warnings, then its
/// findings. Bytes in another encoding than UTF-8 are decoded whole first.
#[pyfunction]
#[pyo3(signature = (text, *, encoding = "utf-8"))]
fn lint<'py>(text: &Bound<'py, PyAny>, encoding: &str) -> PyResult<Bound<'py, PyList>> {
    let py = text.py();
    let encoding = encoding_of(encoding)?;
    let decoded;
    let input = match text.cast::<PyBytes>() {
        Ok(bytes) if encoding != Encoding::Utf8 => {
            let options = ParseOptions::new().with_encoding(encoding);
            let place = Place {
                path: None,
                source: None,
            };
            decoded = options
                .decode(bytes.as_bytes())
                .map_err(|e| from_error(py, &e, &place))?;
            Text {
                text: &decoded,
                string: PyString::new(py, &decoded),
                is_str: false,
            }
        }
        _ => text_of(text, None)?,
    };
    let source = Source::new(input.text, input.string.clone())?;
    let builder = Builder::new(py, Some(source));
    let list = PyList::empty(py);
    for result in lint_records(input.text, ParseOptions::new().lenient()) {
        let place = input.place(None, &builder);
        let linted = result.map_err(|e| from_error(py, &e, &place))?;
        for warning in &linted.parsed.warnings {
            list.append(builder.build(warning)?)?;
        }
        for finding in &linted.findings() {
            list.append(builder.build(finding)?)?;
        }
    }
    Ok(list)
}

/// Parses `text` and counts its records, building no Python objects: the
/// Rust side of `loads`, for the benchmark.
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false))]
fn _parse_only(text: &Bound<'_, PyAny>, lenient: bool) -> PyResult<usize> {
    let py = text.py();
    let input = text_of(text, None)?;
    let mut count = 0;
    for result in options(lenient).records(input.text) {
        let place = Place {
            path: None,
            source: None,
        };
        result.map_err(|e| from_error(py, &e, &place))?;
        count += 1;
    }
    Ok(count)
}

#[pymodule]
fn _jibing(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(loads, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(lint, m)?)?;
    m.add_function(wrap_pyfunction!(_parse_only, m)?)?;
    m.add_function(wrap_pyfunction!(stream::iter_records, m)?)?;
    m.add_function(wrap_pyfunction!(dumps::dumps, m)?)?;
    m.add_function(wrap_pyfunction!(graph::to_graph, m)?)?;
    m.add_class::<stream::RecordIterator>()?;
    Ok(())
}
