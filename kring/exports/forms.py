from django import forms
from django.utils.translation import gettext_lazy as _


class OpenDataForm(forms.Form):
    publish = forms.BooleanField(
        label=_("Bied de openbare bronnen als open data aan op ons openbare profiel"),
        help_text=_(
            "Alleen bronnen die op 'iedereen (openbaar)' staan, zonder gaven en zonder bewoners. "
            "Het werkt alleen zolang het profiel openbaar is."
        ),
        required=False,
    )
