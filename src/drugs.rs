//! The drugs value kind ([format reference: drugs](crate::format#drugs),
//! label `药品`): a run of Python list literals such as
//! `['协一力', '利鲁唑片', '(利鲁唑片)']`, each read into one [`Drug`].

pub use crate::model::drugs::{to_python, write_python, Drug, DrugFault, DrugFaultKind};

use crate::grammar;

/// Reads a whole `药品` value into its drug tuples, in order
/// ([format reference: drugs](crate::format#drugs)).
///
/// ```
/// let drugs = jibing::drugs::parse_drugs("['佐宁', '(盐酸乙哌立松片)'] ['协一力', '利鲁唑片']")?;
/// assert_eq!(drugs[0].generic.as_deref(), Some("盐酸乙哌立松片"));
/// assert_eq!(drugs[1].product.as_deref(), Some("利鲁唑片"));
/// # Ok::<(), jibing::drugs::DrugFault>(())
/// ```
///
/// # Errors
///
/// The first structural fault, with the byte offset where the grammar fails
/// ([format reference: where a drug fault points](crate::format#where-a-drug-fault-points)).
pub fn parse_drugs(value: &str) -> Result<Vec<Drug<'_>>, DrugFault> {
    grammar::drugs::read_drugs(value)
}

#[cfg(test)]
mod write_tests {
    use super::*;
    use std::borrow::Cow;

    fn py(s: &str) -> String {
        let mut out = String::new();
        crate::model::drugs::push_python_str(&mut out, "", s, "");
        out
    }

    #[test]
    fn python_repr_quotes_and_escapes() {
        assert_eq!(py("佐宁"), "'佐宁'");
        assert_eq!(py("it's"), "\"it's\"");
        assert_eq!(py("'\""), "'\\'\"'");
        assert_eq!(py("a\\b\nc\td\r"), "'a\\\\b\\nc\\td\\r'");
        assert_eq!(
            py("\u{0}\u{7f}\u{a0}\u{3000}\u{200b}"),
            "'\\x00\\x7f\\xa0\\u3000\\u200b'"
        );
        assert_eq!(py("😀\u{f0000}"), "'😀\\U000f0000'");
    }

    #[test]
    fn drugs_by_parts() {
        let drug =
            |b: Option<&'static str>, p: Option<&'static str>, g: Option<&'static str>| Drug {
                brand: b.map(Cow::Borrowed),
                product: p.map(Cow::Borrowed),
                generic: g.map(Cow::Borrowed),
            };
        let cases = [
            (
                drug(Some("b"), Some("p"), Some("g")),
                "['b', 'p', '(g)']",
                true,
            ),
            (drug(Some("b"), None, Some("g")), "['b', '(g)']", true),
            (drug(None, None, Some("g")), "['(g)']", true),
            (drug(Some("b"), Some("p"), None), "['b', 'p']", true),
            (drug(Some("b"), None, None), "['b']", true),
            (drug(None, None, None), "['']", false),
            (drug(None, Some("p"), None), "['p']", false),
            (drug(Some("(b)"), None, None), "['(b)']", false),
            (
                drug(Some("b"), Some("（p）"), None),
                "['b', '（p）']",
                false,
            ),
            (drug(Some("b"), Some("(p）"), None), "['b', '(p）']", true),
        ];
        for (drug, text, reads_back) in cases {
            let mut out = String::new();
            drug.write_python(&mut out).expect("String");
            assert_eq!(out, text);
            assert_eq!(drug.reads_back(), reads_back, "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use DrugFaultKind::*;

    fn drug(brand: Option<&str>, product: Option<&str>, generic: Option<&str>) -> Drug<'static> {
        Drug {
            brand: brand.map(|s| Cow::Owned(s.to_owned())),
            product: product.map(|s| Cow::Owned(s.to_owned())),
            generic: generic.map(|s| Cow::Owned(s.to_owned())),
        }
    }

    fn one(value: &str) -> Drug<'_> {
        let mut drugs = parse_drugs(value).expect("valid");
        assert_eq!(drugs.len(), 1, "{value:?}");
        drugs.remove(0)
    }

