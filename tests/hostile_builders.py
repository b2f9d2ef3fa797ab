"""Hostile files for the upload tests, generated here (small on disk, huge if a reader trusts or pads them).

``xlsx`` writes a minimal workbook by hand: the zip parts Excel needs and one sheet whose ``<sheetData>`` (and
optional shared strings) the test gives as XML, so a test can put a row at 50,000,000, a cell at XFD or an entity
bomb exactly where it wants.
"""

from __future__ import annotations

import io
import zipfile

__all__ = ["xlsx", "inline", "billion_laughs", "wide_csv"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def inline(ref: str, text: str) -> str:
    """One cell holding ``text`` as an inline string."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def billion_laughs(levels: int = 9) -> str:
    """A DTD whose last entity expands to 10**levels "lol"s (about 3 GB at 9 levels)."""
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels + 1)]
    return f"<!DOCTYPE bomb [{''.join(entities)}]>"


def xlsx(
    sheet_data: str,
    *,
    sheet: str = "organisations",
    shared: list[str] | None = None,
    prolog: str = "",
    shared_prolog: str = "",
    dimension: str = "",
) -> bytes:
    """A workbook whose one sheet's ``<sheetData>`` is ``sheet_data`` (rows as XML); ``prolog`` goes before the
    sheet's root element (a DOCTYPE), ``shared`` are the shared strings (with ``shared_prolog`` before them)."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/>'
            + (
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>'
                if shared is not None
                else ""
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + (
                f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
                if shared is not None
                else ""
            )
            + "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
            f"{dimension}<sheetData>{sheet_data}</sheetData></worksheet>"
        ),
    }
    if shared is not None:
        items = "".join(f"<si><t>{s}</t></si>" for s in shared)
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>{shared_prolog}<sst xmlns="{_MAIN}" '
            f'count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>'
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8"))
    return out.getvalue()


def wide_csv(columns: int = 100_000, blank_lines: int = 20_000) -> bytes:
    """The 709 KB CSV of issue 10: a header of ``columns`` names, then ``blank_lines`` empty lines."""
    return (",".join(f"c{i}" for i in range(columns)) + "\n" + "\n" * blank_lines).encode()
