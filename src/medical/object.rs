//! One `medical.json` object read into a record, each value through the
//! grammar of its label ([format reference: medical.json](crate::format#medicaljson)).

use std::borrow::Cow;

use super::json::{raw_offset, syntax, Cursor, Fault, Str};
use crate::grammar::drug_detail::read_drug_detail;
use crate::model::drugs::Drug;
use crate::model::error::{Diagnostic, Error, ErrorKind, Position};
use crate::model::labels::{Label, ValueKind};
use crate::model::list::List;
use crate::model::record::{Extra, Parsed};
use crate::parse::{Mode, ParseOptions};

/// The keys of the schema and the fields they fill.
const KEYS: [(&str, Slot); 24] = [
    ("name", Slot::Name),
    ("desc", Slot::Field(Label::Summary)),
    ("category", Slot::Category),
    ("prevent", Slot::Field(Label::Prevention)),
    ("cause", Slot::Field(Label::Causes)),
    ("symptom", Slot::Field(Label::Symptoms)),
    ("yibao_status", Slot::Field(Label::Insurance)),
    ("get_prob", Slot::Field(Label::Prevalence)),
    ("easy_get", Slot::Field(Label::Susceptible)),
    ("get_way", Slot::Field(Label::Transmission)),
    ("acompany", Slot::Field(Label::Complications)),
    ("cure_department", Slot::Field(Label::Departments)),
    ("cure_way", Slot::Field(Label::Treatments)),
    ("cure_lasttime", Slot::Field(Label::TreatmentPeriod)),
    ("cured_prob", Slot::Field(Label::CureRate)),
    ("common_drug", Slot::Field(Label::CommonDrugs)),
    ("cost_money", Slot::Field(Label::Cost)),
    ("check", Slot::Field(Label::Examinations)),
    ("do_eat", Slot::Field(Label::GoodFoods)),
    ("not_eat", Slot::Field(Label::BadFoods)),
    ("recommand_eat", Slot::Field(Label::Recipes)),
    ("recommand_drug", Slot::RecommandDrug),
    ("drug_detail", Slot::Drugs),
    ("_id", Slot::Id),
];

/// What a key fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Name,
    Field(Label),
    Drugs,
    Category,
    RecommandDrug,
    Id,
}

/// A list that `to_medical` derives, kept in `extra` unless it is derived.
struct Derived<'a> {
    items: Vec<Cow<'a, str>>,
    raw: &'a str,
    key_at: usize,
}

/// Where a field's key and value are, as byte offsets in the object's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spot {
    pub key: usize,
    pub value: usize,
    pub end: usize,
}

/// The spots of the fields an object filled, by [`Label::index`].
pub(crate) type Spots = [Option<Spot>; 26];

/// An object read: the record, the offset after it, its fields' spots.
pub(crate) struct Object<'a> {
    pub parsed: Parsed<'a>,
    pub end: usize,
    pub spots: Spots,
}

/// The state of reading one object.
struct ObjectReader<'a> {
    cur: Cursor<'a>,
    origin: Position,
    lenient: bool,
    parsed: Parsed<'a>,
    /// Where each key of [`KEYS`] was first given.
    first: [Option<usize>; KEYS.len()],
    category: Option<Derived<'a>>,
    recommand_drug: Option<Derived<'a>>,
    spots: Spots,
}

/// Reads the object at `at` in `src` (after whitespace), whose byte 0 is at
/// `origin`.
pub(crate) fn read_object<'a>(
    src: &'a str,
    at: usize,
    origin: Position,
    options: &ParseOptions,
) -> Result<Object<'a>, Error> {
    let mut reader = ObjectReader {
        cur: Cursor { src, pos: at },
        origin,
        lenient: options.mode() == Mode::Lenient,
        parsed: Parsed::default(),
        first: [None; KEYS.len()],
        category: None,
        recommand_drug: None,
        spots: [None; 26],
    };
    reader
        .members()
        .map_err(|fault| reader.error(fault, None))?;
    reader.keep_derived();
    Ok(Object {
        parsed: reader.parsed,
        end: reader.cur.pos,
        spots: reader.spots,
    })
}

/// The position of byte `at` of `src`, whose byte 0 is at `origin`.
pub(crate) fn position_in(src: &[u8], origin: Position, at: usize) -> Position {
    let before = src.get(..at).unwrap_or_default();
    let offset = origin.offset + at;
    let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    match memchr::memrchr(b'\n', before) {
        None => Position {
            line: origin.line,
            column: origin.column + chars(before),
            offset,
        },
        Some(newline) => Position {
            line: origin.line + memchr::memchr_iter(b'\n', before).count(),
            column: 1 + chars(&before[newline + 1..]),
            offset,
        },
    }
}

/// A fault that ends reading: syntax, or a fault strict mode stops on.
enum Stop {
    Syntax(Fault),
    Fault(Error),
}

impl From<Fault> for Stop {
    fn from(fault: Fault) -> Self {
        Stop::Syntax(fault)
    }
}

