//! The scalar value types: [`Rate`], [`Period`] with its [`Unit`], and
//! [`Cost`].

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A rate in percent units (`0.003%` → low = high = 0.003), from
/// [`parse_rate`](crate::value::parse_rate).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Rate<'a> {
    /// Lower bound in percent; `None` when open (`以下`) or unparsed.
    pub low: Option<f64>,
    /// Upper bound in percent; `None` when open (`以上`) or unparsed.
    pub high: Option<f64>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

/// A duration or duration range (`3-6个月`), from [`parse_period`](crate::value::parse_period).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Period<'a> {
    /// Lower bound, in `unit`s; `None` when unparsed.
    pub low: Option<f64>,
    /// Upper bound, in `unit`s; `None` when open (`以上`) or unparsed.
    pub high: Option<f64>,
    /// The unit of both bounds; `None` when unparsed.
    pub unit: Option<Unit>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

/// The unit of a [`Period`]; its English word is its JSON, `Display` and
/// `FromStr` form.
///
/// ```
/// use jibing::Unit;
///
/// assert_eq!(Unit::Month.to_string(), "month");
/// assert_eq!("week".parse::<Unit>(), Ok(Unit::Week));
/// // Only the English word: the Chinese words are read by `parse_period`.
/// assert!("月".parse::<Unit>().is_err());
/// assert_eq!(jibing::value::parse_period("3个月").unit, Some(Unit::Month));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Unit {
    /// `小时`.
    Hour,
    /// `天` or `日`.
    Day,
    /// `周` or `星期`.
    Week,
    /// `个月` or `月`.
    Month,
    /// `年`.
    Year,
}

impl Unit {
    /// Every unit, shortest first.
    pub(crate) const ALL: [Unit; 5] = [Unit::Hour, Unit::Day, Unit::Week, Unit::Month, Unit::Year];

    /// The English word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }
}

impl fmt::Display for Unit {
    /// The English word, as [`Unit::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = ParseUnitError;

    /// The unit whose English word is exactly `s`.
    fn from_str(s: &str) -> Result<Unit, ParseUnitError> {
        Unit::ALL
            .into_iter()
            .find(|unit| unit.as_str() == s)
            .ok_or(ParseUnitError)
    }
}

/// The error of [`Unit`]'s [`FromStr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a unit: expected `hour`, `day`, `week`, `month` or `year`")]
pub struct ParseUnitError;

/// A cost or cost range in yuan (`10000――50000元`), from [`parse_cost`](crate::value::parse_cost).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cost<'a> {
    /// Lower bound in yuan; `None` when no cost was found.
    pub low: Option<f64>,
    /// Upper bound in yuan; `None` when no cost was found.
    pub high: Option<f64>,
    /// The whole value as written.
    pub text: Cow<'a, str>,
}

impl Rate<'_> {
    /// The same rate with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Rate<'static> {
        Rate {
            low: self.low,
            high: self.high,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

impl Period<'_> {
    /// The same period with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Period<'static> {
        Period {
            low: self.low,
            high: self.high,
            unit: self.unit,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

impl Cost<'_> {
    /// The same cost with its text owned, free of the input's lifetime.
    pub fn into_owned(self) -> Cost<'static> {
        Cost {
            low: self.low,
            high: self.high,
            text: Cow::Owned(self.text.into_owned()),
        }
    }
}

/// The text of a **bool** value, as the canonical writer writes it: `是`
/// for `true`, `否` for `false` ([`parse_bool`](crate::value::parse_bool) reads it back).
///
/// ```
/// use jibing::value::{bool_text, parse_bool};
/// assert_eq!(bool_text(true), "是");
/// assert_eq!(parse_bool(bool_text(false)), Some(false));
/// ```
pub const fn bool_text(value: bool) -> &'static str {
    if value {
        "是"
    } else {
        "否"
    }
}