    fn fault(value: &str) -> (DrugFaultKind, usize) {
        let f = parse_drugs(value).expect_err("must fail");
        assert!(
            f.offset <= value.len() && value.is_char_boundary(f.offset),
            "{value:?}"
        );
        (f.kind, f.offset)
    }

    fn is_borrowed(part: &Option<Cow<'_, str>>) -> bool {
        matches!(part, Some(Cow::Borrowed(_)))
    }

    const SEED: &str = "['佐宁', '(盐酸乙哌立松片)'] ['协一力', '利鲁唑片', '(利鲁唑片)'] \
        ['妙纳', '(盐酸乙哌立松片)'] ['妙纳', '(盐酸乙哌立松片)'] \
        ['广州白云山天心', '三磷酸腺苷二', '(三磷酸腺苷二钠注射液)'] \
        ['三磷酸腺苷二钠注射液', '(三磷酸腺苷二钠注射液)'] ";

    #[test]
    fn seed_tuples() {
        let drugs = parse_drugs(SEED).unwrap();
        assert_eq!(
            drugs,
            vec![
                drug(Some("佐宁"), None, Some("盐酸乙哌立松片")),
                drug(Some("协一力"), Some("利鲁唑片"), Some("利鲁唑片")),
                drug(Some("妙纳"), None, Some("盐酸乙哌立松片")),
                drug(Some("妙纳"), None, Some("盐酸乙哌立松片")),
                drug(
                    Some("广州白云山天心"),
                    Some("三磷酸腺苷二"),
                    Some("三磷酸腺苷二钠注射液")
                ),
                drug(
                    Some("三磷酸腺苷二钠注射液"),
                    None,
                    Some("三磷酸腺苷二钠注射液")
                ),
            ]
        );
        assert!(drugs.iter().all(|d| [&d.brand, &d.product, &d.generic]
            .into_iter()
            .all(|p| p.is_none() || is_borrowed(p))));
    }

    #[test]
    fn serde_shape_and_owned_round_trip() {
        let drugs = parse_drugs(SEED).unwrap();
        let json = serde_json::to_string(&drugs[..2]).unwrap();
        assert_eq!(
            json,
            r#"[{"brand":"佐宁","product":null,"generic":"盐酸乙哌立松片"},{"brand":"协一力","product":"利鲁唑片","generic":"利鲁唑片"}]"#
        );
        let back: Vec<Drug<'static>> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, drugs[..2]);
        let owned: Vec<Drug<'static>> = drugs.into_iter().map(Drug::into_owned).collect();
        assert!(matches!(owned[0].brand, Some(Cow::Owned(_))));
    }

    #[test]
    fn empty_and_blank_values_have_no_drugs() {
        for value in ["", " ", "\t\u{a0}\u{3000} "] {
            assert_eq!(parse_drugs(value), Ok(vec![]), "{value:?}");
        }
    }

    #[test]
    fn one_string_tuples() {
        assert_eq!(one("['佐宁']"), drug(Some("佐宁"), None, None));
        assert_eq!(one("['(利鲁唑片)']"), drug(None, None, Some("利鲁唑片")));
        assert_eq!(one("['()']"), drug(None, None, Some("")));
        assert_eq!(one("['']"), drug(Some(""), None, None));
        assert_eq!(one("['(']"), drug(Some("("), None, None));
        assert_eq!(one("['）']"), drug(Some("）"), None, None));
    }

    #[test]
    fn two_string_tuples() {
        assert_eq!(one("['a', 'b']"), drug(Some("a"), Some("b"), None));
        assert_eq!(one("['a', '(b)']"), drug(Some("a"), None, Some("b")));
        // Only the last string can be the generic name.
        assert_eq!(one("['(a)', 'b']"), drug(Some("(a)"), Some("b"), None));
    }

