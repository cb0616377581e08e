from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class RegionImportForm(forms.Form):
    """Upload of a CBS wijk- en buurtkaart (GeoJSON) in the admin site."""

    file = forms.FileField(
        label=_("GeoJSON-bestand van het CBS"),
        help_text=_("De wijk- en buurtkaart in WGS84 (GeoJSON), zoals PDOK of het CBS die geeft."),
        error_messages={
            "required": _("Kies een bestand."),
            "invalid": _("Dit is geen bestand. Kies het GeoJSON-bestand opnieuw."),
            "empty": _("Dit bestand is leeg. Kies het GeoJSON-bestand van het CBS."),
        },
    )
    year = forms.IntegerField(
        label=_("Jaar van de CBS-codes"),
        min_value=1980,
        max_value=2100,
        error_messages={
            "required": _("Vul het jaar van de CBS-codes in."),
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2025."),
            "min_value": _("Vul een jaartal in vanaf 1980."),
            "max_value": _("Vul een jaartal in tot en met 2100."),
        },
    )
    sample = forms.BooleanField(
        label=_("Verzonnen voorbeeldgebieden (alleen voor een demo)"), required=False
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.now().year})
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.KRING_REGIONS_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext(
                    "Dit bestand is groter dan %(mb)s MB. Kies de kaart van één jaar in WGS84, "
                    "zonder extra lagen."
                )
                % {"mb": limit // (1024 * 1024)}
            )
        return upload


class RegionImportConfirmForm(forms.Form):
    """The second step: the checked upload, named by a signed token."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=500)
