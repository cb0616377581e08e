"""Hostile and malformed input to every form in Kring.

Alice (admin, so every page is open to her) walks every URL of the project (the walk of
tests/test_isolation.py), reads the <form>s on each page, and sends each form values that
hypothesis generates: very long strings, unicode, NUL and control characters, SQL-ish and
script-ish text, wrong types, huge numbers, impossible dates, choices that do not exist, missing
fields, path traversal in file names and files that are not what they claim. Every answer must
be below 500; a refusal must be a 400 with the Dutch error summary and must change nothing in
the database; whatever was accepted must be stored valid.

The REST API has no HTML forms: schemathesis sends its hostile and malformed input to every
API operation from the OpenAPI description (tests/api/test_schema.py).

The normal suite runs a few examples per form with a fixed seed (derandomised). For a long
hunt: ``KRING_BAD_INPUT_PROFILE=thorough .venv/bin/pytest tests/test_bad_input.py``.
"""

import io
import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import AutoField
from django.urls import NoReverseMatch, Resolver404, resolve
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from .test_isolation import (
    alice_world,  # noqa: F401 (the fixture, used by name)
    urls_for,
    walk,
)

PROFILES = {
    # examples per form; about 30 forms, so a few hundred examples in the normal suite
    "ci": 8,
    "thorough": 300,
}
EXAMPLES = PROFILES[os.environ.get("KRING_BAD_INPUT_PROFILE", "ci")]

