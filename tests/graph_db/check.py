#!/usr/bin/env python3
"""Load the `to_graph` export into LadybugDB (the maintained fork of Kùzu) and ask it what a medical QA system asks.

`examples/to_graph.rs` writes the CSV files that `neo4j-admin database import
full` takes (issue 12). This script proves that those files are a usable graph
without a Neo4j server: it loads every file into a fresh embedded LadybugDB database
with `COPY … FROM` and checks the answers to questions such as "which drugs are
recommended for 肌肉萎缩?" against answers it knows independently of the Rust
parser.

    check.py generate OUT.txt [--records N] [--seed S]
        Write a corpus of N disease records (plus OUT.expected.json, the graph
        it must give) from small vocabularies with a fixed seed. The expected
        graph is computed from the generator's own data, never by parsing.

    check.py check EXPORT_DIR --db DIR (--fixture FIXTURE.txt | --expected FILE.json)
        Load EXPORT_DIR (nodes/*.csv, relationships/*.csv) into a new database
        under DIR and check it: against the hand-derived answers for the bundled
        fixture, or against a generated corpus's expectations.

Every check prints its question and its answer; the run ends with a line
`ladybug: N passed, M failed` and exits 1 on any mismatch, 2 on a file or load
error. Only the standard library and `ladybug` (pinned by run.sh) are used.
"""

import argparse
import csv
import json
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------
# The export's contract (issue 12). Every file and header is checked against
# this before anything is loaded, so a change on the Rust side fails loudly.

NODE_LABELS = ["Disease", "Drug", "Food", "Check", "Department", "Producer", "Symptom"]

# Disease properties after `id` and `name`, in header order; arrays are joined
# by a TAB character (neo4j-admin `--array-delimiter=TAB`).
DISEASE_PROPS = [
    "desc",  # 简介
    "prevent",  # 预防
    "cause",  # 病因
    "easy_get",  # 易感人群
    "cure_lasttime",  # 治疗周期
    "cure_department",  # 就诊科室 (array)
    "cure_way",  # 治疗方式 (array)
    "cured_prob",  # 治愈率
    "get_prob",  # 患病比例
]
ARRAY_PROPS = {"cure_department", "cure_way"}

# (from label, relationship type, to label, the `name` property)
REL_FILES = [
    ("Disease", "recommand_eat", "Food", "推荐食谱"),
    ("Disease", "no_eat", "Food", "忌吃"),
    ("Disease", "do_eat", "Food", "宜吃"),
    ("Disease", "belongs_to", "Department", "所属科室"),
    ("Department", "belongs_to", "Department", "属于"),
    ("Disease", "common_drug", "Drug", "常用药品"),
    ("Disease", "recommand_drug", "Drug", "好评药品"),
    ("Producer", "drugs_of", "Drug", "生产药品"),
    ("Disease", "need_check", "Check", "诊断检查"),
    ("Disease", "has_symptom", "Symptom", "症状"),
    ("Disease", "acompany_with", "Disease", "并发症"),
]

# Passed as the parameter $tab: Kùzu 0.11's string literals have no `\t`
# escape (it drops the backslash of an unknown escape, so '\t' is "t").
TAB = "\t"


def rel_key(frm, typ, to):
    return f"{frm}-{typ}-{to}"


def node_header(label):
    if label == "Disease":
        cols = [f"id:ID({label})", "name"]
        cols += [p + ":string[]" if p in ARRAY_PROPS else p for p in DISEASE_PROPS]
        return cols + [":LABEL"]
    return [f"id:ID({label})", "name", ":LABEL"]


def rel_header(frm, to):
    return [f":START_ID({frm})", f":END_ID({to})", ":TYPE", "name"]


class LoadError(Exception):
    """The export does not have the files or headers of the contract, or Kùzu refused it."""


# ---------------------------------------------------------------------------
# Loading


def cypher_string(text):
    """A Cypher string literal for a file path (Kùzu drops the backslash of an unknown escape)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# Kùzu 0.11's CSV sniffer (auto_detect, on by default) guessed wrong on these
# files in a trial: it kept the quotes of quoted fields. So every option is
# spelled out. parallel=false: the parallel reader refuses quoted newlines,
# which a drug name with an escaped `\n` produces.
CSV_OPTIONS = "(header=true, delim=',', quote='\"', escape='\"', parallel=false, auto_detect=false)"


def read_header(path):
    with open(path, newline="", encoding="utf-8") as f:
        row = next(csv.reader(f), None)
    if row is None:
        raise LoadError(f"{path}: empty file, expected at least the header line")
    return row


def check_layout(export_dir):
    """Fail unless EXPORT_DIR holds exactly the contract's files, with its headers."""
    problems = []
    for sub, expected in (
        ("nodes", {f"{label}.csv" for label in NODE_LABELS}),
        ("relationships", {rel_key(f, t, to) + ".csv" for f, t, to, _ in REL_FILES}),
    ):
        folder = os.path.join(export_dir, sub)
        found = set(os.listdir(folder)) if os.path.isdir(folder) else set()
        found = {name for name in found if name.endswith(".csv")}
        if found != expected:
            problems.append(
                f"{folder}: missing {sorted(expected - found)}, unexpected {sorted(found - expected)}"
            )
    if problems:
        raise LoadError("; ".join(problems))
    for label in NODE_LABELS:
        path = os.path.join(export_dir, "nodes", f"{label}.csv")
        got, want = read_header(path), node_header(label)
        if got != want:
            raise LoadError(f"{path}: header {got}, expected {want}")
    for frm, typ, to, _ in REL_FILES:
        path = os.path.join(export_dir, "relationships", rel_key(frm, typ, to) + ".csv")
        got, want = read_header(path), rel_header(frm, to)
        if got != want:
            raise LoadError(f"{path}: header {got}, expected {want}")


def q(ident):
    """Quote an identifier (`desc` is a keyword in Kùzu's Cypher)."""
    return f"`{ident}`"


