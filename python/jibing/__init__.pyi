"""Typed interface of the ``jibing`` package (the functions are in Rust)."""

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, Protocol, TypeAlias

__version__: str

StrPath: TypeAlias = str | os.PathLike[str]

class BinaryReader(Protocol):
    """A file object opened in binary mode: ``read(size)`` returns bytes."""

    def read(self, size: int = ..., /) -> bytes | None: ...

#: ``"jibing"``: the JSON objects of the crate's ``to_json``; ``"medical"``:
#: the ``medical.json`` objects of the QA projects (``derived::to_medical``).
Schema: TypeAlias = Literal["jibing", "medical"]
#: The form of the input: ``"auto"`` (``medical.json`` when its first
#: character that is not whitespace is ``{`` or ``[``), ``"text"`` or
#: ``"medical"`` (the QA projects' ``medical.json``).
InputFormat: TypeAlias = Literal["auto", "text", "medical"]
#: One record: ``name``, the 26 field keys in table order, ``extra``
#: (``jibing``), or the ``medical.json`` keys (``medical``). Values are
#: ``str``, ``bool``, ``float``, ``int``, ``None``, lists and dicts of them,
#: exactly as ``json.loads`` returns the JSON the crate writes.
Record: TypeAlias = dict[str, Any]

class _Located:
    msg: str
    lineno: int
    colno: int
    pos: int
    path: str | None

class ParseError(_Located, ValueError):
    """A format fault in strict mode, invalid UTF-8, a lone surrogate in a
    ``str`` or a record over the size limit. ``lineno`` and ``colno`` are
    1-based, columns in characters; ``pos`` indexes the input as given
    (characters of a ``str``, bytes of ``bytes`` or of a file); ``path`` is
    the file's path or ``None``. ``str()`` is ``PATH:LINE:COL: MESSAGE``."""

    def __init__(
        self, msg: str, lineno: int, colno: int, pos: int, path: str | None = None
    ) -> None: ...

class FormatWarning(_Located, UserWarning):
    """A format fault stepped over by ``lenient=True`` (the line is kept in
    the record's ``extra``), given with ``warnings.warn``, one per fault,
    in input order; same attributes as ``ParseError``."""

    def __init__(
        self, msg: str, lineno: int, colno: int, pos: int, path: str | None = None
    ) -> None: ...

class RecordIterator(Iterator[Record]):
    """The records of a file, read as they are asked for."""

    def __iter__(self) -> RecordIterator: ...
    def __next__(self) -> Record: ...

def loads(
    text: str | bytes,
    *,
    lenient: bool = False,
    schema: Schema = "jibing",
    input_format: InputFormat = "auto",
) -> list[Record]:
    """Every record of a corpus (records are separated by blank lines), or
    of ``medical.json`` (``input_format="medical"``, or ``"auto"`` when the
    first character that is not whitespace is ``{`` or ``[``).

    Raises ``ParseError`` on the first fault (strict) or on invalid UTF-8;
    with ``lenient=True`` format faults are ``FormatWarning``s instead and
    the faulty lines are kept in ``extra``."""

def load(
    fp: StrPath | BinaryReader,
    *,
    lenient: bool = False,
    schema: Schema = "jibing",
    input_format: InputFormat = "auto",
) -> list[Record]:
    """``loads`` of a file: a path or a binary file object. A text-mode file
    is a ``TypeError``; a missing file or a directory an ``OSError``."""

def iter_records(
    fp: StrPath | BinaryReader,
    *,
    lenient: bool = False,
    schema: Schema = "jibing",
    input_format: InputFormat = "auto",
) -> RecordIterator:
    """Streams the records of a file of any size in bounded memory: a path,
    or a binary file object read through its ``read`` method."""

def dumps(records: Iterable[Mapping[str, Any]]) -> str:
    """Records (dicts as ``loads`` returns them, ``schema="jibing"``) as
    canonical text, separated by a newline: ``loads(dumps(x)) == x`` for
    records ``loads`` returned. A dict that is not a record is a
    ``ValueError``."""

def lint(text: str | bytes) -> list[dict[str, Any]]:
    """The lint findings of every record, as the crate's ``lint --json``
    prints them (without its ``file`` key): each record's parse faults
    (parsed leniently), then its findings. Each dict has ``kind``,
    ``message``, ``line``, ``column``, ``offset`` (bytes), ``label``, then
    the kind's own detail."""

def to_graph(
    paths: StrPath | Iterable[StrPath],
    out_dir: StrPath,
    *,
    lenient: bool = False,
    input_format: InputFormat = "auto",
) -> dict[str, Any]:
    """Writes the medical knowledge graph of the files into ``out_dir``: the
    ``neo4j-admin database import full`` CSV files, ``import.sh`` and
    ``load.cypher``, exactly as the crate's ``to_graph`` example does.
    Returns ``{"records", "unnamed", "repeated", "nodes": {label: count},
    "relationships": {"From-type-To": count}}``. Runs without the GIL;
    ``FormatWarning``s (lenient faults, records left out or merged) are
    given when it is done."""

def _parse_only(text: str | bytes, *, lenient: bool = False) -> int:
    """Parses and counts the records, building no Python objects (for the
    benchmark)."""
