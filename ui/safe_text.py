"""Text from data and files, shown as text: never as Markdown, HTML, a link, a picture, an icon or a formula.

Almost everything Streamlit draws is Markdown: ``st.markdown``, captions, alerts, headings, widget and expander
labels, tab names, radio options, help tooltips, toasts, metric labels. A name, note or message that comes from the
data files, an upload or an error that quotes them goes through this module before it reaches one of those, so
``![x](https://evil.test/p.png)``, ``[Logga in igen](https://evil.test)``, ``# VARNING``, ``:red[…]`` or ``$\\LaTeX$``
shows as written. This module owns that rule; ``ui.i18n.tm`` (a message with values) uses it, and pages call it
for any other data text they put into Markdown. Plain-text elements (``st.text``, table cells, selectbox options,
file names) need no escaping and must not get it (the backslashes would show).

Two layers, because Streamlit's Markdown has two kinds of syntax:

1. CommonMark and GFM syntax (links, images, headings, emphasis, tables, HTML, entities, ``<https://…>``, ``$…$``,
   ``:red[…]`` directives): every punctuation character that CommonMark, GFM or Streamlit give a meaning gets a
   backslash, which CommonMark defines as "this character, literally" (other punctuation, such as ``,`` or ``'``,
   means nothing in Markdown and stays as it is, so messages read naturally in the source too).
2. Rewrites Streamlit and GFM apply to the *text* after parsing, where backslashes are already gone: bare
   ``https://…``, ``www.…`` and ``a@b.se`` become links, ``:material/…:`` an icon, ``:streamlit:`` a picture,
   ``:smile:`` an emoji, `` -> `` an arrow. An invisible WORD JOINER (U+2060) inside each trigger breaks the match
   and changes nothing a reader sees (it is copied with the text, though: an address in a note needs retyping;
   addresses in link columns are links whose words are not split).

Links are made only by ``md_link``, from link columns (website, url, reference, email) and only for http(s) and
mailto addresses, and by ``md_page_link``, to one of the dashboard's own pages (``ui/links.py`` builds the address).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

__all__ = [
    "escape_markdown",
    "markdown_lines",
    "safe_url",
    "safe_mailto",
    "md_link",
    "md_page_link",
    "safe_page_url",
    "WORD_JOINER",
]

#: Invisible, zero-width, no line break: splits a trigger word without changing what is seen.
WORD_JOINER = "\u2060"
#: Markdown syntax: emphasis, code, links and pictures, HTML and autolinks, headings (also ``===``), lists, quotes,
#: tables, strikethrough, entities (``&lt;``), escapes, directives and icons (``:``), formulas (``$``).
_PUNCTUATION = frozenset("\\`*_{}[]()<>#+-=.!|~:$&")
#: Text rewrites that act after parsing (so backslashes do not stop them), and where to split each one. Inside a
#: link's words GFM makes no bare links, so a link label keeps its addresses whole (they copy as written).
_EVERYWHERE = (
    r":(?=[\w+-])"  # :material/icon:, :streamlit:, :emoji:, :red[…] directives
    r"|(?<!\S)(?:<-|-|>|<|~)(?=[->=](?!\S))"
)  # Streamlit's typography: -> <- <-> -- >= <= ~=
_LINK_LABEL_TRIGGERS = re.compile(_EVERYWHERE)
_TRIGGERS = re.compile(
    r"(?i:https?|ftp|www|mailto|xmpp)(?=[:.])"  # bare links: GFM's autolink literals
    r"|@(?=[\w.+-])"  # bare e-mail addresses
    r"|" + _EVERYWHERE
)
_WHITESPACE = re.compile(r"\s+")


def _escape(text: str, triggers: re.Pattern[str]) -> str:
    split = triggers.sub(lambda m: m.group(0) + WORD_JOINER, text)
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in split)


def escape_markdown(text: object) -> str:
    """``text`` for one line of Markdown: shown exactly as written (line breaks become spaces)."""
    return _escape(_WHITESPACE.sub(" ", str(text)), _TRIGGERS)


def markdown_lines(text: object) -> str:
    """Several lines of text for Markdown, shown as written: each line escaped, line breaks kept, blank lines as
    paragraph breaks. Leading spaces are dropped (four of them would make a code block)."""
    paragraphs = re.split(r"\n\s*\n", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(
        "  \n".join(escape_markdown(line.strip()) for line in block.split("\n") if line.strip())
        for block in paragraphs
        if block.strip()
    )


#: An http(s) address that ``safe_url`` would return unchanged: a host of letters, digits, dots and hyphens, an
#: optional port, then only characters ``quote`` keeps (no space, bracket, quote mark, backslash or non-ASCII;
#: no ``re.IGNORECASE``, which would let the Kelvin sign match ``k``).
#: Checking this first is ~30 times cheaper than ``urlsplit`` and ``quote``: the Katalog's 42,000 distinct websites
#: of a 60,000-organisation directory took 0.6 s of its first visit (docs/performance.md, issue 12).
_PLAIN_URL = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][A-Za-z0-9:/?#@!$&'*+,;=%~._-]*)?")


def safe_url(value: str) -> str | None:
    """The address if it is an http(s) link, made safe for a Markdown link target; otherwise None."""
    if value and _PLAIN_URL.fullmatch(value):
        return value
    text = (value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=":/?#@!$&'*+,;=%~-._")


_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)


def safe_mailto(value: str) -> str | None:
    """``mailto:`` and the address if ``value`` is one plain e-mail address; otherwise None."""
    text = (value or "").strip()
    return "mailto:" + quote(text, safe="@.+-_") if _EMAIL.fullmatch(text) else None


def md_link(value: str, text: str | None = None, *, email: bool = False) -> str:
    """A Markdown link for an http(s) address (``email``: a ``mailto:`` link for an e-mail address) taken from a
    link column, else the value as escaped text. The link's words are escaped like any data text."""
    url = safe_mailto(value) if email else safe_url(value)
    if not url:
        return escape_markdown(text if text is not None else value)
    label = _escape(_WHITESPACE.sub(" ", str(text if text is not None else value)), _LINK_LABEL_TRIGGERS)
    return f"[{label}]({url})"


#: An address of one of the dashboard's own pages: a page name and percent-encoded query parameters, nothing else
#: (no scheme, host, path above the page, spaces, brackets or quotes), so it can only open a page of this app.
_PAGE_URL = re.compile(r"[a-z][a-z_]*(?:\?[A-Za-z0-9_.~%=&+-]*)?")


def safe_page_url(target: str) -> str | None:
    """``target`` if it is an address of a page of this dashboard (``explore?focus=reves``); otherwise None."""
    return target if _PAGE_URL.fullmatch(target or "") else None


def md_page_link(target: str, text: object) -> str:
    """A Markdown link to a page of this dashboard (``ui.links`` builds ``target``), its words escaped like any
    data text; just the escaped words if ``target`` is not such an address."""
    if not safe_page_url(target):
        return escape_markdown(text)
    return f"[{_escape(_WHITESPACE.sub(' ', str(text)), _TRIGGERS)}]({target})"
