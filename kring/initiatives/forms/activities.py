"""Forms of an activity, a repeating series (its rule and typed dates) and attendance."""

import re
from datetime import date

from django import forms
from django.core import validators as django_validators
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.core.locking import VersionedFormMixin
from kring.people.picker import resident_picker

from .. import recurrence, selectors
from ..models import (
    Activity,
    ActivitySeries,
    Repeat,
)
from .widgets import CheckboxList, DateInput, TimeInput

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