HOSTILE_TEXT = [
    "",
    " \t\r\n ",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE people_resident; --",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "\x00",
    "a\x00b",
    "%00",
    "\x1b[31m\x07\x08",
    "\u202etekst\u202c",
    "\ufeff",
    "😀" * 60,
    "ﷺ" * 120,
    "x" * 20_000,
    "9" * 400,
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "Infinity",
    "3.14159265358979323846264338327950288419716939937510",
    "2025-02-30",
    "31-13-2025",
    "0000-00-00",
    "9999-12-31",
    "2025-13-01T25:61",
    "null",
    "[]",
    "{{ 7*7 }}",
    "%s%s%s%n",
    "javascript:alert(1)",
    "//evil.example",
    "https://evil.example",
    "x@example..org",
    "@",
]
ENGLISH_DEFAULTS = ["This field", "Enter a valid", "Select a valid", "Ensure this value"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return out.getvalue()


# (file name, content, content type the browser claims)
HOSTILE_FILES = [
    ("../../../etc/passwd.png", b"root:x:0:0:root:/root:/bin/bash\n", "image/png"),
    (
        "plaatje.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "image/svg+xml",
    ),
    ("foto.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    ("leeg.png", b"", "image/png"),
    ("stuk.pdf", b"%PDF-1.4 maar verder niets", "application/pdf"),
    ("echt.png", _png(), "image/png"),
    ("..\\..\\echt.png", _png(), "image/png"),
    ("echt.png.html", _png(), "text/html"),
    ("\x00naam.png", _png(), "image/png"),
]


class FormParser(HTMLParser):
    """The <form>s of a page: action, method, enctype and each named field with its options."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))
            return
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
            return
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        fields = self._form["fields"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image", "reset", "button"):
                kind = "choice"
            field = fields.setdefault(name, {"kind": kind, "options": []})
            if a.get("value") is not None:
                field["options"].append(a["value"])
        elif tag in ("textarea",):
            fields.setdefault(name, {"kind": "text", "options": []})
        elif tag == "select":
            self._select = fields.setdefault(
                name, {"kind": "choice", "options": [], "multiple": "multiple" in a}
            )
        elif tag == "button":
            fields.setdefault(name, {"kind": "choice", "options": []})["options"].append(
                a.get("value", "")
            )

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def text_values():
    return st.one_of(
        st.sampled_from(HOSTILE_TEXT),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
        st.integers(min_value=-(10**40), max_value=10**40).map(str),
    )


def value_strategy(field):
    options = [o for o in field["options"] if o is not None]
    if field["kind"] == "file":
        return st.sampled_from(HOSTILE_FILES).map(
            lambda f: SimpleUploadedFile(f[0], f[1], content_type=f[2])
        )
    if field["kind"] in ("choice", "radio", "checkbox") and options:
        # Mostly real choices, so that the other fields get past them; sometimes nonsense.
        single = st.one_of(st.sampled_from(options), st.sampled_from(options), text_values())
        if field["kind"] == "checkbox" or field.get("multiple"):
            return st.lists(single, max_size=3)
        return single
    if options:
        return st.one_of(st.sampled_from(options), text_values())
    return text_values()


def form_strategy(form):
    """A dict of field values; each field may also be missing. The CSRF token is always sent
    as the page gave it: without it the CSRF middleware refuses any POST (403) before a form
    sees it, and the test client would not."""
    fields = dict(form["fields"])
    token = fields.pop("csrfmiddlewaretoken", None)
    return st.fixed_dictionaries(
        {"csrfmiddlewaretoken": st.just(token["options"][0])} if token else {},
        optional={name: value_strategy(field) for name, field in fields.items()},
    )


def _models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("kring.") and isinstance(model._meta.pk, AutoField)
    ]


def fingerprint():
    """Rows and highest key of every Kring table (history and audit included), in one query:
    a refused form must leave all of them as they were."""
    quote = connection.ops.quote_name
    models = _models()
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*), MAX({quote(m._meta.pk.column)}) FROM {quote(m._meta.db_table)}"
        for index, m in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {models[index]: (count, top or 0) for index, count, top in cursor.fetchall()}


def new_objects(before, after):
    for model, (_count, top) in after.items():
        if top > before[model][1]:
            yield from model.objects.filter(pk__gt=before[model][1])


def discover_forms(client, world, prefix=""):
    """Each distinct form of the project once: keyed by the view it posts to and its fields."""
    found = {}
    for route, name, pattern in walk():
        if not route.startswith(prefix):
            continue
        if route.rsplit("/", 1)[-1].count("."):
            continue  # downloads (.json, .pdf, .png …) carry no forms
        try:
            urls = urls_for(pattern, name, world)
        except (AssertionError, NoReverseMatch):
            continue  # a parameter the isolation walk does not know yet fails that test
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(response.content.decode()):
                action = urlsplit(form["action"]).path or url
                try:
                    view_name = resolve(action).view_name
                except Resolver404:
                    continue
                if view_name in ("logout",):
                    continue
                key = (view_name, form["method"], tuple(sorted(form["fields"])))
                found.setdefault(key, {**form, "url": action, "page": url})
            if "pk" in getattr(pattern, "converters", {}):
                break  # one object per kind of page is enough; other keys are other kinds
    return found


def check_answer(form, data, response, before, after):
    where = f"{form['method'].upper()} {form['url']} (form on {form['page']}) with {data!r}"
    assert response.status_code < 500, where
    body = response.content.decode(errors="replace")
    if response.status_code == 400:
        assert "error-summary" in body or "Dit verzoek begrijpt Kring niet" in body, where
        for english in ENGLISH_DEFAULTS:
            assert english not in body, f"English error {english!r} for {where}"
        assert before == after, f"refused, but the database changed: {where}"
        return
    for obj in new_objects(before, after):
        # Empty references are the services' business (SET_NULL, filled in later), not input.
        empty = [f.name for f in obj._meta.concrete_fields if getattr(obj, f.attname) is None]
        try:
            obj.full_clean(exclude=empty, validate_unique=False)
        except ValidationError as error:
            raise AssertionError(f"stored invalid {obj!r}: {error} after {where}") from None


@pytest.mark.django_db
def test_every_form_survives_hostile_input(client, alice, request):
    world = request.getfixturevalue("alice_world")
    client.force_login(alice)
    found = discover_forms(client, world)
    # The walk must reach the project's main forms, or this test proves little.
    posted_to = {key[0] for key in found}
    assert {
        "assets:create",
        "people:create",
        "assets:conversation",
        "communities:invite",
        "imports:upload",
        "imports:mapping",
        "imports:start",
    } <= posted_to, posted_to
    assert len(found) >= 10

    for form in found.values():
        send_hostile_input(client, alice, form)


@pytest.mark.django_db
def test_municipality_forms_survive_hostile_input(client, official, request):
    """The self-scan's forms are a municipality user's: walk them as the official, with an
    open round and a round handed in, so the compare form shows too."""
    from kring.selfscan import services

    world = request.getfixturevalue("alice_world")
    services.start_round(user=official, name="Eerste ronde")
    services.start_round(user=official, name="Tweede ronde")
    client.force_login(official)
    found = discover_forms(client, world, prefix="municipality/")
    posted_to = {key[0] for key in found}
    assert {
        "selfscan:start",
        "selfscan:fill",
        "selfscan:submit",
        "selfscan:compare",
        "api_tokens:municipality_list",
    } <= posted_to, posted_to
    for form in found.values():
        send_hostile_input(client, official, form)


@pytest.mark.django_db
def test_editor_forms_survive_hostile_input(client, request):
    """The network editors' forms (news, publications, meetings, pictures, deleting, pictures
    in rich text), walked as an editor."""
    from . import factories

    world = request.getfixturevalue("alice_world")
    editor = factories.UserFactory(email="redactie@example.org", is_network_editor=True)
    client.force_login(editor)
    found = discover_forms(client, world, prefix="editorial/")
    # The walk fills <pk> with alice's objects; the delete pages need the world's own items.
    from django.urls import reverse

    from kring.public.models import Article, Meeting, Publication

    for name, model, slug in (
        ("article_delete", Article, world["article"]),
        ("publication_delete", Publication, world["publication"]),
        ("meeting_delete", Meeting, world["meeting"]),
    ):
        url = reverse(f"editorial:{name}", args=[model.objects.get(slug=slug).pk])
        for form in forms_on(client.get(url).content.decode()):
            key = (f"editorial:{name}", form["method"], tuple(sorted(form["fields"])))
            found.setdefault(key, {**form, "url": url, "page": url})
    posted_to = {key[0] for key in found}
    assert {
        "editorial:article_new",
        "editorial:image_upload",
        "editorial:publication_delete",
        "editorial:meeting_delete",
    } <= posted_to, posted_to
    for form in found.values():
        send_hostile_input(client, editor, form)


def send_hostile_input(client, user, form):
    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(data=form_strategy(form))
    def send(data):
        client.force_login(user)
        # Each example starts from the same data and leaves nothing behind.
        with transaction.atomic():
            before = fingerprint()
            if form["method"] == "post":
                response = client.post(form["url"], data)
            else:
                plain = {k: v for k, v in data.items() if not hasattr(v, "read")}
                response = client.get(form["url"], plain)
            after = fingerprint()
            check_answer(form, data, response, before, after)
            transaction.set_rollback(True)
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)

    send()


@pytest.mark.django_db
def test_the_admin_region_import_survives_hostile_input(client):
    """The admin site is not walked above (Django's own forms); Kring's CBS import page is."""
    from . import factories

    root = factories.UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    client.force_login(root)
    url = "/admin/geo/municipality/import-cbs/"
    forms = [f for f in forms_on(client.get(url).content.decode()) if "file" in f["fields"]]
    assert len(forms) == 1
    send_hostile_input(client, root, {**forms[0], "url": url, "page": url})
    # The page of a checked upload and its "Opslaan" form, sent with hostile extras.
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from kring.geo import uploads

    sample = Path(__file__).resolve().parents[1] / "kring/geo/data/sample-kringstad.geojson"
    job = uploads.start_check(
        user=root,
        uploaded=SimpleUploadedFile("b.geojson", sample.read_bytes()),
        year=2025,
        sample=True,
    )
    page = f"{url}{job.pk}/"
    forms = [f for f in forms_on(client.get(page).content.decode()) if "store" in f["action"]]
    assert len(forms) == 1
    send_hostile_input(client, root, {**forms[0], "url": f"{page}store/", "page": page})
