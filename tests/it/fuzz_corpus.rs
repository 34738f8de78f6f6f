//! Replays the fuzz seed corpora (`fuzz/corpus/<target>/`) and saved
//! findings (`fuzz/regressions/<target>/`) through the same checks as the
//! fuzz targets (`tests/support/`), on stable Rust.
//!
//! The directory name picks the checks: `structured` inputs are `arbitrary`
//! record descriptions and go through `check_structured` only, `edit`
//! inputs are `arbitrary` documents and edits and go through `check_edit`
//! only; `parse`,
//! `reader` and `roundtrip` inputs are plain bytes and go through all three
//! byte checks (each accepts any bytes). Any other directory name fails the
//! test, so a new target must be added here. From the published package,
//! which leaves `fuzz/` out, there is nothing to replay (see `seed_corpus`).

use std::path::{Path, PathBuf};

use crate::support;

/// `(target, file)` for every file under `fuzz/<dir>/<target>/`.
fn inputs(dir: &str) -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz").join(dir);
    let mut files = Vec::new();
    let Ok(targets) = std::fs::read_dir(&root) else {
        return files;
    };
    for target in targets.flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir(target.path()) else {
            continue;
        };
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .map(|p| (name.clone(), p)),
        );
    }
    files.sort();
    files
}

/// A named check.
type Check = (&'static str, fn(&[u8]));

fn checks_for(target: &str) -> &'static [Check] {
    match target {
        "parse" | "reader" | "roundtrip" => &[
            ("parse", support::check_parse),
            ("reader", support::check_reader),
            ("roundtrip", support::check_roundtrip),
        ],
        "structured" => &[("structured", support::check_structured)],
        "edit" => &[("edit", support::check_edit)],
        #[cfg(feature = "encoding")]
        "encoding" => &[("encoding", support::check_encoding)],
        #[cfg(not(feature = "encoding"))]
        "encoding" => &[],
        "medical" => &[("medical", support::check_medical)],
        other => panic!("fuzz corpus directory {other:?} belongs to no known target"),
    }
}

fn replay(dir: &str) -> usize {
    let files = inputs(dir);
    let mut ran = 0;
    for (target, path) in &files {
        let data = std::fs::read(path).expect("readable corpus file");
        for (check, run) in checks_for(target) {
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                panic!("{check} check failed on {}", path.display());
            }
        }
        ran += 1;
    }
    ran
}

/// Whether the tests run from an unpacked package (a `.crate` from
/// crates.io or `cargo package`) rather than the repository. Cargo writes
/// the manifest as written to `Cargo.toml.orig` in every package (and its
/// normalised form to `Cargo.toml`); a checkout never has that file. It is
/// a surer sign than `.cargo_vcs_info.json`, which cargo leaves out when
/// it packages from outside a git checkout.
fn in_package() -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("Cargo.toml.orig")
        .is_file()
}

#[test]
fn seed_corpus() {
    // The package leaves out `fuzz/` (`exclude` in Cargo.toml), so from an
    // unpacked package there is nothing to replay: say so and pass. In the
    // repository the corpus must be there; a missing or empty one fails, so
    // that a moved or deleted corpus cannot make this test pass silently.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    if !root.is_dir() && in_package() {
        eprintln!(
            "seed_corpus: skipped: {} is not in the published package",
            root.display()
        );
        return;
    }
    assert!(
        replay("corpus") > 0,
        "no seed corpus found under {}",
        root.display()
    );
}

#[test]
fn regressions() {
    replay("regressions");
}
