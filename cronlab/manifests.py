"""Reading Kubernetes YAML safely: documents, lists, CronJobs.

Only ``yaml.safe_load`` semantics are used (no object construction), with
one addition: duplicate mapping keys are reported, because a missing
``---`` between two objects silently merges them into one under PyYAML
while the API server's strict field validation refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ManifestError

CRONJOB_VERSIONS = ("batch/v1", "batch/v1beta1")
YAML_SUFFIXES = (".yaml", ".yml", ".json")

# Above this a file is not a manifest but an accident; reading stays bounded.
MAX_FILE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A mapping key given twice in one YAML mapping; ``path`` names it
    from the document's top (``spec.schedule``)."""

    key: str
    line: int
    path: str = ""


@dataclass(slots=True)
class Document:
    """One YAML document of a source, with what reading it noticed."""

    source: str
    index: int
    body: Any
    duplicates: list[Duplicate] = field(default_factory=list)
    # The source's lines and where its ``schedule:`` keys stand (0-based),
    # for reading the comments authors leave beside a schedule.
    lines: list[str] = field(default_factory=list)
    schedule_lines: list[int] = field(default_factory=list)

    @property
    def where(self) -> str:
        """``source`` plus the document number when there are several."""
        return f"{self.source}#{self.index + 1}" if self.index else self.source

    def schedule_comment(self, schedule: str) -> str | None:
        """The comment beside the ``schedule:`` line that holds
        ``schedule``, with the comment lines just above it; None if none."""
        for number in self.schedule_lines:
            if schedule not in self.lines[number]:
                continue
            found = [_trailing_comment(self.lines[number])]
            above = number - 1
            while above >= 0 and self.lines[above].lstrip().startswith("#"):
                found.insert(0, self.lines[above].lstrip()[1:].strip())
                above -= 1
            text = " ".join(part for part in found if part)
            return text or None
        return None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An object that is not a CronJob, and why it was passed over."""

    where: str
    kind: str
    name: str
    reason: str


def _trailing_comment(line: str) -> str:
    # A '#' starts a comment only outside quotes and after white space.
    quote = None
    for i, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[i + 1 :].strip()
    return ""


class _Loader(yaml.SafeLoader):
    """SafeLoader that records duplicate keys instead of dropping them,
    and the lines of ``schedule`` keys."""

    duplicates: list[Duplicate]
    schedule_lines: list[int]
    root: yaml.Node | None = None

    def construct_document(self, node: yaml.Node) -> Any:
        self.root = node  # so a duplicate key can be named by its path
        return super().construct_document(node)


def _path_to(root: yaml.Node | None, target: yaml.Node) -> str:
    """The dotted path of the mapping ``target`` below ``root``; the
    search runs only when a duplicate is found, which is rare."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((value, f"{path}.{name}" if path else str(name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, f"{path}[{i}]") for i, item in enumerate(node.value))
    return ""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            # `<<: *anchor` (YAML 1.1, which kubectl reads): its keys are
            # defaults that the mapping's own keys may override.
            continue
        key = loader.construct_object(key_node, deep=True)
        if key == "schedule":
            loader.schedule_lines.append(key_node.start_mark.line)
        if isinstance(key, str | int | float | bool) and key in seen:
            above = _path_to(loader.root, node)
            path = f"{above}.{key}" if above else str(key)
            line = key_node.start_mark.line + 1
            loader.duplicates.append(Duplicate(str(key), line, path))
        seen.add(key) if isinstance(key, str | int | float | bool) else None
    loader.flatten_mapping(node)
    return dict(loader.construct_pairs(node, deep=True))


_MERGE_TAG = "tag:yaml.org,2002:merge"

_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_documents(text: str, source: str) -> list[Document]:
    """Parse every YAML (or JSON) document in ``text``.

    Raises :class:`ManifestError` naming the line when the text is not YAML.
    """
    documents: list[Document] = []
    try:
        loader = _Loader(text)
    except yaml.YAMLError as err:
        raise ManifestError(_yaml_message(err, text, source)) from err
    loader.duplicates, loader.schedule_lines = [], []
    lines = text.splitlines()
    try:
        while loader.check_data():  # type: ignore[no-untyped-call]
            body = loader.get_data()
            documents.append(
                Document(
                    source,
                    len(documents),
                    body,
                    loader.duplicates,
                    lines,
                    loader.schedule_lines,
                )
            )
            loader.duplicates, loader.schedule_lines = [], []
    except yaml.YAMLError as err:
        raise ManifestError(_yaml_message(err, text, source)) from err
    except RecursionError as err:
        raise ManifestError(f"{source}: YAML nested too deeply: {source!r}") from err
    finally:
        loader.dispose()
    return [d for d in documents if d.body is not None]


