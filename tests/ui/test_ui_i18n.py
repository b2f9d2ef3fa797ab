"""The catalogues: both languages define the same keys, and every key the dashboard uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from network import schema
from ui import i18n
from ui.app import PAGES

UI = Path(i18n.__file__).resolve().parent
#: t("key") and t('key') with a literal key.
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.+-]+)["']""")
#: t(f"prefix.{...}"): the prefix of a computed key.
COMPUTED_KEY = re.compile(r"""\bt\(\s*f["']([a-z0-9_.-]+)\{""")


def _sources() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_define_the_same_keys():
    assert set(i18n.SV) == set(i18n.EN), {
        "only in Swedish": sorted(set(i18n.SV) - set(i18n.EN)),
        "only in English": sorted(set(i18n.EN) - set(i18n.SV)),
    }


def test_translations_use_the_same_placeholders():
    differ = [key for key in i18n.EN if _placeholders(i18n.SV[key]) != _placeholders(i18n.EN[key])]
    assert not differ


def test_no_text_is_empty():
    for language, catalogue in i18n.CATALOGUES.items():
        assert all(value.strip() for value in catalogue.values()), language


def test_every_literal_key_used_by_the_ui_exists():
    used = {key for path in _sources() for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 100  # the scan found the keys (a broken pattern must not pass silently)
    missing = sorted(key for key in used if key not in i18n.EN or key not in i18n.SV)
    assert not missing


def test_every_computed_key_prefix_has_entries():
    prefixes = {p for path in _sources() for p in COMPUTED_KEY.findall(path.read_text(encoding="utf-8"))}
    assert prefixes, "the scan found no computed keys"
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in i18n.EN), prefix


def test_computed_keys_exist():
    keys = [f"page.{spec.name}" for spec in PAGES] + [f"page.help.{spec.name}" for spec in PAGES]
    keys += [f"problem.{severity}" for severity in ("error", "warning")]
    keys += [f"overview.group.{group}" for group in ("code", "file")]
    for catalogue in (i18n.SV, i18n.EN):
        assert not [key for key in keys if key not in catalogue]


def test_every_kind_relation_and_value_of_the_format_has_a_name_in_both_languages():
    keys = [f"kind.{k}" for k in schema.KINDS] + [f"kinds.{k}" for k in schema.KINDS]
    keys += [f"rel.{r}" for r in schema.RELATION_TYPES] + [f"relinv.{r}" for r in schema.RELATION_TYPES]
    for table in schema.ENTITY_TABLES:
        for column in table.columns:
            keys.append(f"col.{column.name}")
            if column.type == schema.VOCAB:
                keys += [f"value.{v}" for v in column.vocabulary]
    keys += [f"value.{role}" for role in schema.PARTNER_ROLES]
    for catalogue in (i18n.SV, i18n.EN):
        assert not [key for key in keys if key not in catalogue]


def test_problem_codes_have_headings_and_unknown_codes_fall_back():
    for code in ("bad-date", "bad-country", "duplicate-id", "unknown-id", "missing-column", "stale"):
        assert i18n.problem_label(code) == i18n.SV[f"problem.{code}"]
    assert i18n.problem_label("a-code-added-later") == i18n.SV["problem.other"]


def test_swedish_is_the_default_and_the_fallback_is_english_then_the_key():
    assert i18n.DEFAULT_LANGUAGE == "sv"
    assert i18n.t("page.overview") == i18n.SV["page.overview"]  # outside a run: the default language
    assert i18n.t("no.such.key") == "no.such.key"
    assert i18n.relation_label("member_of") == "medlem i"
    assert i18n.value_label("some-new-type") == "some new type"


def test_the_catalogues_are_data_files_one_per_language():
    for language in i18n.LANGUAGES:
        loaded = i18n.load_catalogue(language)
        assert len(loaded) > 500, language
        assert all(i18n.CATALOGUES[language][key] == text for key, text in loaded.items())
    assert i18n.EN["app.title"] == "Partner network" and i18n.SV["app.title"] == "Partnernätverk"


