import json

from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kring.communities.models import Collective
from kring.core.forms import KringModelForm
from kring.core.images import clean_uploaded_image
from kring.core.locking import VersionedFormMixin

from .contact_forms import (
    CONTACT_ERRORS,
    CONTACT_FIELDS,
    CONTACT_HELP,
    CONTACT_LABELS,
    ProfileContactMixin,
)
from .models import (
    Article,
    Meeting,
    MeetingMail,
    Newsletter,
    Picture,
    ProfileDraft,
    Publication,
)

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


class PublicProfileForm(ProfileContactMixin, VersionedFormMixin, KringModelForm):
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
            *CONTACT_FIELDS,
        ]
        labels = {
            "public_place": _("Plaats"),
            "public_province": _("Provincie"),
            "public_teaser": _("Korte tekst voor de kaart in de ledenlijst"),
            "public_description": _("Over uw collectief"),
            "public_themes": _("Thema's"),
            "public_logo": _("Logo"),
            **CONTACT_LABELS,
        }
        error_messages = CONTACT_ERRORS
        help_texts = {
            **CONTACT_HELP,
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
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
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
            "published_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
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
            "reminder_days",
            "is_published",
        ]
        widgets = {
            "body": RichTextareaWithImages(),
            # The browser's date-and-time field reads only this form, not the Dutch one: without
            # it an existing meeting opened empty and a save lost its times.
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
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


class MeetingMailForm(VersionedFormMixin, KringModelForm):
    """The editors' mail to everyone registered for a meeting: plain text."""

    class Meta(KringModelForm.Meta):
        model = MeetingMail
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "body": _(
                "Gewone tekst. Kring zet er zelf „Hallo“ met de naam boven, en onder de "
                "datum, de plaats en een link om af te melden."
            )
        }


ATTENDED_CHOICES = [("ja", _("ja")), ("nee", _("nee"))]


class AttendanceForm(VersionedFormMixin, forms.Form):
    """Aanwezig ja/nee per registration of one meeting; made with ``version=`` the meeting's
    version, so a list loaded before someone else's save is refused."""

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            self.fields[f"a{registration.pk}"] = forms.ChoiceField(
                label=registration.name,
                choices=ATTENDED_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial={True: "ja", False: "nee"}.get(registration.attended, ""),
            )

    def rows(self):
        """Each registration with its field, for the list."""
        return [(r, self[f"a{r.pk}"]) for r in self.registrations]

    def marks(self) -> dict[int, bool | None]:
        return {
            r.pk: {"ja": True, "nee": False}.get(self.cleaned_data.get(f"a{r.pk}") or "")
            for r in self.registrations
        }

    def conflict_rows(self, current) -> list[dict]:
        """Whose attendance was saved differently from what this person chose."""
        saved = dict(current.registrations.values_list("pk", "attended"))
        typed = self.marks()
        shown = {True: _("ja"), False: _("nee"), None: _("niet ingevuld")}
        return [
            {"label": r.name, "saved": shown[saved.get(r.pk)]}
            for r in self.registrations
            if r.pk in saved and saved[r.pk] != typed.get(r.pk)
        ]


class NewsletterSendForm(forms.Form):
    """The confirmation before sending: now or at a chosen time. It carries the version the
    editor saw in the preview; a newer one (someone changed the text) is refused."""

    NOW, LATER = "nu", "later"

    when = forms.ChoiceField(
        label=_("Wanneer versturen?"),
        choices=[(NOW, _("Nu")), (LATER, _("Later, op de dag en tijd hieronder"))],
        widget=forms.RadioSelect,
        initial=NOW,
    )
    send_at = forms.DateTimeField(
        label=_("Dag en tijd"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Alleen nodig als u later wilt versturen."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, can_schedule: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_schedule:
            del self.fields["when"], self.fields["send_at"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("when") == self.LATER:
            send_at = cleaned.get("send_at")
            if send_at is None:
                self.add_error(
                    "send_at", _("Vul de dag en tijd in waarop de nieuwsbrief weg moet.")
                )
            elif send_at <= timezone.now():
                self.add_error("send_at", _("Kies een dag en tijd in de toekomst."))
        return cleaned

    @property
    def later(self) -> bool:
        return self.cleaned_data.get("when") == self.LATER
