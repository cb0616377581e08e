from django import forms
from django.utils.translation import gettext_lazy as _

from kring.assets.models import Category


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Waar zoekt u naar?"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: fiets repareren, taalles, een ruimte voor 20 mensen"),
    )
    category = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("alles")), *Category.choices],
    )
