from django import forms
from django.utils.translation import gettext_lazy as _

from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin
from kring.people.models import Resident

from .models import AuditEntry


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "De bewoner heeft zelf gevraagd om alles te wissen. Ik weet dat dit niet terug kan."
        ),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u alles wilt wissen.")},
    )


class OwnEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik wil dat al mijn gegevens worden gewist. Ik weet dat dit niet terug kan."),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u alles wilt wissen.")},
    )


class OwnDataForm(VersionedFormMixin, KringModelForm):
    """What a resident may correct about themselves."""

    class Meta(KringModelForm.Meta):
        model = Resident
        fields = ["name", "phone", "email", "address", "languages"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alles")), *AuditEntry.Action.choices],
    )
    actor = forms.ModelChoiceField(
        label=_("Door"), required=False, queryset=None, empty_label=_("Iedereen")
    )
    since = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    bewoner = forms.IntegerField(
        label=_("Over bewoner (nummer)"), required=False, min_value=1, max_value=2**62
    )

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("Deze datum ligt vóór de begindatum. Kies een latere dag."))
        return cleaned
