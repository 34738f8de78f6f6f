//! The character classes of `jibing::format`, written without the crate.

/// Whitespace (section "Whitespace"): space, tab, U+00A0 and U+3000.
pub const WS: [char; 4] = [' ', '\t', '\u{a0}', '\u{3000}'];

/// Whether `c` is in [`WS`].
pub fn is_ws(c: char) -> bool {
    WS.contains(&c)
}

/// The stop characters of a causes item name: the clause stops and the
/// commas.
pub fn is_stop(c: char) -> bool {
    is_clause_stop(c) || matches!(c, '，' | ',' | '、')
}

/// The sentence and clause stops, which end a disease name (commas may
/// stand in one: `胃、十二指肠溃疡出血`).
pub fn is_clause_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '：' | ':')
}
