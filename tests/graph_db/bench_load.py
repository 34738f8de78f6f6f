#!/usr/bin/env python3
"""Time loading a `to_graph` export into Kùzu: bulk `COPY … FROM` against one statement per item.

    bench_load.py EXPORT_DIR [--records-file FILE] [--limit-rels N] [--db DIR] [--replan]

The Chinese medical QA project (QASystemOnMedicalKG, `build_medicalgraph.py`)
fills its graph through py2neo one Cypher statement at a time: a `CREATE`
per node and a `MATCH (p:Disease),(q:Food) WHERE p.name=… AND q.name=…
CREATE (p)-[rel:no_eat{name:'忌吃'}]->(q)` per relationship, each its own
auto-committed transaction. This script measures both ways into the same
embedded database (LadybugDB, the maintained fork of Kùzu, pinned by run.sh), from the same files:

1. bulk: a fresh database, the schema of check.py, and one `COPY` per
   file (check.py's `schema_statements()` and `copy_statements()`;
   its `load()` is not timed as a whole because it also reads every file a
   second time to check the :LABEL/:TYPE column, which is no part of a load);
2. one at a time: another fresh database with the same schema, then one
   auto-committed `CREATE (n:Label {id: $p0, name: $p1, …})` per node row of
   the node files (Disease with all its properties, as build_medicalgraph.py
   does), then one auto-committed
   `MATCH (a:From {name: $a}), (b:To {name: $b}) CREATE (a)-[:type {name: $n}]->(b)`
   per relationship row, its endpoints found by NAME as the original does
   (the exported IDs are mapped to names from the node files first).

Differences from py2neo that all favour the one-at-a-time path, so its
time is a lower bound: no network round trip (Kùzu is embedded), and each
statement shape is prepared once and executed with new parameters (as a
server's plan cache would), unless --replan asks to parse and plan every
statement again (`Connection.execute(text, params)`, Kùzu's usual call).
Kùzu's node tables need their primary key, so nodes are created with the
exported `id` besides the name; the relationships still find their ends by
name, through a scan of the label as in a Neo4j without a name index.

--limit-rels N sends only part of the relationships: the first rows of
every relationship file, in proportion to the file's size (N in all), so
that every type, and the label scanned for its ends, is represented. The
full time is then EXTRAPOLATED linearly per file (measured seconds per
relationship of that file × the file's rows) and printed as such, with the
number it was measured from; the first and second half of each file's sample
are timed apart, so a rate that grows as the database fills shows.

At the end both databases are counted (nodes per label, relationships per
file) and compared with the rows each was given: the bulk database must
hold every row, the one-at-a-time one every row it was sent, and both the
same Disease properties and the same relationships by ID for the part
loaded both ways. Exit status 1 if they differ, 2 on a file or load error.
The two databases are left under --db for inspection.
"""

import argparse
import csv
import os
import sys
import time
import warnings

sys.dont_write_bytecode = True  # no __pycache__ beside check.py in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import (  # noqa: E402  (beside this script; no schema is written twice)
    ARRAY_PROPS,
    DISEASE_PROPS,
    NODE_LABELS,
    REL_FILES,
    TAB,
    LoadError,
    check_layout,
    copy_statements,
    fresh_db,
    node_header,
    q,
    rel_key,
    rows,
)

PROGRESS_EVERY = 30.0  # seconds between progress lines of the one-at-a-time path


# ---------------------------------------------------------------------------
# Reading the export the way a Python loader would


def read_nodes(export_dir):
    """label -> [(id, name, {prop: value})], values as the COPY path stores them."""
    out = {}
    for label in NODE_LABELS:
        path = os.path.join(export_dir, "nodes", f"{label}.csv")
        header = node_header(label)
        props = [col.split(":")[0] for col in header[2:-1]]
        nodes = []
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            next(reader)
            for line, row in enumerate(reader, start=2):
                if len(row) != len(header) or row[-1] != label:
                    raise LoadError(f"{path}:{line}: {len(row)} fields ending {row[-1:]}, "
                                    f"expected {len(header)} ending {label!r}")
                values = {}
                for prop, text in zip(props, row[2:-1]):
                    # An empty field is an absent property (COPY reads it as NULL).
                    if text == "":
                        values[prop] = None
                    elif prop in ARRAY_PROPS:
                        values[prop] = text.split(TAB)
                    else:
                        values[prop] = text
                nodes.append((int(row[0]), row[1], values))
        out[label] = nodes
    return out


