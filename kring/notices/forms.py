from django import forms
from django.utils.translation import gettext_lazy as _

from kring.initiatives.models import Outcome

from .models import Rhythm, Scope


class PreferenceForm(forms.Form):
    rhythm = forms.ChoiceField(
        label=_("Hoe vaak wilt u een bericht?"),
        choices=Rhythm.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe vaak u een bericht wilt."),
            "invalid_choice": _("Kies hoe vaak u een bericht wilt: een van de keuzes hieronder."),
        },
    )
    scope = forms.ChoiceField(
        label=_("Over welke vragen?"),
        choices=Scope.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies over welke vragen u berichten wilt."),
            "invalid_choice": _("Kies over welke vragen u berichten wilt."),
        },
    )


class BuilderPreferenceForm(PreferenceForm):
    agreed = forms.BooleanField(
        label=_("De bewoner heeft gezegd dat dit zo mag"),
        help_text=_("Leg alleen vast wat de bewoner zelf wil."),
        error_messages={
            "required": _("Vink aan dat de bewoner dit zelf wil. Anders slaan we niets op.")
        },
    )


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Heeft dit contact tot iets geleid?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies ja, nee of loopt nog."),
            "invalid_choice": _("Kies ja, nee of loopt nog."),
        },
    )
    note = forms.CharField(
        label=_("Wilt u er iets over vertellen? (mag leeg blijven)"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Gebruik hooguit 300 tekens.")},
    )


class FollowUpDaysForm(forms.Form):
    days = forms.IntegerField(
        label=_("Na hoeveel dagen vragen we of een contact iets opleverde?"),
        min_value=1,
        max_value=90,
        error_messages={
            "required": _("Vul een aantal dagen in, van 1 tot en met 90."),
            "invalid": _("Vul een heel getal in, van 1 tot en met 90."),
            "min_value": _("Vul een aantal dagen in, van 1 tot en met 90."),
            "max_value": _("Vul een aantal dagen in, van 1 tot en met 90."),
        },
    )
