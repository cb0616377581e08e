"""The contact details a collective puts on its public profile, and the form a visitor uses to
send it a message (kring.public.services.contact relays it by mail)."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

MESSAGE_MAX = 5000
# Unicode's control, format (bidi overrides, zero widths), surrogate, private and unknown marks.
CONTROL = {"Cc", "Cf", "Cs", "Co", "Cn"}
ZERO_WIDTH_JOINER = "\u200d"  # kept: it joins emoji such as a family into one

# The fields of kring.communities.models.PublicContact in the order the profile form shows them.
CONTACT_FIELDS = [
    "public_email",
    "public_email_shown",
    "public_contact_form",
    "public_website",
    "public_phone",
    "public_address",
]
CONTACT_LABELS = {
    "public_email": _("E-mailadres voor bezoekers"),
    "public_email_shown": _("Toon dit e-mailadres op het profiel"),
    "public_contact_form": _("Zet een contactformulier op het profiel"),
    "public_website": _("Website"),
    "public_phone": _("Telefoonnummer"),
    "public_address": _("Bezoekadres"),
}
CONTACT_HELP = {
    "public_email": _(
        "Hier komen de berichten van het contactformulier binnen. Bezoekers zien dit adres "
        "alleen als u het hieronder laat tonen."
    ),
    "public_contact_form": _(
        "Bezoekers sturen u dan een bericht zonder dat zij uw e-mailadres zien. U antwoordt "
        "gewoon met uw eigen mail."
    ),
    "public_website": _("Bijvoorbeeld: www.onsbuurthuis.nl"),
    "public_phone": _("Alleen invullen als iedereen dit nummer mag bellen."),
    "public_address": _(
        "Waar bezoekers u kunnen vinden, bijvoorbeeld: Havenstraat 12, 3024 AB Rotterdam."
    ),
}
CONTACT_ERRORS = {
    "public_email": {
        "invalid": _("Vul een geldig e-mailadres in, zoals info@onsbuurthuis.nl."),
        "max_length": _("Dit e-mailadres is te lang."),
        "null_characters_not_allowed": _(
            "Vul een geldig e-mailadres in, zoals info@onsbuurthuis.nl."
        ),
    },
    "public_website": {
        "invalid": _("Vul een geldig webadres in, zoals www.onsbuurthuis.nl."),
        "max_length": _("Dit webadres is te lang."),
    },
    "public_phone": {
        "max_length": _("Dit telefoonnummer is te lang. Gebruik hoogstens 30 tekens."),
    },
    "public_address": {
        "max_length": _("Dit adres is te lang. Gebruik hoogstens 200 tekens."),
    },
}
TYPE_IT = ""


def plain_text(value: str, *, lines: bool) -> str:
    """Text without control characters (a NUL byte, an escape, a bidi override): they have no
    place in a name or a message and could change how a mail reads. Line breaks stay in
    ``lines`` texts, as ``\\n``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if char in "\n\t":
            kept.append(char if lines else " ")
        elif char == ZERO_WIDTH_JOINER or unicodedata.category(char) not in CONTROL:
            kept.append(char)
    return "".join(kept).strip()


class PlainTextField(forms.CharField):
    def __init__(self, *, lines: bool = False, **kwargs):
        self.lines = lines
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return plain_text(value, lines=self.lines) if value else value


class ProfileContactMixin:
    """The contact part of the public-profile form: the visiting address may be picked from
    the collective's public places and its own address (``addresses``: (name, address) pairs),
    or typed."""

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        seen = {}
        for name, address in addresses:
            seen.setdefault(address, f"{name}: {address}")
        self.fields["address_from"] = forms.ChoiceField(
            label=_("Bezoekadres kiezen"),
            required=False,
            choices=[(TYPE_IT, _("Zelf typen (hieronder)")), *seen.items()],
            help_text=_(
                "Kies een plek die uw collectief openbaar heeft gemaakt, of het adres uit de "
                "instellingen. Het adres komt dan in het vak hieronder."
            ),
            error_messages={"invalid_choice": _("Kies een adres uit de lijst.")},
        )
        if not seen:
            del self.fields["address_from"]
        # Kept in the order the page shows them: the picker just above the address.
        order = [name for name in self.fields if name not in ("address_from", "public_address")]
        if "address_from" in self.fields:
            order.append("address_from")
        self.order_fields([*order, "public_address"])

    @property
    def contact_fields(self):
        names = [*CONTACT_FIELDS[:-1], "address_from", "public_address"]
        return [self[name] for name in names if name in self.fields]

    @property
    def profile_fields(self):
        contact = {*CONTACT_FIELDS, "address_from"}
        return [field for field in self.visible_fields() if field.name not in contact]

    def clean_public_website(self):
        website = self.cleaned_data.get("public_website", "")
        if website and not website.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(CONTACT_ERRORS["public_website"]["invalid"])
        return website

    def clean(self):
        cleaned = super().clean()
        picked = cleaned.get("address_from")
        if picked:
            cleaned["public_address"] = picked
        if cleaned.get("public_email") and not (
            cleaned.get("public_email_shown") or cleaned.get("public_contact_form")
        ):
            self.add_error(
                "public_email",
                _(
                    "U vulde een e-mailadres in, maar kiest niet waarvoor. Zet een vinkje bij "
                    "‘tonen’ of bij ‘contactformulier’, of maak dit vak leeg."
                ),
            )
        return cleaned


class ContactForm(forms.Form):
    """A visitor's message to a collective. Nothing of it is stored: it is mailed and gone."""

    name = PlainTextField(
        label=_("Uw naam"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam is te lang. Gebruik hoogstens 100 tekens."),
        },
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Het collectief antwoordt u op dit adres."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in. Anders kan het collectief u niet antwoorden."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
            "null_characters_not_allowed": _(
                "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."
            ),
        },
    )
    message = PlainTextField(
        label=_("Uw bericht"),
        lines=True,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Schrijf uw bericht."),
            "max_length": _(
                "Uw bericht is te lang: hoogstens %(limit_value)d tekens. Het zijn er nu "
                "%(show_value)d. Maak het wat korter."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)
