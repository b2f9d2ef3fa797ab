"""The upload boxes of the Import page speak the chosen language in the browser (ui/pages/import_page.uploader_style).

Streamlit 1.67 draws the box's own words in English ("Upload", "200MB per file • CSV", "Drag and drop a file here"
while a file is dragged over it) and has no setting for them; a style sheet hides them and shows the catalogue's.
AppTest cannot see any of this (the words are drawn by the browser), so these tests look at what Chromium shows:
the visible text of the box, the text the style sheet adds (``::after``), and the same while a file is dragged
over it, after one is chosen, and when one is refused (another type: the page says so; too large: the browser
refuses it, and the style sheet says why).
"""

from __future__ import annotations

import tomllib

import pytest

from browser_helpers import ROOT, STATE_TIMEOUT_MS, Visit
from ui.i18n import EN, SV
from ui.pages.import_page import SOURCE_TYPES, upload_limit_mb

pytestmark = pytest.mark.slow

ZONE = '[data-testid="stFileUploaderDropzone"]'
#: What the browser shows in the first upload box: its visible text, and the text each part's ::after adds.
SHOWN = """zone => {
  const after = el => el ? getComputedStyle(el, '::after').content : null;
  const overlay = [...zone.children].find(c => c.tagName === 'DIV' && !c.dataset.testid && c.querySelector(':scope > span'));
  return {
    visible: zone.innerText,
    button: after(zone.querySelector('button')),
    instructions: after(zone.querySelector('[data-testid="stFileUploaderDropzoneInstructions"]')),
    overlay: after(overlay),
    overlayVisible: overlay ? overlay.innerText : null,
    others: [...zone.children].filter(c => c !== overlay && c.tagName === 'DIV' && !c.dataset.testid).map(after),
  };
}"""
#: A file dragged over the box (react-dropzone shows its overlay while a drag with files is over it).
DRAG_OVER = """zone => {
  const data = new DataTransfer();
  data.items.add(new File(['a;b'], 'partners.csv', {type: 'text/csv'}));
  zone.dispatchEvent(new DragEvent('dragenter', {bubbles: true, cancelable: true, dataTransfer: data}));
}"""


def _css_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _open_import(visit: Visit, language: str) -> dict:
    catalogue = SV if language == "sv" else EN
    visit.open(f"/import?lang={language}", catalogue["page.import"])
    zone = visit.page.locator(ZONE).first
    zone.wait_for(timeout=STATE_TIMEOUT_MS)
    return catalogue


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_upload_box_says_our_words_also_while_a_file_is_dragged_over_it(visit: Visit, language: str) -> None:
    words = _open_import(visit, language)
    limit = f"{upload_limit_mb():g}"
    zone = visit.page.locator(ZONE).first
    shown = zone.evaluate(SHOWN)
    assert "per file" not in shown["visible"] and "200MB" not in shown["visible"], shown  # Streamlit's words hidden
    assert "Upload" not in shown["visible"], shown
    assert shown["button"] == _css_text(words["import.uploader_button"]), shown
    assert shown["instructions"] == _css_text(words["import.uploader_limit"].format(limit=limit)), shown
    assert shown["overlay"] is None, shown  # nothing is dragged yet: no overlay

    zone.evaluate(DRAG_OVER)
    visit.page.wait_for_function(
        f"() => [...document.querySelector('{ZONE}').children].some(c => c.tagName === 'DIV' && !c.dataset.testid)",
        timeout=STATE_TIMEOUT_MS,
    )
    dragging = zone.evaluate(SHOWN)
    assert "Drag and drop" not in dragging["visible"], dragging
    assert dragging["overlayVisible"] == "", dragging  # Streamlit's "Drag and drop a file here" is hidden
    assert dragging["overlay"] == _css_text(words["import.uploader_drop"]), dragging
    visit.check_safe()


def test_a_chosen_file_shows_no_drop_words(visit: Visit) -> None:
    """Once a file is chosen the box lists it; the drop words belong to the drag overlay only, never to the list."""
    _open_import(visit, "sv")
    visit.page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": "partners.csv", "mimeType": "text/csv", "buffer": b"Name;Country\nTeatro;IT\n"}]
    )
    visit.page.get_by_text("partners.csv").first.wait_for(timeout=STATE_TIMEOUT_MS)
    visit.settle()
    shown = visit.page.locator(ZONE).first.evaluate(SHOWN)
    assert shown["overlay"] is None, shown
    assert all(after in ("none", "normal") for after in shown["others"]), shown  # the file list gets no ::after text
    assert SV["import.uploader_drop"] not in shown["visible"], shown


#: What the browser shows for a refused file: the tooltip over its chip and the alert for screen readers, each with
#: its own text, the style sheet's ``::after`` text, its font size and visibility.
REFUSED = """() => {
  const said = el => el ? {
    text: el.innerText, after: getComputedStyle(el, '::after').content,
    size: getComputedStyle(el).fontSize, visibility: getComputedStyle(el).visibility,
  } : null;
  return {
    tooltip: said(document.querySelector('[data-testid="stTooltipErrorContent"]')),
    alert: said(document.querySelector('[data-testid="stFileChip"] > span[role="alert"]')),
  };
}"""


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_file_of_another_type_is_refused_in_the_chosen_language(visit: Visit, language: str) -> None:
    """The boxes take every file and the page checks the type (Streamlit would refuse it in English, in a tooltip)."""
    words = _open_import(visit, language)
    visit.page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"}]
    )
    said = words["import.wrong_type"].format(name="report.pdf", types=", ".join(SOURCE_TYPES))
    visit.page.get_by_text(said).first.wait_for(timeout=STATE_TIMEOUT_MS)
    visit.settle()
    assert "not allowed" not in visit.page.locator("body").inner_text()
    assert not visit.page.locator('[data-testid="stFileChipIconError"]').count()  # the browser refused nothing


def test_a_file_too_large_for_the_browser_is_refused_in_swedish(visit: Visit) -> None:
    """Streamlit refuses a file over server.maxUploadSize in the browser and says why in English over the file's
    chip; the style sheet puts the catalogue's words there, with the same limit, and in the screen readers' alert."""
    limit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))["server"]["maxUploadSize"]
    _open_import(visit, "sv")
    visit.page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        files=[{"name": "partners.csv", "mimeType": "text/csv", "buffer": b"a;b\n" + b"x" * ((limit + 1) * 2**20)}]
    )
    visit.page.locator('[data-testid="stFileChipIconError"]').first.wait_for(timeout=STATE_TIMEOUT_MS)
    visit.page.locator('[data-testid="stFileChip"]').first.hover()
    visit.page.locator('[data-testid="stTooltipErrorContent"]').first.wait_for(timeout=STATE_TIMEOUT_MS)
    shown = visit.page.evaluate(REFUSED)
    ours = _css_text(SV["import.uploader_refused"].format(limit=f"{limit:g}"))
    assert "or smaller" in shown["tooltip"]["text"] and shown["tooltip"]["size"] == "0px", shown  # Streamlit's, unseen
    assert shown["tooltip"]["after"] == ours, shown
    assert shown["alert"]["visibility"] == "hidden" and shown["alert"]["after"] == ours, shown
    visit.check_safe()
