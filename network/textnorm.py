"""Text normalisation: how names are cleaned on reading and folded for searching.

Names keep their Swedish characters (NFC-normalised) everywhere; only the *search keys* are folded, so that
"Orebro" finds "Örebro" and "ÖREBRO" finds "örebro".
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean", "nfc", "fold", "name_key", "slugify"]

# Letters that do not decompose into base letter + combining mark.
_SPECIAL = str.maketrans(
    {
        "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "œ": "oe", "Œ": "oe", "ı": "i",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")
# Words that say nothing about which organisation it is, dropped from duplicate keys.
_NOISE_WORDS = frozenset({"the", "of", "and", "ab", "ltd", "gmbh", "ev", "e", "v", "sa", "srl", "asbl", "vzw", "ry"})


def nfc(text: str) -> str:
    """NFC-normalise (decomposed "o" + combining diaeresis becomes "ö"), only when needed."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """A cell as a person meant it: NFC, non-breaking spaces as spaces, runs of white space folded, trimmed."""
    return _SPACES.sub(" ", nfc(text).replace("\u00a0", " ")).strip()


def fold(text: str) -> str:
    """A search key: lower case, accents removed (Ö → o, ø → o, ß → ss), white space folded."""
    if text.isascii():
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.lower()).strip()


def name_key(text: str) -> str:
    """A key under which two spellings of one organisation's name coincide (for near-duplicate warnings)."""
    words = [w for w in _NON_ALNUM.split(fold(text)) if w and w not in _NOISE_WORDS]
    return " ".join(words)


def slugify(text: str) -> str:
    """An id from a name: "Region Örebro län" → "region-orebro-lan"."""
    return _NON_ALNUM.sub("-", fold(text)).strip("-") or "x"