impl<'a> ObjectReader<'a> {
    fn error(&self, stop: Stop, label: Option<&str>) -> Error {
        match stop {
            Stop::Syntax(fault) => self.diagnostic(fault.kind, fault.at, label).into(),
            Stop::Fault(error) => error,
        }
    }

    fn diagnostic(&self, kind: ErrorKind, at: usize, label: Option<&str>) -> Diagnostic {
        Diagnostic::new(
            kind,
            position_in(self.cur.src.as_bytes(), self.origin, at),
            label,
        )
    }

    fn members(&mut self) -> Result<(), Stop> {
        self.cur.eat(b'{', "'{'")?;
        if self.cur.peek() == Some(b'}') {
            self.cur.pos += 1;
            return Ok(());
        }
        loop {
            let key = self.cur.string()?;
            self.cur.eat(b':', "':'")?;
            self.member(&key)?;
            match self.cur.peek() {
                Some(b',') => self.cur.pos += 1,
                Some(b'}') => {
                    self.cur.pos += 1;
                    return Ok(());
                }
                _ => return Err(syntax("',' or '}'", self.cur.pos).into()),
            }
        }
    }

    /// A fault of the member `key` whose value starts at `from`: strict,
    /// the error; lenient, a warning and the member kept in `extra`.
    fn keep(&mut self, kind: ErrorKind, at: usize, key: &Str<'a>, from: usize) -> Result<(), Stop> {
        let diagnostic = self.diagnostic(kind, at, Some(&key.text));
        if !self.lenient {
            return Err(Stop::Fault(diagnostic.into()));
        }
        self.parsed.warnings.push(diagnostic);
        self.cur.pos = from;
        self.extra(key, key.at)
    }

    /// The member `key`'s value, as written, kept in `extra`.
    fn extra(&mut self, key: &Str<'a>, key_at: usize) -> Result<(), Stop> {
        let value = self.cur.value()?;
        self.push_extra(key.text.clone(), value, key_at);
        Ok(())
    }

    fn push_extra(&mut self, label: Cow<'a, str>, value: &'a str, key_at: usize) {
        let line = position_in(self.cur.src.as_bytes(), self.origin, key_at).line;
        self.parsed.record.extra.push(Extra {
            label,
            value: Cow::Borrowed(value),
            line,
        });
    }

    fn member(&mut self, key: &Str<'a>) -> Result<(), Stop> {
        self.cur.peek();
        let from = self.cur.pos;
        // A key's faults point at its first character, after the quote.
        let Some(index) = KEYS.iter().position(|(k, _)| *k == key.text) else {
            return self.keep(ErrorKind::UnknownLabel, key.at + 1, key, from);
        };
        if let Some(first) = self.first[index] {
            let first_line = position_in(self.cur.src.as_bytes(), self.origin, first).line;
            return self.keep(
                ErrorKind::DuplicateLabel { first_line },
                key.at + 1,
                key,
                from,
            );
        }
        self.first[index] = Some(key.at);
        let slot = KEYS[index].1;
        self.value(key, slot, from)?;
        let label = match slot {
            Slot::Field(label) => label,
            Slot::Drugs => Label::Drugs,
            _ => return Ok(()),
        };
        if self.parsed.record.has(label) {
            self.spots[label.index()] = Some(Spot {
                key: key.at,
                value: from,
                end: self.cur.pos,
            });
        }
        Ok(())
    }

    fn value(&mut self, key: &Str<'a>, slot: Slot, from: usize) -> Result<(), Stop> {
        match slot {
            Slot::Id => self.extra(key, key.at),
            Slot::Name => {
                if let Some(name) = self.string(key)? {
                    self.parsed.record.name = (!name.text.is_empty()).then_some(name.text);
                }
                Ok(())
            }
            Slot::Field(label) if label.kind() == ValueKind::List => {
                if let Some(items) = self.strings(key)? {
                    let items = items.into_iter().map(|s| s.text);
                    let list = List::from_items(items);
                    if !list.is_empty() {
                        self.parsed.record.set_list(label, list);
                    }
                }
                Ok(())
            }
            Slot::Field(label) => self.typed(key, label),
            Slot::Drugs => self.drugs(key),
            Slot::Category | Slot::RecommandDrug => self.derived(key, slot, from),
        }
    }

