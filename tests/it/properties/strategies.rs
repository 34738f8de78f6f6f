//! Strategies for the property tests: valid typed records built from the
//! grammar of `jibing::format` (with their expected numbers computed here,
//! not by the crate's parser), line soups of labels, separators and junk,
//! and decorated canonical texts with their own line table.

use std::borrow::Cow;

use jibing::{Cause, Causes, Cost, Drug, Label, Period, Rate, Record, Unit, ValueKind};
use proptest::prelude::*;
use proptest::sample::select;

use crate::support::chars::{is_clause_stop, is_stop, WS};

// ---------------------------------------------------------------------------
// Character classes, written from `jibing::format`.

/// ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// First characters of the name head words (病因, 预防, 症状, 的检查/检查,
/// 西医治疗/中医治疗/治疗): text without them can hold no head word, so no
/// disease name can be inferred from it.
const HEAD_STARTS: &str = "病预症的检西中治";

const CJK: &str = "肌肉萎缩是指横纹营养不良导致体积较正常小纤维变细甚至消失等神经功能障碍\
    多见于人群无特殊传染性内科康复片鸡心莲子花生仁青豆赤白扁田螺海佐宁盐酸乙哌立松利鲁唑\
    广州云山天磷腺苷二钠注射液遗感冒毒受凉降低抵抗力勤洗手食物清淡高脂肪少吃要保暖避免寒冷\
    刺激注意病预症的检西中治疗因防状查医元万约左右以上下内个月年周天日小时";
const FULLWIDTH: &str = "（）【】“”‘’《》…·—～％＋－＃０１９";
const STOPS: &str = "。！？；!?;，,、：:";
/// Characters that are not whitespace for the format although Rust or
/// Unicode may think so, controls, non-BMP and private-use characters.
const EXOTIC: &str = "😀𠀀\u{10ffff}\u{200b}\u{feff}\u{2003}\u{2028}\u{85}\u{0}\u{7f}\u{b}\u{c}\u{1c}\u{e000}éßΩ\u{301}";

fn pool(filter: impl Fn(char) -> bool) -> BoxedStrategy<char> {
    let pick = |s: &str| -> Vec<char> { s.chars().filter(|&c| filter(c)).collect() };
    let ascii: Vec<char> = ('!'..='~').filter(|&c| filter(c)).collect();
    let cjk = pick(CJK);
    let wide = pick(FULLWIDTH);
    let stops = pick(STOPS);
    let exotic = pick(EXOTIC);
    let mut options: Vec<(u32, BoxedStrategy<char>)> = Vec::new();
    for (weight, chars) in [(8, cjk), (4, ascii), (1, wide), (1, stops), (1, exotic)] {
        if !chars.is_empty() {
            options.push((weight, select(chars).boxed()));
        }
    }
    proptest::strategy::Union::new_weighted(options).boxed()
}

/// Any character a value may hold that is not whitespace or a line break.
pub fn any_char() -> BoxedStrategy<char> {
    pool(|_| true)
}

/// [`any_char`] without the head-word starters (no name can be inferred).
pub fn safe_char() -> BoxedStrategy<char> {
    pool(|c| !HEAD_STARTS.contains(c))
}

/// A character of a cause name: safe, no stop character, no `.`.
pub fn name_char() -> BoxedStrategy<char> {
    pool(|c| !HEAD_STARTS.contains(c) && !is_stop(c) && c != '.')
}

/// A character of a disease name: safe, no clause stop, no `.`; commas
/// (`，,、`) may stand in it, unlike in a cause name.
pub fn disease_name_char() -> BoxedStrategy<char> {
    pool(|c| !HEAD_STARTS.contains(c) && !is_clause_stop(c) && c != '.')
}

/// A disease name: 1 to 40 [`disease_name_char`]s whose first and last are
/// not commas (commas stand only inside a name).
pub fn disease_name() -> BoxedStrategy<String> {
    let edge = || disease_name_char().prop_filter("a comma", |&c| !matches!(c, '，' | ',' | '、'));
    (
        edge(),
        prop::option::of((prop::collection::vec(disease_name_char(), 0..=38), edge())),
    )
        .prop_map(|(first, rest)| {
            let mut name = String::from(first);
            if let Some((middle, last)) = rest {
                name.extend(middle);
                name.push(last);
            }
            name
        })
        .boxed()
}

