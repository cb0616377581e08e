from functools import cache

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.communities.selectors import neighbourhoods_of
from kring.core.choices import Visibility
from kring.core.forms import KringModelForm, ShortModelChoiceField
from kring.core.images import clean_uploaded_image
from kring.core.locking import VersionedFormMixin
from kring.people.models import ConsentMethod, ConsentPurpose, ConversationMethod, Resident
from kring.people.picker import ResidentChoiceField, resident_picker
from kring.people.selectors import resident_choices

from .models import Asset, Availability, Category, GiftKind
from .services import MAX_TAGS, TAG_LENGTH, parse_tags

_PLACE = ["address", "latitude", "longitude"]
_REACH = ["contact", "website"]

# Which fields a category shows, in the order a person fills them in.
CATEGORY_FIELDS = {
    Category.GIFT: ["resident", "gift_kind", "title", "description", "availability"],
    Category.ASSOCIATION: ["title", "description", *_REACH, *_PLACE],
    Category.INSTITUTION: ["title", "institution_type", "description", *_REACH, *_PLACE],
    Category.PLACE: ["title", "description", *_PLACE, "opening_hours", "accessibility", *_REACH],
    Category.ECONOMY: ["title", "description", *_REACH, *_PLACE],
    Category.STORY: ["title", "description", "tellers", "image", "image_description"],
}
COMMON_FIELDS = ["neighbourhood", "visibility", "source"]

TITLE_LABELS = {
    Category.GIFT: _("Wat is de gave?"),
    Category.ASSOCIATION: _("Naam van de vereniging of groep"),
    Category.INSTITUTION: _("Naam van de instelling"),
    Category.PLACE: _("Naam van de plek"),
    Category.ECONOMY: _("Naam"),
    Category.STORY: _("Titel van het verhaal"),
}
TITLE_HELP = {
    Category.GIFT: _(
        "Kort, bijvoorbeeld: fietsen repareren, spreekt Arabisch, wil ouderen bezoeken."
    ),
    Category.ECONOMY: _("Bijvoorbeeld: weekmarkt, repair café, buurtwinkel."),
}
DESCRIPTION_LABELS = {Category.STORY: _("Het verhaal")}
TELLERS_HELP = _(
    "Is het het verhaal van een of meer bewoners? Typ een deel van de naam om iemand toe te "
    "voegen. Het verhaal gaat dan alleen naar buiten (wijkportret, verslag voor de gemeente, "
    "open data) als iedereen die u hier noemt toestemming gaf voor ‘Mijn verhaal mag openbaar "
    "worden gedeeld’. Laat leeg bij een verhaal van de buurt zelf."
)


GIFTS_PER_KIND = 3

# The questions of a gaven-gesprek, per part of the person: head, hands, heart.
GIFT_QUESTIONS = {
    GiftKind.HEAD: _("Wat weet u veel van? Waar heeft u verstand van?"),
    GiftKind.HANDS: _("Wat kunt u goed met uw handen? Wat doet u graag?"),
    GiftKind.HEART: _("Wat vindt u belangrijk in de buurt? Wat zou u graag met anderen delen?"),
}


class AssetForm(VersionedFormMixin, KringModelForm):
    tags = forms.CharField(
        label=_("Labels"),
        required=False,
        # As many labels as the API takes, each as long as a label can be, with ", " between.
        max_length=MAX_TAGS * (TAG_LENGTH + 2),
        help_text=_(
            "Woorden om op te zoeken, gescheiden door komma's. Bijvoorbeeld: fietsen, techniek"
        ),
    )

    class Meta(KringModelForm.Meta):
        model = Asset
        fields = sorted(
            {f for fields in CATEGORY_FIELDS.values() for f in fields} | set(COMMON_FIELDS)
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "gift_kind": forms.RadioSelect,
            "availability": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "latitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(self, *args, access: CollectiveAccess, category: str, **kwargs):
        # Only the category's fields are copied for this form (a copy of each of the six
        # categories' fields, then thrown away, was most of making the form).
        self.base_fields = _category_fields(category)
        super().__init__(*args, **kwargs)
        self.access = access
        self.category = category
        self.fields["title"].label = TITLE_LABELS[category]
        if category in TITLE_HELP:
            self.fields["title"].help_text = TITLE_HELP[category]
        if category in DESCRIPTION_LABELS:
            self.fields["description"].label = DESCRIPTION_LABELS[category]
            self.fields["description"].required = True
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
        self.fields["neighbourhood"].empty_label = _("(weet ik niet of in meerdere buurten)")
        if category == Category.GIFT:
            self.fields["resident"] = resident_picker(
                self.fields["resident"], resident_choices(access), access, required=True
            )
            self.fields["gift_kind"].required = True
            self.fields["gift_kind"].choices = GiftKind.choices
            self.fields["availability"].choices = self.fields["availability"].choices[1:]
            # A gift is personal: never public on its own.
            self.fields["visibility"].choices = [
                c for c in Visibility.choices if c[0] != Visibility.PUBLIC
            ]
        if category == Category.STORY:
            # Searched, never listed: the picker offers only this collective's residents.
            self.fields["tellers"] = resident_picker(
                self.fields["tellers"],
                resident_choices(access),
                access,
                required=False,
                help_text=TELLERS_HELP,
            )
        if "institution_type" in self.fields:
            self.fields["institution_type"].required = True
        if "image" in self.fields:
            self.fields["image"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        if self.instance.pk:
            self.fields["tags"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image and image is not self.initial.get("image"):
            return clean_uploaded_image(image)
        return image

    def clean_tags(self):
        return parse_tags(self.cleaned_data.get("tags", ""))

    def clean(self):
        cleaned = super().clean()
        if "latitude" in self.fields:
            lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
            if (lat is None) != (lon is None):
                raise forms.ValidationError(
                    _("Vul de breedtegraad én de lengtegraad in, of laat ze allebei leeg.")
                )
        return cleaned

    def _post_clean(self):
        # The collective and category are not form fields; set them before model validation.
        self.instance.category = self.category
        self.instance.collective = self.access.collective
        super()._post_clean()


@cache
def _category_fields(category: str) -> dict[str, forms.Field]:
    """AssetForm's fields that a category shows, in the order they are filled in (each form
    copies them, as Django copies a form's ``base_fields``)."""
    wanted = [*CATEGORY_FIELDS[category], *COMMON_FIELDS, "tags"]
    return {name: AssetForm.base_fields[name] for name in wanted}


class AssetFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    neighbourhood = ShortModelChoiceField(
        label=_("Buurt"), required=False, queryset=None, empty_label=_("Alle buurten")
    )
    gift_kind = forms.ChoiceField(
        label=_("Hoofd, handen of hart"),
        required=False,
        choices=[("", _("Alles")), *list(GiftKind.choices)],
    )
    tag = forms.CharField(label=_("Label"), required=False, max_length=50)

    def __init__(self, *args, access: CollectiveAccess, category: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods_of(access.collective)
        if category != Category.GIFT:
            del self.fields["gift_kind"]
        self.fields["q"].widget.input_type = "search"


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
