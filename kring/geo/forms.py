import codecs

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
        _sniff(upload)
        return upload


def _sniff(upload) -> None:
    """Before the file is kept for the background check: it must at least start as JSON text,
    so a picture, web page or zip is refused at once (the check reads the whole file)."""
    head = upload.read(64 * 1024)
    upload.seek(0)
    try:
        # Incremental: a character cut in half at the end of the first block is no error.
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=False)
    except UnicodeDecodeError:
        raise forms.ValidationError(
            gettext(
                "Dit is geen tekstbestand. Kies een GeoJSON-bestand "
                "(bijvoorbeeld buurten.geojson), geen shapefile, zip of GeoPackage."
            )
        ) from None
    if not text.lstrip().startswith("{"):
        raise forms.ValidationError(
            gettext(
                "Het bestand is geen GeoJSON-kaart: er staat geen FeatureCollection in. "
                "Download de wijk- en buurtkaart van het CBS als GeoJSON."
            )
        )
