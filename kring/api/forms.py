from django import forms
from django.utils.translation import gettext_lazy as _

from kring.communities.access import CollectiveAccess
from kring.core.forms import KringModelForm

from .models import ApiToken, Scope
from .services import may_create

DAYS_CHOICES = [
    (30, _("30 dagen")),
    (90, _("90 dagen")),
    (365, _("een jaar")),
]


def _days_field():
    return forms.TypedChoiceField(
        label=_("Hoe lang geldig?"),
        choices=DAYS_CHOICES,
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        help_text=_("Daarna werkt de sleutel niet meer. U kunt dan een nieuwe maken."),
    )


class MunicipalityTokenForm(KringModelForm):
    """A gemeente's token: always read-only, so only a name and how long."""

    days = _days_field()

    class Meta(KringModelForm.Meta):
        model = ApiToken
        fields = ["name"]
        help_texts = {
            "name": _(
                "Waar gebruikt u de sleutel voor? Bijvoorbeeld: koppeling met het dashboard."
            ),
        }


class TokenForm(KringModelForm):
    days = _days_field()

    class Meta(KringModelForm.Meta):
        model = ApiToken
        fields = ["name", "scope"]
        widgets = {"scope": forms.RadioSelect}
        help_texts = {
            "name": _("Waar gebruikt u de sleutel voor? Bijvoorbeeld: koppeling met de website."),
        }

    def __init__(self, *args, access: CollectiveAccess, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            (value, label) for value, label in Scope.choices if may_create(access, value)
        ]
        if len(self.fields["scope"].choices) == 1:
            self.fields["scope"].help_text = _(
                "Alleen buurtmakers en beheerders kunnen een sleutel maken die ook mag schrijven."
            )
