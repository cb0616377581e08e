from django import forms
from django.utils.translation import gettext_lazy as _

from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.geo.models import Municipality, Neighbourhood
from kring.security import honeypot

from .models import JoinRequest

# The exact words a collective agrees to; stored with the request.
TERMS_TEXT = _(
    "Wij doen mee als collectief van bewoners en werken volgens de afspraken van het netwerk: "
    "wat bewoners vertellen is van het collectief, wij vragen toestemming voordat wij iets "
    "vastleggen of delen, en wij houden ons aan de AVG."
)


class JoinRequestForm(KringModelForm):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        empty_label=_("Kies de gemeente"),
        error_messages={
            "required": _("Kies de gemeente waar uw collectief werkt."),
            "invalid_choice": _("Kies een gemeente uit de lijst."),
        },
    )
    working_area = ModelMultipleChoiceField(
        label=_("Werkgebied (buurten)"),
        queryset=Neighbourhood.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Kies eerst de gemeente en druk op „Toon de buurten”. Zet dan een vinkje bij de "
            "buurten waar uw collectief werkt."
        ),
        error_messages={
            "required": _(
                "Kies minstens één buurt. Ziet u geen buurten? Kies eerst de gemeente en druk "
                "op „Toon de buurten”."
            ),
            "invalid_choice": _("Kies buurten uit de lijst van de gekozen gemeente."),
        },
    )
    terms = forms.BooleanField(
        label=TERMS_TEXT,
        error_messages={"required": _("Zet een vinkje als u het eens bent met de afspraken.")},
    )

    class Meta(KringModelForm.Meta):
        model = JoinRequest
        fields = [
            "name",
            "legal_form",
            "municipality",
            "working_area",
            "contact_name",
            "contact_email",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "description": _("Wat doet uw collectief, en voor wie? Een paar zinnen is genoeg."),
            "contact_email": _(
                "Hier sturen we een link om het adres te bevestigen, en later de uitnodiging."
            ),
        }
        error_messages = {
            "name": {"required": _("Vul de naam van het collectief in.")},
            "legal_form": {"required": _("Kies de rechtsvorm.")},
            "contact_name": {"required": _("Vul de naam van de contactpersoon in.")},
            "contact_email": {
                "required": _("Vul het e-mailadres van de contactpersoon in."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            },
            "description": {"required": _("Schrijf in een paar zinnen wat uw collectief doet.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        legal_forms = list(self.fields["legal_form"].choices)[1:]
        self.fields["legal_form"].choices = [("", _("Kies de rechtsvorm")), *legal_forms]
        source = self.data or self.initial
        municipality = source.get("municipality") if source else None
        if municipality and str(municipality).isdigit():
            self.fields["working_area"].queryset = Neighbourhood.objects.filter(
                district__municipality_id=int(municipality)
            ).order_by("name")

    @property
    def has_buurten(self) -> bool:
        return self.fields["working_area"].queryset.exists()

    @property
    def is_spam(self) -> bool:
        return honeypot.filled(self.data)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzen"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Deze tekst krijgt de contactpersoon in de mail. Schrijf vriendelijk en duidelijk."
        ),
        error_messages={"required": _("Schrijf waarom u de aanmelding afwijst.")},
    )
