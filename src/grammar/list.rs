//! The grammar of a list value
//! ([format reference: lists](crate::format#lists)): one item at a time.
//!
//! This module owns the production `list_item`. It does not own the
//! [`List`](crate::List) type or when items are split (lazily, by its
//! iterator in `crate::list`), nor the whitespace class (`crate::lex`).
//! Lists never fault.

use std::convert::Infallible;

use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::sequence::preceded;
use nom::Parser;

use crate::grammar::Failure;
use crate::lex::{space_start, trim_start_space};

/// The result of a list production; none names a fault.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, Failure<&'a str, Infallible>>;

/// The next item of a list and the whitespace before it (the list's
/// leading whitespace or a separator):
///
/// ```text
/// list      = { ws } [ list_item { separator list_item } ] { ws } ;
/// list_item = non_ws { non_ws } ;
/// ```
///
/// read one item at a time as `{ ws } list_item`, repeated by the lazy
/// iterator of [`List`](crate::List) until it fails: then only the list's
/// trailing `{ ws }` (or nothing) is left. Yields the item, borrowed.
#[inline]
pub(crate) fn list_item(input: &str) -> PResult<'_, &str> {
    preceded(spaces, non_ws).parse(input)
}

/// `{ ws }`: a leaf on bytes (`crate::lex::trim_start_space`). Never
/// fails; yields nothing (the separator is not kept).
#[inline]
fn spaces(input: &str) -> PResult<'_, ()> {
    Ok((trim_start_space(input), ()))
}

/// `non_ws { non_ws }`: a leaf on bytes (`crate::lex::space_start`; each
/// whitespace character is a fixed byte sequence, so none is decoded).
/// Fails on whitespace or at the end.
#[inline]
fn non_ws(input: &str) -> PResult<'_, &str> {
    match input.split_at_checked(space_start(input)) {
        Some((item, rest)) if !item.is_empty() => Ok((rest, item)),
        _ => Err(nom::Err::Error(Failure::from_error_kind(
            input,
            NomErrorKind::IsNot,
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_after_its_whitespace() {
        assert_eq!(list_item("鸡心 莲子"), Ok((" 莲子", "鸡心")));
        assert_eq!(list_item(" \u{3000}莲子\t"), Ok(("\t", "莲子")));
        assert_eq!(list_item("花生仁（生）"), Ok(("", "花生仁（生）")));
        assert!(list_item("").is_err());
        assert!(list_item(" \u{a0}\t").is_err());
    }
}
