"""Inputs, text areas, radio buttons, check boxes and whole fields written in Python by
kring.core.forms.KringFormRenderer: exactly the HTML of Django's templates and
kring/forms/field.html, escaping included."""

import datetime

import pytest
from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe
from django.utils.translation import override

from kring.core.forms import KringFormRenderer

CHOICES = [("a", "Een <b>"), ("b&", mark_safe("<i>twee</i>")), ("Groep", [(3, "drie"), (4, 5)])]


class TemplatesOnly(KringFormRenderer):
    """Kring's renderer with every template rendered by Django's template engine."""

    def render(self, template_name, context, request=None):
        return DjangoTemplates.render(self, template_name, context, request)


def test_widgets_written_in_python_are_djangos_html():
    widgets = [
        forms.TextInput(attrs={"id": "id_x", "data-x": 'a"<b', "required": True}),
        forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "disabled": False}),
        forms.EmailInput(),
        forms.NumberInput(attrs={"step": "any"}),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.HiddenInput(),
        forms.PasswordInput(render_value=True),
        forms.CheckboxInput(),
        forms.Textarea(attrs={"rows": 4}),
        forms.RadioSelect(choices=CHOICES, attrs={"id": "id_r", "class": "c<"}),
        forms.RadioSelect(choices=CHOICES[:2]),
        forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"id": "id_c"}),
    ]
    values = [None, "", "a", "b&", 3, 'x"<y>', datetime.date(2026, 12, 7), True, False]
    for widget in widgets:
        for value in values + (
            [["a", 3]] if getattr(widget, "allow_multiple_selected", False) else []
        ):
            ours = widget.render("name<", value, renderer=KringFormRenderer())
            django = widget.render("name<", value, renderer=DjangoTemplates())
            assert ours == django, (widget, value)


class Sample(forms.Form):
    name = forms.CharField(label="Naam <en> 'zo'", max_length=10)
    note = forms.CharField(
        label="Opmerking", required=False, widget=forms.Textarea, help_text="Kort & <klein>"
    )
    kind = forms.ChoiceField(
        label="Soort", choices=CHOICES[:2], widget=forms.RadioSelect, help_text="Kies er een"
    )
    purposes = forms.MultipleChoiceField(
        label="Waarvoor", choices=CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )
    held_on = forms.DateField(label="Datum", widget=forms.DateInput(attrs={"type": "date"}))
    safe = forms.CharField(label=mark_safe("<b>vet</b>"), help_text=mark_safe("<i>ja</i>"))


def test_fields_written_in_python_are_the_field_template():
    for data in (None, {"name": "Ans", "kind": "a", "held_on": "2026-12-07", "safe": "x"}):
        for language in ("nl", "en"):
            with override(language):
                ours = Sample(data, renderer=KringFormRenderer())
                django = Sample(data, renderer=TemplatesOnly())
                for name in Sample.base_fields:
                    assert ours[name].as_field_group() == django[name].as_field_group(), name
                assert str(ours) == str(django)


def test_a_field_with_errors_still_shows_them():
    form = Sample({"name": "x" * 11}, renderer=KringFormRenderer())
    html = form["name"].as_field_group()
    assert 'class="field has-error"' in html and 'id="id_name_error"' in html
    assert html == Sample({"name": "x" * 11}, renderer=TemplatesOnly())["name"].as_field_group()


@pytest.mark.django_db
def test_a_short_choice_is_checked_against_the_options_read_once(collective, neighbourhood):
    from kring.assets.forms import AssetFilterForm
    from kring.communities.access import CollectiveAccess

    access = CollectiveAccess(user=None, collective=collective, membership=None)
    form = AssetFilterForm(
        {"neighbourhood": str(neighbourhood.pk)}, access=access, category="place"
    )
    with CaptureQueriesContext(connection) as queries:
        assert form.is_valid()
        html = str(form["neighbourhood"])
    assert form.cleaned_data["neighbourhood"] == neighbourhood
    assert f'<option value="{neighbourhood.pk}" selected>' in html
    assert len(queries) == 1  # the buurten, once: for the choice and for the options
    for wrong in ("999999", "x", "1.5", "99999999999999999999999"):
        form = AssetFilterForm({"neighbourhood": wrong}, access=access, category="place")
        assert not form.is_valid()
        assert "Selecteer een geldige keuze" in str(form.errors["neighbourhood"])