/// A run of 1 to 3 whitespace characters.
pub fn ws_run() -> BoxedStrategy<String> {
    prop::collection::vec(select(WS.to_vec()), 1..4)
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

/// Single-line text from `chars`, with whitespace runs inside but never at
/// either end; 0 to `max` characters.
pub fn text_from(chars: BoxedStrategy<char>, max: usize) -> BoxedStrategy<String> {
    prop::collection::vec((chars, prop::option::weighted(0.15, ws_run())), 0..max)
        .prop_map(|parts| {
            let last = parts.len().saturating_sub(1);
            let mut s = String::new();
            for (i, (c, gap)) in parts.into_iter().enumerate() {
                s.push(c);
                if let (true, Some(gap)) = (i < last, gap) {
                    s.push_str(&gap);
                }
            }
            s
        })
        .boxed()
}

/// Whether `s` holds a percentage tag `（n%）：` (`jibing::format`, section
/// "Causes"), checked by hand.
pub fn has_tag(s: &str) -> bool {
    count_tags(s) > 0
}

/// How many tags `s` holds. Tags never overlap (a tag holds one opening
/// bracket, at its start), so counting where one starts is enough.
pub fn count_tags(s: &str) -> usize {
    s.char_indices()
        .filter(|&(i, _)| s.get(i..).is_some_and(tag_at))
        .count()
}

/// Whether `s` starts with `OPEN NUMBER PCT CLOSE COLON`.
fn tag_at(s: &str) -> bool {
    let mut chars = s.chars();
    if !matches!(chars.next(), Some('(' | '（')) {
        return false;
    }
    let rest: Vec<char> = chars.collect();
    let digits = rest.iter().take_while(|&&c| is_digit(c)).count();
    if digits == 0 {
        return false;
    }
    let mut at = digits;
    if rest.get(at) == Some(&'.') {
        let frac = rest[at + 1..].iter().take_while(|&&c| is_digit(c)).count();
        if frac > 0 {
            at += 1 + frac;
        }
    }
    matches!(rest.get(at), Some('%' | '％'))
        && matches!(rest.get(at + 1), Some(')' | '）'))
        && matches!(rest.get(at + 2), Some(':' | '：'))
}

// ---------------------------------------------------------------------------
// Numbers, rates, periods, costs.

/// A number as written (ASCII and full-width digits, optional decimal part)
/// and its ASCII spelling.
pub fn number() -> BoxedStrategy<(String, String)> {
    let digit = (0u32..10, prop::bool::weighted(0.2));
    (
        prop::collection::vec(digit.clone(), 1..5),
        prop::option::weighted(0.4, prop::collection::vec(digit, 1..4)),
    )
        .prop_map(|(int, frac)| {
            let put = |text: &mut String, ascii: &mut String, (d, wide): (u32, bool)| {
                let c = char::from_digit(d, 10).unwrap_or('0');
                ascii.push(c);
                text.push(if wide {
                    char::from_u32('０' as u32 + d).unwrap_or(c)
                } else {
                    c
                });
            };
            let (mut text, mut ascii) = (String::new(), String::new());
            for d in int {
                put(&mut text, &mut ascii, d);
            }
            if let Some(frac) = frac {
                text.push('.');
                ascii.push('.');
                for d in frac {
                    put(&mut text, &mut ascii, d);
                }
            }
            (text, ascii)
        })
        .boxed()
}

fn value_of(ascii: &str) -> f64 {
    ascii.parse().unwrap_or(f64::NAN)
}

/// A range separator: a run of dash-like characters, or `至` / `到`.
pub fn range_sep() -> BoxedStrategy<String> {
    let dashes = vec![
        '-', '\u{2010}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{ff0d}', '~', '\u{ff5e}',
        '\u{301c}',
    ];
    prop_oneof![
        4 => prop::collection::vec(select(dashes), 1..3).prop_map(|v| v.into_iter().collect()),
        1 => select(vec!["至".to_owned(), "到".to_owned()]),
    ]
    .boxed()
}

fn approx() -> BoxedStrategy<&'static str> {
    prop_oneof![3 => Just(""), 1 => Just("约"), 1 => Just("大约")].boxed()
}

fn owned(s: impl Into<String>) -> Cow<'static, str> {
    Cow::Owned(s.into())
}

