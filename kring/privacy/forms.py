from django import forms
from django.utils.translation import gettext_lazy as _

from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin
from kring.people.models import Resident

from .models import AuditEntry

# Why a text that still names the resident may stay as it is (kring.privacy.services).
LEFT_REASONS = [
    ("other_person", _("Het gaat over iemand anders met dezelfde naam.")),
    ("not_a_person", _("Het is de naam van iets anders, zoals een straat of een gebouw.")),
    ("agreed", _("De bewoner vindt het goed dat deze tekst blijft staan.")),
]


class EraseForm(forms.Form):
    """The buurtmaker's confirmation, with a choice for every text that still names the
    resident: edit it first (then it is no longer asked) or say why it may stay."""

    confirm = forms.BooleanField(
        label=_(
            "De bewoner heeft zelf gevraagd om alles te wissen. Ik weet dat dit niet terug kan."
        ),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u alles wilt wissen.")},
    )

    def __init__(self, *args, mentions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.mentions = list(mentions)
        confirm = self.fields.pop("confirm")
        for number, mention in enumerate(self.mentions, start=1):
            # Named by the text, not its place on the list: the list may change between the
            # page and the answer (a text edited meanwhile drops off).
            self.fields[self.reason_name(mention)] = forms.ChoiceField(
                label=_("Tekst %(number)s (%(kind)s): waarom mag de naam blijven staan?")
                % {"number": number, "kind": mention.place.kind},
                choices=LEFT_REASONS,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Pas de tekst eerst aan, of kies waarom de naam mag blijven staan."
                    )
                },
            )
        self.fields["confirm"] = confirm

    @staticmethod
    def reason_name(mention) -> str:
        return "reason-" + mention.key.replace(":", "-").replace(".", "-")

    def rows(self):
        """Each text that still names the resident, with its question."""
        return [(mention, self[self.reason_name(mention)]) for mention in self.mentions]

    def left(self) -> dict[str, str]:
        """Why each text stays, by ``Mention.key``."""
        return {m.key: self.cleaned_data[self.reason_name(m)] for m in self.mentions}


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
