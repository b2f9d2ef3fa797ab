"""The theme vocabulary (network/themes.csv): well formed, both languages, words that find what they should."""

from __future__ import annotations

import re

from network import schema
from network.themes import label, labels, matched_word, pattern, resolve, vocabulary


def test_every_theme_has_a_slug_both_names_and_words_to_look_for() -> None:
    found = vocabulary()
    assert len(found) >= 25
    for tag, theme in found.items():
        assert re.fullmatch(schema.ID_PATTERN, tag), tag
        assert theme.en and theme.sv, tag
        assert theme.words, f"{tag}: no words to look for in texts"
        assert all(len(w.rstrip("*")) >= 3 for w in theme.words), tag  # "by", "ai" would find everything


def test_names_in_both_languages() -> None:
    assert label("dance", "sv") == "dans" and label("dance", "en") == "dance"
    assert labels("sv")["children-youth"] == "barn och unga"
    assert label("contemporary-dance") == "contemporary dance"  # outside the vocabulary: as written


def test_words_match_whole_words_and_endings() -> None:
    assert matched_word("culture", "Agriculture and food") == ""
    assert matched_word("culture", "Kulturhuset Örebro") == "kulturhuset"
    assert matched_word("dance", "Centro Coreografico, danza contemporanea") == "danza"
    assert matched_word("dance", "Formation dans les métiers") == ""  # French "dans" is not dance
    assert pattern("social-economy").search("rete per l'economia sociale") is not None


def test_typed_words_become_tags() -> None:
    assert resolve("dans") == ("dance",)
    assert resolve("Teater") == ("theatre",)
    assert resolve("social ekonomi") == ("social-economy",)
    assert resolve("") == ()
