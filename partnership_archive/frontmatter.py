"""Front matter: the YAML block at the top of a Markdown file, with its lines.

``split`` separates a Markdown file's front matter from its body. It accepts what
editors write: a UTF-8 byte-order mark, and CRLF or CR line endings (line numbers
count each of them once, as every editor does). ``missing`` says, in a coordinator's
words, why a file has no usable front matter. The YAML itself is read by
``safe_yaml.load_yaml`` (re-exported here, as are ``YamlProblem`` and ``line_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .safe_yaml import Path_, YamlProblem, line_of, load_yaml

__all__ = ["FrontMatter", "Path_", "YamlProblem", "line_of", "load_yaml", "missing", "split"]

BOM = "\ufeff"
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

NO_FRONT_MATTER = (
    "no front matter: the file must start with a '---' line, "
    "then 'title: ...', 'type: ...', 'date: ...', then a closing '---' line"
)


@dataclass(frozen=True)
class FrontMatter:
    yaml_text: str
    first_line: int  # file line number of the first YAML line
    body: str
    body_first_line: int


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` with their endings; only ``\\r\\n``, ``\\r`` and ``\\n`` end one.

    (``str.splitlines`` also breaks at form feeds and other separators no editor
    counts, which would shift every line number after them.)
    """
    return _LINES.findall(text)


def split(text: str) -> FrontMatter | None:
    """Return the front matter block of a Markdown text, or None if it has none."""
    lines = lines_of(text.removeprefix(BOM))
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter(
                yaml_text="".join(lines[1:index]),
                first_line=2,
                body="".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    return None


def missing(text: str) -> tuple[int, str]:
    """Line and message for a text that ``split`` finds no front matter in."""
    lines = lines_of(text.removeprefix(BOM))
    if not "".join(lines).strip():
        return 1, (
            "the file is empty: it needs front matter (a '---' line, 'title: ...', "
            "'type: ...', 'date: ...', a closing '---' line), then the text"
        )
    if lines[0].rstrip() == "---":
        return 1, (
            "the front matter that starts here is not closed: add a '---' line after "
            "its last 'key: value' line"
        )
    first = next(index for index, line in enumerate(lines) if line.strip())
    if lines[first].strip() == "---":
        what = "the empty line" if first == 1 else f"the {first} empty lines"
        return 1, f"remove {what} before '---': it must be the file's first line"
    return 1, NO_FRONT_MATTER
