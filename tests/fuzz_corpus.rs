//! Replays the fuzz seed corpora (`fuzz/corpus/*/`) and saved findings
//! (`fuzz/regressions/*/`) through the same checks as the fuzz targets, on
//! stable Rust. Files are run through both checks whatever their directory.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn inputs(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut files = Vec::new();
    let Ok(targets) = std::fs::read_dir(&root) else {
        return files;
    };
    for target in targets.flatten() {
        let Ok(entries) = std::fs::read_dir(target.path()) else {
            continue;
        };
        files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
    }
    files.sort();
    files
}

fn replay(dir: &str) -> usize {
    let files = inputs(dir);
    for path in &files {
        let data = std::fs::read(path).expect("readable corpus file");
        let name = path.display().to_string();
        let run = |check: fn(&[u8]), target: &str| {
            if std::panic::catch_unwind(|| check(&data)).is_err() {
                panic!("{target} check failed on {name}");
            }
        };
        run(checks::check_parse, "parse");
        run(checks::check_reader, "reader");
    }
    files.len()
}

#[test]
fn seed_corpus() {
    assert!(
        replay("corpus") > 0,
        "no seed corpus found under fuzz/corpus"
    );
}

#[test]
fn regressions() {
    replay("regressions");
}
