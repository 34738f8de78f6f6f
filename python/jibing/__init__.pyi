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
#: The encoding of bytes, paths and binary files (a ``str`` is text already,
#: and is read as it is whatever ``encoding`` says): ``"utf-8"``;
#: ``"gb18030"``, which reads GBK (code page 936) and GB2312 too; ``"auto"``,
#: UTF-8 when the bytes are UTF-8 (or open with a UTF-8 BOM), else GB18030
#: when they decode without an error, else UTF-8 and its error
#: (``iter_records`` and ``to_graph`` decide on a file's first 64 KiB).
#: Decoded text is what is parsed: ``lineno`` and ``colno`` count its lines
#: and characters, and ``pos`` its bytes in UTF-8, not the input's bytes.
#: Any other name is a ``ValueError``.
Encoding: TypeAlias = Literal["utf-8", "gb18030", "auto"]
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
    """A format fault in strict mode, invalid UTF-8 or GB18030 (see
    ``Encoding``), a lone surrogate in a ``str`` or a record over the size
    limit. ``lineno`` and ``colno`` are 1-based, columns in characters;
    ``pos`` indexes the input as given (characters of a ``str``, bytes of
    ``bytes`` or of a file; for decoded GB18030, bytes of the decoded text
    in UTF-8); ``path`` is the file's path or ``None``. ``str()`` is
    ``PATH:LINE:COL: MESSAGE``. Invalid UTF-8 that looks like GBK/GB18030
    says so, and to read it with ``encoding="gb18030"``."""

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
    encoding: Encoding = "utf-8",
) -> list[Record]:
    """Every record of a corpus (records are separated by blank lines), or
    of ``medical.json`` (``input_format="medical"``, or ``"auto"`` when the
    first character that is not whitespace is ``{`` or ``[``). ``bytes``
    are read in ``encoding``; a ``str`` as it is.

    Raises ``ParseError`` on the first fault (strict) or on invalid UTF-8;
    with ``lenient=True`` format faults are ``FormatWarning``s instead and
    the faulty lines are kept in ``extra``. Bytes that do not decode as
    GB18030 are a ``ParseError`` (strict) or a ``FormatWarning`` with
    U+FFFD in their place (lenient)."""

def load(
    fp: StrPath | BinaryReader,
    *,
    lenient: bool = False,
    schema: Schema = "jibing",
    input_format: InputFormat = "auto",
    encoding: Encoding = "utf-8",
) -> list[Record]:
    """``loads`` of a file's bytes: a path or a binary file object. A
    text-mode file is a ``TypeError``; a missing file or a directory an
    ``OSError``."""

def iter_records(
    fp: StrPath | BinaryReader,
    *,
    lenient: bool = False,
    schema: Schema = "jibing",
    input_format: InputFormat = "auto",
    encoding: Encoding = "utf-8",
) -> RecordIterator:
    """Streams the records of a file of any size in bounded memory: a path,
    or a binary file object read through its ``read`` method, decoded from
    ``encoding`` as they are read. ``medical.json`` is read as UTF-8 here:
    ``encoding="gb18030"`` with it is a ``ValueError`` (``load`` decodes
    it)."""

def dumps(records: Iterable[Mapping[str, Any]]) -> str:
    """Records (dicts as ``loads`` returns them, ``schema="jibing"``) as
    canonical text, separated by a newline: ``loads(dumps(x)) == x`` for
    records ``loads`` returned. A dict that is not a record is a
    ``ValueError``."""

def lint(text: str | bytes, *, encoding: Encoding = "utf-8") -> list[dict[str, Any]]:
    """The lint findings of every record, as the crate's ``lint --json``
    prints them (without its ``file`` key): each record's parse faults
    (parsed leniently), then its findings. Each dict has ``kind``,
    ``message``, ``line``, ``column``, ``offset`` (bytes), ``label``, then
    the kind's own detail. ``bytes`` in GB18030 are decoded whole first:
    bytes that do not decode are a ``ParseError``."""

def to_graph(
    paths: StrPath | Iterable[StrPath],
    out_dir: StrPath,
    *,
    lenient: bool = False,
    input_format: InputFormat = "auto",
    encoding: Encoding = "utf-8",
) -> dict[str, Any]:
    """Writes the medical knowledge graph of the files into ``out_dir``: the
    ``neo4j-admin database import full`` CSV files, ``import.sh`` and
    ``load.cypher``, exactly as the crate's ``to_graph`` example does.
    Returns ``{"records", "unnamed", "repeated", "nodes": {label: count},
    "relationships": {"From-type-To": count}}``. Runs without the GIL;
    ``FormatWarning``s (lenient faults, records left out or merged) are
    given when it is done. The files are read in ``encoding``, as by
    ``iter_records`` (``medical.json`` as UTF-8 only)."""

def _parse_only(text: str | bytes, *, lenient: bool = False) -> int:
    """Parses and counts the records, building no Python objects (for the
    benchmark)."""