    /// A string value, `None` when lenient mode kept a wrong one in `extra`.
    fn string(&mut self, key: &Str<'a>) -> Result<Option<Str<'a>>, Stop> {
        let from = self.cur.pos;
        if self.cur.peek() == Some(b'"') {
            return Ok(Some(self.cur.string()?));
        }
        let expected = "a string";
        let at = self.cur.pos;
        self.keep(ErrorKind::WrongType { expected }, at, key, from)?;
        Ok(None)
    }

    /// A list of strings, `None` when lenient mode kept a wrong one in `extra`.
    fn strings(&mut self, key: &Str<'a>) -> Result<Option<Vec<Str<'a>>>, Stop> {
        let from = self.cur.pos;
        let wrong = |this: &mut Self, at: usize| {
            let expected = "a list of strings";
            this.keep(ErrorKind::WrongType { expected }, at, key, from)
        };
        if self.cur.peek() != Some(b'[') {
            let at = self.cur.pos;
            return wrong(self, at).map(|()| None);
        }
        self.cur.pos += 1;
        let mut items = Vec::new();
        if self.cur.peek() == Some(b']') {
            self.cur.pos += 1;
            return Ok(Some(items));
        }
        loop {
            if self.cur.peek() != Some(b'"') {
                let at = self.cur.pos;
                return wrong(self, at).map(|()| None);
            }
            items.push(self.cur.string()?);
            match self.cur.peek() {
                Some(b',') => self.cur.pos += 1,
                Some(b']') => {
                    self.cur.pos += 1;
                    return Ok(Some(items));
                }
                _ => return Err(syntax("',' or ']'", self.cur.pos).into()),
            }
        }
    }

    /// A string read by the grammar of `label`; `""` leaves it absent.
    fn typed(&mut self, key: &Str<'a>, label: Label) -> Result<(), Stop> {
        let from = self.cur.pos;
        let Some(value) = self.string(key)? else {
            return Ok(());
        };
        let record = &mut self.parsed.record;
        let set = match &value.text {
            Cow::Borrowed("") => return Ok(()),
            Cow::Borrowed(text) => record.set(label, text),
            Cow::Owned(text) => record.set_owned(label, text),
        };
        let Err(fault) = set else {
            return Ok(());
        };
        record.set_fallback(label);
        let at = self.in_string(&value, fault.offset);
        self.keep(fault.kind, at, key, from)
    }

    /// The offset in the source of byte `offset` of the decoded `value`.
    fn in_string(&self, value: &Str<'a>, offset: usize) -> usize {
        let body = self.cur.src.get(value.at + 1..).unwrap_or_default();
        value.at + 1 + raw_offset(body, offset)
    }

    /// `drug_detail`: each string read by the `drug_detail` production.
    fn drugs(&mut self, key: &Str<'a>) -> Result<(), Stop> {
        let Some(items) = self.strings(key)? else {
            return Ok(());
        };
        let mut drugs = Vec::with_capacity(items.len());
        for item in items {
            let read = match &item.text {
                Cow::Borrowed(text) => read_drug_detail(text),
                Cow::Owned(text) => read_drug_detail(text).map(Drug::into_owned),
            };
            match read {
                Ok(drug) => drugs.push(drug),
                Err(fault) => {
                    let at = self.in_string(&item, fault.offset);
                    let diagnostic =
                        self.diagnostic(ErrorKind::InvalidDrugs(fault.kind), at, Some(&key.text));
                    if !self.lenient {
                        return Err(Stop::Fault(diagnostic.into()));
                    }
                    self.parsed.warnings.push(diagnostic);
                    drugs.push(Drug {
                        brand: Some(item.text),
                        product: None,
                        generic: None,
                    });
                }
            }
        }
        if !drugs.is_empty() {
            self.parsed.record.drugs = Some(drugs);
        }
        Ok(())
    }

    /// `category` or `recommand_drug`, held until the object's end.
    fn derived(&mut self, key: &Str<'a>, slot: Slot, from: usize) -> Result<(), Stop> {
        let Some(items) = self.strings(key)? else {
            return Ok(());
        };
        let raw = self
            .cur
            .src
            .get(from..self.cur.pos)
            .unwrap_or_default()
            .trim_start();
        let derived = Derived {
            items: items.into_iter().map(|s| s.text).collect(),
            raw,
            key_at: key.at,
        };
        match slot {
            Slot::Category => self.category = Some(derived),
            _ => self.recommand_drug = Some(derived),
        }
        Ok(())
    }

    /// Keeps `category` and `recommand_drug` in `extra` unless they are
    /// what `to_medical` derives from the record.
    fn keep_derived(&mut self) {
        let record = &self.parsed.record;
        let departments = |c: &Derived<'_>| {
            c.items
                .iter()
                .map(AsRef::as_ref)
                .eq(record.departments.iter().flatten())
        };
        let generics = |r: &Derived<'_>| {
            let drugs = record.drugs.iter().flatten();
            is_distinct_in_order(&r.items, drugs.filter_map(|d| d.generic.as_deref()))
        };
        let category = self.category.take().filter(|c| !departments(c));
        let recommand = self.recommand_drug.take().filter(|r| !generics(r));
        for (key, derived) in [("category", category), ("recommand_drug", recommand)] {
            if let Some(Derived { raw, key_at, .. }) = derived {
                self.push_extra(Cow::Borrowed(key), raw, key_at);
            }
        }
    }
}

/// Whether `items` are the distinct names of `names`, in order of first
/// appearance.
fn is_distinct_in_order<'n>(items: &[Cow<'_, str>], names: impl Iterator<Item = &'n str>) -> bool {
    let mut matched = 0;
    for name in names {
        let seen = items.get(..matched).unwrap_or_default();
        if seen.iter().any(|item| item == name) {
            continue;
        }
        match items.get(matched) {
            Some(item) if item == name => matched += 1,
            _ => return false,
        }
    }
    matched == items.len()
}
