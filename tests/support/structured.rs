//! Target `structured`: an `Arbitrary` description of a valid record.
//!
//! The description is turned into text pieces that are valid by construction
//! and into the record the format reference says they mean, computed here without the
//! crate's value grammars wherever a piece follows a grammar (rates, periods,
//! costs, causes items, drug tuples); free-text rates/periods/costs take the
//! crate's value functions as the expectation. Only records the writer can
//! represent are built (src/write.rs module doc): single-line text without
//! whitespace at either end, list items without whitespace, a drug with a
//! brand whenever it has a product, at least one name, and a last string not
//! wrapped in parentheses when there is no generic name.

use std::borrow::Cow;

use arbitrary::{Arbitrary, Unstructured};
use jibing::{Cause, Causes, Cost, Drug, Period, Rate, Record, Unit};

use super::chars::{is_clause_stop, is_stop, is_ws};
use super::parse::check_parse;
use super::roundtrip::{check_canonical, check_roundtrip};

/// The small alphabet of generated text: CJK (including the head words of
/// name inference and the grammar words), digits, `%`, parentheses, quotes,
/// backslashes, the four whitespace characters, stop characters, range
/// separators, brackets, non-BMP characters, a lone `\r`, U+FEFF, colons.
pub(crate) const ALPHABET: &[char] = &[
    '病', '因', '预', '防', '症', '状', '检', '查', '治', '疗', '西', '医', '中', '的', '肌', '肉',
    '萎', '缩', '感', '冒', '是', '否', '约', '大', '元', '万', '天', '日', '周', '星', '期', '个',
    '月', '年', '小', '时', '以', '上', '下', '内', '左', '右', '至', '到', '简', '介', '药', '品',
    '0', '1', '2', '5', '9', '０', '５', '%', '％', '(', ')', '（', '）', '\'', '"', '\\',
    '\u{a0}', ' ', '\u{3000}', '\t', '。', '，', '；', '！', '？', '、', ',', ';', '!', '?', '.',
    '-', '~', '―', '－', '～', '〜', '[', ']', '😀', '𠀀', '\r', '\u{feff}', ':', '：', 'a', 'Z',
];

/// Stop characters that may end a causes intro or item text (no colon: a
/// colon after a `(5%)` in the text would make it a tag).
pub(crate) const END_STOPS: &[char] = &['。', '，', '；', '！', '？', '、', ',', ';', '!', '?'];

pub(crate) const SEPARATORS: &[char] = &[
    '-', '\u{2010}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{ff0d}', '~', '\u{ff5e}', '\u{301c}',
    '至', '到',
];

pub(crate) fn pick<T: Copy>(items: &[T], i: u8) -> T {
    items[usize::from(i) % items.len()]
}

/// Text over [`ALPHABET`].
#[derive(Arbitrary, Debug, Clone)]
pub struct Text(Vec<u8>);

impl Text {
    pub(crate) fn raw(&self) -> String {
        self.0.iter().map(|&i| pick(ALPHABET, i)).collect()
    }

    /// A single-line value as parsing can produce it: no whitespace at
    /// either end, and no `\r` at the end (it would join the `\n`).
    pub(crate) fn value(&self) -> String {
        trim_value(&self.raw())
    }
}

pub(crate) fn trim_value(s: &str) -> String {
    s.trim_start_matches(is_ws)
        .trim_end_matches(|c| is_ws(c) || c == '\r')
        .to_owned()
}

/// A number: 1 to 12 integer digits, an optional decimal part of up to 6;
/// each digit ASCII or full-width (the `bool`).
#[derive(Arbitrary, Debug, Clone)]
pub struct Num {
    int: Vec<(u8, bool)>,
    frac: Option<Vec<(u8, bool)>>,
}

impl Num {
    /// `(text, ASCII text)`.
    fn texts(&self) -> (String, String) {
        let digit = |&(d, full): &(u8, bool)| {
            let d = u32::from(d % 10);
            let ascii = char::from_digit(d, 10).unwrap_or('0');
            let shown = if full {
                char::from_u32(u32::from('０') + d).unwrap_or(ascii)
            } else {
                ascii
            };
            (shown, ascii)
        };
        let mut int: Vec<(char, char)> = self.int.iter().take(12).map(digit).collect();
        if int.is_empty() {
            int.push(('0', '0'));
        }
        let mut text: String = int.iter().map(|d| d.0).collect();
        let mut ascii: String = int.iter().map(|d| d.1).collect();
        if let Some(frac) = &self.frac {
            let frac: Vec<(char, char)> = frac.iter().take(6).map(digit).collect();
            if !frac.is_empty() {
                text.push('.');
                ascii.push('.');
                text.extend(frac.iter().map(|d| d.0));
                ascii.extend(frac.iter().map(|d| d.1));
            }
        }
        (text, ascii)
    }

