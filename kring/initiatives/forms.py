from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.core.locking import VersionedFormMixin
from kring.people.picker import resident_picker

from . import selectors
from .models import (
    GIVER_KINDS,
    Activity,
    Connection,
    ConnectionKind,
    Initiative,
    Pledge,
    Question,
    Status,
)
from .services import parse_needs


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class CheckboxList(forms.CheckboxSelectMultiple):
    """A list of check boxes that scrolls when it is long, so a phone user is not lost in it."""

    def __init__(self, attrs=None):
        super().__init__({"class": "check-list", **(attrs or {})})


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


class ActivityForm(VersionedFormMixin, KringModelForm):
    class Meta(KringModelForm.Meta):
        model = Activity
        fields = ["title", "date", "start_time", "end_time", "place"]
        widgets = {"date": DateInput, "start_time": TimeInput, "end_time": TimeInput}

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.place_choices(access)
        self.fields["place"].empty_label = _("(geen vaste plek, bijvoorbeeld buiten of online)")
        self.fields["place"].help_text = _("Een plek kan maar voor één activiteit tegelijk.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet later zijn dan de begintijd."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # The end-after-start rule is explained by clean() with a clearer message.
        pass


class AttendanceForm(VersionedFormMixin, forms.Form):
    """Who came to an activity; made with ``version=`` the activity's version."""

    attendees = ModelMultipleChoiceField(
        label=_("Wie kwamen er?"), queryset=None, required=False, widget=CheckboxList
    )
    hours_given = forms.DecimalField(
        label=_("Hoeveel uren vrijwillige hulp zijn er gegeven, samen?"),
        min_value=0,
        max_digits=8,
        decimal_places=1,
        initial=0,
        help_text=_("Tel de uren van alle helpers op. Bijvoorbeeld 3 helpers × 2 uur = 6."),
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"] = resident_picker(
            self.fields["attendees"], selectors.resident_choices(access), access
        )


class PledgeForm(KringModelForm):
    """Who promises (a resident or an organisation of the collective) and what."""

    class Meta(KringModelForm.Meta):
        model = Pledge
        fields = ["resident", "giver", "kind", "amount", "description", "pledged_on"]
        widgets = {
            "kind": forms.RadioSelect,
            "pledged_on": DateInput,
            "amount": forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        }
        labels = {"resident": _("Een bewoner"), "giver": _("Of een organisatie")}
        help_texts = {
            "resident": _("Typ een deel van de naam. Laat leeg als een organisatie het belooft."),
            "giver": _("Een groep, instelling of bedrijf uit uw collectief."),
        }

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"] = resident_picker(
            self.fields["resident"], selectors.resident_choices(access), access
        )
        self.fields["giver"].queryset = selectors.giver_choices(access)
        self.fields["giver"].empty_label = _("(geen organisatie)")
        self.fields["giver"].label_from_instance = lambda a: (
            f"{a.title} ({GIVER_KINDS[a.category].label})"
        )
        self.fields["kind"].choices = self.fields["kind"].choices[1:]
        self.fields["pledged_on"].initial = timezone.localdate

    def clean(self):
        cleaned = super().clean()
        resident, giver = cleaned.get("resident"), cleaned.get("giver")
        if resident and giver:
            self.add_error("giver", _("Kies een bewoner of een organisatie, niet allebei."))
        elif not resident and not giver and not self.has_error("resident"):
            self.add_error("resident", _("Kies wie het belooft: een bewoner of een organisatie."))
        kind = cleaned.get("kind")
        if kind in ("uren", "geld") and cleaned.get("amount") is None:
            self.add_error("amount", _("Vul in hoeveel uren of euro's er beloofd worden."))
        if kind == "materiaal" and not cleaned.get("description"):
            self.add_error("description", _("Schrijf op welke spullen er gegeven worden."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # clean() explains the same rules per field.
        pass

    def _post_clean(self):
        # The model's clean() says the same as clean() above; do not say it twice.
        if self.has_error("resident") or self.has_error("giver"):
            return
        super()._post_clean()


class ConnectionForm(KringModelForm):
    """Quick entry on a phone: who, with whom or what, how, when."""

    class Meta(KringModelForm.Meta):
        model = Connection
        fields = [
            "resident",
            "kind",
            "other_resident",
            "asset",
            "happened_on",
            "initiative",
            "note",
        ]
        widgets = {"kind": forms.RadioSelect, "happened_on": DateInput}
        labels = {"resident": _("Wie?"), "kind": _("Hoe kwamen ze in contact?")}
        help_texts = {
            "other_resident": _("Met een andere bewoner, óf kies hieronder een groep of plek."),
            "initiative": _("Hoorde het bij een initiatief? Mag leeg blijven."),
        }

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        residents = selectors.resident_choices(access)
        self.fields["resident"] = resident_picker(
            self.fields["resident"], residents, access, required=True
        )
        self.fields["other_resident"] = resident_picker(
            self.fields["other_resident"], residents, access
        )
        self.fields["asset"].queryset = selectors.asset_choices(access)
        self.fields["asset"].empty_label = _("(geen groep, instelling of plek)")
        self.fields["asset"].label_from_instance = lambda a: (
            f"{a.title} ({a.get_category_display()})"
        )
        self.fields["kind"].choices = ConnectionKind.choices
        self.fields["initiative"].queryset = selectors.initiatives_of(access).only("id", "title")
        self.fields["initiative"].empty_label = _("(geen)")
        self.fields["happened_on"].initial = timezone.localdate

    def clean(self):
        cleaned = super().clean()
        other, asset = cleaned.get("other_resident"), cleaned.get("asset")
        if bool(other) == bool(asset):
            self.add_error(
                "other_resident",
                _("Kies een andere bewoner óf een groep, instelling of plek: één van de twee."),
            )
        elif other and other == cleaned.get("resident"):
            self.add_error("other_resident", _("Kies een andere bewoner dan bij ‘Wie?’."))
        return cleaned

    def validate_constraints(self, exclude=None):
        # clean() explains the same rules per field.
        pass


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


class ConnectionFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Hoe"), required=False, choices=[("", _("Alle")), *ConnectionKind.choices]
    )
    resident = forms.ModelChoiceField(
        label=_("Bewoner"), required=False, queryset=None, empty_label=_("Iedereen")
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiatief"), required=False, queryset=None, empty_label=_("Alle initiatieven")
    )
    since = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"] = resident_picker(
            self.fields["resident"],
            selectors.resident_choices(access),
            access,
            help_text=_("Typ een deel van de naam. Leeg: iedereen."),
        )
        self.fields["initiative"].queryset = selectors.initiatives_of(access).only("id", "title")
