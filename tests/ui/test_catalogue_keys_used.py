"""Every key of the dashboard's catalogues (ui/locales/*.toml) is used by some code: a text nobody shows is a text
nobody keeps up to date, and a translator should not translate it.

The dashboard's code is read with ``ast`` (nothing is imported or run). A key is used when the code holds it as a
string, when an f-string builds it (``f"import.field.{section}.{key}"``, ``f"{'kinds' if plural else 'kind'}.{kind}"``
matches every key of that shape), when a string is added to something (``"page." + name``), or when a prefix is
passed to a helper that builds the keys (``_labels("partners.section", ...)`` builds ``partners.section.<value>``).
An f-string with no words of its own (``f"{prefix}.{value}"``) says nothing about which keys it builds and is not
counted. Keys the catalogue module adds from the core (``core.*``, ``reason.*``, ``colhelp.*``, ``theme.*``) are not
in the files and not checked here (tests/ui/test_ui_i18n.py checks them).
"""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Functions that look a key up: their literal arguments are keys, not prefixes of keys.
LOOKUPS = {"t", "tm", "_lookup", "get"}
#: What a prefix handed to a helper looks like: at least two dotted words ("partners.section"). A single word such
#: as "edit" in ``require("edit")`` is an action, and would otherwise count every "edit.*" key as used.
KEY_PREFIX = re.compile(r"[a-z_]+(?:\.[a-z_]+)+")


def _sources() -> list[Path]:
    return sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "network_app.py"]


def _placeholder(node: ast.expr) -> str:
    """A ``{...}`` of an f-string as a pattern: the words it can be (``'kinds' if plural else 'kind'``), else any."""
    if isinstance(node, ast.IfExp):
        words = [n.value for n in (node.body, node.orelse) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if len(words) == 2:
            return "(?:" + "|".join(map(re.escape, words)) + ")"
    return ".+"


def used_by_code(sources: list[Path]) -> tuple[set[str], list[re.Pattern[str]], set[str]]:
    """The strings, the key patterns (f-strings and additions) and the key prefixes given to helpers, in ``sources``."""
    strings: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    prefixes: set[str] = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [
                    re.escape(part.value) if isinstance(part, ast.Constant) else _placeholder(part.value)
                    for part in node.values
                ]
                words = "".join(p.value for p in node.values if isinstance(p, ast.Constant))
                if re.search(r"[a-z]", words) or any(p.startswith("(?:") for p in parts):
                    patterns.append(re.compile("".join(parts)))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                if isinstance(node.left, ast.Constant) and isinstance(node.left.value, str) and node.left.value:
                    patterns.append(re.compile(re.escape(node.left.value) + ".+"))
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name not in LOOKUPS:  # a prefix names a family of keys: "partners.section", not "edit"
                    prefixes.update(
                        a.value
                        for a in node.args
                        if isinstance(a, ast.Constant) and isinstance(a.value, str) and KEY_PREFIX.fullmatch(a.value)
                    )
    return strings, patterns, prefixes


def unused_keys(keys: list[str], sources: list[Path]) -> list[str]:
    strings, patterns, prefixes = used_by_code(sources)
    return sorted(
        key
        for key in keys
        if key not in strings
        and not any(p.fullmatch(key) for p in patterns)
        and not any(key.startswith(prefix + ".") for prefix in prefixes)
    )


def _catalogue(language: str) -> list[str]:
    return list(tomllib.loads((ROOT / "ui" / "locales" / f"{language}.toml").read_text("utf-8")))


def test_every_catalogue_key_is_used_by_the_dashboard() -> None:
    unused = unused_keys(_catalogue("en"), _sources())
    assert not unused, f"keys no code uses (remove them from ui/locales/en.toml and sv.toml): {unused}"


def test_the_check_finds_an_unused_key_and_sees_keys_built_by_code(tmp_path: Path) -> None:
    """The check can fail: a key no code names is found; keys built by f-strings, additions and helpers are not."""
    page = tmp_path / "page.py"
    page.write_text(
        "t('a.used')\n"
        "t(f'kind.{kind}')\n"
        "t(f\"{'kinds' if plural else 'kind'}.{kind}\")\n"
        "t('page.' + name)\n"
        "_labels('sections.of', language)\n"
        "require('edit')\n"
        "t(f'{prefix}.{value}')\n",
        "utf-8",
    )
    keys = ["a.used", "a.unused", "kind.x", "kinds.x", "page.home", "sections.of.find", "other.y", "edit.col.action"]
    assert unused_keys(keys, [page]) == ["a.unused", "edit.col.action", "other.y"]
