//! The grammar of the format, as `nom` 8 parsers: one per production of the
//! [format reference](crate::format), whose doc is its EBNF rule. The
//! productions build the model's types and call the leaves of
//! [`scan`](crate::scan); no nom type leaves the crate.

pub(crate) mod causes;
pub(crate) mod drug_detail;
pub(crate) mod drugs;
pub(crate) mod line;
pub(crate) mod name;
pub(crate) mod record;
pub(crate) mod scalar;
pub(crate) mod value;

use nom::error::{ErrorKind as NomErrorKind, ParseError};
use nom::{IResult, Input, Mode, OutputMode, PResult as NomPResult, Parser};

/// Where and why a production failed: the input left there, and the fault
/// once a production has named it ([`expect`], [`fail_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failure<I, K> {
    /// The input left where the grammar failed.
    pub input: I,
    /// The fault, `None` until a production names it.
    pub kind: Option<K>,
}

impl<I, K> ParseError<I> for Failure<I, K> {
    fn from_error_kind(input: I, _kind: NomErrorKind) -> Self {
        Failure { input, kind: None }
    }

    fn append(_input: I, _kind: NomErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed `alt` branches, the one that named its fault wins.
    fn or(self, other: Self) -> Self {
        match (&self.kind, &other.kind) {
            (Some(_), None) => self,
            _ => other,
        }
    }
}

/// The result of a production whose faults are of kind `K`.
pub(crate) type PResult<I, O, K> = IResult<I, O, Failure<I, K>>;

/// Runs `parser`; a failure it did not name becomes `kind`.
pub(crate) fn expect<I, O, K: Copy, P>(
    kind: K,
    mut parser: P,
) -> impl Parser<I, Output = O, Error = Failure<I, K>>
where
    P: Parser<I, Output = O, Error = Failure<I, K>>,
{
    move |input: I| match parser.parse(input) {
        Err(nom::Err::Error(e)) => Err(nom::Err::Error(name(e, kind))),
        Err(nom::Err::Failure(e)) => Err(nom::Err::Failure(name(e, kind))),
        other => other,
    }
}

fn name<I, K>(failure: Failure<I, K>, kind: K) -> Failure<I, K> {
    Failure {
        kind: failure.kind.or(Some(kind)),
        ..failure
    }
}

/// Fails with `kind` here: the last branch of an `alt`.
pub(crate) fn fail_with<I, O, K: Copy>(kind: K) -> impl Fn(I) -> PResult<I, O, K> {
    move |input: I| {
        Err(nom::Err::Error(Failure {
            input,
            kind: Some(kind),
        }))
    }
}

/// `parser`, with its `process` forced inline: nom may leave a function's
/// `process` out of line, a call per try of a small production in a loop.
#[derive(Clone, Copy)]
pub(crate) struct Inline<F>(pub F);

impl<I, O, E: ParseError<I>, F> Parser<I> for Inline<F>
where
    F: FnMut(I) -> IResult<I, O, E>,
{
    type Output = O;
    type Error = E;

    #[inline(always)]
    fn process<OM: OutputMode>(&mut self, input: I) -> NomPResult<OM, I, O, E> {
        match (self.0)(input) {
            Ok((rest, output)) => Ok((rest, OM::Output::bind(|| output))),
            Err(nom::Err::Error(e)) => Err(nom::Err::Error(OM::Error::bind(|| e))),
            Err(nom::Err::Failure(e)) => Err(nom::Err::Failure(e)),
            Err(nom::Err::Incomplete(needed)) => Err(nom::Err::Incomplete(needed)),
        }
    }
}

/// The character `c`, compared as UTF-8 bytes rather than decoded; fails
/// unnamed.
#[inline]
pub(crate) fn lit<'a, K>(c: char) -> impl Fn(&'a str) -> PResult<&'a str, char, K> {
    move |input: &'a str| match input.strip_prefix(c) {
        Some(rest) => Ok((rest, c)),
        None => Err(nom::Err::Error(Failure { input, kind: None })),
    }
}

/// `input` split after its first `at` bytes, where the caller's scan found
/// `at` on a char boundary. The grammar's one audited fallback: were `at`
/// not one, a release build would take the whole input rather than panic.
pub(crate) fn split_at(input: &str, at: usize) -> (&str, &str) {
    match input.split_at_checked(at) {
        Some(split) => split,
        None => {
            debug_assert!(false, "{at} is not a char boundary of {input:?}");
            (input, "")
        }
    }
}

/// Byte offset of `rest`, a suffix of `whole`, inside `whole`.
#[inline]
pub(crate) fn offset<I: Input>(whole: &I, rest: &I) -> usize {
    let offset = whole.input_len().checked_sub(rest.input_len());
    debug_assert!(offset.is_some(), "`rest` is not a suffix of `whole`");
    offset.unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::bytes::complete::tag;
    use nom::combinator::cut;
    use nom::sequence::preceded;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        A,
        B,
    }

    #[test]
    fn expect_names_only_unnamed_failures() {
        let mut p = expect(Kind::A, preceded(tag("["), cut(expect(Kind::B, tag("x")))));
        let input = "[y";
        let Err(nom::Err::Failure(f)) = p.parse(input) else {
            panic!("cut must commit");
        };
        assert_eq!((f.kind, offset(&input, &f.input)), (Some(Kind::B), 1));
        let Err(nom::Err::Error(f)) = p.parse("y") else {
            panic!("no commit before `[`");
        };
        assert_eq!(f.kind, Some(Kind::A));
    }

    #[test]
    fn inline_is_the_parser_it_wraps() {
        fn leaf(input: &str) -> PResult<&str, char, Kind> {
            match input.strip_prefix('a') {
                Some(rest) => Ok((rest, 'a')),
                None if input.is_empty() => Err(nom::Err::Failure(Failure {
                    input,
                    kind: Some(Kind::B),
                })),
                None => Err(nom::Err::Error(Failure { input, kind: None })),
            }
        }
        for input in ["ab", "b", ""] {
            assert_eq!(Inline(leaf).parse(input), leaf(input), "{input:?}");
            let mut twice = (Inline(leaf), nom::combinator::opt(Inline(leaf)));
            let mut plain = (leaf, nom::combinator::opt(leaf));
            assert_eq!(twice.parse(input), plain.parse(input), "{input:?}");
        }
    }

    #[test]
    fn alt_keeps_the_named_branch() {
        let mut p = nom::branch::alt((tag("a"), fail_with(Kind::B)));
        let Err(nom::Err::Error(f)) = Parser::<&str>::parse(&mut p, "z") else {
            panic!("no branch matches");
        };
        assert_eq!(f.kind, Some(Kind::B));
    }
}
