"""The form of a connection (recorded or removed) and the connections log's filter."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.core.forms import KringModelForm
from kring.people.picker import resident_picker

from .. import selectors
from ..models import (
    Connection,
    ConnectionKind,
)
from .widgets import DateInput


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