/// Text that holds no digit at all (so no rate, period or cost parses).
fn digit_free_text() -> BoxedStrategy<String> {
    text_from(pool(|c| !is_digit(c)), 8)
}

/// A rate in every form `jibing::format` (section "Rates") allows, with its
/// expected numbers.
pub fn rate() -> BoxedStrategy<Rate<'static>> {
    let pct = || select(vec!["%", "％"]);
    let parsed = (
        approx(),
        number(),
        prop::option::of(pct()),
        prop::option::weighted(0.5, (range_sep(), number(), prop::option::of(pct()))),
        prop::option::weighted(0.4, select(vec!["以上", "以下", "以内", "左右"])),
    )
        .prop_map(|(approx, (n1, a1), mut p1, range, qualifier)| {
            let has_pct = p1.is_some() || range.as_ref().is_some_and(|r| r.2.is_some());
            if !has_pct {
                p1 = Some("%");
            }
            let low = value_of(&a1);
            let mut text = format!("{approx}{n1}{}", p1.unwrap_or(""));
            let mut high = low;
            if let Some((sep, (n2, a2), p2)) = range {
                text.push_str(&format!("{sep}{n2}{}", p2.unwrap_or("")));
                high = value_of(&a2);
            }
            let (low, high) = match qualifier {
                Some("以上") => (Some(low), None),
                Some("以下" | "以内") => (None, Some(high)),
                _ => (Some(low), Some(high)),
            };
            text.push_str(qualifier.unwrap_or(""));
            Rate {
                low,
                high,
                text: owned(text),
            }
        });
    let unparsed = prop_oneof![
        select(vec![
            "",
            "不易治愈",
            "5-10",
            "5",
            "约 5%",
            "5%%",
            "%5",
            "10.%",
            "5%-",
            "5%以上左右",
            "较高",
        ])
        .prop_map(str::to_owned),
        digit_free_text(),
    ]
    .prop_map(|text| Rate {
        low: None,
        high: None,
        text: owned(text),
    });
    prop_oneof![4 => parsed, 1 => unparsed].boxed()
}

const UNITS: [(Unit, &[&str]); 5] = [
    (Unit::Hour, &["小时"]),
    (Unit::Day, &["天", "日"]),
    (Unit::Week, &["周", "星期"]),
    (Unit::Month, &["个月", "月"]),
    (Unit::Year, &["年"]),
];

fn unit_words() -> BoxedStrategy<(Unit, &'static str, &'static str)> {
    (0..UNITS.len(), 0usize..2, 0usize..2)
        .prop_map(|(u, a, b)| {
            let (unit, words) = UNITS[u];
            (unit, words[a % words.len()], words[b % words.len()])
        })
        .boxed()
}

/// A period in every form `jibing::format` (section "Periods") allows, with
/// its expected numbers.
pub fn period() -> BoxedStrategy<Period<'static>> {
    let parsed = (
        approx(),
        number(),
        prop::option::weighted(0.6, (range_sep(), number(), any::<bool>())),
        unit_words(),
        prop::option::weighted(0.4, select(vec!["左右", "以上"])),
    )
        .prop_map(|(approx, (n1, a1), range, (unit, w1, w2), qualifier)| {
            let low = value_of(&a1);
            let (text, high) = match range {
                None => (format!("{approx}{n1}{w1}"), low),
                // `3-6个月`
                Some((sep, (n2, a2), false)) => {
                    (format!("{approx}{n1}{sep}{n2}{w2}"), value_of(&a2))
                }
                // `3个月-6月`: both numbers carry a unit of the same kind.
                Some((sep, (n2, a2), true)) => {
                    (format!("{approx}{n1}{w1}{sep}{n2}{w2}"), value_of(&a2))
                }
            };
            let high = if qualifier == Some("以上") {
                None
            } else {
                Some(high)
            };
            Period {
                low: Some(low),
                high,
                unit: Some(unit),
                text: owned(format!("{text}{}", qualifier.unwrap_or(""))),
            }
        });
    let unparsed = prop_oneof![
        select(vec![
            "",
            "长期",
            "根据病情而定",
            "3-6",
            "3个月-6",
            "1周-3月",
            "2周以内",
            "3 个月",
            "3月份",
        ])
        .prop_map(str::to_owned),
        digit_free_text(),
    ]
    .prop_map(|text| Period {
        text: owned(text),
        ..Period::default()
    });
    prop_oneof![4 => parsed, 1 => unparsed].boxed()
}

