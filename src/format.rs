//! The format reference: everything `jibing` reads, in one place.
#![doc = include_str!("format.md")]

#[cfg(test)]
mod tests {
    /// The sources the production table names, by their path under `src/`.
    const SOURCES: [(&str, &str); 8] = [
        ("grammar/line.rs", include_str!("grammar/line.rs")),
        ("grammar/record.rs", include_str!("grammar/record.rs")),
        ("grammar/scalar.rs", include_str!("grammar/scalar.rs")),
        ("grammar/causes.rs", include_str!("grammar/causes.rs")),
        ("grammar/drugs.rs", include_str!("grammar/drugs.rs")),
        (
            "grammar/drug_detail.rs",
            include_str!("grammar/drug_detail.rs"),
        ),
        ("grammar/name.rs", include_str!("grammar/name.rs")),
        ("scan.rs", include_str!("scan.rs")),
    ];

    /// The files whose doc comments quote rules.
    const QUOTING: [&str; 8] = [
        "grammar/line.rs",
        "grammar/record.rs",
        "grammar/scalar.rs",
        "grammar/causes.rs",
        "grammar/drugs.rs",
        "grammar/drug_detail.rs",
        "grammar/name.rs",
        "scan.rs",
    ];

    const FORMAT: &str = include_str!("format.md");

    /// `text` with every run of whitespace made one space.
    fn collapsed(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The EBNF rules a source's doc comments quote: each line of a
    /// `text` block, and each doc line that is one `` `rule = … ;` ``.
    fn quoted_rules(source: &str) -> Vec<String> {
        let mut rules = Vec::new();
        let mut in_text = false;
        for line in source.lines() {
            let Some(doc) = line.trim_start().strip_prefix("///") else {
                continue;
            };
            let doc = doc.trim();
            if doc.starts_with("```") {
                in_text = !in_text && doc == "```text";
            } else if in_text && !doc.is_empty() {
                rules.push(doc.to_owned());
            } else if let Some(rule) = doc.strip_prefix('`').and_then(|d| d.strip_suffix(";`")) {
                if rule.contains(" = ") {
                    rules.push(format!("{rule};"));
                }
            }
        }
        rules
    }

    #[test]
    fn every_quoted_rule_is_in_the_format_reference() {
        let format = collapsed(FORMAT);
        let mut count = 0;
        for (path, source) in SOURCES.iter().filter(|(path, _)| QUOTING.contains(path)) {
            for rule in quoted_rules(source) {
                assert!(format.contains(&collapsed(&rule)), "{path}: {rule}");
                count += 1;
            }
        }
        assert!(count >= 20, "only {count} rules quoted");
    }

    #[test]
    fn every_production_in_the_table_is_a_function_there() {
        let table = FORMAT
            .split("### Where each production is parsed")
            .nth(1)
            .expect("the table's heading");
        let mut rows = 0;
        for row in table.lines().filter(|l| l.starts_with("| `")) {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let path = cells[1].trim_matches('`');
            let source = SOURCES
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, s)| *s)
                .unwrap_or_else(|| panic!("no source {path}"));
            for name in cells[2].split(',').map(|n| n.trim().trim_matches('`')) {
                let defined = ["(", "<"]
                    .iter()
                    .any(|open| source.contains(&format!("fn {name}{open}")))
                    || source.contains(&format!("struct {name} "))
                    || source.contains(&format!("struct {name}<"));
                assert!(defined, "{path} has no fn {name}");
            }
            rows += 1;
        }
        assert_eq!(rows, SOURCES.len());
    }
}
