"""The form of a pledge (made or removed, never edited)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.core.forms import KringModelForm
from kring.people.picker import resident_picker

from .. import selectors
from ..models import (
    GIVER_KINDS,
    Pledge,
)
from .widgets import DateInput


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