def read_rels(export_dir, names):
    """rel file key -> [(from name, to name, from id, to id, rel name)], in file order."""
    out = {}
    for frm, typ, to, _ in REL_FILES:
        key = rel_key(frm, typ, to)
        path = os.path.join(export_dir, "relationships", key + ".csv")
        rels = []
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            next(reader)
            for line, row in enumerate(reader, start=2):
                try:
                    s, e, t, n = row
                    a, b = names[frm][int(s)], names[to][int(e)]
                except (ValueError, KeyError) as err:
                    raise LoadError(f"{path}:{line}: {row!r}: {err!r}") from err
                if t != typ:
                    raise LoadError(f"{path}:{line}: type {t!r}, expected {typ!r}")
                rels.append((a, b, int(s), int(e), n))
        out[key] = rels
    return out


def share(sizes, limit):
    """How many rows of each file: `limit` in all, in proportion to the sizes (largest remainders)."""
    total = sum(sizes.values())
    if limit is None or limit >= total:
        return dict(sizes)
    exact = {k: limit * n / total for k, n in sizes.items()}
    take = {k: int(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - take[k], reverse=True)[: limit - sum(take.values())]:
        take[k] += 1
    return take


# ---------------------------------------------------------------------------
# The two paths


def bulk_load(lbug, export_dir, db_dir):
    """Schema and one COPY per file into a fresh database; (db, conn, seconds, per-file seconds)."""
    per_file = []
    start = time.perf_counter()
    db, conn = fresh_db(lbug, db_dir)
    for what, copy, _marker, _label in copy_statements(export_dir):
        t = time.perf_counter()
        try:
            result = conn.execute(copy, {"tab": TAB} if "$tab" in copy else {})
        except RuntimeError as err:
            raise LoadError(f"{what}: Kùzu refused the file: {err}") from err
        message = result.get_next()[0]
        per_file.append((what, time.perf_counter() - t, message))
    return db, conn, time.perf_counter() - start, per_file


class Statements:
    """Run one statement shape again and again, each call its own auto-committed transaction."""

    def __init__(self, conn, query, replan):
        self.conn = conn
        self.query = query
        if replan:
            self.stmt = query
        else:
            with warnings.catch_warnings():
                # Kùzu 0.11 calls a separate prepare deprecated; it still works.
                warnings.simplefilter("ignore", DeprecationWarning)
                self.stmt = conn.prepare(query)

    def run(self, params):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.conn.execute(self.stmt, params)


class Progress:
    def __init__(self, what, total):
        self.what, self.total, self.done = what, total, 0
        self.start = self.last = time.perf_counter()

    def step(self):
        self.done += 1
        now = time.perf_counter()
        if now - self.last >= PROGRESS_EVERY:
            self.last = now
            rate = self.done / (now - self.start)
            print(f"    … {self.what}: {self.done}/{self.total} in {now - self.start:.0f} s "
                  f"({rate:.0f}/s, {(self.total - self.done) / rate:.0f} s to go)", flush=True)


def one_at_a_time(lbug, db_dir, nodes, rels, take, replan):
    """Every node and the first take[key] rows of each relationship file, one statement each.

    Returns (db, conn, node seconds, {key: (seconds, first-half seconds, second-half seconds)}).
    """
    db, conn = fresh_db(lbug, db_dir)
    progress = Progress("nodes", sum(len(v) for v in nodes.values()))
    start = time.perf_counter()
    for label in NODE_LABELS:
        props = ["id", "name"] + (DISEASE_PROPS if label == "Disease" else [])
        # Parameters are named p0, p1, …: `$desc` is refused (a keyword).
        sets = ", ".join(f"{q(p)}: $p{i}" for i, p in enumerate(props))
        stmt = Statements(conn, f"CREATE (n:{q(label)} {{{sets}}})", replan)
        for node_id, name, values in nodes[label]:
            params = {"p0": node_id, "p1": name}
            params.update({f"p{i}": values[p] for i, p in enumerate(props) if i >= 2})
            stmt.run(params)
            progress.step()
    node_seconds = time.perf_counter() - start

    progress = Progress("relationships", sum(take.values()))
    rel_seconds = {}
    for frm, typ, to, _ in REL_FILES:
        key = rel_key(frm, typ, to)
        stmt = Statements(
            conn,
            f"MATCH (a:{q(frm)} {{name: $a}}), (b:{q(to)} {{name: $b}}) "
            f"CREATE (a)-[:{q(typ)} {{name: $n}}]->(b)",
            replan,
        )
        sample = rels[key][: take[key]]
        half = len(sample) // 2
        t0 = time.perf_counter()
        t_half = t0
        for i, (a, b, _s, _e, n) in enumerate(sample):
            if i == half:
                t_half = time.perf_counter()
            stmt.run({"a": a, "b": b, "n": n})
            progress.step()
        t1 = time.perf_counter()
        rel_seconds[key] = (t1 - t0, t_half - t0, t1 - t_half)
    return db, conn, node_seconds, rel_seconds


# ---------------------------------------------------------------------------
# Checks


def counts(conn):
    node_n = {label: rows(conn, f"MATCH (n:{q(label)}) RETURN count(n)")[0][0] for label in NODE_LABELS}
    rel_n = {
        rel_key(f, t, to): rows(conn, f"MATCH (:{q(f)})-[r:{q(t)}]->(:{q(to)}) RETURN count(r)")[0][0]
        for f, t, to, _ in REL_FILES
    }
    return node_n, rel_n


def compare(bulk_conn, one_conn, nodes, rels, take):
    """Print and return the differences between the databases and the rows each was given."""
    problems = []
    b_nodes, b_rels = counts(bulk_conn)
    o_nodes, o_rels = counts(one_conn)
    for label in NODE_LABELS:
        want = len(nodes[label])
        if not b_nodes[label] == o_nodes[label] == want:
            problems.append(f"{label} nodes: bulk {b_nodes[label]}, one at a time {o_nodes[label]}, rows {want}")
    for key in rels:
        if b_rels[key] != len(rels[key]):
            problems.append(f"{key}: bulk has {b_rels[key]} relationships, the file {len(rels[key])} rows")
        if o_rels[key] != take[key]:
            problems.append(f"{key}: one at a time has {o_rels[key]} relationships, {take[key]} were sent")

    # The same Disease properties both ways (the heaviest rows, arrays included).
    props = ", ".join(f"d.{q(p)}" for p in ["id", "name"] + DISEASE_PROPS)
    query = f"MATCH (d:Disease) RETURN {props} ORDER BY d.id"
    if rows(bulk_conn, query) != rows(one_conn, query):
        problems.append("the Disease nodes' properties differ between the databases")

    # The same relationships, by the IDs of their ends, for the part loaded both ways.
    for frm, typ, to, _ in REL_FILES:
        key = rel_key(frm, typ, to)
        query = f"MATCH (a:{q(frm)})-[r:{q(typ)}]->(b:{q(to)}) RETURN a.id, b.id, r.name"
        sent = {(s, e, n) for _a, _b, s, e, n in rels[key][: take[key]]}
        bulk = {tuple(r) for r in rows(bulk_conn, query)}
        one = {tuple(r) for r in rows(one_conn, query)}
        if one != sent or not sent <= bulk or len(bulk) != len(rels[key]):
            problems.append(f"{key}: the relationships differ (sent {len(sent)}, one at a time {len(one)}, "
                            f"of them in bulk {len(one & bulk)})")
    return (b_nodes, b_rels, o_nodes, o_rels), problems


# ---------------------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export_dir", help="the directory `to_graph --out` wrote")
    parser.add_argument("--records-file", help="the corpus the export was made from (only described)")
    parser.add_argument("--limit-rels", type=int, help="send only N relationships one at a time and extrapolate")
    parser.add_argument("--db", default="target/graph_db/bench", help="directory for the two databases")
    parser.add_argument("--replan", action="store_true",
                        help="parse and plan every one-at-a-time statement anew instead of preparing once")
    args = parser.parse_args(argv)
    if args.limit_rels is not None and args.limit_rels < 1:
        parser.error("--limit-rels must be at least 1")

    try:
        import ladybug as lbug  # pylint: disable=import-outside-toplevel
    except ImportError as err:
        print(f"error: {err}: run tests/graph_db/run.sh, which installs the pinned ladybug", file=sys.stderr)
        return 2

    print(f"ladybug {lbug.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs "
          f"(load average now {', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    if args.records_file:
        with open(args.records_file, encoding="utf-8") as f:
            text = f.read()
        print(f"corpus: {args.records_file}, {len(text.encode('utf-8')) / 1e6:.1f} MB, "
              f"{sum(1 for line in text.splitlines() if line.startswith('简介'))} lines starting with 简介")
        del text
    try:
        check_layout(args.export_dir)
        nodes = read_nodes(args.export_dir)
        names = {label: {i: name for i, name, _ in v} for label, v in nodes.items()}
        rels = read_rels(args.export_dir, names)
    except (LoadError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    n_nodes = sum(len(v) for v in nodes.values())
    n_rels = sum(len(v) for v in rels.values())
    take = share({k: len(v) for k, v in rels.items()}, args.limit_rels)
    n_sent = sum(take.values())
    print(f"export: {args.export_dir}, {n_nodes} nodes, {n_rels} relationships")

    print(f"== bulk: schema + {len(NODE_LABELS) + len(REL_FILES)} COPY statements into {args.db}/bulk")
    try:
        _bdb, bconn, bulk_s, per_file = bulk_load(lbug, args.export_dir, os.path.join(args.db, "bulk"))
    except LoadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for what, secs, message in per_file:
        print(f"  {secs:7.2f} s  {what}: {message}")
    print(f"  bulk: {bulk_s:.2f} s in all (schema included)", flush=True)

    how = "parsed and planned anew each time" if args.replan else "prepared once per shape"
    print(f"== one at a time: {n_nodes} CREATE + {n_sent} MATCH…CREATE statements, each auto-committed, "
          f"{how}, into {args.db}/one")
    try:
        _odb, oconn, node_s, rel_s = one_at_a_time(
            lbug, os.path.join(args.db, "one"), nodes, rels, take, args.replan)
    except (LoadError, RuntimeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"  {node_s:7.2f} s  {n_nodes} nodes ({node_s / n_nodes * 1e3:.2f} ms each)")
    estimate = 0.0
    for key, (secs, first, second) in rel_s.items():
        n, total = take[key], len(rels[key])
        if n == 0:
            print(f"  {key}: none sent of {total}" + ("  (NOT MEASURED: counted as 0 s)" if total else ""))
            continue
        half = n // 2
        drift = (f", first half {first / half * 1e3:.2f} ms, second {second / (n - half) * 1e3:.2f} ms"
                 if half else "")
        estimate += secs / n * total
        print(f"  {secs:7.2f} s  {key}: {n} of {total} ({secs / n * 1e3:.2f} ms each{drift})"
              + (f" -> {secs / n * total:.1f} s for all" if n < total else ""))
    rel_measured = sum(s for s, _, _ in rel_s.values())
    extrapolated = n_sent < n_rels
    if not extrapolated:
        estimate = rel_measured
    one_s = node_s + estimate

    print("== checks (not timed)")
    (b_nodes, b_rels, o_nodes, o_rels), problems = compare(bconn, oconn, nodes, rels, take)
    print(f"  nodes: bulk {sum(b_nodes.values())}, one at a time {sum(o_nodes.values())}; "
          f"relationships: bulk {sum(b_rels.values())}, one at a time {sum(o_rels.values())} "
          f"(sent {n_sent})")
    for p in problems:
        print(f"  DIFFERS: {p}")
    if not problems:
        print("  same nodes (with the same Disease properties) and the same relationships for the part "
              "loaded both ways")

    print()
    print(f"{'path':<34} {'nodes':>7} {'relationships':>14} {'seconds':>9} {'ratio':>7}")
    print(f"{'bulk COPY':<34} {sum(b_nodes.values()):>7} {sum(b_rels.values()):>14} {bulk_s:>9.1f} {1:>7.0f}")
    if extrapolated:
        print(f"{'one at a time, measured':<34} {sum(o_nodes.values()):>7} {sum(o_rels.values()):>14} "
              f"{node_s + rel_measured:>9.1f} {'':>7}")
        print(f"{'one at a time, EXTRAPOLATED':<34} {n_nodes:>7} {n_rels:>14} {one_s:>9.0f} "
              f"{one_s / bulk_s:>7.0f}")
        print(f"(EXTRAPOLATED: the relationships' time is {n_sent} of {n_rels} relationships measured, "
              f"{n_sent / n_rels:.1%}, scaled linearly per file; the nodes' time is measured in full)")
    else:
        print(f"{'one at a time':<34} {sum(o_nodes.values()):>7} {sum(o_rels.values()):>14} {one_s:>9.1f} "
              f"{one_s / bulk_s:>7.0f}")
    print(f"(one at a time: {how}; no network round trip, so a lower bound for py2neo; "
          f"{os.cpu_count()} CPUs, shared with other work: load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
