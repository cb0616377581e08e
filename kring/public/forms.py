import json

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Collective
from kring.core.forms import KringModelForm
from kring.core.images import clean_uploaded_image
from kring.core.locking import VersionedFormMixin

from .models import Article, Meeting, Newsletter, Picture, ProfileDraft, Publication

# The exact words someone agrees to; stored with the sign-up as proof of consent.
CONSENT_TEXT = _(
    "Ja, stuur mij de nieuwsbrief van het netwerk. Mijn e-mailadres wordt alleen daarvoor "
    "gebruikt. Ik kan mij altijd afmelden met de link in elke nieuwsbrief."
)


def toolbar_labels() -> dict[str, str]:
    """The toolbar's names in the page's language (Quill's own are English or missing)."""
    return {
        "header": _("Soort tekst"),
        "header-normal": _("Gewone tekst"),
        "header-2": _("Kop"),
        "header-3": _("Tussenkop"),
        "bold": _("Vet"),
        "italic": _("Schuin"),
        "link": _("Link"),
        "blockquote": _("Citaat"),
        "list-ordered": _("Genummerde lijst"),
        "list-bullet": _("Lijst met bolletjes"),
        "clean": _("Opmaak weghalen"),
        "image": _("Afbeelding"),
        "tooltip-visit": _("Link openen:"),
        "tooltip-enter": _("Link invullen:"),
        "tooltip-edit": _("Wijzigen"),
        "tooltip-remove": _("Weghalen"),
        "tooltip-save": _("Opslaan"),
    }


class RichTextarea(forms.Textarea):
    """A plain textarea (works without JavaScript); public/editor.js puts a toolbar on it."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 12, "data-rich-text": "true", **(attrs or {})})

    def get_context(self, name, value, attrs):
        # Made when the page is drawn, so the names are in the visitor's language.
        attrs = {
            **(attrs or {}),
            "data-toolbar-labels": json.dumps({k: str(v) for k, v in toolbar_labels().items()}),
        }
        return super().get_context(name, value, attrs)


class RichTextareaWithImages(RichTextarea):
    """The same, with a picture button: pictures go up to editorial:image_upload."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "data-image-upload": reverse_lazy("editorial:image_upload"),
                "data-image-alt-question": _(
                    "Beschrijf de afbeelding in een paar woorden, voor wie haar niet kan zien."
                ),
                "data-image-failed": _("De afbeelding kon niet worden toegevoegd."),
                **(attrs or {}),
            }
        )


class EditorImageForm(forms.Form):
    image = forms.FileField(
        label=_("Afbeelding"),
        help_text=_("Een JPG, PNG of WEBP. Kring haalt verborgen gegevens uit het bestand."),
        error_messages={
            "required": _("Kies een afbeelding."),
            "empty": _("Het bestand is leeg. Kies een andere afbeelding."),
            "invalid": _("Kies een afbeelding."),
        },
    )

    def clean_image(self):
        return clean_uploaded_image(self.cleaned_data["image"])


