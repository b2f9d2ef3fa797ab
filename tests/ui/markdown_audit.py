"""What Streamlit would make of each piece of Markdown a page sends: pictures, links, headings, HTML, formulas,
icons, colours and bare links, found with a CommonMark parser (markdown-it-py) plus the rewrites Streamlit and GFM
apply to the text afterwards (see ``ui/safe_text.py``).

``markdown_sources(at)`` collects every string of a finished AppTest run that the browser renders as Markdown:
bodies of Markdown, captions, alerts and headings; labels and help of every widget, expander, tab, metric and
button; options of radios and segmented controls. ``problems(source, links)`` lists what the string would turn into
that data must never make (links to the dashboard's own pages, ``ui.links``, are the code's, not data's).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from google.protobuf.message import Message
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

__all__ = ["markdown_sources", "problems", "visible_text", "code_icons"]

_ROOT = Path(__file__).resolve().parents[2]
#: String fields that Streamlit's front end renders as Markdown.
_MARKDOWN_FIELDS = {"body", "label", "help", "content", "caption"}
#: Elements whose ``body`` is plain text (no Markdown).
_PLAIN_ELEMENTS = {"text", "code", "json", "exception", "iframe", "arrow_data_frame", "dataframe"}
#: Elements whose ``options`` are Markdown (selectbox and multiselect options are plain text).
_MARKDOWN_OPTIONS = {"radio"}
#: An ``st.html`` that is only a style sheet (no "<" inside, so nothing but CSS).
_STYLE_ONLY = re.compile(r"\s*<style>[^<]*</style>\s*")
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# GFM's autolink literals (mdast-util-gfm-autolink-literal), which act on text after parsing.
_BARE_URL = re.compile(r"(?i)(?:https?://|www\.)[-\w]+(?:\.[-\w]+)+")  # the domain needs a dot
_BARE_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+")
# Streamlit's own rewrites of text (StreamlitMarkdown): icons, the logo picture, emoji, colour directives.
_ICON = re.compile(r":material[/_](\w+):")
_LOGO = re.compile(r":streamlit:")
_SHORTCODE = re.compile(r"(?<![\w:]):(?!material[/_])[\w+-][\w+-]*:")
_DIRECTIVE = re.compile(r":[a-z][a-z0-9-]*\[")
# The dashboard's own links between pages (``ui.links``: a profile, a view): a page name and encoded parameters.
_OWN_PAGE = re.compile(r"(?:directory|explore|connections|partners)\?[A-Za-z0-9_.~%=&+-]+")
# Streamlit loads KaTeX when the source (escaped $, \\ and ` removed, code spans removed) has $…$ or $$…$$.
_CODE_OR_ESCAPE = re.compile(
    r"(?:^|(?<=\n)) {0,3}(`{3,}|~{3,})[\s\S]*?(?:\n[ \t]*\1|$)|(?<!`)(`+)[^`\n]+\2(?!`)"
    r"|\\[\\$`]"
)
_BLOCK_MATH = re.compile(r"(?<!\$)\$\$+(?!\$)[\s\S]*?\$\$")
_INLINE_MATH = re.compile(r"(?<!\$)\$(?![\s$])[^$\n]*?[^\s$]\$(?!\d)")


def code_icons() -> set[str]:
    """The ``:material/…:`` icons the dashboard's own code uses (an icon with another name came from data)."""
    names: set[str] = set()
    for path in (_ROOT / "ui").rglob("*.py"):
        names.update(re.findall(r":material/(\w+):", path.read_text("utf-8")))
    return names


def _strings(message: Message, element: str, out: list[str]) -> None:
    for field, value in message.ListFields():
        repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED
        if field.type == field.TYPE_MESSAGE:
            for item in value if repeated else [value]:
                _strings(item, element, out)
        elif field.type == field.TYPE_STRING:
            if repeated:
                if field.name == "options" and element in _MARKDOWN_OPTIONS:
                    out.extend(value)
            elif field.name in _MARKDOWN_FIELDS and not (field.name == "body" and element in _PLAIN_ELEMENTS):
                out.append(value)