/// A cost: digit-free text, the first `NUMBER [SEP NUMBER] [万]元` match,
/// then anything; expected numbers in yuan.
pub fn cost() -> BoxedStrategy<Cost<'static>> {
    let yuan = |ascii: &str, wan: bool| -> f64 {
        if wan {
            format!("{ascii}e4").parse().unwrap_or(f64::NAN)
        } else {
            value_of(ascii)
        }
    };
    let parsed = (
        digit_free_text(),
        any::<bool>(),
        number(),
        prop::option::weighted(0.5, (range_sep(), number(), any::<bool>())),
        any::<bool>(),
        text_from(any_char(), 6),
    )
        .prop_map(move |(prefix, space, (n1, a1), range, wan, suffix)| {
            let gap = if space && !prefix.is_empty() { " " } else { "" };
            let unit = if wan { "万元" } else { "元" };
            let (matched, low, high) = match range {
                None => (format!("{n1}{unit}"), yuan(&a1, wan), yuan(&a1, wan)),
                Some((sep, (n2, a2), wan_first)) => {
                    // `1万-2万元` is allowed; `1万-2元` is not a range.
                    let first_wan = if wan && wan_first { "万" } else { "" };
                    (
                        format!("{n1}{first_wan}{sep}{n2}{unit}"),
                        yuan(&a1, wan),
                        yuan(&a2, wan),
                    )
                }
            };
            Cost {
                low: Some(low),
                high: Some(high),
                text: owned(format!("{prefix}{gap}{matched}{suffix}")),
            }
        });
    let unparsed = prop_oneof![
        select(vec!["", "根据病情而定", "100", "5万", "100 元", "元"]).prop_map(str::to_owned),
        digit_free_text(),
    ]
    .prop_map(|text| Cost {
        low: None,
        high: None,
        text: owned(text),
    });
    prop_oneof![4 => parsed, 1 => unparsed].boxed()
}

// ---------------------------------------------------------------------------
// Causes.

/// A percentage tag in any of its spellings, or `""` (the writer then uses
/// the canonical `（{percent}%）：`), with the percentage.
fn tag() -> BoxedStrategy<(String, f64)> {
    (
        number(),
        select(vec!["（", "("]),
        select(vec!["%", "％"]),
        select(vec!["）", ")"]),
        select(vec!["：", ":"]),
        prop::bool::weighted(0.2),
    )
        .prop_map(|((n, ascii), open, pct, close, colon, canonical)| {
            let tag = if canonical {
                String::new()
            } else {
                format!("{open}{n}{pct}{close}{colon}")
            };
            (tag, value_of(&ascii))
        })
        .boxed()
}

/// Text for causes: safe characters plus fragments that look like, but are
/// not, tags.
fn cause_text() -> BoxedStrategy<String> {
    prop_oneof![
        6 => text_from(safe_char(), 10),
        1 => (text_from(safe_char(), 4), select(vec!["5%-10%", "（5%）", "(10%)", "（约5%）："]))
            .prop_map(|(t, f)| format!("{t}{f}")),
    ]
    .boxed()
}

/// How a piece of causes text ends so that the next name starts after it.
fn ended(text: String, end: String) -> String {
    format!("{text}{end}")
}

fn stop_end() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(STOPS.chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => ws_run(),
    ]
    .boxed()
}

