//! `dumps`: dicts (as `loads` returns them) back to canonical text,
//! through the crate's `Deserialize` for `Record<'static>` and its
//! `Display`.

use jibing::Record;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// How deep `to_value` goes before it calls the object a cycle.
const MAX_DEPTH: usize = 32;

/// A Python object as JSON: what `json.dumps` would write of it.
fn to_value(object: &Bound<'_, PyAny>, depth: usize) -> PyResult<Value> {
    if depth > MAX_DEPTH {
        return Err(PyValueError::new_err(
            "a record nests too deeply (a cycle?)",
        ));
    }
    if object.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(flag) = object.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if let Ok(string) = object.cast::<PyString>() {
        return Ok(Value::String(string.to_str()?.to_owned()));
    }
    if object.is_instance_of::<PyInt>() {
        if let Ok(n) = object.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        return Ok(Value::Number(object.extract::<u64>()?.into()));
    }
    if let Ok(float) = object.cast::<PyFloat>() {
        return Number::from_f64(float.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("a record's numbers must be finite"));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| PyTypeError::new_err("a record's keys must be str"))?;
            map.insert(key.to_str()?.to_owned(), to_value(&value, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if object.is_instance_of::<PyList>() || object.is_instance_of::<PyTuple>() {
        let items = object.try_iter()?;
        let items: PyResult<Vec<Value>> = items.map(|i| to_value(&i?, depth + 1)).collect();
        return Ok(Value::Array(items?));
    }
    let name = object.get_type().name()?;
    Err(PyTypeError::new_err(format!(
        "a record holds only dicts, lists, str, numbers, bool and None, not {name}"
    )))
}

/// One dict as a record.
fn record_of(object: &Bound<'_, PyAny>) -> PyResult<Record<'static>> {
    if !object.is_instance_of::<PyDict>() {
        let name = object.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "dumps takes an iterable of record dicts; found {name}"
        )));
    }
    let value = to_value(object, 0)?;
    Record::deserialize(value).map_err(|e| PyValueError::new_err(format!("not a record: {e}")))
}

/// Writes records as canonical text, separated by a newline (as
/// `roundtrip --canonical` writes a corpus).
#[pyfunction]
pub fn dumps(records: &Bound<'_, PyAny>) -> PyResult<String> {
    if records.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(
            "dumps takes an iterable of record dicts, not one dict: dumps([record])",
        ));
    }
    let mut text = String::new();
    for (i, object) in records.try_iter()?.enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&record_of(&object?)?.to_string());
    }
    Ok(text)
}