def markdown_sources(at: AppTest) -> list[tuple[str, str]]:
    """(element type, Markdown source) for everything in the run that is rendered as Markdown."""
    found: list[tuple[str, str]] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = str(getattr(node, "type", ""))
        if kind == "html" and _STYLE_ONLY.fullmatch(getattr(proto, "body", "")):
            return  # the dashboard's own style sheets (the upload box's words): no text, no markup from data
        if isinstance(proto, Message) and kind not in ("iframe",):
            strings: list[str] = []
            _strings(proto, kind, strings)
            found.extend((kind, s) for s in strings if s)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def _normal(url: str) -> str:
    return unquote(url).strip().rstrip("/")


def _headings() -> set[str]:
    """The words a table the code makes has as headings: the catalogue's, in either language, none, or ``id``."""
    from ui.i18n import EN, SV

    return {str(v) for v in (*EN.values(), *SV.values())} | {"", "id"}


def _own_tables(source: str) -> list[bool]:
    """For each table in ``source``, in order: whether it is the code's (``ui.overview_tables.markdown_table``):
    all its headings are the dashboard's own words. Data can only make a table whose headings are data."""
    own: list[bool] = []
    headings = None
    for token in _PARSER.parse(source):
        if token.type == "table_open":
            own.append(True)
            headings = _headings()
        elif token.type == "thead_close":
            headings = None
        elif token.type == "inline" and headings is not None:
            text = "".join(c.content for c in token.children or () if c.type == "text").replace("\u2060", "")
            own[-1] = own[-1] and text in headings
    return own


def _tokens(source: str):
    for token in _PARSER.parse(source):
        yield token, False
        depth = 0
        for child in token.children or ():
            depth += child.type == "link_open"
            yield child, depth > 0
            depth -= child.type == "link_close"


def problems(source: str, links: set[str], icons: set[str]) -> list[str]:
    """What in ``source`` would become markup that data must not make; ``links`` are the allowed link targets (the
    link columns' values), ``icons`` the icons the code itself uses."""
    allowed = {_normal(u) for u in links} | {_normal("mailto:" + u) for u in links if "@" in u}
    own_tables = _own_tables(source)
    found = []
    for token, in_link in _tokens(source):
        if token.type == "image":
            found.append(f"picture {token.attrGet('src')}")
        elif (
            token.type == "link_open"
            and _normal(str(token.attrGet("href"))) not in allowed
            and not _OWN_PAGE.fullmatch(str(token.attrGet("href")))
        ):
            found.append(f"link to {token.attrGet('href')}")
        elif token.type == "table_open" and not own_tables.pop(0):
            found.append("table from data")
        elif token.type in (
            "heading_open",
            "html_block",
            "html_inline",
            "code_block",
            "fence",
            "blockquote_open",
            "hr",
        ):
            found.append(f"{token.type} {token.content[:40]!r}")
        elif token.type == "text" and not in_link:
            text = token.content
            found += [f"bare link {m.group(0)}" for m in _BARE_URL.finditer(text)]
            found += [f"bare e-mail {m.group(0)}" for m in _BARE_EMAIL.finditer(text)]
            found += [f"icon {m.group(0)}" for m in _ICON.finditer(text) if m.group(1) not in icons]
            found += [f"logo {m.group(0)}" for m in _LOGO.finditer(text)]
            found += [f"emoji {m.group(0)}" for m in _SHORTCODE.finditer(text)]
            found += [f"colour {m.group(0)}" for m in _DIRECTIVE.finditer(text)]
    if "$" in source:
        stripped = _CODE_OR_ESCAPE.sub("_", source)
        if _BLOCK_MATH.search(stripped) or _INLINE_MATH.search(stripped):
            found.append("formula")
    return found


def visible_text(source: str) -> str:
    """The words a reader sees (Markdown syntax gone, invisible joiners removed, spaces collapsed)."""
    parts = [
        token.content if token.type in ("text", "code_inline") else " "
        for token, _ in _tokens(source)
        if token.type in ("text", "code_inline", "softbreak", "hardbreak", "paragraph_open")
    ]
    return re.sub(r"\s+", " ", "".join(parts).replace("\u2060", "")).strip()
