"""Streamlit's element code, found in the installed Streamlit's build (``ui/frontend_chunks.py``): the page documents
import these files once the first page has settled (``ui/page_document.py``)."""

from __future__ import annotations

import re
from pathlib import Path

from ui.frontend_chunks import ELEMENTS, element_modules, entry_bundle, static_dir

INDEX = '<head><script type="module" crossorigin src="./static/js/index.AbC-12.js"></script></head>'


def _build(tmp_path: Path, bundle: str, files: tuple[str, ...], index: str = INDEX) -> Path:
    js = tmp_path / "static" / "js"
    js.mkdir(parents=True)
    (tmp_path / "index.html").write_text(index, encoding="utf-8")
    (js / "index.AbC-12.js").write_text(bundle, encoding="utf-8")
    for name in files:
        (js / name).write_text("export default 1;", encoding="utf-8")
    return tmp_path


def test_the_installed_streamlit_names_every_element_s_code():
    """Fails on a Streamlit release whose build no longer imports one of ``ELEMENTS`` this way: then look at its
    entry bundle and update ``ui/frontend_chunks.py`` (the page would only load that code later, as before)."""
    bundle = entry_bundle(static_dir())
    assert bundle is not None and bundle.is_file()
    found = element_modules()
    assert [name.split(".")[0] for name in found] == list(ELEMENTS)
    code = bundle.read_text("utf-8")
    for name in found:
        assert f"import(`./{name}`)" in code and (bundle.parent / name).is_file()


def test_element_modules_come_in_the_order_asked_and_only_when_imported_and_present(tmp_path):
    bundle = (
        "a=lazy(()=>H(()=>import(`./ButtonGroup.G1.js`)));b=lazy(()=>H(()=>import(`./Button.B-2_x.js`)));"
        "c=lazy(()=>import(`./Selectbox.S3.js`));d=lazy(()=>import(`./TextInput.T4.js`))"
    )
    static = _build(tmp_path, bundle, ("ButtonGroup.G1.js", "Button.B-2_x.js", "Selectbox.S3.js"))
    assert entry_bundle(static) == static / "static" / "js" / "index.AbC-12.js"
    # Button is not ButtonGroup; TextInput is imported but its file is missing; BidiComponent is not imported
    assert element_modules(("TextInput", "Button", "Selectbox", "BidiComponent"), static) == (
        "Button.B-2_x.js",
        "Selectbox.S3.js",
    )


def test_a_build_without_the_expected_layout_gives_no_files(tmp_path):
    assert entry_bundle(tmp_path) is None  # no index.html
    assert element_modules(ELEMENTS, tmp_path) == ()
    other = _build(tmp_path / "other", "import(`./Button.B1.js`)", ("Button.B1.js",), index="<head></head>")
    assert element_modules(("Button",), other) == ()


def test_the_names_are_plain_file_names():
    """They go into the page's script and an ``import()`` address: a file name, nothing that could leave it."""
    for name in element_modules():
        assert re.fullmatch(r"[A-Za-z]+\.[\w-]+\.js", name)