/// A valid causes value: an intro that ends with `病因`, a stop character or
/// whitespace (or is empty), then 0 to 4 tagged items whose texts end with a
/// stop character or whitespace (the last one anyhow).
pub fn causes() -> BoxedStrategy<Causes<'static>> {
    let item = (
        prop::collection::vec(name_char(), 0..5).prop_map(|v| v.into_iter().collect::<String>()),
        tag(),
        prop_oneof![1 => Just(String::new()), 4 => (cause_text(), stop_end()).prop_map(|(t, e)| ended(t, e))],
    );
    let intro = prop_oneof![
        2 => Just(String::new()),
        2 => (text_from(safe_char(), 6), stop_end()).prop_map(|(t, e)| {
            // The value cannot start with whitespace.
            if t.is_empty() { "。".to_owned() } else { ended(t, e) }
        }),
        2 => text_from(safe_char(), 6).prop_map(|t| format!("{t}病因")),
        1 => (text_from(safe_char(), 4), text_from(safe_char(), 4), stop_end())
            .prop_map(|(a, b, e)| format!("{a}病因{b}{e}")),
    ];
    let with_items = (intro, prop::collection::vec(item, 1..5), cause_text()).prop_map(
        |(intro, items, last_text)| {
            let count = items.len();
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, (name, (tag, percent), text))| Cause {
                    name: owned(name),
                    percent,
                    // The last text may end any way but with whitespace.
                    text: owned(if i + 1 == count {
                        last_text.clone()
                    } else {
                        text
                    }),
                    tag: owned(tag),
                })
                .collect();
            Causes {
                intro: owned(intro),
                items,
            }
        },
    );
    let without_items = cause_text().prop_map(|intro| Causes {
        intro: owned(intro),
        items: Vec::new(),
    });
    prop_oneof![1 => without_items, 3 => with_items]
        .prop_filter("a text forms a tag by accident", |c| {
            let mut written = String::new();
            let _ = c.write_to(&mut written);
            count_tags(&written) == c.items.len()
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Drugs.

/// Characters of drug strings: quotes, backslashes, line breaks, tabs,
/// NBSP, U+3000, non-BMP, controls, parentheses.
fn drug_char() -> BoxedStrategy<char> {
    prop_oneof![
        4 => any_char(),
        2 => select(vec!['\'', '"', '\\', '\n', '\r', '\t', '\u{a0}', '\u{3000}', ' ', '(', ')', '（', '）']),
        1 => any::<char>(),
    ]
    .boxed()
}

fn drug_string() -> BoxedStrategy<String> {
    prop::collection::vec(drug_char(), 0..8)
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

/// Whether `s` is wrapped in `(…)` or `（…）`, so that as the last string of
/// a tuple it would read as a generic name.
pub fn wrapped(s: &str) -> bool {
    s.strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .is_some()
        || s.strip_prefix('（')
            .and_then(|r| r.strip_suffix('）'))
            .is_some()
}

/// A representable drug: brand whenever product, at least one part, and
/// the last written string not wrapped in parentheses unless it is the
/// generic name.
pub fn drug() -> BoxedStrategy<Drug<'static>> {
    (
        prop::option::weighted(0.8, drug_string()),
        prop::option::weighted(0.5, drug_string()),
        prop::option::weighted(0.6, drug_string()),
    )
        .prop_map(|(mut brand, product, generic)| {
            if brand.is_none() && (product.is_some() || generic.is_none()) {
                brand = Some(String::new());
            }
            let fix = |s: String| if wrapped(&s) { format!("x{s}") } else { s };
            let (brand, product) = match (generic.is_none(), product) {
                (true, Some(p)) => (brand, Some(fix(p))),
                (true, None) => (brand.map(fix), None),
                (false, p) => (brand, p),
            };
            Drug {
                brand: brand.map(owned),
                product: product.map(owned),
                generic: generic.map(owned),
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Field values and records.

/// A typed field value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Cow<'static, str>),
    List(jibing::List<'static>),
    Bool(bool),
    Rate(Rate<'static>),
    Period(Period<'static>),
    Cost(Cost<'static>),
    Causes(Causes<'static>),
    Drugs(Vec<Drug<'static>>),
}

/// The labels whose values the disease name is inferred from.
pub fn is_name_field(label: Label) -> bool {
    matches!(
        label,
        Label::Causes
            | Label::Prevention
            | Label::SymptomDetails
            | Label::ExaminationDetails
            | Label::TreatmentDetails
    )
}

/// A list item: 1 to 6 characters, no whitespace.
pub fn list_item() -> BoxedStrategy<String> {
    prop::collection::vec(any_char(), 1..7)
        .prop_map(|v| v.into_iter().collect())
        .boxed()
}

/// A valid value for `label` (name fields never yield a name candidate).
pub fn value(label: Label) -> BoxedStrategy<Value> {
    match label.kind() {
        ValueKind::Text if is_name_field(label) => text_from(safe_char(), 16)
            .prop_map(|t| Value::Text(owned(t)))
            .boxed(),
        ValueKind::Text => text_from(any_char(), 16)
            .prop_map(|t| Value::Text(owned(t)))
            .boxed(),
        ValueKind::List => prop::collection::vec(list_item(), 0..5)
            .prop_map(|v| Value::List(v.into_iter().map(owned).collect()))
            .boxed(),
        ValueKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        ValueKind::Rate => rate().prop_map(Value::Rate).boxed(),
        ValueKind::Period => period().prop_map(Value::Period).boxed(),
        ValueKind::Cost => cost().prop_map(Value::Cost).boxed(),
        ValueKind::Causes => causes().prop_map(Value::Causes).boxed(),
        ValueKind::Drugs => prop::collection::vec(drug(), 0..4)
            .prop_map(Value::Drugs)
            .boxed(),
    }
}

macro_rules! fields {
    ($m:ident) => {
        $m! {
            Summary summary Text, Insurance insurance Bool, Prevalence prevalence Rate,
            Susceptible susceptible Text, Transmission transmission Text,
            Complications complications List, Departments departments List,
            Treatments treatments List, TreatmentPeriod treatment_period Period,
            CureRate cure_rate Rate, CommonDrugs common_drugs List, Cost cost Cost,
            Tips tips Text, Causes causes Causes, Prevention prevention Text,
            SymptomDetails symptom_details Text, Symptoms symptoms List,
            ExaminationDetails examination_details Text, Examinations examinations List,
            TreatmentDetails treatment_details Text, DietGoodDetails diet_good_details Text,
            DietBadDetails diet_bad_details Text, GoodFoods good_foods List,
            BadFoods bad_foods List, Recipes recipes List, Drugs drugs Drugs,
        }
    };
}

macro_rules! define_access {
    ($($label:ident $field:ident $kind:ident,)*) => {
        /// Sets (or clears) the field of `label`.
        pub fn assign(record: &mut Record<'static>, label: Label, value: Option<Value>) {
            match label {
                $(Label::$label => {
                    record.$field = value.map(|v| match v {
                        Value::$kind(x) => x,
                        other => panic!("{label:?} cannot hold {other:?}"),
                    })
                })*
            }
        }

        /// The field of `label`, as an owned value.
        pub fn field(record: &Record<'_>, label: Label) -> Option<Value> {
            let owned = record.clone().into_owned();
            match label {
                $(Label::$label => owned.$field.map(Value::$kind),)*
            }
        }
    };
}
fields!(define_access);

/// An arbitrary valid record: every field absent or holding a valid value
/// (empty values included); `name` is `None` and no name can be inferred.
pub fn record() -> BoxedStrategy<Record<'static>> {
    let fields: Vec<BoxedStrategy<Option<Value>>> = Label::ALL
        .iter()
        .map(|&label| prop::option::weighted(0.55, value(label)).boxed())
        .collect();
    fields
        .prop_map(|values| {
            let mut record = Record::default();
            for (label, value) in Label::ALL.into_iter().zip(values) {
                assign(&mut record, label, value);
            }
            record
        })
        .boxed()
}

/// The canonical text of one value: what the writer puts after `LABEL `.
pub fn value_text(label: Label, value: &Value) -> String {
    let mut record = Record::default();
    assign(&mut record, label, Some(value.clone()));
    let text = record.to_string();
    let line = text.split('\n').next().unwrap_or_default();
    let rest = line.strip_prefix(label.text()).unwrap_or_default();
    rest.strip_prefix(' ').unwrap_or(rest).to_owned()
}

// ---------------------------------------------------------------------------
// Line soups.

const UNKNOWN_LABELS: [&str; 10] = [
    "别名",
    "症状细节x",
    "治疗费",
    "name",
    "药",
    "简介:",
    "\u{feff}简介",
    "医保",
    "治疗方式方式",
    "病因\r",
];

const JUNK_VALUES: [&str; 28] = [
    "是",
    "否",
    "也许",
    "是 否",
    "['a']",
    "['佐宁', '(盐酸乙哌立松片)'] ['协一力', '利鲁唑片', '(利鲁唑片)']",
    "['a', 'b', 'c']",
    "['a'",
    "['a' 'b']",
    "[]",
    "['a','b','c','d']",
    "['a\\x4g']",
    "['abc",
    "x ['a']",
    "['a'] x",
    "[1]",
    "['a' x]",
    "['a',]",
    "[\"it's\"]",
    "['\\U0001F600'] ['a\\\\']",
    "5-10%",
    "约3-6个月左右",
    "市三甲医院约（10000――50000元）",
    "肌肉萎缩病因遗传（10%）：说明。中毒（15%）：",
    "肌肉萎缩预防1、保持",
    "[ '\u{3000}' ,]",
    "['\u{a0}a\t']",
    "a\rb",
];

fn label_token() -> BoxedStrategy<String> {
    prop_oneof![
        10 => select(Label::ALL.map(Label::text).to_vec()).prop_map(str::to_owned),
        3 => select(UNKNOWN_LABELS.to_vec()).prop_map(str::to_owned),
        1 => prop::collection::vec(any_char(), 1..4).prop_map(|v| v.into_iter().collect()),
    ]
    .boxed()
}

fn junk_value() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(JUNK_VALUES.to_vec()).prop_map(str::to_owned),
        3 => select(Label::ALL.to_vec()).prop_flat_map(value).prop_map(|v| match v {
            // Any valid value text; the label is chosen separately.
            Value::Text(t) => t.into_owned(),
            other => value_text(label_for(&other), &other),
        }),
        2 => text_from(any_char(), 10),
        2 => "\\PC{0,12}",
        1 => any::<String>().prop_map(|s| s.replace(['\n', '\r'], "")),
        1 => Just(String::new()),
    ]
    .boxed()
}

fn label_for(value: &Value) -> Label {
    match value {
        Value::Text(_) => Label::Summary,
        Value::List(_) => Label::Symptoms,
        Value::Bool(_) => Label::Insurance,
        Value::Rate(_) => Label::CureRate,
        Value::Period(_) => Label::TreatmentPeriod,
        Value::Cost(_) => Label::Cost,
        Value::Causes(_) => Label::Causes,
        Value::Drugs(_) => Label::Drugs,
    }
}

fn line_ending() -> BoxedStrategy<&'static str> {
    prop_oneof![8 => Just("\n"), 3 => Just("\r\n"), 1 => Just("\r"), 1 => Just("")].boxed()
}

/// One line of a soup, its ending included: a blank or whitespace-only
/// line, or `[ws] LABEL [SEP VALUE] [ws]`.
fn soup_line() -> BoxedStrategy<String> {
    let blank = prop::option::of(ws_run()).prop_map(Option::unwrap_or_default);
    let field = (
        prop::option::weighted(0.1, ws_run()),
        label_token(),
        prop::option::weighted(0.85, (ws_run(), junk_value())),
        prop::option::weighted(0.3, ws_run()),
    )
        .prop_map(|(lead, label, value, trail)| {
            let (sep, value) = value.unwrap_or_default();
            format!(
                "{}{label}{sep}{value}{}",
                lead.unwrap_or_default(),
                trail.unwrap_or_default()
            )
        });
    (prop_oneof![1 => blank, 6 => field], line_ending())
        .prop_map(|(line, end)| format!("{line}{end}"))
        .boxed()
}

/// Arbitrary soups of lines built from the 26 labels and unknown ones,
/// separators, junk values, `\n` / `\r\n` / lone `\r` endings, blank and
/// whitespace-only lines, and a BOM at the start.
pub fn soup() -> BoxedStrategy<String> {
    (
        prop::bool::weighted(0.2),
        prop::collection::vec(soup_line(), 0..14),
    )
        .prop_map(|(bom, lines)| {
            let mut s = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            s.extend(lines);
            s
        })
        .boxed()
}

/// Any string: `\PC*`, arbitrary `String`s, and soups.
pub fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        1 => "\\PC*",
        1 => any::<String>(),
        3 => soup(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Decorated canonical text, for the editing property.

/// One field line of a decorated record, with byte offsets into the text.
#[derive(Debug, Clone)]
pub struct LineInfo {
    pub label: Label,
    pub start: usize,
    pub label_end: usize,
    pub value_start: usize,
    pub value_end: usize,
    /// Just past the line ending.
    pub end: usize,
    pub ending: &'static str,
}

/// A record written as text with non-canonical but equivalent layout:
/// optional BOM and leading blank lines, leading whitespace, separator
/// runs, trailing whitespace, `\n` or `\r\n` endings, and any record end.
#[derive(Debug, Clone)]
pub struct Decorated {
    pub record: Record<'static>,
    pub text: String,
    pub lines: Vec<LineInfo>,
}

pub fn decorated() -> BoxedStrategy<Decorated> {
    let layout = (
        prop::option::weighted(0.1, ws_run()),
        prop_oneof![3 => Just(" ".to_owned()), 1 => ws_run()],
        prop::option::weighted(0.3, ws_run()),
        prop_oneof![3 => Just("\n"), 1 => Just("\r\n")],
    );
    (
        record(),
        prop::collection::vec(layout, 26),
        prop::bool::weighted(0.1),
        prop::collection::vec(
            (
                prop::option::of(ws_run()),
                prop_oneof![Just("\n"), Just("\r\n")],
            ),
            0..2,
        ),
        select(vec!["", " ", "\n", " \r\n\t", "\u{3000}", "NOEND"]),
        any::<bool>(),
    )
        .prop_map(|(record, layouts, mut bom, mut leading, tail, plain)| {
            if plain {
                bom = false;
                leading.clear();
            }
            let mut text = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            for (ws, end) in leading {
                text.push_str(&ws.unwrap_or_default());
                text.push_str(end);
            }
            let mut lines = Vec::new();
            for (label, (lead, sep, trail, ending)) in Label::ALL.into_iter().zip(layouts) {
                let Some(value) = field(&record, label) else {
                    continue;
                };
                let value = value_text(label, &value);
                let start = text.len();
                if !plain {
                    text.push_str(&lead.unwrap_or_default());
                }
                text.push_str(label.text());
                let label_end = text.len();
                if plain {
                    text.push_str(if value.is_empty() { "" } else { " " });
                } else if !value.is_empty() {
                    text.push_str(&sep);
                }
                let value_start = if value.is_empty() {
                    label_end
                } else {
                    text.len()
                };
                text.push_str(&value);
                let value_end = if value.is_empty() {
                    label_end
                } else {
                    text.len()
                };
                if !plain {
                    text.push_str(&trail.unwrap_or_default());
                }
                let ending = if plain { "\n" } else { ending };
                text.push_str(ending);
                lines.push(LineInfo {
                    label,
                    start,
                    label_end,
                    value_start,
                    value_end,
                    end: text.len(),
                    ending,
                });
            }
            match (tail, lines.last_mut()) {
                ("NOEND", Some(last)) => {
                    // The last field line has no line ending at all.
                    text.truncate(last.end - last.ending.len());
                    last.end = text.len();
                    last.ending = "";
                }
                ("NOEND", None) => {}
                (tail, _) => text.push_str(if plain { " " } else { tail }),
            }
            Decorated {
                record,
                text,
                lines,
            }
        })
        .boxed()
}

/// An edit: set `label` to a valid value, or remove it.
pub fn edit() -> BoxedStrategy<(Label, Option<Value>)> {
    select(Label::ALL.to_vec())
        .prop_flat_map(|label| (Just(label), prop::option::weighted(0.7, value(label))))
        .boxed()
}

/// Values for the five name fields that all open with `name` (in the fields
/// picked by `mask`), and the name, which may hold commas.
pub fn named_fields() -> BoxedStrategy<(String, Vec<(Label, String)>)> {
    const HEADS: [(Label, &[&str]); 5] = [
        (Label::Causes, &["病因"]),
        (Label::Prevention, &["预防"]),
        (Label::SymptomDetails, &["症状"]),
        (Label::ExaminationDetails, &["的检查", "检查"]),
        (Label::TreatmentDetails, &["西医治疗", "中医治疗", "治疗"]),
    ];
    (
        disease_name(),
        prop::collection::vec((any::<bool>(), 0usize..3, text_from(safe_char(), 8)), 5),
    )
        .prop_map(|(name, picks)| {
            let fields: Vec<(Label, String)> = HEADS
                .iter()
                .zip(picks)
                .filter(|(_, (on, _, _))| *on)
                .map(|((label, heads), (_, head, tail))| {
                    (*label, format!("{name}{}{tail}", heads[head % heads.len()]))
                })
                .collect();
            (name, fields)
        })
        .prop_filter("a causes tail holds a tag", |(_, fields)| {
            fields.iter().all(|(_, v)| !has_tag(v))
        })
        .boxed()
}
