from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.core.locking import CONFLICT_MESSAGE, VersionedFormMixin

from .models import ShareGroup


class SharingForm(VersionedFormMixin, forms.Form):
    """One gemeente's choice: which groups of figures to share (none = share nothing). Made
    with ``version=`` the version of the choice (0 when there is none yet)."""

    municipality = forms.TypedChoiceField(label=_("gemeente"), coerce=int, widget=forms.HiddenInput)
    groups = forms.MultipleChoiceField(
        label=_("Wat deelt u met deze gemeente?"),
        choices=ShareGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets aangevinkt: u deelt niets. U kunt dit altijd weer veranderen."),
    )

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = [(m.pk, m.name) for m in municipalities]
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Kies een gemeente waar uw collectief werkt."
        )
        self.fields["groups"].error_messages["invalid_choice"] = _(
            "Kies alleen uit de groepen cijfers in de lijst."
        )

    def conflict_rows(self, current) -> list[dict]:
        if set(current.groups) == set(self.cleaned_data.get("groups") or ()):
            return []
        labels = dict(ShareGroup.choices)
        saved = ", ".join(str(labels[g]) for g in current.groups if g in labels)
        return [{"label": self.fields["groups"].label, "saved": saved or _("(niets)")}]


def year_choices() -> list[int]:
    this_year = timezone.localdate().year  # the Dutch year, not the server's
    return list(range(this_year, this_year - 6, -1))


class PeriodForm(forms.Form):
    """Which year the dashboard shows, and which period to compare it with."""

    year = forms.TypedChoiceField(label=_("jaar"), coerce=int, required=False)
    compare = forms.TypedChoiceField(label=_("vergelijken met"), coerce=int, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = [(y, str(y)) for y in year_choices()]
        self.fields["year"].choices = years
        self.fields["compare"].choices = [("", _("niet vergelijken")), *years]
        for name in ("year", "compare"):
            self.fields[name].error_messages["invalid_choice"] = _("Kies een jaar uit de lijst.")

    def values(self) -> tuple[int, int | None]:
        default = year_choices()[0]
        if not self.is_valid():
            return default, None
        year = self.cleaned_data.get("year") or default
        compare = self.cleaned_data.get("compare") or None
        return year, (compare if compare != year else None)


def encode_seen(versions: dict[tuple[str, int], int]) -> str:
    return " ".join(
        f"{indicator}:{year}:{version}" for (indicator, year), version in versions.items()
    )


def decode_seen(text: str) -> dict[tuple[str, int], int] | None:
    seen = {}
    for part in text.split():
        indicator, _sep, rest = part.partition(":")
        year, _sep, version = rest.partition(":")
        if not (indicator and year.isdigit() and version.isdigit()):
            return None
        seen[(indicator, int(year))] = int(version)
    return seen


class TargetForm(forms.Form):
    """Sets one target. ``seen`` carries the versions of the gemeente's targets when the page
    was shown (kring.core.locking), so a target set by someone else meanwhile is not
    overwritten; made with ``versions=``."""

    indicator = forms.ChoiceField(label=_("cijfer"))
    year = forms.TypedChoiceField(label=_("jaar"), coerce=int)
    value = forms.IntegerField(
        label=_("doel voor het jaar"),
        min_value=1,
        max_value=10_000_000,
        required=False,
        help_text=_("Leeg laten haalt het doel weg."),
        error_messages={
            "invalid": _("Vul een heel getal in, bijvoorbeeld 120."),
            "min_value": _("Vul een getal van 1 of meer in."),
            "max_value": _("Vul een getal van hoogstens 10.000.000 in."),
        },
    )

    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)

    def __init__(self, *args, indicators=(), versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["seen"].initial = encode_seen(versions)
        self.fields["indicator"].choices = [(i.key, i.label) for i in indicators]
        self.fields["indicator"].error_messages["invalid_choice"] = _(
            "Kies een cijfer uit de lijst."
        )
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]
        self.fields["year"].error_messages["invalid_choice"] = _("Kies een jaar uit de lijst.")

    def clean_seen(self):
        seen = decode_seen(self.cleaned_data["seen"])
        if seen is None:
            raise forms.ValidationError(_("Laad de pagina opnieuw en probeer het nog eens."))
        return seen

    def show_conflict(self, current, versions) -> list[dict]:
        """Someone else set this target meanwhile: say so, show their value and carry the
        versions of now, so saving again is a conscious choice."""
        self.add_error(None, CONFLICT_MESSAGE)
        data = self.data.copy()
        data["seen"] = encode_seen(versions)
        self.data = data
        label = dict(self.fields["indicator"].choices).get(current.indicator, current.indicator)
        return [
            {
                "label": f"{label} {current.year}",
                "saved": current.value if current.pk else _("(geen doel)"),
            }
        ]


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("jaar"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in year_choices()]
        self.fields["year"].error_messages["invalid_choice"] = _("Kies een jaar uit de lijst.")