    fn text(&self) -> String {
        self.texts().0
    }

    pub(crate) fn value(&self) -> f64 {
        self.texts().1.parse().unwrap_or(f64::NAN)
    }

    /// The value × 10 000, read exactly (as the format reference's `万元` means).
    fn value_wan(&self) -> f64 {
        format!("{}e4", self.texts().1).parse().unwrap_or(f64::NAN)
    }
}

/// A range separator: a run of 1 to 3 separator characters.
#[derive(Arbitrary, Debug, Clone)]
pub struct Sep(u8, Vec<u8>);

impl Sep {
    fn text(&self) -> String {
        std::iter::once(self.0)
            .chain(self.1.iter().copied().take(2))
            .map(|i| pick(SEPARATORS, i))
            .collect()
    }
}

pub(crate) const APPROX: &[&str] = &["", "约", "大约"];

#[derive(Arbitrary, Debug, Clone)]
pub enum RateSpec {
    /// `[约|大约] NUM [%] [SEP NUM [%]] [以上|以下|以内|左右]`; the percent
    /// signs are `None`, `%` or `％` (index 0, 1, 2).
    Grammar {
        approx: u8,
        low: Num,
        pct1: u8,
        range: Option<(Sep, Num, u8)>,
        qualifier: u8,
    },
    Free(Text),
}

impl RateSpec {
    pub(crate) fn build(&self) -> Rate<'static> {
        let (approx, low, pct1, range, qualifier) = match self {
            Self::Free(text) => return jibing::value::parse_rate(&text.value()).into_owned(),
            Self::Grammar {
                approx,
                low,
                pct1,
                range,
                qualifier,
            } => (approx, low, pct1, range, qualifier),
        };
        let pct = |i: u8| ["", "%", "％"][usize::from(i % 3)];
        let mut text = format!("{}{}{}", pick(APPROX, *approx), low.text(), pct(*pct1));
        let mut any_pct = !pct(*pct1).is_empty();
        let mut high = low.value();
        if let Some((sep, num, pct2)) = range {
            text += &format!("{}{}{}", sep.text(), num.text(), pct(*pct2));
            any_pct |= !pct(*pct2).is_empty();
            high = num.value();
        }
        let q = ["", "以上", "以下", "以内", "左右"][usize::from(qualifier % 5)];
        text += q;
        let (low, high) = match (any_pct, q) {
            (false, _) => (None, None),
            (true, "以上") => (Some(low.value()), None),
            (true, "以下" | "以内") => (None, Some(high)),
            (true, _) => (Some(low.value()), Some(high)),
        };
        Rate {
            low,
            high,
            text: Cow::Owned(text),
        }
    }
}

pub(crate) const UNITS: &[(&str, Unit)] = &[
    ("小时", Unit::Hour),
    ("天", Unit::Day),
    ("日", Unit::Day),
    ("周", Unit::Week),
    ("星期", Unit::Week),
    ("个月", Unit::Month),
    ("月", Unit::Month),
    ("年", Unit::Year),
];

#[derive(Arbitrary, Debug, Clone)]
pub enum PeriodSpec {
    /// `[约|大约] NUM [UNIT] [SEP NUM UNIT] [左右|以上]`.
    Grammar {
        approx: u8,
        low: Num,
        unit1: Option<u8>,
        range: Option<(Sep, Num, u8)>,
        qualifier: u8,
    },
    Free(Text),
}

