//! The production of a `medical.json` `drug_detail` string
//! ([format reference: drug strings](crate::format#drug-strings)).

use std::borrow::Cow;

use super::{split_at, Failure, PResult};
use crate::model::drugs::{Drug, DrugFault, DrugFaultKind};

/// A whole `drug_detail` string, or where its brackets fail to balance.
pub(crate) fn read_drug_detail(value: &str) -> Result<Drug<'_>, DrugFault> {
    match drug_detail(value) {
        Ok((_, drug)) => Ok(drug),
        Err(nom::Err::Error(failure) | nom::Err::Failure(failure)) => Err(DrugFault {
            kind: DrugFaultKind::UnbalancedBracket,
            offset: value.len() - failure.input.len(),
        }),
        Err(nom::Err::Incomplete(_)) => Err(DrugFault {
            kind: DrugFaultKind::UnbalancedBracket,
            offset: value.len(),
        }),
    }
}

/// ```text
/// drug_detail = { char - bracket | group } [ group ] ;
/// ```
///
/// The last `group`, when it ends the string, is the generic name; the rest
/// is the brand. Fails at an unmatched bracket. Nesting is counted in one
/// loop rather than recursed, so deep brackets stay linear and cannot
/// exhaust the stack.
pub(crate) fn drug_detail(input: &str) -> PResult<&str, Drug<'_>, DrugFaultKind> {
    let unmatched = |at: usize| {
        let rest = split_at(input, at).1;
        Err(nom::Err::Failure(Failure {
            input: rest,
            kind: Some(DrugFaultKind::UnbalancedBracket),
        }))
    };
    // Where the group open at depth 0 starts, and where the last one ended.
    let (mut depth, mut group, mut closed) = (0usize, 0, None);
    for (at, c) in input.char_indices() {
        if is_open(c) {
            if depth == 0 {
                group = at;
            }
            depth += 1;
        } else if is_close(c) {
            let Some(outer) = depth.checked_sub(1) else {
                return unmatched(at);
            };
            depth = outer;
            if depth == 0 {
                closed = Some((group, at, at + c.len_utf8()));
            }
        }
    }
    if depth > 0 {
        return unmatched(group);
    }
    let drug = match closed {
        Some((open, close, end)) if end == input.len() => {
            let (brand, group) = split_at(input, open);
            let generic = split_at(split_at(group, close - open).0, open_len(group)).1;
            Drug {
                brand: part(brand),
                product: None,
                generic: Some(Cow::Borrowed(generic)),
            }
        }
        _ => Drug {
            brand: part(input),
            product: None,
            generic: None,
        },
    };
    Ok(("", drug))
}

/// ```text
/// group = open { char - bracket | group } close ;
/// ```
///
/// `open` is `(` or `（`, `close` is `)` or `）`; either closes either.
fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

fn part(s: &str) -> Option<Cow<'_, str>> {
    (!s.is_empty()).then_some(Cow::Borrowed(s))
}

fn open_len(group: &str) -> usize {
    group.chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = Result<(Option<String>, Option<String>), (DrugFaultKind, usize)>;

    fn read(s: &str) -> Read {
        read_drug_detail(s)
            .map(|d| {
                assert_eq!(d.product, None);
                (d.brand.map(Cow::into_owned), d.generic.map(Cow::into_owned))
            })
            .map_err(|f| (f.kind, f.offset))
    }

    fn ok(brand: Option<&str>, generic: Option<&str>) -> Read {
        Ok((brand.map(str::to_owned), generic.map(str::to_owned)))
    }

    #[test]
    fn the_closing_group_is_the_generic() {
        let cases = [
            (
                "博美欣(阿莫西林(4:1)分散片)",
                ok(Some("博美欣"), Some("阿莫西林(4:1)分散片")),
            ),
            (
                "冯了性(佛山)药业保济丸",
                ok(Some("冯了性(佛山)药业保济丸"), None),
            ),
            (
                "佐宁（盐酸乙哌立松片）",
                ok(Some("佐宁"), Some("盐酸乙哌立松片")),
            ),
            ("甲(乙）", ok(Some("甲"), Some("乙"))),
            ("(利鲁唑片)", ok(None, Some("利鲁唑片"))),
            ("a()", ok(Some("a"), Some(""))),
            ("", ok(None, None)),
            ("a(b)c", ok(Some("a(b)c"), None)),
        ];
        for (input, expected) in cases {
            assert_eq!(read(input), expected, "{input}");
        }
    }

    #[test]
    fn an_unmatched_bracket_is_a_fault_there() {
        let fault = DrugFaultKind::UnbalancedBracket;
        assert_eq!(read("a(b"), Err((fault, 1)));
        assert_eq!(read("a)b"), Err((fault, 1)));
        assert_eq!(read("甲（乙(丙)"), Err((fault, "甲".len())));
        assert_eq!(read("a(b))"), Err((fault, 4)));
    }
}
