//! Rust values to Python objects, through their `Serialize` impls: the
//! dicts are exactly the JSON objects `to_json` prints, read back by
//! `json.loads` (structs and maps are dicts, sequences lists, `None`
//! `None`, numbers `int` or `float`).
//!
//! A string that lies inside the input the caller gave as a `str` is made
//! as a substring of that `str` (no UTF-8 decoding); any other string (a
//! rewritten value, or input that came as bytes from a file) is decoded
//! from its UTF-8. Struct keys are `&'static str`s, turned into interned
//! Python strings once per conversion.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use serde::ser::{self, Serialize};

/// The caller's text: its UTF-8 view and the Python `str` it came from.
pub struct Source<'py, 'a> {
    text: &'a str,
    string: Bound<'py, PyString>,
    /// Whether every character is ASCII (byte offsets are then character
    /// offsets).
    ascii: bool,
    /// A byte offset into `text` and the number of characters before it:
    /// where the last string ended, to count characters from.
    cursor: Cell<(usize, usize)>,
}

impl<'py, 'a> Source<'py, 'a> {
    /// `string` must hold exactly the characters `text` encodes.
    pub fn new(text: &'a str, string: Bound<'py, PyString>) -> PyResult<Self> {
        let chars = string.len()?;
        Ok(Source {
            text,
            ascii: chars == text.len(),
            string,
            cursor: Cell::new((0, 0)),
        })
    }

    /// The character offset of byte offset `byte` (a char boundary of
    /// `text`), counted from the cursor in either direction.
    pub fn char_offset(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let bytes = self.text.as_bytes();
        let (at, chars) = self.cursor.get();
        let offset = if byte >= at {
            chars + count_chars(bytes.get(at..byte).unwrap_or_default())
        } else {
            chars - count_chars(bytes.get(byte..at).unwrap_or_default())
        };
        self.cursor.set((byte, offset));
        offset
    }

    /// `part` as a substring of the caller's `str`, when it lies inside the
    /// text.
    fn substring(&self, part: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
        let start = (part.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let end = start.checked_add(part.len())?;
        if end > self.text.len() {
            return None;
        }
        let first = self.char_offset(start);
        let last = if self.ascii {
            end
        } else {
            let last = first + count_chars(part.as_bytes());
            self.cursor.set((end, last));
            last
        };
        Some(substring(&self.string, first, last))
    }
}

/// The characters of UTF-8 `bytes`: the bytes that are not continuation
/// bytes (`10xxxxxx`), counted eight at a time.
fn count_chars(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    let mut continuations = 0;
    for chunk in &mut chunks {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        let word = u64::from_le_bytes(chunk);
        // Bit 7 set and bit 6 clear, per byte; then the sum of the eight
        // flags, in the top byte of the product.
        let flags = (word & !(word << 1) & HIGH) >> 7;
        continuations += (flags.wrapping_mul(ONES) >> 56) as usize;
    }
    let rest = chunks.remainder();
    bytes.len() - rest.len() - continuations + rest.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// `string[first:last]`.
fn substring<'py>(
    string: &Bound<'py, PyString>,
    first: usize,
    last: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let py = string.py();
    let (Ok(first), Ok(last)) = (isize::try_from(first), isize::try_from(last)) else {
        return Err(PyValueError::new_err("string offset out of range"));
    };
    // SAFETY: `string` is a live `str` (borrowed for the call) and the GIL
    // is held (`py`). `PyUnicode_Substring` checks the bounds itself and
    // returns a new reference, or NULL with an exception set, which
    // `from_owned_ptr_or_err` turns into `Err`.
    unsafe {
        let object = pyo3::ffi::PyUnicode_Substring(string.as_ptr(), first, last);
        Bound::from_owned_ptr_or_err(py, object)
    }
}

/// Hashes a key's address: the keys are `&'static str`s, so equal
/// addresses are the same key.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(32);
    }
}

type Keys<'py> = HashMap<usize, Bound<'py, PyString>, BuildHasherDefault<AddressHasher>>;

/// Builds Python objects from `Serialize` values.
pub struct Builder<'py, 'a> {
    py: Python<'py>,
    source: Option<Source<'py, 'a>>,
    keys: RefCell<Keys<'py>>,
}

impl<'py, 'a> Builder<'py, 'a> {
    /// Strings from `source` become substrings of its `str`; without one,
    /// every string is decoded.
    pub fn new(py: Python<'py>, source: Option<Source<'py, 'a>>) -> Self {
        Builder {
            py,
            source,
            keys: RefCell::default(),
        }
    }

    /// The source, for positions.
    pub fn source(&self) -> Option<&Source<'py, 'a>> {
        self.source.as_ref()
    }

    /// `value` as a Python object.
    pub fn build<T: Serialize + ?Sized>(&self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(self).map_err(|e| e.0)
    }