impl PeriodSpec {
    pub(crate) fn build(&self) -> Period<'static> {
        let (approx, low, unit1, range, qualifier) = match self {
            Self::Free(text) => return jibing::value::parse_period(&text.value()).into_owned(),
            Self::Grammar {
                approx,
                low,
                unit1,
                range,
                qualifier,
            } => (approx, low, unit1, range, qualifier),
        };
        let unit1 = unit1.map(|i| pick(UNITS, i));
        let mut text = format!("{}{}", pick(APPROX, *approx), low.text());
        if let Some((word, _)) = unit1 {
            text += word;
        }
        let mut parsed = unit1.map(|(_, unit)| (low.value(), low.value(), unit));
        if let Some((sep, num, unit2)) = range {
            let (word, unit) = pick(UNITS, *unit2);
            text += &format!("{}{}{word}", sep.text(), num.text());
            parsed = match unit1 {
                Some((_, first)) if first != unit => None,
                _ => Some((low.value(), num.value(), unit)),
            };
        }
        let q = ["", "左右", "以上"][usize::from(qualifier % 3)];
        text += q;
        match parsed {
            Some((low, high, unit)) => Period {
                low: Some(low),
                high: (q != "以上").then_some(high),
                unit: Some(unit),
                text: Cow::Owned(text),
            },
            None => Period {
                text: Cow::Owned(text),
                ..Period::default()
            },
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum CostSpec {
    /// `PREFIX NUM [[万] SEP NUM] [万] 元 SUFFIX`, PREFIX without digits so
    /// that the first match is this one.
    Grammar {
        prefix: Text,
        low: Num,
        wan1: bool,
        range: Option<(Sep, Num)>,
        wan: bool,
        suffix: Text,
    },
    Free(Text),
}

impl CostSpec {
    pub(crate) fn build(&self) -> Cost<'static> {
        let (prefix, low, wan1, range, wan, suffix) = match self {
            Self::Free(text) => return jibing::value::parse_cost(&text.value()).into_owned(),
            Self::Grammar {
                prefix,
                low,
                wan1,
                range,
                wan,
                suffix,
            } => (prefix, low, wan1, range, wan, suffix),
        };
        let prefix: String = prefix
            .raw()
            .chars()
            .filter(|c| !c.is_ascii_digit() && !('０'..='９').contains(c))
            .collect();
        let mut text = prefix + &low.text();
        let value = |n: &Num| if *wan { n.value_wan() } else { n.value() };
        let mut high = value(low);
        if let Some((sep, num)) = range {
            if *wan1 && *wan {
                text.push('万');
            }
            text += &sep.text();
            text += &num.text();
            high = value(num);
        }
        if *wan {
            text.push('万');
        }
        text.push('元');
        text += &suffix.raw();
        Cost {
            low: Some(value(low)),
            high: Some(high),
            text: Cow::Owned(trim_value(&text)),
        }
    }
}

/// One causes item: `NAME TAG TEXT`, the tag `OPEN NUM PCT CLOSE COLON`
/// with each of the five parts in its ASCII or full-width form.
#[derive(Arbitrary, Debug, Clone)]
pub struct CauseSpec {
    name: Text,
    tag: [bool; 4],
    percent: Num,
    text: Text,
    end: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct CausesSpec {
    heading: bool,
    intro: Text,
    end: u8,
    items: Vec<CauseSpec>,
}

impl CausesSpec {
    /// Builds the value so that the format's rules cut it where it was built:
    /// no colon in intro, names or texts (so no tag but ours); names without
    /// whitespace, stop characters or `.`, and the first without `病因`; an
    /// intro or item text followed by a name ends in whitespace, a stop
    /// character, or for the intro the `病因` heading.
    fn build(&self, disease: &str) -> Causes<'static> {
        let no_colon =
            |s: String| -> String { s.chars().filter(|&c| c != ':' && c != '：').collect() };
        // What may come right before a name: whitespace or a stop character
        // ends the name's run; for the first name only, so does `病因`
        // (the format's heading rule does not apply to later items).
        let ends_ok = |s: &str| s.is_empty() || s.ends_with(|c| is_ws(c) || is_stop(c));
        let intro_ends_ok = |s: &str| ends_ok(s) || s.ends_with("病因");
        let mut intro = String::new();
        if self.heading {
            intro = format!("{disease}病因");
        }
        intro += &no_colon(self.intro.raw());
        let mut intro = intro.trim_start_matches(is_ws).to_owned();
        if !self.items.is_empty() && !intro_ends_ok(&intro) {
            intro.push(pick(END_STOPS, self.end));
        }
        let mut items: Vec<Cause<'static>> = Vec::new();
        for (i, spec) in self.items.iter().enumerate() {
            let mut name: String = spec
                .name
                .raw()
                .chars()
                .filter(|&c| !is_ws(c) && !is_stop(c) && c != '.')
                .collect();
            while i == 0 && name.contains("病因") {
                name = name.replace("病因", "病");
            }
            let [open, pct, close, colon] = spec.tag;
            let tag = format!(
                "{}{}{}{}{}",
                if open { '(' } else { '（' },
                spec.percent.text(),
                if pct { '%' } else { '％' },
                if close { ')' } else { '）' },
                if colon { ':' } else { '：' },
            );
            let mut text = no_colon(spec.text.raw());
            if i + 1 < self.items.len() && !ends_ok(&text) {
                text.push(pick(END_STOPS, spec.end));
            }
            items.push(Cause {
                name: Cow::Owned(name),
                percent: spec.percent.value(),
                text: Cow::Owned(text),
                tag: Cow::Owned(tag),
            });
        }
        // The value ends without whitespace or `\r` (it would be trimmed).
        match items.last_mut() {
            Some(last) => last.text = Cow::Owned(trim_value(&last.text)),
            None => intro = trim_value(&intro),
        }
        Causes {
            intro: Cow::Owned(intro),
            items,
        }
    }
}

/// A drug string: over the small alphabet, or any string at all (newlines,
/// controls, quotes, backslashes, non-BMP characters).
#[derive(Arbitrary, Debug, Clone)]
pub enum DrugStr {
    Small(Text),
    Any(String),
}

impl DrugStr {
    pub(crate) fn build(&self) -> String {
        match self {
            Self::Small(text) => text.raw(),
            Self::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub struct DrugSpec {
    brand: Option<DrugStr>,
    product: Option<DrugStr>,
    generic: Option<DrugStr>,
}

pub(crate) fn wrapped(s: &str) -> bool {
    let paren = |open: char, close: char| {
        s.chars().count() >= 2 && s.starts_with(open) && s.ends_with(close)
    };
    paren('(', ')') || paren('（', '）')
}

impl DrugSpec {
    /// `None` for a drug the writer cannot represent (its last string would
    /// read as a generic name); a product without a brand becomes the brand.
    pub(crate) fn build(&self) -> Option<Drug<'static>> {
        let mut brand = self.brand.as_ref().map(DrugStr::build);
        let mut product = self.product.as_ref().map(DrugStr::build);
        let generic = self.generic.as_ref().map(DrugStr::build);
        if brand.is_none() {
            brand = product.take();
        }
        if generic.is_none() {
            match product.as_deref().or(brand.as_deref()) {
                None => return None,
                Some(last) if wrapped(last) => return None,
                Some(_) => {}
            }
        }
        Some(Drug {
            brand: brand.map(Cow::Owned),
            product: product.map(Cow::Owned),
            generic: generic.map(Cow::Owned),
        })
    }
}

/// A long field that may open with `<disease><head word>`, so that name
/// inference has something to find.
#[derive(Arbitrary, Debug, Clone)]
pub struct LongText {
    named: bool,
    head: u8,
    body: Text,
}

impl LongText {
    fn build(&self, disease: &str, heads: &[&str]) -> Cow<'static, str> {
        let mut s = String::new();
        if self.named {
            s = format!("{disease}{}", pick(heads, self.head));
        }
        s += &self.body.raw();
        Cow::Owned(trim_value(&s))
    }
}

/// List items: whitespace removed from each, `\r` from its end (the last
/// item's would join the `\n`), empty items dropped (the writer skips them).
pub(crate) fn list(items: &[Text]) -> jibing::List<'static> {
    items
        .iter()
        .map(|t| {
            let s: String = t.raw().chars().filter(|&c| !is_ws(c)).collect();
            s.trim_end_matches('\r').to_owned()
        })
        .filter(|s| !s.is_empty())
        .map(Cow::Owned)
        .collect()
}

/// Every field of a record, present or absent.
#[derive(Arbitrary, Debug, Clone)]
pub struct RecordSpec {
    disease: Text,
    summary: Option<Text>,
    insurance: Option<bool>,
    prevalence: Option<RateSpec>,
    susceptible: Option<Text>,
    transmission: Option<Text>,
    complications: Option<Vec<Text>>,
    departments: Option<Vec<Text>>,
    treatments: Option<Vec<Text>>,
    treatment_period: Option<PeriodSpec>,
    cure_rate: Option<RateSpec>,
    common_drugs: Option<Vec<Text>>,
    cost: Option<CostSpec>,
    tips: Option<Text>,
    causes: Option<CausesSpec>,
    prevention: Option<LongText>,
    symptom_details: Option<LongText>,
    symptoms: Option<Vec<Text>>,
    examination_details: Option<LongText>,
    examinations: Option<Vec<Text>>,
    treatment_details: Option<LongText>,
    diet_good_details: Option<Text>,
    diet_bad_details: Option<Text>,
    good_foods: Option<Vec<Text>>,
    bad_foods: Option<Vec<Text>>,
    recipes: Option<Vec<Text>>,
    drugs: Option<Vec<DrugSpec>>,
}

impl RecordSpec {
    /// The record the description means (`name` left `None`).
    pub fn build(&self) -> Record<'static> {
        let disease: String = self
            .disease
            .raw()
            .chars()
            .filter(|&c| !is_ws(c) && !is_clause_stop(c) && c != '.' && c != '\r')
            .take(40)
            .collect::<String>()
            // Commas stand only inside a disease name.
            .trim_matches(['，', ',', '、'])
            .to_owned();
        let text = |t: &Option<Text>| t.as_ref().map(|t| Cow::Owned(t.value()));
        let items = |l: &Option<Vec<Text>>| l.as_deref().map(list);
        let long =
            |t: &Option<LongText>, heads: &[&str]| t.as_ref().map(|t| t.build(&disease, heads));
        let mut r = Record::default();
        r.summary = text(&self.summary);
        r.insurance = self.insurance;
        r.prevalence = self.prevalence.as_ref().map(RateSpec::build);
        r.susceptible = text(&self.susceptible);
        r.transmission = text(&self.transmission);
        r.complications = items(&self.complications);
        r.departments = items(&self.departments);
        r.treatments = items(&self.treatments);
        r.treatment_period = self.treatment_period.as_ref().map(PeriodSpec::build);
        r.cure_rate = self.cure_rate.as_ref().map(RateSpec::build);
        r.common_drugs = items(&self.common_drugs);
        r.cost = self.cost.as_ref().map(CostSpec::build);
        r.tips = text(&self.tips);
        r.causes = self.causes.as_ref().map(|c| c.build(&disease));
        r.prevention = long(&self.prevention, &["预防"]);
        r.symptom_details = long(&self.symptom_details, &["症状"]);
        r.symptoms = items(&self.symptoms);
        r.examination_details = long(&self.examination_details, &["的检查", "检查"]);
        r.examinations = items(&self.examinations);
        r.treatment_details = long(&self.treatment_details, &["西医治疗", "中医治疗", "治疗"]);
        r.diet_good_details = text(&self.diet_good_details);
        r.diet_bad_details = text(&self.diet_bad_details);
        r.good_foods = items(&self.good_foods);
        r.bad_foods = items(&self.bad_foods);
        r.recipes = items(&self.recipes);
        r.drugs = self
            .drugs
            .as_ref()
            .map(|d| d.iter().filter_map(DrugSpec::build).collect());
        r
    }
}

/// Target `structured`: the input is an `Arbitrary` [`RecordSpec`].
///
/// - the canonical text of the record it describes parses (strictly) to
///   exactly that record, with `name` set aside (it is inferred; the
///   canonical round trip of the parsed record, `name` included, is
///   `check_canonical`'s);
/// - the text then goes through the `parse` and `roundtrip` checks, which
///   reach the deep paths of the value grammars with well-formed input.
pub fn check_structured(data: &[u8]) {
    let Ok(spec) = RecordSpec::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let expected = spec.build();
    let text = expected.to_string();
    let mut got = jibing::parse(&text).unwrap_or_else(|e| {
        panic!(
            "structured: canonical text {text:?} does not parse: {:?}",
            e.diagnostic()
        )
    });
    let name = got.name.take();
    assert_eq!(
        got, expected,
        "structured: canonical text {text:?} parses to another record than {spec:?}"
    );
    got.name = name;
    check_canonical(&got, "structured");
    check_parse(text.as_bytes());
    check_roundtrip(text.as_bytes());
}