# A value that starts with a bare '*' followed by what a cron field has
# next ("*/5", "* * * * *"); "*name" is a real alias and gets no hint.
_UNQUOTED_STAR = re.compile(r"(?::|^\s*-)\s*\*(?=[\s/,]|$)")


def _yaml_message(err: yaml.YAMLError, text: str, source: str) -> str:
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    where = f"{source}:{line}" if line else source
    hint = ""
    if line is not None:
        lines = text.splitlines()
        bad = lines[line - 1] if 0 < line <= len(lines) else ""
        if _UNQUOTED_STAR.search(bad):
            hint = (
                "; a value starting with '*' is a YAML alias: quote the "
                'schedule, e.g. schedule: "*/5 * * * *"'
            )
    return f"{where}: not valid YAML ({problem}){hint}"


def read_path(path: Path) -> list[Document]:
    """Documents of one file; raises ManifestError if unreadable."""
    return read_documents(read_text(path), str(path))


def read_text(path: Path, limit: int = MAX_FILE_BYTES, what: str = "file") -> str:
    """The UTF-8 text of ``path``, at most ``limit`` bytes; raises
    ManifestError naming the file when it is too large or unreadable."""
    try:
        # Read one byte past the limit rather than trusting the size: a
        # device or pipe (/dev/zero) has none and would never end.
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        reason = err.strerror or err.__class__.__name__
        raise ManifestError(f"cannot read file ({reason}): {str(path)!r}") from err
    return decoded(data, repr(str(path)), limit, what)


def decoded(
    data: bytes, name: str, limit: int = MAX_FILE_BYTES, what: str = "file"
) -> str:
    """``data`` as UTF-8 text; raises ManifestError naming ``name`` when
    it is over ``limit`` bytes or not text at all."""
    if len(data) > limit:
        raise ManifestError(f"{what} is larger than {limit} bytes: {name}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        raise ManifestError(
            f"cannot read {what}: byte {byte:#04x} at offset {err.start} is "
            f"not UTF-8 text (a binary file?): {name}"
        ) from err


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named by ``paths``: files as given, folders searched for YAML.

    Raises ManifestError for a path that does not exist.
    """
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in YAML_SUFFIXES
            )
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise ManifestError(f"no such file or folder: {str(raw)!r}")
    return files


def objects_of(document: Document) -> Iterable[tuple[str, dict[str, Any]]]:
    """The Kubernetes objects in a document, flattening ``kind: List``."""
    for where, value in _entries(document):
        if isinstance(value, dict):
            yield where, value


def strays_of(document: Document) -> Iterable[tuple[str, str]]:
    """What stands where an object should but is not one (a number, a
    string, a null list item), each with a word on what it is, so a check
    can say it passed it over instead of finding nothing."""
    for where, value in _entries(document):
        # A document that is only None is empty (a trailing '---').
        empty = value is None and where == document.where
        if not (empty or isinstance(value, dict)):
            yield where, f"a YAML {_yaml_type(value)}, not a Kubernetes object"


def _entries(document: Document) -> Iterable[tuple[str, Any]]:
    body = document.body
    if _is_list(body):
        items = body.get("items") or []
        if not isinstance(items, list):
            yield f"{document.where} items", items
            return
        for i, item in enumerate(items):
            yield f"{document.where} items[{i}]", _typed(item, body)
    elif isinstance(body, list):
        for i, item in enumerate(body):
            yield f"{document.where}[{i}]", item
    else:
        yield document.where, body


def _is_list(body: Any) -> bool:
    # kubectl writes "List"; the API itself answers "CronJobList" (and a
    # bare {"items": …} is a list by shape).
    if not isinstance(body, dict) or (
        "items" not in body and body.get("kind") != "List"
    ):
        return False
    kind = body.get("kind")
    return kind is None or (isinstance(kind, str) and kind.endswith("List"))


def _typed(item: Any, body: dict[str, Any]) -> Any:
    # The API leaves kind and apiVersion off the items of a typed list
    # (CronJobList): they are the list's own, less "List".
    kind = body.get("kind")
    if not isinstance(item, dict) or kind in (None, "List"):
        return item
    defaults = {"kind": str(kind).removesuffix("List")}
    if "apiVersion" in body:
        defaults["apiVersion"] = body["apiVersion"]
    return {**defaults, **item}


def _yaml_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "list"
    names = {bool: "boolean", int: "number", float: "number", str: "string"}
    return names.get(type(value), type(value).__name__)