    fn key(&self, key: &'static str) -> Bound<'py, PyString> {
        self.keys
            .borrow_mut()
            .entry(key.as_ptr() as usize ^ key.len().rotate_left(48))
            .or_insert_with(|| PyString::intern(self.py, key))
            .clone()
    }

    fn string(&self, text: &str) -> PyResult<Bound<'py, PyAny>> {
        if let Some(made) = self.source.as_ref().and_then(|s| s.substring(text)) {
            return made;
        }
        Ok(PyString::new(self.py, text).into_any())
    }
}

/// A Python exception, as serde's error type.
#[derive(Debug)]
pub struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(error: PyErr) -> Self {
        Error(error)
    }
}

type Made<'py> = Result<Bound<'py, PyAny>, Error>;

impl<'b, 'py, 'a> ser::Serializer for &'b Builder<'py, 'a> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'b, 'py, 'a>;
    type SerializeTuple = Seq<'b, 'py, 'a>;
    type SerializeTupleStruct = Seq<'b, 'py, 'a>;
    type SerializeTupleVariant = Variant<Seq<'b, 'py, 'a>>;
    type SerializeMap = Dict<'b, 'py, 'a>;
    type SerializeStruct = Dict<'b, 'py, 'a>;
    type SerializeStructVariant = Variant<Dict<'b, 'py, 'a>>;

    fn serialize_bool(self, v: bool) -> Made<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Made<'py> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Made<'py> {
        let Ok(int) = v.into_pyobject(self.py);
        Ok(int.into_any())
    }
    fn serialize_u8(self, v: u8) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Made<'py> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Made<'py> {
        let Ok(int) = v.into_pyobject(self.py);
        Ok(int.into_any())
    }
    fn serialize_f32(self, v: f32) -> Made<'py> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Made<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Made<'py> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Made<'py> {
        Ok(self.string(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Made<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Made<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Made<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Made<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Made<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Made<'py> {
        Ok(self.key(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Made<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Made<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(self.key(variant), value.serialize(self)?)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'b, 'py, 'a>, Error> {
        Ok(Seq {
            builder: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'b, 'py, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Seq<'b, 'py, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Ok(Variant {
            variant,
            inner: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Dict<'b, 'py, 'a>, Error> {
        Ok(Dict {
            builder: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Dict<'b, 'py, 'a>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Ok(Variant {
            variant,
            inner: self.serialize_map(None)?,
        })
    }
}

/// A list being built.
pub struct Seq<'b, 'py, 'a> {
    builder: &'b Builder<'py, 'a>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> Seq<'_, 'py, '_> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.builder)?);
        Ok(())
    }

    fn finish(self) -> Made<'py> {
        Ok(PyList::new(self.builder.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Made<'py> {
        self.finish()
    }
}

/// A dict being built.
pub struct Dict<'b, 'py, 'a> {
    builder: &'b Builder<'py, 'a>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for Dict<'_, 'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(self.builder)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error(PyValueError::new_err("a map value without a key")))?;
        self.dict.set_item(key, value.serialize(self.builder)?)?;
        Ok(())
    }
    fn end(self) -> Made<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Dict<'_, 'py, '_> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let value = value.serialize(self.builder)?;
        self.dict.set_item(self.builder.key(key), value)?;
        Ok(())
    }
    fn end(self) -> Made<'py> {
        Ok(self.dict.into_any())
    }
}

/// An enum variant with content: `{variant: content}`, as serde_json
/// writes it.
pub struct Variant<T> {
    variant: &'static str,
    inner: T,
}

impl<T> Variant<T> {
    fn wrap<'py>(
        builder: &Builder<'py, '_>,
        variant: &'static str,
        content: Made<'py>,
    ) -> Made<'py> {
        let dict = PyDict::new(builder.py);
        dict.set_item(builder.key(variant), content?)?;
        Ok(dict.into_any())
    }
}

impl<'b, 'py, 'a> ser::SerializeTupleVariant for Variant<Seq<'b, 'py, 'a>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.inner.push(value)
    }
    fn end(self) -> Made<'py> {
        let builder = self.inner.builder;
        Self::wrap(builder, self.variant, self.inner.finish())
    }
}

impl<'b, 'py, 'a> ser::SerializeStructVariant for Variant<Dict<'b, 'py, 'a>> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Made<'py> {
        let builder = self.inner.builder;
        Self::wrap(builder, self.variant, Ok(self.inner.dict.into_any()))
    }
}

/// Pauses the cyclic garbage collector while a batch of records is built:
/// the new dicts and lists hold no cycles, and a collection triggered by
/// their number would only traverse them again and again. Restores the
/// collector's earlier state when dropped.
pub struct GcPause {
    was_enabled: bool,
}

impl GcPause {
    pub fn new(_py: Python<'_>) -> Self {
        // SAFETY: the GIL is held (`_py`); `PyGC_Disable` only flips the
        // collector's flag and returns its previous state.
        let was_enabled = unsafe { pyo3::ffi::PyGC_Disable() } != 0;
        GcPause { was_enabled }
    }
}

impl Drop for GcPause {
    fn drop(&mut self) {
        if self.was_enabled {
            // SAFETY: made by `GcPause::new` under the GIL, dropped in the
            // same call, so the GIL is still held; `PyGC_Enable` only flips
            // the flag back.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}
