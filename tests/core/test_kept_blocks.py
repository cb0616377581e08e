"""Kring's {% extends %} (kring.core.templatetags.kring_extends): the blocks of the template a
page extends are found once per parsed template, and pages render exactly as with Django's
tag; the network's address in the public context judged once per address."""

import pytest
from django.template import Context, Engine, Template
from django.template import engines as template_engines
from django.template.loader_tags import BlockNode, ExtendsNode
from django.test import override_settings

from kring.core.templatetags.kring_extends import KeptBlocksExtendsNode
from kring.public.context_processors import public

TEMPLATES = {
    "base.html": "<title>{% block title %}B{% endblock %}</title>"
    "{% if show %}{% for x in xs %}<i>{{ x }}</i>{% endfor %}{% endif %}"
    "<main>{% block content %}base{% endblock %}</main>{% block foot %}F{% endblock %}",
    "middle.html": '{% extends "base.html" %}{% block content %}m[{% block inner %}i'
    "{% endblock %}]{% endblock %}",
    "page.html": '{% extends "middle.html" %}{% block title %}P{% endblock %}'
    "{% block inner %}{{ block.super }}+p{% endblock %}",
    "plain.html": '{% extends "base.html" %}',
}


def _engine(kept: bool) -> Engine:
    loaders = [
        (
            "django.template.loaders.cached.Loader",
            [("django.template.loaders.locmem.Loader", TEMPLATES)],
        )
    ]
    return Engine(
        loaders=loaders,
        builtins=["kring.core.templatetags.kring_extends"] if kept else [],
    )


@pytest.mark.parametrize("name", ["page.html", "middle.html", "plain.html"])
def test_pages_render_as_with_djangos_extends(name):
    context = {"show": True, "xs": [1, 2]}
    kept, django = _engine(True), _engine(False)
    expected = django.get_template(name).render(Context(context))
    for _ in range(3):  # the first render finds the blocks, the later ones use them
        assert kept.get_template(name).render(Context(context)) == expected
    assert isinstance(kept.get_template(name).nodelist[0], KeptBlocksExtendsNode)
    assert type(django.get_template(name).nodelist[0]) is ExtendsNode


def test_the_base_templates_blocks_are_found_once():
    engine = _engine(True)
    engine.get_template("page.html").render(Context({}))
    base = engine.get_template("base.html")
    assert set(base.nodelist.found) == {BlockNode}
    # What is kept is what Django finds; a caller changing its list changes nothing kept.
    found = base.nodelist.get_nodes_by_type(BlockNode)
    assert [n.name for n in found] == ["title", "content", "foot"]
    found.clear()
    assert len(base.nodelist.get_nodes_by_type(BlockNode)) == 3
    assert engine.get_template("page.html").render(Context({})) == (
        "<title>P</title><main>m[i+p]</main>F"
    )


def test_a_parent_given_as_a_template_renders_its_blocks():
    engine = _engine(True)
    parent = Template("<{% block a %}A{% endblock %}>", engine=engine)
    child = engine.from_string("{% extends parent %}{% block a %}C{{ block.super }}{% endblock %}")
    for _ in range(2):
        assert child.render(Context({"parent": parent})) == "<CA>"


def test_kring_uses_it_in_every_template():
    engine = template_engines["django"].engine
    assert "kring.core.templatetags.kring_extends" in engine.builtins
    page = engine.get_template("privacy/accessibility.html")
    assert isinstance(page.nodelist.get_nodes_by_type(ExtendsNode)[0], KeptBlocksExtendsNode)


def test_the_network_address_is_judged_per_address(rf):
    with override_settings(KRING_NETWORK_EMAIL="nieuwsbrief@localhost"):
        assert public(rf.get("/"))["network_email"] == ""
    with override_settings(KRING_NETWORK_EMAIL="nieuws@kring-netwerk.nl"):
        assert public(rf.get("/"))["network_email"] == "nieuws@kring-netwerk.nl"
    with override_settings(KRING_NETWORK_EMAIL="redactie@example.org"):
        assert public(rf.get("/"))["network_email"] == ""
