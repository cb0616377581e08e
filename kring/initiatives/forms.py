import re
from datetime import date

from django import forms
from django.core import validators as django_validators
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.core.locking import VersionedFormMixin
from kring.people.picker import resident_picker

from . import recurrence, selectors
from .models import (
    GIVER_KINDS,
    Activity,
    ActivitySeries,
    Connection,
    ConnectionKind,
    Initiative,
    Pledge,
    Question,
    Repeat,
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


PUBLIC_HELP = _(
    "Dan ziet iedereen dit op de openbare agenda van uw collectief: de naam, de datum en de "
    "tijd, en de plek als die plek openbaar is. Nooit namen van bewoners, dus zet die ook niet "
    "in de naam. Alleen als uw collectief een openbaar profiel heeft."
)
PLACE_HELP = _("Een plek kan maar voor één activiteit tegelijk.")
ONCE = ""
REPEAT_CHOICES = [(ONCE, _("één keer")), *Repeat.choices]
DATE_PATTERN = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_dates(text: str) -> tuple[list[date], list[str]]:
    """Dates typed as 24-12-2026 (or 24/12/2026, or 2026-12-24), separated by commas, spaces or
    new lines: the dates, and what could not be read."""
    dates, unreadable = [], []
    for word in re.split(r"[\s,;]+", text or ""):
        if not word:
            continue
        match = DATE_PATTERN.match(word)
        try:
            if match is None:
                raise ValueError(word)
            if match.group(1):
                day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            else:
                day = date(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        except ValueError:
            unreadable.append(word[:20])
            continue
        if day not in dates:
            dates.append(day)
    return sorted(dates), unreadable


def _check_rule(form, cleaned: dict, first: str) -> list[date]:
    """The end of a repeating activity (a date or a number of times, one of the two) and its
    length; returns the rule's dates (empty when something is wrong)."""
    ends_on, count, starts_on = cleaned.get("ends_on"), cleaned.get("count"), cleaned.get(first)
    if ends_on is not None and count is not None:
        form.add_error("count", _("Vul een einddatum óf een aantal keer in, niet allebei."))
        return []
    if ends_on is None and count is None:
        if not form.has_error("ends_on") and not form.has_error("count"):
            form.add_error(
                "ends_on", _("Tot wanneer? Vul een einddatum in, of hoeveel keer het is.")
            )
        return []
    if starts_on is None or form.has_error("repeat"):
        return []
    if ends_on is not None and ends_on < starts_on:
        form.add_error(
            "ends_on", _("De einddatum ligt vóór de eerste keer. Pas één van de twee aan.")
        )
        return []
    dates = recurrence.occurrence_dates(
        repeat=cleaned["repeat"], starts_on=starts_on, ends_on=ends_on, count=count
    )
    if len(dates) > recurrence.MAX_OCCURRENCES or (
        dates and dates[-1] - starts_on > recurrence.MAX_SPAN
    ):
        form.add_error(
            "ends_on" if ends_on else "count",
            _(
                "Zo wordt de reeks te lang. Een reeks duurt hoogstens twee jaar en %(max)s keer. "
                "Maak daarna een nieuwe reeks."
            )
            % {"max": recurrence.MAX_OCCURRENCES},
        )
        return []
    return dates


class _TimesMixin:
    def _check_times(self, cleaned):
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd moet later zijn dan de begintijd."))

    def validate_constraints(self, exclude=None):
        # clean() explains the same rules per field, with clearer messages.
        pass


class ActivityForm(_TimesMixin, VersionedFormMixin, KringModelForm):
    """Plan an activity; a new one may repeat (then a series is made, see ``rule``)."""

    class Meta(KringModelForm.Meta):
        model = Activity
        fields = ["title", "date", "start_time", "end_time", "place", "public"]
        widgets = {"date": DateInput, "start_time": TimeInput, "end_time": TimeInput}
        help_texts = {"public": PUBLIC_HELP}

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = selectors.place_choices(access)
        self.fields["place"].empty_label = _("(geen vaste plek, bijvoorbeeld buiten of online)")
        self.fields["place"].help_text = PLACE_HELP
        self.repeats = self.instance.pk is None
        if self.repeats:
            self.fields["date"].help_text = _("Herhaalt het? Dan is dit de eerste keer.")
            self.fields["repeat"] = forms.ChoiceField(
                label=_("Hoe vaak?"),
                choices=REPEAT_CHOICES,
                required=False,
                initial=ONCE,
                widget=forms.RadioSelect,
                help_text=_(
                    "Elke maand: Kring neemt de weekdag van de eerste keer. Is dat de 2e dinsdag "
                    "van de maand, dan wordt het elke 2e dinsdag."
                ),
            )
            self.fields["ends_on"] = forms.DateField(
                label=_("Tot en met"),
                required=False,
                widget=DateInput,
                help_text=_("De laatste datum. Of vul hieronder in hoeveel keer."),
            )
            self.fields["count"] = forms.IntegerField(
                label=_("Aantal keer"),
                required=False,
                min_value=1,
                max_value=recurrence.MAX_OCCURRENCES,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                help_text=_("Bijvoorbeeld 10. Een overgeslagen datum telt mee."),
            )
            self.fields["skip_dates"] = forms.CharField(
                label=_("Niet op deze dagen"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Bijvoorbeeld een feestdag. Schrijf de datum zo: 29-12-2026. Meer datums: "
                    "één per regel. Later overslaan of verplaatsen kan ook."
                ),
            )
        self.rule_dates: list[date] = []
        self.skipped: list[date] = []

    @property
    def is_series(self) -> bool:
        return self.repeats and bool(getattr(self, "cleaned_data", {}).get("repeat"))

    def clean(self):
        cleaned = super().clean()
        self._check_times(cleaned)
        if not self.is_series:
            return cleaned
        self.rule_dates = _check_rule(self, cleaned, "date")
        skipped, unreadable = parse_dates(cleaned.get("skip_dates", ""))
        if unreadable:
            self.add_error(
                "skip_dates",
                _("Deze datum kan Kring niet lezen: %(dates)s. Schrijf hem zo: 29-12-2026.")
                % {"dates": ", ".join(unreadable)},
            )
        elif self.rule_dates:
            wrong = [day for day in skipped if day not in self.rule_dates]
            if wrong:
                self.add_error(
                    "skip_dates",
                    _("Op %(dates)s is er geen activiteit van deze reeks. Kijk de datum na.")
                    % {"dates": ", ".join(formats.date_format(d, "l j F Y") for d in wrong)},
                )
            self.skipped = skipped
        return cleaned

    def series(self, initiative) -> ActivitySeries:
        """The series this form describes (not saved)."""
        data = self.cleaned_data
        return ActivitySeries(
            initiative=initiative,
            title=data["title"],
            repeat=data["repeat"],
            starts_on=data["date"],
            ends_on=data.get("ends_on"),
            count=data.get("count"),
            start_time=data["start_time"],
            end_time=data["end_time"],
            place=data.get("place"),
            public=data.get("public", False),
        )


class SeriesForm(_TimesMixin, VersionedFormMixin, KringModelForm):
    """Change a whole series: its rule, times, place and whether it is public."""

    class Meta(KringModelForm.Meta):
        model = ActivitySeries
        fields = [
            "title",
            "repeat",
            "starts_on",
            "ends_on",
            "count",
            "start_time",
            "end_time",
            "place",
            "public",
        ]
        widgets = {
            "repeat": forms.RadioSelect,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "start_time": TimeInput,
            "end_time": TimeInput,
            "count": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        labels = {"repeat": _("Hoe vaak?"), "ends_on": _("Tot en met"), "count": _("Aantal keer")}
        help_texts = {
            "public": PUBLIC_HELP,
            "starts_on": _("Elke maand: Kring neemt de weekdag van de eerste keer."),
            "ends_on": _("De laatste datum. Of vul hieronder in hoeveel keer."),
            "count": _("Tel vanaf de eerste keer. Een overgeslagen datum telt mee."),
        }

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["repeat"].choices = Repeat.choices
        self.fields["place"].queryset = selectors.place_choices(access)
        self.fields["place"].empty_label = _("(geen vaste plek, bijvoorbeeld buiten of online)")
        self.fields["place"].help_text = PLACE_HELP
        self.fields["count"].validators += [
            django_validators.MinValueValidator(1),
            django_validators.MaxValueValidator(recurrence.MAX_OCCURRENCES),
        ]

    def clean(self):
        cleaned = super().clean()
        self._check_times(cleaned)
        _check_rule(self, cleaned, "starts_on")
        return cleaned


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
    items_repaired = forms.IntegerField(
        label=_("Hoeveel spullen werken weer?"),
        min_value=0,
        max_value=10000,
        required=False,
        initial=0,
        help_text=_(
            "Alleen bij een Repair Café of klusochtend: tel wat gerepareerd is en weer werkt. "
            "Een poging die niet lukte telt niet. Anders leeg laten of 0."
        ),
        widget=forms.NumberInput(attrs={"step": "1", "inputmode": "numeric"}),
    )

    def clean_items_repaired(self):
        return self.cleaned_data.get("items_repaired") or 0

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
