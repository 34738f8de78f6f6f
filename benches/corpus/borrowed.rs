//! A mirror of `Record`'s JSON shape whose strings all borrow from the JSON
//! text (`#[serde(borrow)] Cow<str>`: a string without escapes is borrowed,
//! one with escapes is decoded into its own allocation, as serde_json must).
//!
//! `corpus/serde_json` deserialises into `Record`, which must stay
//! `DeserializeOwned` and so allocates every string; this mirror is the
//! fastest way serde_json can read the same JSON Lines, the honest anchor
//! for `corpus/serde_json_borrowed`.

use std::borrow::Cow;

use serde::Deserialize;

type Text<'a> = Option<Cow<'a, str>>;
type Items<'a> = Option<Vec<Cow<'a, str>>>;

#[derive(Deserialize)]
#[allow(dead_code)] // read only to be built
pub struct Mirror<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(borrow)]
    summary: Text<'a>,
    insurance: Option<bool>,
    #[serde(borrow)]
    prevalence: Option<Numbers<'a>>,
    #[serde(borrow)]
    susceptible: Text<'a>,
    #[serde(borrow)]
    transmission: Text<'a>,
    #[serde(borrow)]
    complications: Items<'a>,
    #[serde(borrow)]
    departments: Items<'a>,
    #[serde(borrow)]
    treatments: Items<'a>,
    #[serde(borrow)]
    treatment_period: Option<Period<'a>>,
    #[serde(borrow)]
    cure_rate: Option<Numbers<'a>>,
    #[serde(borrow)]
    common_drugs: Items<'a>,
    #[serde(borrow)]
    cost: Option<Numbers<'a>>,
    #[serde(borrow)]
    tips: Text<'a>,
    #[serde(borrow)]
    causes: Option<Causes<'a>>,
    #[serde(borrow)]
    prevention: Text<'a>,
    #[serde(borrow)]
    symptom_details: Text<'a>,
    #[serde(borrow)]
    symptoms: Items<'a>,
    #[serde(borrow)]
    examination_details: Text<'a>,
    #[serde(borrow)]
    examinations: Items<'a>,
    #[serde(borrow)]
    treatment_details: Text<'a>,
    #[serde(borrow)]
    diet_good_details: Text<'a>,
    #[serde(borrow)]
    diet_bad_details: Text<'a>,
    #[serde(borrow)]
    good_foods: Items<'a>,
    #[serde(borrow)]
    bad_foods: Items<'a>,
    #[serde(borrow)]
    recipes: Items<'a>,
    #[serde(borrow)]
    drugs: Option<Vec<Drug<'a>>>,
    #[serde(borrow)]
    extra: Vec<Extra<'a>>,
}

/// A rate or a cost.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Numbers<'a> {
    low: Option<f64>,
    high: Option<f64>,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Period<'a> {
    low: Option<f64>,
    high: Option<f64>,
    #[serde(borrow)]
    unit: Option<Cow<'a, str>>,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Causes<'a> {
    #[serde(borrow)]
    intro: Cow<'a, str>,
    #[serde(borrow)]
    items: Vec<Cause<'a>>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Cause<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
    percent: f64,
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Drug<'a> {
    #[serde(borrow)]
    brand: Text<'a>,
    #[serde(borrow)]
    product: Text<'a>,
    #[serde(borrow)]
    generic: Text<'a>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Extra<'a> {
    #[serde(borrow)]
    label: Cow<'a, str>,
    #[serde(borrow)]
    value: Cow<'a, str>,
    line: usize,
}

/// Deserialises every line of `jsonl` into a [`Mirror`] and counts them.
pub fn count(jsonl: &str) -> usize {
    serde_json::Deserializer::from_str(jsonl)
        .into_iter::<Mirror<'_>>()
        .filter(|r| r.is_ok())
        .count()
}
