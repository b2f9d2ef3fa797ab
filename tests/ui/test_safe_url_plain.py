"""``safe_url``'s shortcut for plain addresses (``_PLAIN_URL``) gives exactly what the checked way gives: split the
address, keep http(s) with a host, percent-encode what a Markdown link target must not hold."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ui.safe_text import safe_url

#: Characters the shortcut keeps, and others it must leave to the checked way (space, brackets, quotes, backslash,
#: controls, non-ASCII, the Kelvin sign and long s that a case-insensitive pattern would take for k and s).
_ALPHABET = "abcXYZ019.-_~:/?#@!$&'*+,;=% []<>\"\\\t\n\r()\u212a\u017fé€"


def checked(value: str) -> str | None:
    """The definition: ``urlsplit`` finds an http(s) scheme and a host; ``quote`` makes it safe."""
    text = (value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=":/?#@!$&'*+,;=%~-._")


@given(
    st.sampled_from(["http://", "https://", "HTTP://", "HtTpS://", "ftp://", "http:/", "", " https://"]),
    st.text(alphabet=_ALPHABET, max_size=40),
)
@example("https://", "www.example.org/path?q=1#top")
@example("http://", "example.org:8080/a%20b")
@example("http://", "[::1]/x")
@example("https://", "\u212aarlstad.se")
@example("https://", "user@example.org/")
def test_the_shortcut_gives_what_the_checked_way_gives(scheme: str, rest: str):
    value = scheme + rest
    assert safe_url(value) == checked(value)


@pytest.mark.parametrize("value", ["", "example.org", "javascript:alert(1)", "https://", "http:///path"])
def test_not_links(value: str):
    assert safe_url(value) is None
