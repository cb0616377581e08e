"""The English catalogue is complete, correct and compiled.

Dutch is the source language: every msgid is Dutch and kring/locale/en holds the English
translation. These tests fail when a string is left untranslated or fuzzy, when a translation
drops or changes a placeholder, when the committed django.mo is older than django.po, and when
code or templates use a string that `make messages` has not yet put in the catalogue.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

KRING = Path(__file__).resolve().parent.parent / "kring"
LC_MESSAGES = KRING / "locale" / "en" / "LC_MESSAGES"
DOMAINS = ("django", "djangojs")

# A printf-style conversion as Python's % operator reads it: %(name)s, %d, %.1f, %% ...
PYTHON_FORMAT = re.compile(r"%(?:\(\w+\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")
NAMED = re.compile(r"%\(\w+\)[-#0 +]*(?:\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa]")


def _catalogue(domain="django"):
    return polib.pofile(str(LC_MESSAGES / f"{domain}.po"))


def _catalogues():
    return [_catalogue(domain) for domain in DOMAINS if (LC_MESSAGES / f"{domain}.po").exists()]


def _label(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def _pairs(entry):
    """(source, translation) pairs of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [
            (entry.msgid if index == 0 else entry.msgid_plural, text)
            for index, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


def _placeholders(text, entry):
    pattern = PYTHON_FORMAT if "python-format" in entry.flags else NAMED
    return sorted(pattern.findall(text))


def _edges(text):
    """The whitespace at the start and the end of a text."""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def test_english_catalogue_exists_with_a_clean_header():
    for domain in DOMAINS:
        if (LC_MESSAGES / f"{domain}.mo").exists():
            assert (LC_MESSAGES / f"{domain}.po").exists(), f"{domain}.mo without {domain}.po"
    po = _catalogue()
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header of django.po"
    assert po.metadata.get("Language") == "en"
    assert po.metadata.get("Plural-Forms", "").startswith("nplurals=2;")
    assert len(po) > 100


@pytest.mark.parametrize("po", _catalogues(), ids=lambda po: Path(po.fpath).name)
def test_every_entry_is_translated_and_not_fuzzy(po):
    untranslated = [_label(e) for e in po if not e.obsolete and not e.translated() and not e.fuzzy]
    fuzzy = [_label(e) for e in po if not e.obsolete and e.fuzzy]
    assert not untranslated, f"untranslated in {po.fpath}: {untranslated}"
    assert not fuzzy, f"fuzzy (check and remove the flag) in {po.fpath}: {fuzzy}"


@pytest.mark.parametrize("po", _catalogues(), ids=lambda po: Path(po.fpath).name)
def test_translations_keep_placeholders_and_edge_whitespace(po):
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural and len(entry.msgstr_plural) != 2:
            problems.append(f"{_label(entry)!r}: expected msgstr[0] and msgstr[1]")
        for source, text in _pairs(entry):
            if _placeholders(source, entry) != _placeholders(text, entry):
                problems.append(
                    f"{_label(entry)!r}: placeholders {_placeholders(source, entry)} "
                    f"became {_placeholders(text, entry)} in {text!r}"
                )
            if text and _edges(source) != _edges(text):
                problems.append(f"{_label(entry)!r}: leading/trailing whitespace differs")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "domain", [domain for domain in DOMAINS if (LC_MESSAGES / f"{domain}.po").exists()]
)
def test_committed_mo_matches_the_po(domain):
    po_path, mo_path = LC_MESSAGES / f"{domain}.po", LC_MESSAGES / f"{domain}.mo"
    assert mo_path.exists(), f"run `make messages`: {mo_path.name} is missing"

    def pairs(entries):
        return {(_key(entry), tuple(text for _, text in _pairs(entry))) for entry in entries}

    # compilemessages leaves out the header, fuzzy and untranslated entries.
    po = polib.pofile(str(po_path))
    from_po = pairs(e for e in po if e.msgid and e.translated() and not e.obsolete)
    from_mo = pairs(e for e in polib.mofile(str(mo_path)) if e.msgid)
    assert from_po == from_mo, (
        f"{mo_path.name} is out of date: run `make messages` (or compilemessages). "
        f"Only in .po: {sorted(from_po - from_mo, key=str)[:10]}; "
        f"only in .mo: {sorted(from_mo - from_po, key=str)[:10]}"
    )


def _copy_sources(target):
    """The files makemessages reads (.py, .html, .txt, .js), without vendored code or the catalogue."""

    def ignore(directory, names):
        relative = Path(directory).relative_to(KRING).as_posix()
        skipped = {"__pycache__"}
        if relative == ".":
            skipped.add("locale")
        if relative == "static":
            skipped.add("vendor")
        return [
            name
            for name in names
            if name in skipped
            or (
                (Path(directory) / name).is_file()
                and Path(name).suffix not in {".py", ".html", ".txt", ".js"}
            )
        ]

    shutil.copytree(KRING, target, ignore=ignore)


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext (xgettext) is not installed; `make test` installs it with apt-get",
)
def test_every_string_in_code_and_templates_is_in_the_catalogue(tmp_path, monkeypatch):
    copy = tmp_path / "kring"
    _copy_sources(copy)
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    # LOCALE_PATHS points at the real catalogue; the fresh extraction must land in the copy.
    with override_settings(LOCALE_PATHS=[str(copy / "locale")]):
        for domain in DOMAINS:
            call_command(
                "makemessages",
                locale=["en"],
                domain=domain,
                no_location=True,
                no_obsolete=True,
                ignore_patterns=["static/vendor/*"],
                verbosity=0,
            )

    missing = []
    for domain in DOMAINS:
        fresh_path = copy / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not fresh_path.exists():
            continue  # no strings in this domain
        fresh = {_key(e) for e in polib.pofile(str(fresh_path)) if e.msgid}
        if domain == "django":
            assert len(fresh) > 100, "the fresh extraction found almost nothing"
        committed_path = LC_MESSAGES / f"{domain}.po"
        committed = (
            {_key(e) for e in polib.pofile(str(committed_path)) if e.msgid and not e.obsolete}
            if committed_path.exists()
            else set()
        )
        missing += [f"{domain}: {key[1]!r}" for key in sorted(fresh - committed, key=str)]
    assert not missing, (
        "strings in code or templates that are not in the English catalogue; run `make messages` "
        "and translate them:\n" + "\n".join(missing)
    )


def test_dutch_source_renders_in_english():
    with translation.override("en"):
        assert translation.gettext("Bewoners") == "Residents"
        assert translation.gettext("Uitloggen") == "Log out"
        assert translation.gettext("Wat is er al") == "What is already here"
        assert (
            translation.ngettext("%(counter)s gave", "%(counter)s gaven", 1) % {"counter": 1}
            == "1 gift"
        )
        assert (
            translation.ngettext("%(counter)s gave", "%(counter)s gaven", 3) % {"counter": 3}
            == "3 gifts"
        )
    with translation.override("nl"):
        assert translation.gettext("Bewoners") == "Bewoners"