def schema_statements():
    stmts = []
    for label in NODE_LABELS:
        cols = [f"{q('id')} INT64 PRIMARY KEY", f"{q('name')} STRING"]
        if label == "Disease":
            cols += [f"{q(p)} {'STRING[]' if p in ARRAY_PROPS else 'STRING'}" for p in DISEASE_PROPS]
        stmts.append(f"CREATE NODE TABLE {q(label)}({', '.join(cols)})")
    # One relationship table per type. Kùzu 0.11 allows several FROM/TO pairs
    # in one table, so belongs_to holds both Disease->Department and
    # Department->Department, as the one relationship type of Neo4j does.
    pairs = {}
    for frm, typ, to, _ in REL_FILES:
        pairs.setdefault(typ, []).append((frm, to))
    for typ, ends in pairs.items():
        conns = ", ".join(f"FROM {q(f)} TO {q(t)}" for f, t in ends)
        stmts.append(f"CREATE REL TABLE {q(typ)}({conns}, {q('name')} STRING)")
    return stmts


def copy_statements(export_dir):
    """(what, COPY statement, file, label-column check) for every file."""
    out = []
    for label in NODE_LABELS:
        path = os.path.abspath(os.path.join(export_dir, "nodes", f"{label}.csv"))
        header = node_header(label)
        # Columns are read under neutral names c0..cN and typed here: the
        # header's own `name:type` suffixes would otherwise be taken by Kùzu
        # as column types (`cure_department:string[]` then fails to cast
        # TAB-joined text).
        cols = [f"c{i} {'INT64' if i == 0 else 'STRING'}" for i in range(len(header))]
        ret = []
        for i, col in enumerate(header[:-1]):
            prop = col.split(":")[0]
            ret.append(f"string_split(c{i}, $tab)" if prop in ARRAY_PROPS else f"c{i}")
        load = f"LOAD WITH HEADERS ({', '.join(cols)}) FROM {cypher_string(path)} {CSV_OPTIONS}"
        copy = f"COPY {q(label)} FROM ({load} RETURN {', '.join(ret)})"
        marker = f"{load} RETURN DISTINCT c{len(header) - 1}"
        out.append((f"nodes/{label}.csv", copy, marker, label))
    for frm, typ, to, _ in REL_FILES:
        name = rel_key(frm, typ, to)
        path = os.path.abspath(os.path.join(export_dir, "relationships", name + ".csv"))
        load = (
            f"LOAD WITH HEADERS (s INT64, e INT64, t STRING, n STRING) "
            f"FROM {cypher_string(path)} {CSV_OPTIONS}"
        )
        # from/to name the pair of a table with several (belongs_to); Kùzu
        # takes them on single-pair tables too.
        copy = f"COPY {q(typ)} FROM ({load} RETURN s, e, n) (from='{frm}', to='{to}')"
        out.append((f"relationships/{name}.csv", copy, f"{load} RETURN DISTINCT t", typ))
    return out


def fresh_db(lbug, db_dir):
    """A new database in DB_DIR (emptied if it holds only an earlier database), with the schema."""
    if os.path.isdir(db_dir):
        strays = [f for f in os.listdir(db_dir) if not f.startswith("graph.lbug")]
        if strays:
            raise LoadError(f"{db_dir} holds more than a database ({strays[:3]}): not emptying it")
        shutil.rmtree(db_dir)
    os.makedirs(db_dir)
    db = lbug.Database(os.path.join(db_dir, "graph.lbug"))
    conn = lbug.Connection(db)
    for stmt in schema_statements():
        conn.execute(stmt)
    return db, conn


def load(export_dir, db_dir):
    try:
        import ladybug as lbug  # pylint: disable=import-outside-toplevel
    except ImportError as err:
        raise LoadError(f"{err}: run tests/graph_db/run.sh, which installs the pinned ladybug") from err

    check_layout(export_dir)
    print(f"ladybug {lbug.__version__}: loading {export_dir} into {db_dir}")
    db, conn = fresh_db(lbug, db_dir)
    for what, copy, marker, expected in copy_statements(export_dir):
        # The :LABEL / :TYPE column is not stored; check that it says what the
        # file name says, read by Kùzu the same way as the COPY reads it.
        try:
            markers = [row[0] for row in rows(conn, marker)]
            if markers not in ([], [expected]):
                raise LoadError(f"{what}: label/type column holds {markers}, expected only {expected!r}")
            # Kùzu refuses a parameter the statement does not use.
            result = conn.execute(copy, {"tab": TAB} if "$tab" in copy else {})
            print(f"  {what}: {result.get_next()[0]}")
        except RuntimeError as err:
            raise LoadError(f"{what}: Kùzu refused the file: {err}\n  statement: {copy}") from err
    return db, conn