def test_a_broken_catalogue_names_the_file_and_the_key(tmp_path):
    import pytest

    (tmp_path / "xx.toml").write_text('"app.title" = "ok"\n"app.count" = 3\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"xx\.toml: app\.count must be text"):
        i18n.load_catalogue("xx", tmp_path)
    (tmp_path / "yy.toml").write_text('"app.title" = "no closing quote\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"yy\.toml: not valid TOML"):
        i18n.load_catalogue("yy", tmp_path)


#: note("problem.bad-date", ...) / message("change.edited", ...): a message code written in the core.
CORE_CODE = re.compile(r"""\b(?:note|message)\(\s*["']([a-z0-9_.-]+)["']""")


def test_every_code_the_core_emits_has_an_english_template_and_a_translation():
    from network import messages

    core = Path(messages.__file__).resolve().parent
    written = {code for path in core.rglob("*.py") for code in CORE_CODE.findall(path.read_text(encoding="utf-8"))}
    assert len(written) > 30  # the scan found the codes
    assert not sorted(written - set(messages.ENGLISH)), "codes with no template in network.messages.ENGLISH"
    for code, english in messages.ENGLISH.items():
        assert i18n.EN[f"core.{code}"] == english  # one source: the dashboard's English is the core's
        assert _placeholders(i18n.SV[f"core.{code}"]) == _placeholders(english), code


def test_a_problem_is_said_in_the_chosen_language_and_hidden_rows_stay_hidden():
    from network.messages import message
    from network.personal_data import hide_personal
    from network.problems import ERROR, Problem

    problem = Problem.of(
        ERROR,
        "organisations.csv",
        5,
        "country",
        "Sverige",
        message("problem.bad-country.guess", value="Sverige", guess="SE"),
        "bad-country",
    )
    assert "is not a country code" in problem.message and "write SE" in problem.message  # the CLI's English
    assert (
        i18n.problem_text(problem) == "'Sverige' är ingen landskod. Skriv den tvåbokstaviga koden enligt ISO "
        "3166-1 (SE, DE, GR). För Sverige, skriv SE."
    )
    person = Problem.of(ERROR, "people.csv", 2, "email", "anna@x", message("problem.bad-email"), "bad-email")
    hidden = hide_personal([person], "(dolt)", "Dolt meddelande")[0]
    assert i18n.problem_text(hidden) == "Dolt meddelande"
    wrong_kind = Problem.of(
        ERROR,
        "people.csv",
        3,
        "organisation",
        "reves",
        message("problem.unknown-id.wrong-kind", value="reves", kind="network", kinds="organisation"),
        "unknown-id",
    )
    assert "av slaget nätverk" in i18n.problem_text(wrong_kind)
    hostile = Problem.of(
        ERROR,
        "organisations.csv",
        6,
        "date",
        "[x](javascript:alert(1))",
        message("problem.bad-date", value="[x](javascript:alert(1))"),
        "bad-date",
    )
    assert "](javascript" not in i18n.problem_text(hostile, markdown=True)


def test_an_error_made_of_reasons_says_each_reason_in_the_chosen_language():
    """An import that cannot be made valid names the rows' errors (``NetworkError.parts``): in Swedish, each is the
    catalogue's words with the column and value it is about, not the English inside a Swedish sentence."""
    from network.errors import NetworkError, NotFoundError
    from network.messages import message

    reason = message("problem.bad-country", value="SP", at_column="Land", at_value="SP")
    english = f"Land 'SP': {reason.text}"
    error = NetworkError(message("import.rows-with-errors", reasons=english), parts={"reasons": [reason]})
    assert str(error) == f"The import would add rows with errors: {english}"  # the CLI's English
    with i18n.in_language("sv"):
        assert i18n.error_text(error) == i18n.SV["core.import.rows-with-errors"].format(
            reasons="Land 'SP': " + i18n.SV["core.problem.bad-country"].format(value="SP")
        )
    with i18n.in_language("en"):
        assert i18n.error_text(error) == str(error)
    with i18n.in_language("sv"):  # an edit of a record someone else deleted meanwhile
        gone = i18n.error_text(NotFoundError(message("edit.no-entity", id="comune-x")))
    assert gone.startswith("Det finns ingen post med id 'comune-x'"), gone


def test_in_language_fixes_the_language_for_the_block_and_then_restores_it():
    outside = i18n.current_language()  # outside a Streamlit run: the default
    assert outside == i18n.DEFAULT_LANGUAGE == "sv"
    with i18n.in_language("en"):
        assert i18n.current_language() == "en"
        assert i18n.t("overview.title") == i18n.EN["overview.title"]
        assert i18n.kind_label("organisation") == i18n.EN["kind.organisation"]
        with i18n.in_language("sv"):
            assert i18n.t("overview.title") == i18n.SV["overview.title"]
        assert i18n.current_language() == "en"
    assert i18n.current_language() == outside
    with i18n.in_language("xx"):  # not a language of the dashboard: the default
        assert i18n.current_language() == i18n.DEFAULT_LANGUAGE
    assert i18n.EN["overview.title"] != i18n.SV["overview.title"]


def test_in_language_is_per_thread():
    import threading

    seen: list[str] = []
    with i18n.in_language("en"):
        other = threading.Thread(target=lambda: seen.append(i18n.current_language()))
        other.start()
        other.join()
    assert seen == [i18n.DEFAULT_LANGUAGE]