class PublicProfileForm(VersionedFormMixin, KringModelForm):
    """Edits the draft of the public profile (kring.public.models.ProfileDraft)."""

    class Meta(KringModelForm.Meta):
        model = ProfileDraft
        fields = [
            "public_place",
            "public_province",
            "public_teaser",
            "public_description",
            "public_themes",
            "public_logo",
        ]
        labels = {
            "public_place": _("Plaats"),
            "public_province": _("Provincie"),
            "public_teaser": _("Korte tekst voor de kaart in de ledenlijst"),
            "public_description": _("Over uw collectief"),
            "public_themes": _("Thema's"),
            "public_logo": _("Logo"),
        }
        help_texts = {
            "public_teaser": _("Eén of twee zinnen: wat maakt uw collectief bijzonder?"),
            "public_description": _(
                "Vertel wat u samen doet en wat er al is. Noem geen namen van bewoners."
            ),
            "public_themes": _("Met komma's ertussen, bijvoorbeeld: buurtaanpak, zorg, energie."),
            "public_logo": _("Een JPG of PNG. Kring haalt verborgen gegevens uit het bestand."),
        }
        widgets = {"public_description": forms.Textarea(attrs={"rows": 6})}

    def clean_public_logo(self):
        return clean_uploaded_image(self.cleaned_data.get("public_logo"))


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False, max_length=100)
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    municipality = forms.ChoiceField(label=_("Gemeente"), required=False)
    theme = forms.ChoiceField(label=_("Thema"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Alle"))]
        self.fields["province"].choices = everything + choices["provinces"]
        self.fields["municipality"].choices = everything + choices["municipalities"]
        self.fields["theme"].choices = everything + [(t, t) for t in choices["themes"]]


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Zet een vinkje als u de nieuwsbrief wilt krijgen.")},
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(
        label=_("Uw naam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("Hier sturen we de bevestiging en de agenda-afspraak naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisatie of collectief (mag leeg blijven)"), max_length=200, required=False
    )


class ThemedForm(VersionedFormMixin, KringModelForm):
    theme_names = forms.CharField(
        label=_("Thema's"),
        required=False,
        max_length=300,
        help_text=_("Met komma's ertussen, bijvoorbeeld: buurtaanpak, zorg."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["theme_names"].initial = ", ".join(
                t.name for t in self.instance.themes.all()
            )

    def clean_theme_names(self):
        names = []
        for name in self.cleaned_data["theme_names"].split(","):
            name = " ".join(name.split())
            if name and slugify(name) and name.lower() not in [n.lower() for n in names]:
                names.append(name[:80])
        return names


class ArticleForm(ThemedForm):
    class Meta(KringModelForm.Meta):
        model = Article
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "image",
            "image_alt",
            "collectives",
            "publications",
            "published_at",
        ]
        widgets = {
            "body": RichTextareaWithImages(),
            "collectives": forms.CheckboxSelectMultiple,
            "publications": forms.CheckboxSelectMultiple,
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only published profiles can be shown with an article.
        self.fields["collectives"].queryset = Collective.objects.filter(is_public=True)
        self.fields["collectives"].help_text = _("Alleen leden met een openbaar profiel.")

    def clean_image(self):
        return clean_uploaded_image(self.cleaned_data.get("image"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt"):
            self.add_error(
                "image_alt", _("Schrijf in een paar woorden wat er op de afbeelding staat.")
            )
        return cleaned


class PublicationForm(ThemedForm):
    class Meta(KringModelForm.Meta):
        model = Publication
        fields = ["title", "slug", "summary", "body", "file", "published_at"]
        widgets = {
            "body": RichTextareaWithImages(),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or not hasattr(upload, "read") or not hasattr(upload, "content_type"):
            return upload
        limit = settings.KRING_MAX_PUBLICATION_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Het bestand is te groot. Kies een PDF kleiner dan %(mb)s MB.")
                % {"mb": limit // (1024 * 1024)}
            )
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-" or not upload.name.lower().endswith(".pdf"):
            raise forms.ValidationError(_("Dit is geen PDF. Kies een bestand dat eindigt op .pdf."))
        return upload


class MeetingForm(VersionedFormMixin, KringModelForm):
    class Meta(KringModelForm.Meta):
        model = Meeting
        fields = [
            "kind",
            "title",
            "slug",
            "summary",
            "body",
            "starts_at",
            "ends_at",
            "location",
            "capacity",
            "is_published",
        ]
        widgets = {
            "body": RichTextareaWithImages(),
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Het einde moet na het begin liggen."))
        return cleaned


class PictureForm(ThemedForm):
    class Meta(KringModelForm.Meta):
        model = Picture
        fields = [
            "title",
            "description",
            "image",
            "image_alt",
            "title_en",
            "description_en",
            "image_alt_en",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"title_en": _("Leeg laten: in het Engels staat dan het Nederlands.")}

    def clean_image(self):
        return clean_uploaded_image(self.cleaned_data.get("image"))


class NewsletterForm(VersionedFormMixin, KringModelForm):
    class Meta(KringModelForm.Meta):
        model = Newsletter
        fields = ["subject", "body"]
        widgets = {"body": RichTextarea()}
