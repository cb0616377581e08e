from django import forms
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin

from .models import ConsentMethod, ConsentPurpose, Resident


class ResidentForm(VersionedFormMixin, KringModelForm):
    class Meta(KringModelForm.Meta):
        model = Resident
        fields = ["name", "phone", "email", "address", "neighbourhood", "languages"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
        self.fields["neighbourhood"].empty_label = _("(weet ik niet)")
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class ConsentsConflictMixin:
    """For a form of a resident's consents (a ``purposes`` field): what was saved meanwhile is
    the list of purposes, shown beside the form when someone else changed it first."""

    def conflict_rows(self, current) -> list[dict]:
        saved = set(current.active_purposes())
        if saved == set(self.cleaned_data.get("purposes") or ()):
            return []
        labels = dict(ConsentPurpose.choices)
        shown = ", ".join(str(labels[p]) for p in ConsentPurpose.values if p in saved)
        return [{"label": self.fields["purposes"].label, "saved": shown or _("(geen)")}]


class ConsentForm(ConsentsConflictMixin, VersionedFormMixin, forms.Form):
    """Made with ``version=`` the resident's version: consent is part of the record."""

    purposes = forms.MultipleChoiceField(
        label=_("Waar geeft de bewoner toestemming voor?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Wat niet is aangevinkt, mag niet. Een vinkje weghalen trekt de toestemming meteen in."
        ),
    )
    method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        initial=ConsentMethod.DIGITAL,
    )
