#!/usr/bin/env python3
"""Fails when a dependency that users compile declares a newer Rust than ours.

Reads `cargo metadata` (the resolved graph of Cargo.lock, all features, all
targets) and walks it from this crate along normal and build dependencies
only: dev-dependencies (criterion, proptest, ...) build only our own tests
and benches, so they may need a newer Rust. Every package reached must
declare a `rust-version` no newer than this crate's; a package that declares
none is held to the oldest Rust its edition allows (2024 needs 1.85).

Usage: .ci/msrv_deps.py [--manifest-path Cargo.toml]   (exit status 1 on a failure)
"""

import json
import subprocess
import sys

EDITION_MINIMUM = {"2015": "1.0", "2018": "1.31", "2021": "1.56", "2024": "1.85"}


def version(text):
    """'1.82' or '1.82.0' -> (1, 82, 0)."""
    parts = [int(p) for p in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main(argv):
    command = ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"]
    command += argv
    metadata = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    packages = {p["id"]: p for p in metadata["packages"]}
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}
    root_id = metadata["resolve"]["root"]
    if root_id is None:
        sys.exit("msrv_deps: run it on the crate, not on a virtual workspace")
    root = packages[root_id]
    if not root.get("rust_version"):
        sys.exit(f"msrv_deps: {root['name']} declares no rust-version")
    ours = version(root["rust_version"])

    # Breadth-first over normal and build edges; the first path found to a
    # package is the one reported.
    via = {root_id: None}
    queue = [root_id]
    for package_id in queue:
        for dep in nodes[package_id]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds <= {"dev"} or dep["pkg"] in via:
                continue
            via[dep["pkg"]] = package_id
            queue.append(dep["pkg"])

    def path(package_id):
        names = []
        while package_id is not None:
            names.append(packages[package_id]["name"])
            package_id = via[package_id]
        return " <- ".join(names)

    too_new = []
    for package_id in queue[1:]:
        package = packages[package_id]
        declared = package.get("rust_version")
        needs = declared or EDITION_MINIMUM.get(package["edition"], "0")
        source = "rust-version" if declared else f"edition {package['edition']}"
        status = "ok"
        if version(needs) > ours:
            status = "TOO NEW"
            too_new.append(package_id)
        print(f"{status:8} {package['name']} {package['version']}: {needs} ({source})")

    print(f"{root['name']} rust-version {root['rust_version']}: "
          f"{len(queue) - 1} runtime and build dependencies checked")
    for package_id in too_new:
        package = packages[package_id]
        print(f"error: {package['name']} {package['version']} needs Rust "
              f"{package.get('rust_version') or 'for edition ' + package['edition']}, newer than "
              f"{root['name']}'s rust-version {root['rust_version']} (via {path(package_id)})",
              file=sys.stderr)
    return 1 if too_new else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
