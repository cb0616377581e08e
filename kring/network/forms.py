import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AnalysisForm(forms.Form):
    as_of = forms.DateField(
        label=_("Netwerk op"),
        help_text=_("Meestal vandaag."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    compare_from = forms.DateField(
        label=_("Vergelijk met"),
        required=False,
        help_text=_("Niet verplicht. Een eerdere datum, bijvoorbeeld een jaar geleden."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een dag in het verleden."))
        return day

    def clean(self):
        cleaned = super().clean()
        as_of, before = cleaned.get("as_of"), cleaned.get("compare_from")
        if as_of and before and before >= as_of:
            self.add_error("compare_from", _("Kies een datum vóór de datum van het netwerk."))
        return cleaned

    @classmethod
    def initial_values(cls) -> dict:
        today = timezone.localdate()
        return {"as_of": today, "compare_from": today - datetime.timedelta(days=365)}