def rows(conn, query, params=None):
    result = conn.execute(query, params or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


# ---------------------------------------------------------------------------
# Checks


class Checker:
    def __init__(self, conn):
        self.conn = conn
        self.passed = 0
        self.failed = []

    def ask(self, query, **params):
        return rows(self.conn, query, params)

    def expect(self, question, query, params, got, expected):
        """Compare and print; sets and long lists print as a summary plus the difference."""
        ok = got == expected
        mark = "ok  " if ok else "FAIL"
        print(f"[{mark}] {question}")
        shown = {k: v for k, v in params.items() if k != "tab"}
        print(f"       asked: {' '.join(query.split())}" + (f"  with {shown}" if shown else ""))
        print(f"       got:   {summary(got)}")
        if ok:
            self.passed += 1
            return
        print(f"       expected: {summary(expected)}")
        if isinstance(got, (set, frozenset)) and isinstance(expected, (set, frozenset)):
            print(f"       missing: {summary(expected - got)}")
            print(f"       unexpected: {summary(got - expected)}")
        self.failed.append(question)

    def value(self, question, query, expected, **params):
        """A query with one row of one column."""
        result = self.ask(query, **params)
        got = result[0][0] if len(result) == 1 and len(result[0]) == 1 else result
        self.expect(question, query, params, got, expected)

    def column_set(self, question, query, expected, **params):
        """A query whose first column, as a set, is the answer (duplicates are a failure)."""
        result = [r[0] if len(r) == 1 else tuple(r) for r in self.ask(query, **params)]
        got = set(result)
        if len(got) != len(result):
            got = ("duplicate rows", sorted(map(str, result)))
        self.expect(question, query, params, got, set(expected))

    def row(self, question, query, expected, **params):
        """A query with exactly one row."""
        result = self.ask(query, **params)
        got = list(result[0]) if len(result) == 1 else ("rows", result)
        self.expect(question, query, params, got, list(expected))

    def finish(self):
        print()
        if self.failed:
            print("failed checks:")
            for question in self.failed:
                print(f"  - {question}")
        print(f"ladybug: {self.passed} passed, {len(self.failed)} failed")
        return 1 if self.failed else 0


def summary(value, limit=12):
    if isinstance(value, list) and any(isinstance(v, str) and len(v) > 60 for v in value):
        return "[" + ", ".join(repr(v[:60]) + "…" if isinstance(v, str) and len(v) > 60 else repr(v)
                               for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        items = sorted(value, key=str)
        more = f" … ({len(items)} in all)" if len(items) > limit else ""
        return "{" + ", ".join(map(repr, items[:limit])) + more + "}"
    text = repr(value)
    return text if len(text) <= 400 else text[:400] + f" … ({len(text)} chars)"


def structural_checks(ck):
    """What every export must satisfy, whatever its input."""
    for label in NODE_LABELS:
        n, lo, hi, names = ck.ask(
            f"MATCH (n:{q(label)}) RETURN count(n), min(n.id), max(n.id), count(DISTINCT n.name)"
        )[0]
        query = f"MATCH (n:{q(label)}) RETURN count(n), min(n.id), max(n.id), count(DISTINCT n.name)"
        expected = (n, 0, n - 1, n) if n else (0, None, None, 0)
        ck.expect(f"{label} ids run 0..count-1 and names are unique", query, {}, (n, lo, hi, names), expected)
        ck.value(
            f"no {label} node has an empty name",
            f"MATCH (n:{q(label)}) WHERE n.name IS NULL OR n.name = '' RETURN count(n)",
            0,
        )
    for frm, typ, to, name in REL_FILES:
        pattern = f"(a:{q(frm)})-[r:{q(typ)}]->(b:{q(to)})"
        got = [r[0] for r in ck.ask(f"MATCH {pattern} RETURN DISTINCT r.name")]
        ck.expect(
            f"{rel_key(frm, typ, to)}: every relationship is named {name}",
            f"MATCH {pattern} RETURN DISTINCT r.name",
            {},
            got,
            [name] if got else [],
        )
        ck.value(
            f"{rel_key(frm, typ, to)}: no duplicate relationship",
            f"MATCH {pattern} WITH a, b, count(r) AS n WHERE n > 1 RETURN count(*)",
            0,
        )


def node_count(ck, label, expected):
    ck.value(f"number of {label} nodes", f"MATCH (n:{q(label)}) RETURN count(n)", expected)


def rel_count(ck, frm, typ, to, expected):
    ck.value(
        f"number of {rel_key(frm, typ, to)} relationships",
        f"MATCH (:{q(frm)})-[r:{q(typ)}]->(:{q(to)}) RETURN count(r)",
        expected,
    )


def neighbours(ck, question, frm, typ, to, name, expected):
    ck.column_set(
        question,
        f"MATCH (a:{q(frm)} {{name: $name}})-[:{q(typ)}]->(b:{q(to)}) RETURN b.name",
        expected,
        name=name,
    )


# -- The bundled fixture -----------------------------------------------------

SEED = "肌肉萎缩"
WS = " \t\u00a0\u3000"


def fixture_fields(path):
    """label -> value of a one-record file: first token, then the rest without edge whitespace."""
    fields = {}
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            line = line.removesuffix("\r").strip(WS)
            if not line:
                continue
            cut = min((i for i, ch in enumerate(line) if ch in WS), default=len(line))
            fields[line[:cut]] = line[cut:].strip(WS)
    return fields


def check_fixture(ck, fixture):
    fields = fixture_fields(fixture)
    # Nodes, derived by hand from the fixture:
    # - Disease: 肌肉萎缩 and its two 并发症, which are no records (name only).
    # - Drug: 常用药品 names 盐酸乙哌立松片 and 利鲁唑片; 好评药品 generics
    #   盐酸乙哌立松片, 利鲁唑片 and 三磷酸腺苷二钠注射液. The first two are the
    #   same names, so 3 nodes (not 5: nodes are one per name and label).
    #   Product names (三磷酸腺苷二钠注射 …) are part of Producer names, not drugs.
    # - Food: 宜吃 4 + 忌吃 4 + 推荐食谱 8, no name shared: 16.
    # - Department: 内科, 神经内科. Check and Symptom: 检查 and 症状 are empty.
    # - Producer: 23 tuples, all with a generic; 妙纳 is given twice: 22 names
    #   (佐宁, 协一力利鲁唑片, 万全利鲁唑片, …, and the brand-only
    #   三磷酸腺苷二钠注射液 of the last tuple).
    counts = {"Disease": 3, "Drug": 3, "Food": 16, "Check": 0, "Department": 2, "Producer": 22, "Symptom": 0}
    for label in NODE_LABELS:
        node_count(ck, label, counts[label])
    rels = {
        "recommand_eat": 8,
        "no_eat": 4,
        "do_eat": 4,
        "Disease-belongs_to": 1,
        "Department-belongs_to": 1,
        "common_drug": 2,
        "recommand_drug": 3,
        "drugs_of": 22,  # one per Producer: each makes exactly one generic here
        "need_check": 0,
        "has_symptom": 0,
        "acompany_with": 2,
    }
    for frm, typ, to, _ in REL_FILES:
        rel_count(ck, frm, typ, to, rels[f"{frm}-{typ}"] if typ == "belongs_to" else rels[typ])

    ck.value("肌肉萎缩, the first disease met, has id 0",
             "MATCH (d:Disease {name: $name}) RETURN d.id", 0, name=SEED)
    neighbours(ck, "which drugs are recommended for 肌肉萎缩?", "Disease", "recommand_drug", "Drug", SEED,
               {"盐酸乙哌立松片", "利鲁唑片", "三磷酸腺苷二钠注射液"})
    neighbours(ck, "which drugs are commonly used for 肌肉萎缩?", "Disease", "common_drug", "Drug", SEED,
               {"盐酸乙哌立松片", "利鲁唑片"})
    neighbours(ck, "what should a 肌肉萎缩 patient not eat?", "Disease", "no_eat", "Food", SEED,
               {"赤小豆", "白扁豆", "田螺", "海螺"})
    neighbours(ck, "what should a 肌肉萎缩 patient eat?", "Disease", "do_eat", "Food", SEED,
               {"鸡心", "莲子", "花生仁（生）", "青豆"})
    neighbours(ck, "which recipes are recommended for 肌肉萎缩?", "Disease", "recommand_eat", "Food", SEED,
               {"白萝卜炖猪排骨", "豆芽炖猪排骨", "菜花肉饼", "珍珠菜花汤", "香菇炒菜花", "花生豆奶",
                "花生杏仁粥", "红豆花生红枣粥"})
    neighbours(ck, "which diseases accompany 肌肉萎缩?", "Disease", "acompany_with", "Disease", SEED,
               {"肌营养不良症", "重症肌无力样综合征"})
    query = ("MATCH (d:Disease {name: $name})-[:belongs_to]->(x:Department)-[:belongs_to]->(p:Department) "
             "RETURN x.name, p.name")
    ck.expect("which department treats 肌肉萎缩, and which department is that in?", query, {"name": SEED},
              [tuple(r) for r in ck.ask(query, name=SEED)], [("神经内科", "内科")])
    ck.value("内科 belongs to no other department",
             "MATCH (d:Department {name: '内科'})-[:belongs_to]->(p) RETURN count(p)", 0)
    neighbours(ck, "which drug does the producer 协一力利鲁唑片 make?", "Producer", "drugs_of", "Drug",
               "协一力利鲁唑片", {"利鲁唑片"})
    neighbours(ck, "which drug does the brand-only producer 佐宁 make?", "Producer", "drugs_of", "Drug",
               "佐宁", {"盐酸乙哌立松片"})
    ck.column_set(
        "who makes 利鲁唑片?",
        "MATCH (p:Producer)-[:drugs_of]->(d:Drug {name: $name}) RETURN p.name",
        {"协一力利鲁唑片", "万全利鲁唑片", "江苏恩华利鲁唑片", "力如太"},
        name="利鲁唑片",
    )
    props = ", ".join(f"d.{q(p)}" for p in DISEASE_PROPS)
    expected = (
        fields["简介"], fields["预防"], fields["病因"], "无特殊人群", "3-6个月",
        ["内科", "神经内科"], ["康复治疗"], "30%", "0.003%",
    )
    ck.row("the properties of 肌肉萎缩 (desc, prevent, cause read back whole from the fixture)",
           f"MATCH (d:Disease {{name: $name}}) RETURN {props}", expected, name=SEED)
    ck.row("a complication that is no record is a Disease with only a name",
           f"MATCH (d:Disease {{name: $name}}) RETURN {props}", (None,) * len(DISEASE_PROPS),
           name="肌营养不良症")


# -- A generated corpus ------------------------------------------------------

SPACES = [" ", " ", " ", "\u00a0", "\u3000", "\t"]  # list separators, mostly plain spaces

PREFIXES = ["急性", "慢性", "小儿", "老年", "原发性", "继发性", "家族性", "间歇性", "反流性", "过敏性"]
ORGANS = ["胃", "肝", "肺", "肾", "心肌", "胰腺", "甲状腺", "支气管", "结肠", "皮肤", "关节", "视网膜",
          "鼻窦", "咽喉", "膀胱", "脊髓", "角膜", "牙周"]
KINDS = ["炎", "病", "综合征", "结石", "萎缩", "功能不全", "出血", "溃疡", "囊肿", "硬化"]
# Real names with commas inside (the format keeps them whole), one with an ASCII
# comma, which the CSV must quote.
COMMA_NAMES = ["胃、十二指肠溃疡出血", "强酸、强碱中毒", "小儿人类疱疹病毒6，7，8型感染性疾病", "甲型,乙型病毒性肝炎"]
# Complications that are never records: Disease nodes with a name only.
COMPLICATION_ONLY = ["肌营养不良症", "重症肌无力样综合征", "败血症", "休克", "呼吸衰竭", "心力衰竭", "贫血",
                     "电解质紊乱", "脱水", "肺部感染", "褥疮", "营养不良", "继发感染", "多器官功能衰竭",
                     "肝、肾功能损害"]
FOODS = ["鸡心", "莲子", "花生仁（生）", "青豆", "赤小豆", "白扁豆", "田螺", "海螺", "鸡蛋", "牛奶", "豆腐", "菠菜",
         "芹菜", "苹果", "香蕉", "猪肝", "鲫鱼", "小米", "薏米", "山药", "辣椒", "白酒", "咖啡", "肥猪肉", "螃蟹",
         "虾", "羊肉", "大蒜", "生姜", "柿子", "核桃", "黑木耳", "银耳", "绿豆", "冬瓜",
         '鸡蛋,"土"豆']  # a name with `,` and `"`: quoted in Food.csv
RECIPES = ["白萝卜炖猪排骨", "豆芽炖猪排骨", "菜花肉饼", "珍珠菜花汤", "香菇炒菜花", "花生豆奶", "花生杏仁粥",
           "红豆花生红枣粥", "山药粥", "冬瓜汤", "银耳莲子羹", "小米南瓜粥", "清蒸鲫鱼", "菠菜猪肝汤", "绿豆汤",
           "核桃仁粥", "黑木耳炒肉", "番茄鸡蛋汤"]
CHECKS = ["血常规", "尿常规", "肝功能", "肾功能", "胸部X线", "腹部B超", "心电图", "胃镜", "CT", "磁共振",
          "肌电图", "血糖", "血脂", "甲状腺功能", "骨密度", "肺功能", "便常规", "免疫球蛋白"]
SYMPTOMS = ["发热", "咳嗽", "乏力", "头痛", "恶心", "呕吐", "腹痛", "腹泻", "胸闷", "气短", "肌无力", "关节痛",
            "皮疹", "消瘦", "黄疸", "水肿", "失眠", "心悸", "便血", "视物模糊"]
# Two-level departments: the second points to the first. A few three-level ones.
DEPARTMENTS = {
    "内科": ["神经内科", "消化内科", "呼吸内科", "心内科", "内分泌科", "肾内科"],
    "外科": ["普外科", "骨外科", "神经外科", "泌尿外科"],
    "儿科": ["小儿内科", "小儿外科"],
    "五官科": ["耳鼻喉科", "眼科", "口腔科"],
    "皮肤性病科": ["皮肤科"],
    "传染科": [],
}
THIRD_LEVEL = {"骨外科": "关节外科", "眼科": "眼底病科"}
CURE_WAYS = ["药物治疗", "手术治疗", "康复治疗", "支持性治疗", "物理治疗", "中医治疗", "放射治疗"]
GENERICS = ["盐酸乙哌立松片", "利鲁唑片", "三磷酸腺苷二钠注射液", "阿莫西林胶囊", "布洛芬缓释胶囊",
            "奥美拉唑肠溶胶囊", "头孢克肟分散片", "蒙脱石散", "硝苯地平控释片", "阿托伐他汀钙片", "甲硝唑片",
            "氯雷他定片", "二甲双胍缓释片", "复方甘草片", "维生素B1,B6片", "葡萄糖酸钙口服液", "复方丹参滴丸"]
COMMON_ONLY = ["维生素C片", "复方氨基酸注射液", "谷维素片"]  # 常用药品 never given as a generic
# Drug tuples (brand, product, generic); None is a part the list does not give.
DRUG_TUPLES = [
    ("佐宁", None, "盐酸乙哌立松片"),  # brand only + generic
    ("协一力", "利鲁唑片", "利鲁唑片"),
    ("万全", "利鲁唑片", "利鲁唑片"),
    ("妙纳", None, "盐酸乙哌立松片"),  # 妙纳 makes two generics
    ("妙纳", None, "布洛芬缓释胶囊"),
    ("山西晋新双鹤", "三磷酸腺苷二钠", "三磷酸腺苷二钠注射液"),
    ("广州白云山", "明兴三磷酸", "三磷酸腺苷二钠注射液"),  # these two concatenate
    ("广州白云山明兴", "三磷酸", "三磷酸腺苷二钠注射液"),  # to the same Producer
    ("三磷酸腺苷二钠注射液", None, "三磷酸腺苷二钠注射液"),  # brand only, same as the generic
    ("阿莫仙", "阿莫西林胶囊", "阿莫西林胶囊"),
    ("芬必得", None, "布洛芬缓释胶囊"),
    ("洛赛克", "奥美拉唑", "奥美拉唑肠溶胶囊"),
    ("世福素", None, "头孢克肟分散片"),
    ("思密达", "蒙脱石散", "蒙脱石散"),
    ("拜新同", None, "硝苯地平控释片"),
    ("立普妥", "阿托伐他汀钙片", "阿托伐他汀钙片"),
    ("开瑞坦", None, "氯雷他定片"),
    ("格华止", "二甲双胍", "二甲双胍缓释片"),
    ("O'Neil药业", "复方,甘草片", "复方甘草片"),  # a `'` (Python writes "…") and a `,`
    ("天士力", "复方丹参滴丸", "复方丹参滴丸"),
    ("华北制药", None, "维生素B1,B6片"),
    (None, None, "甲硝唑片"),  # generic only: a Drug, no Producer
    (None, None, "葡萄糖酸钙口服液"),
    ("无名牌", "某某片", None),  # no generic: no Drug, no Producer
    ("仅品牌", None, None),
    ("空药牌", None, ""),  # '()': an empty generic, the same as none
    ("", "空牌片", "阿莫西林胶囊"),  # '' brand: the Producer is the product alone
    ("", None, "氯雷他定片"),  # '' brand, no product: no Producer
    ("换行药业", None, "复方\n合剂"),  # written '(复方\\n合剂)': a line break, quoted in the CSV
]
ATTR_TEXTS = ["无特殊人群", "老年人", "儿童", "孕妇", "长期吸烟者", "免疫力低下者"]
PERIODS = ["3-6个月", "1-2周", "长期", "7天", "1年以上", "根据病情而定"]
RATES = ["30%", "85%", "90%以上", "不易治愈", "60%-70%", "约50%"]
PREVALENCES = ["0.003%", "0.1%", "1%-2%", "0.05%", "5%左右"]
CAUSES = [("遗传", "遗传的因素"), ("感染", "细菌或病毒感染"), ("饮食", "饮食不节，嗜食辛辣"), ("环境", "长期接触有害物质")]


def drug_literal(brand, product, generic, rng):
    strings = [s for s in (brand, product) if s is not None]
    if generic is not None:
        strings.append(("(" + generic + ")") if rng.random() < 0.8 else ("（" + generic + "）"))
    return "[" + ", ".join(repr(s) for s in strings) + "]"


def generate(n_records, seed):
    """(corpus text, expected graph as JSON-ready dict)."""
    rng = random.Random(seed)
    combos = [p + o + k for p in PREFIXES for o in ORGANS for k in KINDS]
    rng.shuffle(combos)
    def unnamed(i):
        return i % 37 == 5  # every 37th record has no 预防 line: no name, skipped

    def repeats_earlier(i):
        return i % 60 == 59 and not unnamed(i)

    names = combos[:n_records]
    # The names with commas go to slots of records that are named.
    slots = [i for i in range(n_records) if not unnamed(i) and not repeats_earlier(i)]
    for name, i in zip(COMMA_NAMES, rng.sample(slots, len(COMMA_NAMES))):
        names[i] = name
    assert len(set(names)) == len(names) == n_records, "not enough distinct names"
    assert not set(names) & set(COMPLICATION_ONLY)
    for name in names:
        assert not any(h in name for h in ("病因", "预防")) and not set(name) & set(WS + "。！？；!?;：:.")

    records, lines = [], []

    for i, name in enumerate(names):
        named = not unnamed(i)
        if repeats_earlier(i):
            # A second record of an earlier disease: one node, the first
            # record's properties, the relationships of both.
            name = names[next(j for j in (i - 31, i - 32) if not unnamed(j))]
        if not named:
            # Its items are found nowhere else, so a record that should have
            # been skipped shows up in the counts.
            rec = {"name": None, "good": [f"孤食{i}"], "bad": [], "recipes": [f"孤谱{i}"],
                   "complications": [f"孤病{i}"], "departments": [f"孤科{i}"], "cure_way": [],
                   "common_drugs": [f"孤药{i}"], "drugs": [("孤牌", None, f"孤药甲{i}")],
                   "checks": [f"孤查{i}"], "symptoms": [f"孤症{i}"]}
        else:
            top = rng.choice(list(DEPARTMENTS))
            depts = [top]
            if DEPARTMENTS[top] and rng.random() < 0.75:
                depts.append(rng.choice(DEPARTMENTS[top]))
                if depts[-1] in THIRD_LEVEL and rng.random() < 0.5:
                    depts.append(THIRD_LEVEL[depts[-1]])
            comps = []
            for _ in range(rng.randint(0, 3)):
                pool = names if rng.random() < 0.6 else COMPLICATION_ONLY
                c = rng.choice(pool)
                if c != name and c not in comps:
                    comps.append(c)
            drugs = [rng.choice(DRUG_TUPLES) for _ in range(rng.randint(0, 6))]
            if drugs and rng.random() < 0.3:
                drugs.append(rng.choice(drugs))  # a repeated tuple, as the seed repeats 妙纳
            rec = {
                "name": name,
                "good": rng.sample(FOODS, rng.randint(0, 4)),
                "bad": rng.sample(FOODS, rng.randint(0, 4)),
                "recipes": rng.sample(RECIPES, rng.randint(0, 5)),
                "complications": comps,
                "departments": depts,
                "cure_way": rng.sample(CURE_WAYS, rng.randint(0, 2)),
                "common_drugs": rng.sample(GENERICS + COMMON_ONLY, rng.randint(0, 3)),
                "drugs": drugs,
                "checks": rng.sample(CHECKS, rng.randint(0, 4)),
                "symptoms": rng.sample(SYMPTOMS, rng.randint(0, 5)),
            }
        cause_name, cause_text = rng.choice(CAUSES)
        shown = name if named else f"孤病名{i}"
        texts = {
            # `,` `"` `'` and `\` inside text: the CSV must quote and double
            # the quotes, and nothing may treat the backslash as an escape.
            "简介": f'{shown}是一种常见病, 俗称"{shown[:2]}病"，病程{i % 9 + 1}年；见病历C:\\病历\\{i}, 医生称之\'顽疾\'。',
            "易感人群": rng.choice(ATTR_TEXTS) if rng.random() < 0.85 else None,
            "治疗周期": rng.choice(PERIODS),
            "治愈率": rng.choice(RATES),
            "患病比例": rng.choice(PREVALENCES),
            "病因": f"{shown}病因{cause_name}（{rng.randint(5, 60)}%）：{cause_text}，与体质有关。",
            "预防": f"{shown}预防1、注意休息。2、合理饮食, 避免\"过劳\"。" if named else None,
        }
        rec["texts"] = texts
        records.append(rec)

        def lst(items):
            out = ""
            for j, item in enumerate(items):
                out += (rng.choice(SPACES) if j else "") + item
            return out

        fields = [
            ("简介", texts["简介"]),
            ("医保疾病", rng.choice(["是", "否"])),
            ("患病比例", texts["患病比例"]),
            ("易感人群", texts["易感人群"]),
            ("传染方式", "无传染性"),
            ("并发症", lst(rec["complications"])),
            ("就诊科室", lst(rec["departments"])),
            ("治疗方式", lst(rec["cure_way"])),
            ("治疗周期", texts["治疗周期"]),
            ("治愈率", texts["治愈率"]),
            ("常用药品", lst(rec["common_drugs"])),
            ("治疗费用", f"约（{rng.randint(1, 9)}000――{rng.randint(10, 50)}000元）"),
            ("病因", texts["病因"]),
            ("预防", texts["预防"]),
            ("症状", lst(rec["symptoms"])),
            ("检查", lst(rec["checks"])),
            ("宜吃", lst(rec["good"])),
            ("忌吃", lst(rec["bad"])),
            ("推荐食谱", lst(rec["recipes"])),
            ("药品", " ".join(drug_literal(*t, rng) for t in rec["drugs"])),
        ]
        fields = [(label, value) for label, value in fields if value is not None]
        body = fields[:1] + fields[1:]
        if rng.random() < 0.3:  # the lines of a record may come in any order; 简介 stays first
            rest = fields[1:]
            rng.shuffle(rest)
            body = fields[:1] + rest
        block = "".join(f"{label} {value}".rstrip(" ") + " \n" for label, value in body)
        # Most records are separated by a blank line; some are glued on
        # (a record ends before a second 简介 in a corpus).
        lines.append(block if i % 50 == 49 else block + "\n")
    return "".join(lines), expected_graph(records)


def expected_graph(records):
    """The export of issue 12, computed from the generator's own data."""
    nodes = {label: set() for label in NODE_LABELS}
    rels = {rel_key(f, t, to): set() for f, t, to, _ in REL_FILES}
    diseases = {}
    skipped = repeated = 0

    def rel(frm, typ, to, a, b):
        if a and b:
            nodes[frm].add(a)
            nodes[to].add(b)
            rels[rel_key(frm, typ, to)].add((a, b))

    for rec in records:
        name = rec["name"]
        if name is None:
            skipped += 1
            continue
        t = rec["texts"]
        if name in diseases:
            repeated += 1
        else:
            nodes["Disease"].add(name)
            diseases[name] = {
                "desc": t["简介"], "prevent": t["预防"], "cause": t["病因"], "easy_get": t["易感人群"],
                "cure_lasttime": t["治疗周期"], "cure_department": rec["departments"] or None,
                "cure_way": rec["cure_way"] or None, "cured_prob": t["治愈率"], "get_prob": t["患病比例"],
            }
        for food in rec["recipes"]:
            rel("Disease", "recommand_eat", "Food", name, food)
        for food in rec["bad"]:
            rel("Disease", "no_eat", "Food", name, food)
        for food in rec["good"]:
            rel("Disease", "do_eat", "Food", name, food)
        depts = rec["departments"]
        for d in depts:
            nodes["Department"].add(d)
        if depts:
            rel("Disease", "belongs_to", "Department", name, depts[-1])
        for before, after in zip(depts, depts[1:]):
            rel("Department", "belongs_to", "Department", after, before)
        for drug in rec["common_drugs"]:
            rel("Disease", "common_drug", "Drug", name, drug)
        for brand, product, generic in rec["drugs"]:
            if not generic:
                continue
            rel("Disease", "recommand_drug", "Drug", name, generic)
            producer = (brand or "") + (product or "")
            rel("Producer", "drugs_of", "Drug", producer, generic)
        for check in rec["checks"]:
            rel("Disease", "need_check", "Check", name, check)
        for symptom in rec["symptoms"]:
            rel("Disease", "has_symptom", "Symptom", name, symptom)
        for comp in rec["complications"]:
            rel("Disease", "acompany_with", "Disease", name, comp)

    position = {}
    for rec in records:
        if rec["name"]:
            position.setdefault(rec["name"], len(position))
    repeats = [r for r in records if r["name"] and r["texts"]["简介"] != diseases[r["name"]]["desc"]]
    forward = sorted(
        (a, b) for a, b in rels[rel_key("Disease", "acompany_with", "Disease")]
        if b in position and position[b] > position[a]
    )
    backward = sorted(
        (a, b) for a, b in rels[rel_key("Disease", "acompany_with", "Disease")]
        if b in position and position[b] < position[a]
    )
    name_only = sorted(nodes["Disease"] - set(diseases))
    two_generics = sorted(
        p for p in nodes["Producer"]
        if len({b for a, b in rels[rel_key("Producer", "drugs_of", "Drug")] if a == p}) > 1
    )
    # The generator must have produced every case it is meant to test.
    for covered, case in [
        (forward, "a complication recorded later"),
        (backward, "a complication recorded earlier"),
        (name_only, "a complication that is no record"),
        ("妙纳" in two_generics, "a producer of two generics"),
        ("广州白云山明兴三磷酸" in nodes["Producer"], "one producer from two splits"),
        ('鸡蛋,"土"豆' in nodes["Food"], "a food with , and \""),
        (repeats, "a disease described twice"),
        ("复方\n合剂" in nodes["Drug"], "a drug name with a line break"),
        ("空牌片" in nodes["Producer"], "an empty brand"),
        (all(n in diseases for n in COMMA_NAMES), "every name with commas"),
    ]:
        if not covered:
            sys.exit(f"error: the generated corpus has no case of {case}: use more records or another seed")
    return {
        "nodes": {label: sorted(v) for label, v in nodes.items()},
        "rels": {key: sorted(v) for key, v in rels.items()},
        "diseases": diseases,
        "skipped_records": skipped,
        "repeated_records": repeated,
        "cases": {
            "complication_recorded_later": forward[0],
            "complication_recorded_earlier": backward[0],
            "name_only_disease": name_only[0],
            "producer_of_two_generics": "妙纳",
            "producer_from_two_splits": "广州白云山明兴三磷酸",
            "repeated_disease": repeats[0]["name"],
            "repeated_disease_foods": [sorted(r["bad"]) for r in records if r["name"] == repeats[0]["name"]],
            "comma_names": [n for n in COMMA_NAMES if n in diseases],
        },
    }


def check_generated(ck, exp):
    nodes = {label: set(v) for label, v in exp["nodes"].items()}
    rels = {key: {tuple(p) for p in v} for key, v in exp["rels"].items()}
    diseases = exp["diseases"]
    cases = exp["cases"]
    print(f"(the corpus has {exp['skipped_records']} records without an inferred name, whose items must "
          f"appear nowhere, and {exp['repeated_records']} records of a disease an earlier record described)")
    for label in NODE_LABELS:
        node_count(ck, label, len(nodes[label]))
    for frm, typ, to, _ in REL_FILES:
        rel_count(ck, frm, typ, to, len(rels[rel_key(frm, typ, to)]))
    for label in NODE_LABELS:
        ck.column_set(f"the names of all {label} nodes", f"MATCH (n:{q(label)}) RETURN n.name", nodes[label])
    for frm, typ, to, _ in REL_FILES:
        ck.column_set(
            f"every {rel_key(frm, typ, to)} relationship, by names",
            f"MATCH (a:{q(frm)})-[:{q(typ)}]->(b:{q(to)}) RETURN a.name, b.name",
            rels[rel_key(frm, typ, to)],
        )

    props = ", ".join(f"d.{q(p)}" for p in DISEASE_PROPS)
    query = f"MATCH (d:Disease) WHERE d.`desc` IS NOT NULL RETURN d.name, {props}"
    got = {r[0]: dict(zip(DISEASE_PROPS, r[1:])) for r in ck.ask(query)}
    differ = sorted(n for n in set(got) | set(diseases) if got.get(n) != diseases.get(n))
    ck.expect("the properties of every recorded disease (as many as records with a name, all as generated)",
              query, {}, (len(got), len(got) - len(differ)), (len(diseases), len(diseases)))
    for name in differ[:3]:
        mine, theirs = diseases.get(name) or {}, got.get(name) or {}
        wrong = {p: (theirs.get(p), mine.get(p)) for p in DISEASE_PROPS if theirs.get(p) != mine.get(p)}
        print(f"       {name}: (got, expected) {wrong if mine and theirs else (theirs or None, mine or None)}")

    # A few questions about single diseases, as the QA system asks them.
    def of(key, name, side=0):
        return {p[1 - side] for p in rels[key] if p[side] == name}

    featured = sorted(diseases)[:2] + cases["comma_names"]
    for name in featured:
        neighbours(ck, f"which drugs are recommended for {name}?", "Disease", "recommand_drug", "Drug", name,
                   of("Disease-recommand_drug-Drug", name))
        neighbours(ck, f"what should a {name} patient not eat?", "Disease", "no_eat", "Food", name,
                   of("Disease-no_eat-Food", name))
        neighbours(ck, f"which diseases accompany {name}?", "Disease", "acompany_with", "Disease", name,
                   of("Disease-acompany_with-Disease", name))
        query = ("MATCH (d:Disease {name: $name})-[:belongs_to]->(x:Department) "
                 "OPTIONAL MATCH (x)-[:belongs_to]->(p:Department) RETURN x.name, p.name")
        # From the relationships: a disease described twice has the
        # departments of both records (its cure_department is the first's).
        expected = {(x, p) for x in of("Disease-belongs_to-Department", name)
                    for p in (of("Department-belongs_to-Department", x) or {None})}
        ck.column_set(f"which department treats {name}, in which department?", query, expected, name=name)
        ck.row(f"{name}: its text properties read back exactly",
               "MATCH (d:Disease {name: $name}) RETURN d.`desc`, d.prevent",
               [diseases[name]["desc"], diseases[name]["prevent"]], name=name)

    sample = featured[0]
    desc = diseases[sample]["desc"]
    assert "," in desc and '"' in desc and "\\" in desc
    ck.value(f"a desc with `,` `\"` `'` and `\\` is found by its exact text ({desc!r})",
             "MATCH (d:Disease) WHERE d.`desc` = $text RETURN d.name", sample, text=desc)
    neighbours(ck, "which drugs does 妙纳 make? (one producer, two generics)", "Producer", "drugs_of", "Drug",
               "妙纳", of("Producer-drugs_of-Drug", "妙纳"))
    name = cases["producer_from_two_splits"]
    neighbours(ck, f"which drug does {name} make? (广州白云山+明兴三磷酸 and 广州白云山明兴+三磷酸)",
               "Producer", "drugs_of", "Drug", name, {"三磷酸腺苷二钠注射液"})
    ck.value("甲硝唑片 (only ever given as ['(甲硝唑片)']) has no producer",
             "MATCH (p:Producer)-[:drugs_of]->(d:Drug {name: '甲硝唑片'}) RETURN count(p)", 0)
    ck.value("a tuple without a generic (['仅品牌'], ['无名牌', '某某片'], ['空药牌', '()']) makes no Producer",
             "MATCH (p:Producer) WHERE p.name IN ['仅品牌', '无名牌某某片', '空药牌'] RETURN count(p)", 0)
    ck.value("no Drug is made from the product 某某片 of a tuple without a generic",
             "MATCH (d:Drug) WHERE d.name STARTS WITH '某某' RETURN count(d)", 0)
    neighbours(ck, "which drug does 空牌片 make? (['', '空牌片', '(阿莫西林胶囊)']: an empty brand is absent)",
               "Producer", "drugs_of", "Drug", "空牌片", {"阿莫西林胶囊"})
    neighbours(ck, "which drug does 换行药业 make? (a generic with an escaped line break, quoted in Drug.csv)",
               "Producer", "drugs_of", "Drug", "换行药业", {"复方\n合剂"})
    name = cases["repeated_disease"]
    first, *more = cases["repeated_disease_foods"]
    neighbours(ck, f"what should a {name} patient not eat? ({len(more) + 1} records of it: all their foods)",
               "Disease", "no_eat", "Food", name, set(first).union(*more))
    ck.row(f"{name}, described by {len(more) + 1} records, is one node with the first record's desc",
           "MATCH (d:Disease {name: $name}) RETURN d.`desc`", [diseases[name]["desc"]], name=name)
    a, b = cases["complication_recorded_later"]
    ck.row(f"{b}, a complication of {a} recorded later, is one node with its record's properties",
           "MATCH (:Disease {name: $a})-[:acompany_with]->(d:Disease {name: $b}) RETURN d.`desc`",
           [diseases[b]["desc"]], a=a, b=b)
    a, b = cases["complication_recorded_earlier"]
    ck.row(f"{b}, a complication of {a} recorded earlier, is one node with its record's properties",
           "MATCH (:Disease {name: $a})-[:acompany_with]->(d:Disease {name: $b}) RETURN d.`desc`",
           [diseases[b]["desc"]], a=a, b=b)
    name = cases["name_only_disease"]
    ck.row(f"{name}, a complication that is no record, is a Disease with only a name",
           f"MATCH (d:Disease {{name: $name}}) RETURN {props}", [None] * len(DISEASE_PROPS), name=name)
    ck.value("nothing of the records without a name made it into the graph",
             "MATCH (n) WHERE n.name STARTS WITH '孤' RETURN count(n)", 0)


# ---------------------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a corpus and its expected graph")
    gen.add_argument("out")
    gen.add_argument("--records", type=int, default=300)
    gen.add_argument("--seed", type=int, default=7)
    chk = sub.add_parser("check", help="load an export into LadybugDB and check its answers")
    chk.add_argument("export_dir")
    chk.add_argument("--db", required=True, help="directory for the database (emptied first)")
    which = chk.add_mutually_exclusive_group(required=True)
    which.add_argument("--fixture", help="the fixture record the export was made from")
    which.add_argument("--expected", help="OUT.expected.json written by `generate`")
    args = parser.parse_args(argv)

    if args.command == "generate":
        if args.records < 50:
            parser.error("--records must be at least 50 to cover every case")
        text, expected = generate(args.records, args.seed)
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        exp_path = os.path.splitext(args.out)[0] + ".expected.json"
        with open(exp_path, "w", encoding="utf-8") as f:
            json.dump(expected, f, ensure_ascii=False, indent=1)
        counts = ", ".join(f"{k} {len(v)}" for k, v in expected["nodes"].items())
        print(f"wrote {args.out} ({args.records} records, {expected['skipped_records']} without a name) "
              f"and {exp_path}: {counts}")
        return 0

    try:
        _db, conn = load(args.export_dir, args.db)
    except LoadError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    ck = Checker(conn)
    structural_checks(ck)
    if args.fixture:
        check_fixture(ck, args.fixture)
    else:
        with open(args.expected, encoding="utf-8") as f:
            check_generated(ck, json.load(f))
    return ck.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