    #[test]
    fn three_string_tuples() {
        assert_eq!(
            one("['a', 'b', 'c']"),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one("['a', 'b', '(c)']"),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one("['(a)', '(b)', 'c']"),
            drug(Some("(a)"), Some("(b)"), Some("c"))
        );
    }

    #[test]
    fn full_width_and_mismatched_parentheses() {
        assert_eq!(
            one("['a', '（利鲁唑片）']"),
            drug(Some("a"), None, Some("利鲁唑片"))
        );
        assert_eq!(one("['a', '(b）']"), drug(Some("a"), Some("(b）"), None));
        assert_eq!(one("['a', '（b)']"), drug(Some("a"), Some("（b)"), None));
        assert_eq!(one("['a', ' (b)']"), drug(Some("a"), Some(" (b)"), None));
        assert_eq!(one("['（）']"), drug(None, None, Some("")));
    }

    #[test]
    fn double_quotes() {
        assert_eq!(
            one(r#"["a", 'b', "(c)"]"#),
            drug(Some("a"), Some("b"), Some("c"))
        );
        assert_eq!(
            one(r#"["it's", 'say "hi"']"#),
            drug(Some("it's"), Some("say \"hi\""), None)
        );
    }

    #[test]
    fn every_escape() {
        let d = one(r#"['\\ \' \" \n \r \t \0 \x41\xfF \u4e2D\U0001F600', "\"\'"]"#);
        assert_eq!(d.brand.as_deref(), Some("\\ ' \" \n \r \t \0 A\u{ff} 中😀"));
        assert_eq!(d.product.as_deref(), Some("\"'"));
        assert!(matches!(d.brand, Some(Cow::Owned(_))));
    }

    #[test]
    fn unknown_escapes_keep_their_backslash() {
        let d = one(r"['\q\a\1\N{x}', '\01']");
        assert_eq!(d.brand.as_deref(), Some(r"\q\a\1\N{x}"));
        assert_eq!(d.product.as_deref(), Some("\u{0}1"));
    }

    #[test]
    fn non_bmp_characters() {
        assert_eq!(one("['😀', '(😀)']"), drug(Some("😀"), None, Some("😀")));
        assert_eq!(
            one(r"['\U0001f600', '(\U0001F600)']"),
            drug(Some("😀"), None, Some("😀"))
        );
        assert_eq!(one(r"['\U0010FFFF']").brand.as_deref(), Some("\u{10FFFF}"));
    }

    #[test]
    fn trailing_comma() {
        assert_eq!(one("['a',]"), drug(Some("a"), None, None));
        assert_eq!(one("['a', '(b)' , ]"), drug(Some("a"), None, Some("b")));
        assert_eq!(one("['a','b','c',]"), drug(Some("a"), Some("b"), Some("c")));
    }

    #[test]
    fn whitespace_everywhere() {
        let value = " \u{3000}[ 'a'\t,\u{a0}'b' ,'(c)' ]\u{a0}['d']['e' ,] \t";
        assert_eq!(
            parse_drugs(value).unwrap(),
            vec![
                drug(Some("a"), Some("b"), Some("c")),
                drug(Some("d"), None, None),
                drug(Some("e"), None, None),
            ]
        );
        // Whitespace inside a string is kept.
        assert_eq!(one("[' a b ']").brand.as_deref(), Some(" a b "));
    }

    #[test]
    fn escape_free_strings_are_borrowed() {
        let d = one("['协一力', '利鲁唑片', '（利鲁唑片）']");
        assert!(is_borrowed(&d.brand) && is_borrowed(&d.product) && is_borrowed(&d.generic));
        let d = one(r"['a\n', '(\x41)']");
        assert!(matches!(d.brand, Some(Cow::Owned(_))));
        assert_eq!(d.generic, Some(Cow::Owned("A".to_owned())));
        // An escaped parenthesis still marks the generic name.
        assert_eq!(one(r"['\x28b\x29']").generic.as_deref(), Some("b"));
    }

    #[test]
    fn expected_list() {
        assert_eq!(fault("x ['a']"), (ExpectedList, 0));
        assert_eq!(fault(" 药['a']"), (ExpectedList, 1));
        assert_eq!(fault("['a'] x"), (ExpectedList, 6));
        assert_eq!(fault("['a'],['b']"), (ExpectedList, 5));
        assert_eq!(fault("'a'"), (ExpectedList, 0));
        assert_eq!(fault("['a']\r"), (ExpectedList, 5));
        assert_eq!(fault("]"), (ExpectedList, 0));
    }

    #[test]
    fn unclosed_bracket() {
        for value in [
            "[",
            "[ ",
            "['a'",
            "['a', 'b'",
            "['a',",
            "['a', ",
            "['佐宁' ",
        ] {
            assert_eq!(fault(value), (UnclosedBracket, value.len()), "{value:?}");
        }
    }

    #[test]
    fn unterminated_string() {
        assert_eq!(fault("['abc"), (UnterminatedString, 1));
        assert_eq!(fault("['a', \"b]"), (UnterminatedString, 6));
        assert_eq!(
            fault("['佐宁', 'b"),
            (UnterminatedString, "['佐宁', ".len())
        );
        assert_eq!(fault("['a\"]"), (UnterminatedString, 1));
        assert_eq!(fault(r"['\']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\\"), (UnterminatedString, 1));
        assert_eq!(fault(r"['\x4"), (UnterminatedString, 1));
        assert_eq!(fault("['a\nb']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\\\nb']"), (UnterminatedString, 1));
        assert_eq!(fault("['a\r']"), (UnterminatedString, 1));
    }

    #[test]
    fn bad_escape() {
        let cases = [
            r"['ok', 'a\x4g']",
            r"['ok', 'a\x']",
            r"['ok', 'a\u12']",
            r"['ok', 'a\u12G4']",
            r"['ok', 'a\U0001F60']",
            r"['ok', 'a\ud800']",
            r"['ok', 'a\uDFFF']",
            r"['ok', 'a\U00110000']",
            r"['ok', 'a\UFFFFFFFF']",
            r"['ok', 'a\x+1']",
        ];
        for value in cases {
            assert_eq!(fault(value), (BadEscape, 9), "{value:?}");
        }
        // The first bad escape wins, after good ones and multibyte text.
        let value = r"['佐\n宁\q\u00e9\x1']";
        assert_eq!(fault(value), (BadEscape, value.find(r"\x1").unwrap()));
    }

    #[test]
    fn no_strings() {
        assert_eq!(fault("[]"), (NoStrings, 1));
        assert_eq!(fault("[ \u{3000}]"), (NoStrings, 5));
        assert_eq!(fault("['a'] []"), (NoStrings, 7));
    }

    #[test]
    fn too_many_strings() {
        assert_eq!(fault("['a','b','c','d']"), (TooManyStrings, 13));
        let value = "['佐', '宁', '(x)', \"d\"]";
        assert_eq!(fault(value), (TooManyStrings, value.find('"').unwrap()));
    }

    #[test]
    fn missing_comma() {
        assert_eq!(fault("['a' 'b']"), (MissingComma, 5));
        assert_eq!(fault("['a'\"b\"]"), (MissingComma, 4));
        assert_eq!(fault("['a','b','c' 'd']"), (MissingComma, 13));
        assert_eq!(fault("['''a''']"), (MissingComma, 3));
    }

    #[test]
    fn expected_string() {
        assert_eq!(fault("[,]"), (ExpectedString, 1));
        assert_eq!(fault("['a',,]"), (ExpectedString, 5));
        assert_eq!(fault("['a', ,]"), (ExpectedString, 6));
        assert_eq!(fault("[1]"), (ExpectedString, 1));
        assert_eq!(fault("[r'a']"), (ExpectedString, 1));
        assert_eq!(fault("[['a']]"), (ExpectedString, 1));
        assert_eq!(fault("[ 佐]"), (ExpectedString, 2));
    }

    #[test]
    fn expected_comma_or_bracket() {
        assert_eq!(fault("['a' x]"), (ExpectedCommaOrBracket, 5));
        assert_eq!(
            fault("['佐宁'x]"),
            (ExpectedCommaOrBracket, "['佐宁'".len())
        );
        assert_eq!(fault("['a')"), (ExpectedCommaOrBracket, 4));
    }

    #[test]
    fn nasty_inputs_fail_cleanly() {
        assert_eq!(fault("'"), (ExpectedList, 0));
        assert_eq!(fault("\\"), (ExpectedList, 0));
        assert_eq!(fault("['\\"), (UnterminatedString, 1));
        assert_eq!(fault(&"[".repeat(100_000)), (ExpectedString, 1));
        let many_quotes = format!("['{}", "\\'".repeat(50_000));
        assert_eq!(fault(&many_quotes), (UnterminatedString, 1));
        let long = format!("['{}']", "\\x41".repeat(50_000));
        assert_eq!(one(&long).brand.map(|b| b.len()), Some(50_000));
        let lists = "['a'] ".repeat(20_000);
        assert_eq!(parse_drugs(&lists).map(|d| d.len()), Ok(20_000));
    }

    /// A straightforward char-by-char reading of the grammar and the roles
    /// (string methods and `chars()`, no byte tricks), the oracle for the
    /// byte scanner.
    mod reference {
        use super::super::*;
        use crate::scan::is_space;
        use std::borrow::Cow;

        fn at(value: &str, rest: &str, kind: DrugFaultKind) -> DrugFault {
            DrugFault {
                kind,
                offset: value.len() - rest.len(),
            }
        }

        fn decode(text: &str, start: usize) -> Result<String, DrugFault> {
            let mut out = String::new();
            let mut chars = text.char_indices();
            while let Some((i, c)) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                let bad = DrugFault {
                    kind: DrugFaultKind::BadEscape,
                    offset: start + i,
                };
                let (_, e) = chars.next().ok_or(bad)?;
                let digits = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => {
                        out.push_str(match e {
                            '\\' => "\\",
                            '\'' => "'",
                            '"' => "\"",
                            'n' => "\n",
                            'r' => "\r",
                            't' => "\t",
                            '0' => "\0",
                            _ => "\\",
                        });
                        if !"\\'\"nrt0".contains(e) {
                            out.push(e);
                        }
                        continue;
                    }
                };
                let hex: String = chars.by_ref().take(digits).map(|(_, h)| h).collect();
                let c = (hex.chars().count() == digits
                    && hex.chars().all(|h| h.is_ascii_hexdigit()))
                .then(|| u32::from_str_radix(&hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
                .ok_or(bad)?;
                out.push(c);
            }
            Ok(out)
        }

        fn generic_of(s: &str) -> Option<&str> {
            s.strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .or_else(|| s.strip_prefix('（').and_then(|r| r.strip_suffix('）')))
        }

        fn strip(s: Cow<'_, str>) -> Result<Cow<'_, str>, Cow<'_, str>> {
            match s {
                Cow::Borrowed(b) => generic_of(b).map(Cow::Borrowed).ok_or(s),
                Cow::Owned(ref o) => match generic_of(o) {
                    Some(g) => Ok(Cow::Owned(g.to_owned())),
                    None => Err(s),
                },
            }
        }

        fn roles(mut strings: Vec<Cow<'_, str>>) -> Drug<'_> {
            let last = strings.pop().expect("1 to 3 strings");
            let mut drug = Drug::default();
            let (generic, other) = match strip(last) {
                Ok(g) => (Some(g), None),
                Err(s) if strings.len() == 2 => (Some(s), None),
                Err(s) => (None, Some(s)),
            };
            drug.generic = generic;
            let mut rest = strings.into_iter().chain(other);
            drug.brand = rest.next();
            drug.product = rest.next();
            drug
        }

        pub(super) fn parse(value: &str) -> Result<Vec<Drug<'_>>, DrugFault> {
            let mut drugs = Vec::new();
            let mut rest = value.trim_start_matches(is_space);
            while !rest.is_empty() {
                let Some(inside) = rest.strip_prefix('[') else {
                    return Err(at(value, rest, DrugFaultKind::ExpectedList));
                };
                let mut strings = Vec::new();
                rest = inside.trim_start_matches(is_space);
                loop {
                    let mut chars = rest.chars();
                    let quote = match chars.next() {
                        Some(q @ ('\'' | '"')) => q,
                        Some(']') if !strings.is_empty() => {
                            rest = chars.as_str();
                            break;
                        }
                        Some(']') => return Err(at(value, rest, DrugFaultKind::NoStrings)),
                        Some(_) => return Err(at(value, rest, DrugFaultKind::ExpectedString)),
                        None => return Err(at(value, rest, DrugFaultKind::UnclosedBracket)),
                    };
                    if strings.len() == 3 {
                        return Err(at(value, rest, DrugFaultKind::TooManyStrings));
                    }
                    let open = rest;
                    let body = chars.as_str();
                    let mut escaped = false;
                    loop {
                        match chars.next() {
                            None | Some('\n' | '\r') => {
                                return Err(at(value, open, DrugFaultKind::UnterminatedString))
                            }
                            Some('\\') => match chars.next() {
                                None | Some('\n' | '\r') => {
                                    return Err(at(value, open, DrugFaultKind::UnterminatedString))
                                }
                                Some(_) => escaped = true,
                            },
                            Some(c) if c == quote => break,
                            Some(_) => {}
                        }
                    }
                    let after = chars.as_str();
                    let text = &body[..body.len() - after.len() - 1];
                    strings.push(if escaped {
                        Cow::Owned(decode(text, value.len() - body.len())?)
                    } else {
                        Cow::Borrowed(text)
                    });
                    rest = after.trim_start_matches(is_space);
                    let mut chars = rest.chars();
                    match chars.next() {
                        Some(',') => rest = chars.as_str().trim_start_matches(is_space),
                        Some(']') => {
                            rest = chars.as_str();
                            break;
                        }
                        Some('\'' | '"') => {
                            return Err(at(value, rest, DrugFaultKind::MissingComma))
                        }
                        Some(_) => {
                            return Err(at(value, rest, DrugFaultKind::ExpectedCommaOrBracket))
                        }
                        None => return Err(at(value, rest, DrugFaultKind::UnclosedBracket)),
                    }
                }
                drugs.push(roles(strings));
                rest = rest.trim_start_matches(is_space);
            }
            Ok(drugs)
        }
    }

    /// Pieces that exercise every branch of the scanner: tokens, every
    /// whitespace character and near misses of their bytes (U+00A1 `C2 A1`,
    /// U+3001 `E3 80 81`, U+2003), escapes and their digits, both quotes and
    /// both kinds of parentheses, raw line breaks, and CJK and 4-byte text.
    const PIECES: &[&str] = &[
        "[",
        "]",
        "'",
        "\"",
        ",",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        "\u{a1}",
        "\u{3001}",
        "\u{2003}",
        "\\",
        "\n",
        "\r",
        "x",
        "u",
        "U",
        "4",
        "0",
        "f",
        "D800",
        "(",
        ")",
        "（",
        "）",
        "佐宁",
        "盐酸乙哌立松片",
        "😀",
        "a",
        "\u{0}",
        "['",
        "']",
        "', '",
        "\\'",
        "\\\"",
        "\\\\",
    ];

    /// A value drawn from [`PIECES`], mostly shaped like real drug lists.
    fn value_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(PIECES);
        let string = (
            prop_oneof![Just('\''), Just('"')],
            proptest::collection::vec(piece.clone(), 0..6),
        )
            .prop_map(|(q, parts)| format!("{q}{}{q}", parts.concat()));
        let tuple = (
            proptest::collection::vec(string, 0..5),
            proptest::sample::select(&[", ", ",", " ,\u{a0}", "\u{3000},"][..]),
            any::<bool>(),
        )
            .prop_map(|(strings, sep, trailing)| {
                format!("[{}{}]", strings.join(sep), if trailing { "," } else { "" })
            });
        prop_oneof![
            proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat()),
            proptest::collection::vec(tuple, 0..5).prop_map(|t| t.join(" ")),
        ]
    }

    fn same_as_reference(value: &str) {
        let got = parse_drugs(value);
        let want = reference::parse(value);
        assert_eq!(got, want, "{value:?}");
        // Borrowed exactly when the reference borrows too (no escape).
        if let (Ok(got), Ok(want)) = (got, want) {
            for (g, w) in got.iter().zip(&want) {
                for (gp, wp) in [
                    (&g.brand, &w.brand),
                    (&g.product, &w.product),
                    (&g.generic, &w.generic),
                ] {
                    assert_eq!(is_borrowed(gp), is_borrowed(wp), "{value:?}");
                }
            }
        }
    }

    #[test]
    fn agrees_with_the_reference_on_fixed_values() {
        for value in [
            SEED,
            "",
            "[\u{a0}'a'\u{3000},\t\"(b)\"\u{a0}]\u{3000}['c','d','（e）',]",
            "['a'\u{a1}]",
            "[\u{3001}'a']",
            "['a',\u{2003}'b']",
            r"['\x28b\x29', '\U0001F600', '\u00e9\0\q']",
            r#"["a\"b", 'c\'d', "\\"]"#,
            "['a\\\r']",
            "['佐宁', '(盐酸乙哌立松片)'] ['协一力\\'s', '利鲁唑片', '利鲁唑片']",
            "['a', 'b', 'c', 'd']",
            "['abcdefghijklmnop\\",
        ] {
            same_as_reference(value);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2048),
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn agrees_with_the_reference(value in value_strategy()) {
            same_as_reference(&value);
        }
    }

    #[test]
    fn drugs_and_faults_hash() {
        use std::collections::HashSet;
        let drugs: HashSet<Drug<'_>> = parse_drugs(SEED).unwrap().into_iter().collect();
        // The seed lists `['妙纳', '(盐酸乙哌立松片)']` twice.
        assert_eq!(drugs.len(), 5);
        assert!(drugs.contains(&drug(Some("妙纳"), None, Some("盐酸乙哌立松片"))));
        let faults: HashSet<DrugFault> = ["[]", "[ ]", "[]"]
            .into_iter()
            .filter_map(|v| parse_drugs(v).err())
            .collect();
        assert_eq!(faults.len(), 2);
        let kinds: HashSet<DrugFaultKind> = [NoStrings, NoStrings, BadEscape].into();
        assert_eq!(kinds.len(), 2);
    }

    #[test]
    fn fault_messages() {
        for kind in [
            ExpectedList,
            UnclosedBracket,
            UnterminatedString,
            BadEscape,
            NoStrings,
            TooManyStrings,
            MissingComma,
            ExpectedString,
            ExpectedCommaOrBracket,
            UnbalancedBracket,
        ] {
            let message = kind.to_string();
            assert!(
                message.starts_with(|c: char| c.is_ascii_lowercase()),
                "{message}"
            );
            assert!(!message.ends_with('.'), "{message}");
        }
        assert_eq!(
            NoStrings.to_string(),
            "a tuple needs 1 to 3 strings, found none"
        );
        let f = parse_drugs("[]").unwrap_err();
        assert_eq!(
            f.to_string(),
            "a tuple needs 1 to 3 strings, found none at byte 1"
        );
    }
}
