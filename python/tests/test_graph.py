"""to_graph writes what the to_graph example writes, and a medical.json-style
loader fed by iter_records(schema="medical") builds the same graph."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import Any

import jibing
from conftest import FIXTURE, FIXTURE_GRAPH, Examples


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_fixture_export_equals_the_golden_files(tmp_path: Path) -> None:
    counts = jibing.to_graph([FIXTURE], tmp_path)
    assert files(tmp_path) == files(FIXTURE_GRAPH)
    assert counts["records"] == 1 and counts["unnamed"] == 0
    assert counts["nodes"]["Disease"] == 3
    assert counts["relationships"]["Disease-belongs_to-Department"] == 1


def test_a_corpus_export_equals_the_examples(
    examples: Examples, corpus: Path, tmp_path: Path
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        counts = jibing.to_graph([corpus, FIXTURE], ours)
    examples.run("to_graph", "--out", str(theirs), str(corpus), str(FIXTURE))
    assert files(ours) == files(theirs)
    assert counts["records"] == 401
    assert sum(counts["nodes"].values()) > 400


def test_records_left_out_are_warned_about(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(
        "简介 甲\n\n病因 乙病病因受凉。\n预防 乙病预防保暖。\n\n病因 乙病病因着凉。\n预防 乙病预防多喝水。\n",
        encoding="utf-8",
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        counts = jibing.to_graph(str(path), tmp_path / "out")
    assert (counts["records"], counts["unnamed"], counts["repeated"]) == (3, 1, 1)
    lines = [w.message.lineno for w in caught if isinstance(w.message, jibing.FormatWarning)]
    assert lines == [1, 6]


# The QA projects' loader (build_medicalgraph.py), as they write it, with the
# `json.loads(line)` of each line replaced by the records of iter_records.
RELATIONS = {
    "recommand_eat": ("recommand_eat", "Food"),
    "not_eat": ("no_eat", "Food"),
    "do_eat": ("do_eat", "Food"),
    "common_drug": ("common_drug", "Drug"),
    "recommand_drug": ("recommand_drug", "Drug"),
    "check": ("need_check", "Check"),
    "symptom": ("has_symptom", "Symptom"),
    "acompany": ("acompany_with", "Disease"),
}


def read_nodes(path: str) -> dict[str, Any]:
    nodes: dict[str, set[str]] = {label: set() for label in
                                  ("Disease", "Drug", "Food", "Check", "Department", "Producer", "Symptom")}
    rels: dict[str, set[tuple[str, str]]] = {}

    def rel(kind: str, a: str, b: str) -> None:
        rels.setdefault(kind, set()).add((a, b))

    for data in jibing.iter_records(path, schema="medical"):
        disease = data["name"]
        if not disease:
            continue
        nodes["Disease"].add(disease)
        for key, (kind, label) in RELATIONS.items():
            for item in data[key]:
                nodes[label].add(item)
                rel(kind, disease, item)
        departments = data["cure_department"]
        for department in departments:
            nodes["Department"].add(department)
        if len(departments) == 1:
            rel("belongs_to", disease, departments[0])
        if len(departments) == 2:
            rel("belongs_to", departments[1], departments[0])
            rel("belongs_to", disease, departments[1])
        for detail in data["drug_detail"]:
            producer, _, drug = detail.partition("(")
            if drug.endswith(")"):
                nodes["Producer"].add(producer)
                rel("drugs_of", producer, drug[:-1])
    return {"nodes": nodes, "rels": rels}


def read_export(root: Path) -> dict[str, Any]:
    names: dict[str, dict[str, str]] = {}
    nodes: dict[str, set[str]] = {}
    for path in sorted((root / "nodes").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))[1:]
        names[path.stem] = {row[0]: row[1] for row in rows}
        nodes[path.stem] = set(names[path.stem].values())
    rels: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((root / "relationships").glob("*.csv")):
        start, kind, end = path.stem.split("-")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))[1:]
        pairs = {(names[start][row[0]], names[end][row[1]]) for row in rows}
        rels.setdefault(kind, set()).update(pairs)
    return {"nodes": nodes, "rels": rels}


def test_a_medical_json_loader_builds_the_graph_to_graph_writes(
    corpus: Path, tmp_path: Path
) -> None:
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        jibing.to_graph([corpus], tmp_path)
    exported = read_export(tmp_path)
    loaded = read_nodes(str(corpus))
    # Every node of every label and every relationship of every type.
    assert loaded["nodes"] == exported["nodes"]
    assert loaded["rels"] == exported["rels"]
    assert len(exported["rels"]) == 10  # belongs_to covers both of its files
    assert all(exported["rels"].values()) and all(exported["nodes"].values())


def test_to_graph_releases_the_gil(corpus: Path, tmp_path: Path) -> None:
    # to_graph reads a named pipe that this thread, running Python, fills:
    # were the GIL held while it waits for the pipe, neither could go on
    # (the watchdog then ends the run with the tracebacks).
    import faulthandler
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result: dict[str, Any] = {}

    def export() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result["counts"] = jibing.to_graph([fifo], tmp_path / "out")

    faulthandler.dump_traceback_later(120, exit=True)
    try:
        worker = threading.Thread(target=export)
        worker.start()
        with open(fifo, "wb") as pipe:
            pipe.write(corpus.read_bytes())
        worker.join()
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert result["counts"]["records"] == 400
