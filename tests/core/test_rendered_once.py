"""The parts of every page rendered once per process ({% once %}: the collective's menu, the
search form, the language choice, the static files) and the long lists' rows written in
Python (kring.core.rows): the same page as before, per role, page and language."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from kring.people.models import Conversation

from .. import factories


def test_once_keeps_the_html_per_key_and_language():
    template = Template('{% load kring_once %}{% once "t" a %}{{ a }}-{{ b }}{% endonce %}')
    assert template.render(Context({"a": "x1", "b": 1})) == "x1-1"
    # Only the key counts: what else the part uses must not change while the process runs.
    assert template.render(Context({"a": "x1", "b": 2})) == "x1-1"
    assert template.render(Context({"a": "x2", "b": 2})) == "x2-2"
    with translation.override("en"):
        assert template.render(Context({"a": "x1", "b": 3})) == "x1-3"


def _menu(page: str) -> str:
    return page.split('<nav class="main-nav"')[1].split("</nav>")[0]


@pytest.mark.django_db
def test_the_menu_is_the_roles_own_and_marks_the_current_page(client, alice, mia, collective):
    slug = collective.slug
    client.force_login(alice)
    admin_menu = _menu(client.get(reverse("assets:index", args=[slug])).content.decode())
    assert reverse("privacy:audit_log", args=[slug]) in admin_menu
    assert f'href="{reverse("assets:index", args=[slug])}" aria-current="page"' in admin_menu
    overview = _menu(client.get(reverse("communities:overview", args=[slug])).content.decode())
    assert f'href="{reverse("communities:overview", args=[slug])}" aria-current="page"' in overview
    assert overview.count("aria-current") == 1
    # A member of the same collective, on the same page, after the admin: no admin's links.
    client.force_login(mia)
    member_menu = _menu(client.get(reverse("assets:index", args=[slug])).content.decode())
    assert reverse("privacy:audit_log", args=[slug]) not in member_menu
    assert reverse("assets:conversation", args=[slug]) not in member_menu
    assert f'href="{reverse("assets:index", args=[slug])}" aria-current="page"' in member_menu
    client.cookies["django_language"] = "en"
    english = _menu(client.get(reverse("assets:index", args=[slug])).content.decode())
    assert "Residents" in english and "Bewoners" not in english


@pytest.mark.django_db
def test_list_rows_say_the_same_as_the_template_did(client, bob, collective):
    resident = factories.ResidentFactory(collective=collective, name="Fenna <b>de Vries</b>")
    Conversation.objects.create(
        collective=collective,
        resident=resident,
        held_on=datetime.date(2025, 3, 3),
        method="persoonlijk",
    )
    factories.GiftFactory(collective=collective, resident=resident, title="Soep & <i>brood</i>")
    client.force_login(bob)
    residents = client.get(reverse("people:list", args=[collective.slug])).content.decode()
    url = reverse("people:detail", args=[collective.slug, resident.pk])
    assert f'<a href="{url}">Fenna &lt;b&gt;de Vries&lt;/b&gt;</a>' in residents
    assert "1 gave · gesproken op 3 maart 2025</div>" in residents
    gifts = client.get(reverse("assets:list", args=[collective.slug, "gift"])).content.decode()
    assert "Soep &amp; &lt;i&gt;brood&lt;/i&gt;</a>" in gifts
    assert "Fenna &lt;b&gt;de Vries&lt;/b&gt; · " in gifts
    client.cookies["django_language"] = "en"
    residents = client.get(reverse("people:list", args=[collective.slug])).content.decode()
    assert "1 gift · last conversation: 3 March 2025</div>" in residents


def test_selects_written_in_python_are_djangos_html():
    from django import forms
    from django.forms.renderers import DjangoTemplates
    from django.utils.safestring import mark_safe

    from kring.core.forms import KringFormRenderer

    choices = [
        ("", "Alle buurten"),
        (1, "Buurt <1> & 'twee'"),
        ('x"y', mark_safe("<b>veilig</b>")),
        ("Groep", [(2, "twee"), (3, 1000)]),
    ]
    widgets = [
        forms.Select(choices=choices, attrs={"id": "id_b", "required": True, "data-x": "a<b"}),
        forms.Select(choices=choices[:3], attrs={"disabled": False}),
        forms.SelectMultiple(choices=choices),
        forms.NullBooleanSelect(),
    ]
    for widget in widgets:
        values = [None, "", 1, 'x"y']
        for value in values + ([[1, 3]] if widget.allow_multiple_selected else []):
            ours = widget.render("name<", value, renderer=KringFormRenderer())
            django = widget.render("name<", value, renderer=DjangoTemplates())
            assert ours == django, (widget, value)


# The connections log's row as its template wrote it before kring.initiatives' connection_rows.
CONNECTION_ROW_TEMPLATE = (
    "{% load i18n %}{% for connection in connections %}"
    '<li><a href="{{ connection.get_absolute_url }}">{% if connection.resident %}'
    "{{ connection.resident.display_name|capfirst }}{% else %}{{ connection.initiative.title }}"
    "{% endif %} — {% if connection.other_resident %}{{ connection.other_resident.display_name }}"
    "{% else %}{{ connection.asset.title }}{% endif %}</a>\n"
    '    <div class="meta">{{ connection.get_kind_display }} · '
    '{{ connection.happened_on|date:"j F Y" }}{% if connection.initiative and connection.resident %}'
    " · {{ connection.initiative.title }}{% endif %}{% if connection.need %} · "
    "{{ connection.need.text }}{% endif %}{% if connection.outcome %} · {% blocktranslate with "
    "answer=connection.get_outcome_display %}tot iets geleid? {{ answer }}{% endblocktranslate %}"
    "{% endif %}{% if connection.recorded_by %} · {% blocktranslate with "
    "name=connection.recorded_by.name %}vastgelegd door {{ name }}{% endblocktranslate %}"
    "{% endif %}</div></li>{% if not forloop.last %}\n  {% endif %}{% endfor %}"
)


@pytest.mark.django_db
def test_connection_rows_say_the_same_as_the_template_did(collective, neighbourhood):
    from kring.initiatives.models import Connection
    from kring.initiatives.selectors import log_rows
    from kring.initiatives.templatetags.connection_rows import connection_rows

    ann = factories.ResidentFactory(collective=collective, name="ann <b>&</b>")
    erased = factories.ResidentFactory(collective=collective, name="Weg")
    erased.erased_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    erased.save()
    place = factories.AssetFactory(collective=collective, title="Huis & <tuin>")
    initiative = factories.InitiativeFactory(collective=collective, title="Moestuin <3>")
    need = factories.NeedFactory(initiative=initiative, text="Scheppen & harken")
    user = factories.UserFactory(name="Bob <x>")
    day = datetime.date(2026, 3, 4)
    for fields in (
        {"resident": ann, "other_resident": erased, "outcome": "ja", "recorded_by": user},
        {"resident": erased, "asset": place, "initiative": initiative, "need": need},
        {"initiative": initiative, "asset": place, "outcome": "loopt"},
        {"initiative": initiative, "other_resident": ann, "outcome": "nee"},
    ):
        Connection.objects.create(
            collective=collective, kind="voorgesteld", happened_on=day, **fields
        )
    connections = Connection.objects.filter(collective=collective).order_by("pk")
    for language in ("nl", "en"):
        with translation.override(language):
            before = Template(CONNECTION_ROW_TEMPLATE).render(Context({"connections": connections}))
            assert connection_rows(log_rows(connections), collective.slug) == before


def _frame(page: str) -> str:
    """The page without its own content: the header and the footer of base.html."""
    head, rest = page.split('<main id="main" tabindex="-1">')
    return head + rest.split("</main>")[1]


@pytest.mark.django_db
def test_the_page_frame_follows_who_asks_after_others_asked(client, alice, mia, collective):
    """base.html's header and footer are partly rendered once per process: whoever comes next
    (anonymous, logged in, with or without own records, in or outside a collective, in either
    language) still gets their own links."""
    slug = collective.slug
    factories.ResidentFactory(collective=collective, user=mia, name="Mia")
    records = f'href="{reverse("residents:home")}"'
    api_link = f'href="{reverse("api_tokens:list", args=[slug])}"'
    login_link = f'class="login-link" href="{reverse("login")}"'
    for language in ("nl", "en", "nl"):
        client.logout()  # (forgets the cookies)
        client.cookies["django_language"] = language
        anonymous = _frame(client.get(reverse("privacy:accessibility")).content.decode())
        assert login_link in anonymous and 'class="bar bar-account"' not in anonymous
        assert 'class="logout"' not in anonymous and records not in anonymous
        assert f'<html lang="{language}">' in anonymous
        for user, has_records in ((alice, False), (mia, True), (alice, False)):
            client.force_login(user)
            for path, in_collective in (
                (reverse("privacy:accessibility"), False),
                (reverse("assets:index", args=[slug]), True),
            ):
                page = _frame(client.get(path).content.decode())
                assert login_link not in page and 'class="bar bar-account"' in page
                assert f'<span class="who">{user.name}</span>' in page
                assert (records in page) is has_records
                assert (api_link in page) is in_collective
                assert (f'<span class="collective-name">{collective.name}</span>' in page) is (
                    in_collective
                )
                assert f'<input name="next" type="hidden" value="{path}">' in page
                assert f'<option value="{language}" selected lang="{language}">' in page
                assert ("Uitloggen" in page) is (language == "nl")
                assert ("Log out" in page) is (language == "en")
