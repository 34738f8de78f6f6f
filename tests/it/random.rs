//! Deterministic random inputs for the tests: a small generator, random
//! corpora, and the proptest configuration every suite uses.

/// A small deterministic xorshift generator (no dependencies).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A random corpus of 简介 lines, unknown-label lines and blank lines of
/// every kind, with LF or CRLF endings, an optional BOM and an optional
/// final newline. Every non-简介 label is unknown, so lenient parsing keeps
/// every such line in `extra` with its line number.
pub fn random_corpus(rng: &mut Rng) -> String {
    const BLANKS: [&str; 7] = [
        "",
        " ",
        "\t",
        "\u{a0}",
        "\u{3000}",
        " \u{3000}\t\u{a0} ",
        "  ",
    ];
    const LEADS: [&str; 4] = ["", " ", "\u{3000}", "\t\u{a0}"];
    const SEPS: [&str; 4] = [" ", "\u{3000}", "\u{a0}", " \t"];
    const PADS: [&str; 4] = ["", " ", "  ", "\u{3000}"];
    let mut out = String::new();
    if rng.below(4) == 0 {
        out.push('\u{feff}');
    }
    let lines = rng.below(14);
    for i in 0..lines {
        let line = match rng.below(10) {
            0..=2 => {
                let value = if rng.below(5) == 0 {
                    String::new()
                } else {
                    format!("{}{}甲{i}", rng.pick(&SEPS), "")
                };
                format!("{}简介{value}{}", rng.pick(&LEADS), rng.pick(&PADS))
            }
            3..=5 => rng.pick(&BLANKS).to_owned(),
            6 => format!("{}简介x{}v{i}", rng.pick(&LEADS), rng.pick(&SEPS)),
            7 => format!("简{}介", rng.pick(&SEPS)),
            _ => format!(
                "{}别名{i}{}值{i}{}",
                rng.pick(&LEADS),
                rng.pick(&SEPS),
                rng.pick(&PADS)
            ),
        };
        out.push_str(&line);
        let last = i + 1 == lines;
        if !last || rng.below(3) != 0 {
            out.push_str(if rng.below(3) == 0 { "\r\n" } else { "\n" });
        }
    }
    out
}

/// A proptest suite's configuration: `default` cases unless the
/// `PROPTEST_CASES` environment variable says otherwise, failing cases
/// saved in `file` (`proptest-regressions/SUITE.txt`).
pub fn proptest_config(default: u32, file: &'static str) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, FileFailurePersistence};
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))),
        ..Config::default()
    }
}
