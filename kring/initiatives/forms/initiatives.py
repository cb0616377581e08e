"""Forms of an initiative, its needs under the three questions, and the list's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin
from kring.people.picker import resident_picker

from .. import selectors
from ..models import (
    Initiative,
    Question,
    Status,
)
from ..services import parse_needs
from .widgets import CheckboxList, DateInput

NEED_FIELDS = {
    Question.SELF: "needs_self",
    Question.WITH_HELP: "needs_with_help",
    Question.INSTITUTION: "needs_institution",
}


NEED_HELP = {
    Question.SELF: _("Wat regelen bewoners zelf? Eén per regel. Bijvoorbeeld: koffie zetten."),
    Question.WITH_HELP: _(
        "Waarvoor is wat hulp nodig? Eén per regel. Bijvoorbeeld: iemand die fietsen kan maken."
    ),
    Question.INSTITUTION: _(
        "Wat moet een instelling of de gemeente doen? Eén per regel. Bijvoorbeeld: vergunning."
    ),
}


class InitiativeForm(VersionedFormMixin, KringModelForm):
    class Meta(KringModelForm.Meta):
        model = Initiative
        fields = [
            "title",
            "description",
            "status",
            "neighbourhood",
            "start_date",
            "end_date",
            "tasks",
            "initiators",
            "participants",
            "assets",
            "goal_hours",
            "goal_money",
        ]
        labels = {"tasks": _("Thema's"), "assets": _("Gebruikt deze krachten")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "status": forms.RadioSelect,
            "start_date": DateInput,
            "end_date": DateInput,
            "tasks": CheckboxList,
            "initiators": CheckboxList,
            "participants": CheckboxList,
            "assets": CheckboxList,
            "goal_hours": forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            "goal_money": forms.NumberInput(attrs={"step": "1", "inputmode": "decimal"}),
        }
        help_texts = {
            "title": _("Kort, bijvoorbeeld: repair café in het Fort op zaterdag."),
            "tasks": _(
                "Aan welke grote thema's in de buurt werkt dit mee, zoals zorg of energie? "
                "De gemeente noemt dit opgaven. Kies er één of meer."
            ),
            "initiators": _("De bewoners die het bedachten en trekken."),
            "goal_hours": _("Hoeveel uren hulp zijn nodig? Mag leeg blijven."),
            "goal_money": _("Hoeveel geld is nodig? Mag leeg blijven."),
        }

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Status.choices
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
        self.fields["neighbourhood"].empty_label = _("(meerdere buurten of weet ik niet)")
        self.fields["tasks"].queryset = selectors.task_choices()
        residents = selectors.resident_choices(access)
        for name in ("initiators", "participants"):
            self.fields[name] = resident_picker(self.fields[name], residents, access)
        self.fields["assets"].queryset = selectors.asset_choices(access)
        self.fields["assets"].label_from_instance = lambda a: (
            f"{a.title} ({a.get_category_display()})"
        )
        if not self.instance.pk:
            # A new initiative starts with its needs under the three questions.
            for question, label in Question.choices:
                self.fields[NEED_FIELDS[question]] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=5000,
                    help_text=NEED_HELP[question],
                    widget=forms.Textarea(attrs={"rows": 3}),
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("De einddatum ligt vóór de begindatum. Pas één van de twee aan.")
            )
        return cleaned

    def needs(self) -> dict[str, list[str]]:
        return {
            question: parse_needs(self.cleaned_data.get(name, ""))
            for question, name in NEED_FIELDS.items()
        }


class NeedForm(forms.Form):
    text = forms.CharField(
        label=_("Wat is er nodig?"),
        max_length=300,
        help_text=_("Eén ding, zo concreet mogelijk. Bijvoorbeeld: iemand die banden kan plakken."),
    )
    question = forms.ChoiceField(
        label=_("Onder welke vraag valt het?"),
        choices=Question.choices,
        widget=forms.RadioSelect,
    )


class InitiativeFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *Status.choices]
    )
    task = forms.ModelChoiceField(
        label=_("Thema"), required=False, queryset=None, empty_label=_("Alle thema's")
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), required=False, queryset=None, empty_label=_("Alle buurten")
    )

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = selectors.task_choices()
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
