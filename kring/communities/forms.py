from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.core.locking import VersionedFormMixin
from kring.core.models import User
from kring.geo.models import Neighbourhood

from .models import Collective, Role


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=Role.choices,
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=_(
            "Een lid ziet wat bewoners voor leden openzetten. Een buurtmaker voert gesprekken en "
            "ziet alle bewoners. Een beheerder nodigt mensen uit en past het collectief aan."
        ),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label=_("Uw naam"), max_length=150)
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens. Een zin van een paar woorden is goed te onthouden."),
    )
    password_again = forms.CharField(
        label=_("Typ het wachtwoord nog een keer"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password, again = cleaned.get("password"), cleaned.get("password_again")
        if password and again and password != again:
            self.add_error("password_again", _("De twee wachtwoorden zijn niet gelijk."))
        elif password:
            try:
                validate_password(password, User(email=self.email, name=cleaned.get("name", "")))
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class CollectiveForm(VersionedFormMixin, KringModelForm):
    working_area = ModelMultipleChoiceField(
        label=_("Werkgebied (buurten)"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De buurten waar het collectief werkt."),
    )

    class Meta(KringModelForm.Meta):
        model = Collective
        fields = [
            "name",
            "kind",
            "legal_form",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "address",
            "website",
            "working_area",
            "public_place",
            "public_teaser",
            "public_description",
            "public_themes",
            "is_public",
            "residents_post_directly",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "public_description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_area"].queryset = Neighbourhood.objects.filter(
            district__municipality=self.instance.municipality
        ).order_by("name")
