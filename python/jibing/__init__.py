"""Read the labelled-field Chinese disease record format (疾病 encyclopaedia
dumps) into dicts: the JSON objects of the Rust crate ``jibing``'s
``to_json``, the ``medical.json`` shape of the medical knowledge-graph QA
projects, lint findings, and the graph files of ``neo4j-admin``.

See ``__init__.pyi`` for every function's signature and behaviour.
"""

from __future__ import annotations


class _Located:
    """What a ``ParseError`` and a ``FormatWarning`` say about their place."""

    msg: str
    lineno: int
    colno: int
    pos: int
    path: str | None

    def _locate(self, msg: str, lineno: int, colno: int, pos: int, path: str | None) -> str:
        self.msg = msg
        self.lineno = lineno
        self.colno = colno
        self.pos = pos
        self.path = path
        where = f"{path}:" if path is not None else ""
        return f"{where}{lineno}:{colno}: {msg}"


class ParseError(_Located, ValueError):
    """A format fault (strict mode), invalid UTF-8, a lone surrogate or an
    oversized record, at ``lineno``:``colno`` (1-based, columns in
    characters). ``pos`` indexes the input as given: characters of a
    ``str``, bytes of ``bytes`` or a file. ``path`` is the file's path, or
    ``None``. ``str()`` reads ``PATH:LINE:COL: MESSAGE`` (``LINE:COL:
    MESSAGE`` without a path)."""

    def __init__(self, msg: str, lineno: int, colno: int, pos: int, path: str | None = None) -> None:
        super().__init__(self._locate(msg, lineno, colno, pos, path))

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, int, int, int, str | None]]:
        return (type(self), (self.msg, self.lineno, self.colno, self.pos, self.path))


class FormatWarning(_Located, UserWarning):
    """A format fault that lenient parsing stepped over (the line is kept in
    the record's ``extra``), with the same attributes as ``ParseError``.
    ``to_graph`` also warns with it about records left out of the graph or
    merged into an earlier one."""

    def __init__(self, msg: str, lineno: int, colno: int, pos: int, path: str | None = None) -> None:
        super().__init__(self._locate(msg, lineno, colno, pos, path))

    def __reduce__(self) -> tuple[type[FormatWarning], tuple[str, int, int, int, str | None]]:
        return (type(self), (self.msg, self.lineno, self.colno, self.pos, self.path))


from jibing._jibing import (  # noqa: E402  (the exceptions come first: the module raises them)
    RecordIterator,
    __version__,
    _parse_only,
    dumps,
    iter_records,
    lint,
    load,
    loads,
    to_graph,
)

__all__ = [
    "FormatWarning",
    "ParseError",
    "RecordIterator",
    "__version__",
    "dumps",
    "iter_records",
    "lint",
    "load",
    "loads",
    "to_graph",
]
