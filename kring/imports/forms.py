from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .fields import fields_for
from .models import ImportKind
from .validation import missing_required


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wilt u importeren?"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        initial=ImportKind.GIFTS,
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "Een CSV-bestand (met ; of , tussen de kolommen) of een Excel-bestand (XLSX). De "
            "eerste rij heeft de namen van de kolommen."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.KRING_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Dit bestand is te groot: hoogstens %(mb)s MB. Splits het in delen.")
                % {"mb": settings.KRING_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        if uploaded.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg. Kies een ander bestand."))
        return uploaded


class MappingForm(forms.Form):
    """One choice per Kring field: which column of the file fills it (or none)."""

    def __init__(self, *args, job, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        columns = [("", _("(niet gebruiken)"))] + [
            (str(i), name or _("kolom %(number)s zonder naam") % {"number": i + 1})
            for i, name in enumerate(job.header)
        ]
        for f in fields_for(job.kind):
            self.fields[f.key] = forms.TypedChoiceField(
                label=f.label,
                choices=columns,
                required=False,
                coerce=int,
                empty_value=None,
                help_text=f.help,
                initial=job.mapping.get(f.key),
            )

    def clean(self):
        cleaned = super().clean()
        mapping = {key: value for key, value in cleaned.items() if value is not None}
        used: dict[int, str] = {}
        for key, column in mapping.items():
            if column in used:
                self.add_error(
                    key,
                    _("Deze kolom is al gekozen bij ‘%(other)s’. Kies elke kolom één keer.")
                    % {"other": self.fields[used[column]].label},
                )
            used[column] = key
        for f in missing_required(self.job.kind, mapping):
            if f.key not in self.errors:
                self.add_error(
                    f.key,
                    _("Kies de kolom voor ‘%(label)s’: die is verplicht.") % {"label": f.label},
                )
        cleaned["mapping"] = mapping
        return cleaned
