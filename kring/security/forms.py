from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six digits from the phone app."""

    code = forms.CharField(
        label=_("Code uit de app (6 cijfers)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": _("Vul de code van 6 cijfers uit de app in.")},
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("De code bestaat uit 6 cijfers. Kijk in de app."))
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Herstelcode (van uw papier)"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
        error_messages={"required": _("Vul een van uw herstelcodes in.")},
    )


class DisableForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app of een herstelcode"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": _("Vul een code in om te laten zien dat u het bent.")},
    )


class PasswordResetAskForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": _("Vul het e-mailadres in waarmee u inlogt."),
            "invalid": _(
                "Dit is geen e-mailadres. Een e-mailadres ziet eruit als naam@voorbeeld.nl."
            ),
        },
    )
