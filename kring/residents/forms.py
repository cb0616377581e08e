from django import forms
from django.utils.translation import gettext_lazy as _

from kring.assets.models import Asset, Availability, GiftKind
from kring.communities.selectors import neighbourhoods_of
from kring.core.forms import KringModelForm
from kring.core.locking import VersionedFormMixin
from kring.initiatives.models import Initiative
from kring.people.forms import ConsentsConflictMixin
from kring.people.models import ConsentPurpose


class AskLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("Het adres dat uw buurtmaker van u heeft."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _(
                "Dit is geen e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
            ),
        },
    )


class MyGiftForm(VersionedFormMixin, KringModelForm):
    """The resident's own gift: what it is, and whether it is paused ("nu even niet")."""

    class Meta(KringModelForm.Meta):
        model = Asset
        fields = ["gift_kind", "title", "description", "availability"]
        labels = {"title": _("Wat kunt, weet of geeft u?")}
        widgets = {
            "gift_kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "availability": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gift_kind"].choices = GiftKind.choices
        self.fields["gift_kind"].required = True
        self.fields["availability"].choices = Availability.choices
        self.fields["availability"].required = True
        self.fields["availability"].help_text = _(
            "Kies “nu even niet” om uw gave te pauzeren. Dan vraagt niemand u erom."
        )
        self.fields["title"].error_messages["required"] = _(
            "Schrijf in een paar woorden wat uw gave is."
        )


class GiftOfferForm(forms.Form):
    gift_kind = forms.ChoiceField(
        label=_("Hoofd, handen of hart"),
        choices=GiftKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoofd, handen of hart.")},
    )
    title = forms.CharField(
        label=_("Wat kunt, weet of geeft u?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: fietsen repareren, Arabisch spreken, koken voor ouderen."),
        error_messages={"required": _("Schrijf in een paar woorden wat uw gave is.")},
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class MyConsentForm(ConsentsConflictMixin, VersionedFormMixin, forms.Form):
    """Made with ``version=`` the resident's version: consent is part of the record."""

    purposes = forms.MultipleChoiceField(
        label=_("Waar geeft u toestemming voor?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Wat niet is aangevinkt, mag niet. Een vinkje weghalen trekt uw toestemming meteen "
            "in. Zonder toestemming voor de inventaris worden uw gaven gewist."
        ),
    )


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Ik zoek iemand die …"),
        max_length=300,
        help_text=_("Bijvoorbeeld: … mijn fiets kan maken, … met mij wil wandelen."),
        error_messages={
            "required": _("Schrijf wat u zoekt, bijvoorbeeld: iemand die mijn fiets kan maken."),
            "max_length": _(
                "Maak uw vraag korter: hooguit 300 tekens. Zet de rest bij meer uitleg."
            ),
        },
    )
    details = forms.CharField(
        label=_("Meer uitleg (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("In welke buurt?"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een buurt uit de lijst.")},
    )

    def __init__(self, *args, collective, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods_of(collective)
        self.fields["neighbourhood"].empty_label = _("(mijn eigen buurt)")


class HelpForm(forms.Form):
    message = forms.CharField(
        label=_("Een bericht voor de buurtmaker (mag leeg blijven)"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld wanneer u kunt."),
    )


class AcceptAskForm(VersionedFormMixin, forms.Form):
    """Made with ``version=`` the ask's version."""

    initiative = forms.ModelChoiceField(
        label=_("Hoort bij initiatief (mag leeg blijven: dan is het burenhulp)"),
        queryset=Initiative.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Kies een initiatief uit de lijst.")},
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        self.fields["initiative"].empty_label = _("(burenhulp, los van een initiatief)")


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Ik wil dat al mijn gegevens bij dit collectief worden gewist. Ik weet dat dit niet terug kan."
        ),
        error_messages={"required": _("Zet een vinkje als u zeker weet dat u alles wilt wissen.")},
    )
