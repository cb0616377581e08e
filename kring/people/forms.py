from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.assets.models import Availability, GiftKind
from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin

from .models import ConsentMethod, ConsentPurpose, ConversationMethod, Resident
from .picker import ResidentChoiceField
from .selectors import resident_choices

GIFTS_PER_KIND = 3

# The questions of a gaven-gesprek, per part of the person: head, hands, heart.
GIFT_QUESTIONS = {
    GiftKind.HEAD: _("Wat weet u veel van? Waar heeft u verstand van?"),
    GiftKind.HANDS: _("Wat kunt u goed met uw handen? Wat doet u graag?"),
    GiftKind.HEART: _("Wat vindt u belangrijk in de buurt? Wat zou u graag met anderen delen?"),
}


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


class ConsentForm(VersionedFormMixin, forms.Form):
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

    def conflict_rows(self, current) -> list[dict]:
        saved = set(current.active_purposes())
        if saved == set(self.cleaned_data.get("purposes") or ()):
            return []
        labels = dict(ConsentPurpose.choices)
        shown = ", ".join(str(labels[p]) for p in ConsentPurpose.values if p in saved)
        return [{"label": self.fields["purposes"].label, "saved": shown or _("(geen)")}]


class GiftConversationForm(forms.Form):
    """One page, in the order of the conversation: who, head, hands, heart, when, consent."""

    resident = ResidentChoiceField(
        label=_("Een bewoner die al bekend is"),
        queryset=Resident.objects.none(),
        required=False,
        help_text=_("Typ een deel van de naam en kies de bewoner. Leeg: een nieuwe bewoner."),
    )
    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Telefoon"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), queryset=None, required=False, empty_label=_("(weet ik niet)")
    )
    languages = forms.CharField(
        label=_("Talen"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Nederlands, Arabisch"),
    )
    held_on = forms.DateField(
        label=_("Datum van het gesprek"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    method = forms.ChoiceField(
        label=_("Soort gesprek"),
        choices=ConversationMethod.choices,
        widget=forms.RadioSelect,
        initial=ConversationMethod.IN_PERSON,
    )
    availability = forms.ChoiceField(
        label=_("Wanneer kan de bewoner iets doen met deze gaven?"),
        choices=Availability.choices,
        widget=forms.RadioSelect,
        initial=Availability.NOW,
    )
    purposes = forms.MultipleChoiceField(
        label=_("Waar geeft de bewoner toestemming voor?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Lees elke zin voor. Vink alleen aan waar de bewoner ja op zegt."),
    )
    consent_method = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        initial=ConsentMethod.DIGITAL,
    )

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("held_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.access = access
        self.fields["resident"].queryset = resident_choices(access)
        self.fields["resident"].bind_collective(access.collective.slug)
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
        for kind in GiftKind.values:
            for i in range(1, GIFTS_PER_KIND + 1):
                self.fields[f"{kind}_{i}"] = forms.CharField(
                    label=_("Gave %(number)s") % {"number": i},
                    max_length=200,
                    required=False,
                )

    def gift_fields(self, kind: str):
        return [self[f"{kind}_{i}"] for i in range(1, GIFTS_PER_KIND + 1)]

    def gift_groups(self):
        return [
            {
                "kind": kind,
                "label": label,
                "question": GIFT_QUESTIONS[kind],
                "fields": self.gift_fields(kind),
            }
            for kind, label in GiftKind.choices
        ]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("resident") and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("Vul de naam van de bewoner in, of kies een bekende bewoner."))
        gifts = [
            (kind, (cleaned.get(f"{kind}_{i}") or "").strip())
            for kind in GiftKind.values
            for i in range(1, GIFTS_PER_KIND + 1)
        ]
        cleaned["gifts"] = [(kind, title) for kind, title in gifts if title]
        if not cleaned["gifts"]:
            self.add_error(
                f"{GiftKind.HEAD}_1",
                _(
                    "Schrijf minstens één gave op: iets wat de bewoner weet, kan of belangrijk vindt."
                ),
            )
        purposes = set(cleaned.get("purposes") or [])
        if cleaned["gifts"] and ConsentPurpose.INVENTORY not in purposes:
            self.add_error(
                "purposes",
                _(
                    "Zonder toestemming voor de inventaris kunnen we de gaven niet bewaren. "
                    "Vraag de bewoner of dat goed is, of sla het gesprek niet op."
                ),
            )
        held_on = cleaned.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error(
                "held_on", _("De datum ligt in de toekomst. Kies de dag van het gesprek.")
            )
        return cleaned

    def new_resident(self) -> Resident:
        data = self.cleaned_data
        return Resident(
            name=data["name"].strip(),
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            neighbourhood=data["neighbourhood"],
            languages=data["languages"],
        )
