"""The lock files agree with the pins they were made from: a dependency added to requirements.txt or
requirements-dev.txt without regenerating the locks (docs/development.md) fails here, not on a fresh machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: ``name[extra]==1.2.3`` at the start of a line (a pin), as requirements files and uv's locks write it.
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    """The normalised name (PEP 503): case and runs of -, _ and . do not matter."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """Every pin in ``path`` and, through ``-r``, in the files it includes."""
    text = path.read_text(encoding="utf-8")
    found = {_name(name): version for name, version in PIN.findall(text)}
    for included in re.findall(r"^-r\s+(\S+)", text, re.MULTILINE):
        found.update(pins(path.parent / included))
    return found


@pytest.mark.parametrize(
    "source, lock", [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]
)
def test_every_pin_is_in_the_lock_at_the_same_version(source: str, lock: str) -> None:
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted, f"no pins found in {source}"
    differ = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not differ, (
        f"{lock} does not match {source} (pinned, locked): {differ}. Regenerate the locks with the "
        "command in docs/development.md."
    )


def test_the_locks_have_hashes() -> None:
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[^\s#])", text)  # a pin starts a line; its hashes and comments are indented
        pinned = [entry for entry in entries if PIN.match(entry)]
        assert len(pinned) > 10, f"{lock}: no pins found"
        unhashed = [entry.split()[0] for entry in pinned if "--hash=sha256:" not in entry]
        assert not unhashed, f"{lock}: pins without hashes: {unhashed}"


def test_the_project_reads_its_dependencies_from_requirements_txt() -> None:
    """One list of runtime dependencies: pyproject.toml's come from requirements.txt, which must therefore hold
    only pins and comments (setuptools reads no -r or options there)."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["tool"]["setuptools"]["dynamic"]["dependencies"]["file"] == ["requirements.txt"]
    assert project["project"]["scripts"]["network"] == "network.cli:main"
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    others = [line for line in lines if line and not line.startswith("#") and not PIN.match(line)]
    assert not others, f"requirements.txt may hold only pins and comments: {others}"
