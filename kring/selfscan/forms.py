from django import forms
from django.utils.translation import gettext_lazy as _

from kring.core.locking import VersionedFormMixin

from .models import HIGHEST, LOWEST

SCALE = [
    (1, _("1 · klopt helemaal niet")),
    (2, _("2 · klopt niet")),
    (3, _("3 · klopt een beetje")),
    (4, _("4 · klopt")),
    (5, _("5 · klopt helemaal")),
]


class ThemeAnswersForm(VersionedFormMixin, forms.Form):
    """One radio group (fieldset and legend) per statement of a theme. Empty is allowed: a
    draft may be half done; handing in checks that everything is answered. Made with
    ``version=`` the version of the user's response, once there is one."""

    def __init__(self, *args, theme, **kwargs):
        super().__init__(*args, **kwargs)
        self.theme = theme
        for number, statement in enumerate(theme.statements.all(), start=1):
            self.fields[f"s{statement.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {statement.localized.text}",
                choices=SCALE,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": _("Kies een getal van %(low)s tot %(high)s.")
                    % {"low": LOWEST, "high": HIGHEST}
                },
            )

    def conflict_rows(self, current) -> list[dict]:
        """The statements whose saved answer differs from the one chosen now."""
        saved = dict(current.answers.values_list("statement_id", "value"))
        labels = dict(SCALE)
        rows = []
        for statement_id, value in self.values().items():
            if saved.get(statement_id) != value:
                answer = saved.get(statement_id)
                rows.append(
                    {
                        "label": self.fields[f"s{statement_id}"].label,
                        "saved": labels[answer] if answer else "",
                    }
                )
        return rows

    def values(self) -> dict[int, int | None]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if name[:1] == "s"
        }


class StartRoundForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de ronde"),
        help_text=_("Bijvoorbeeld 'Voorjaar 2026'. Leeg laten mag: dan krijgt de ronde de datum."),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(ord(c) < 32 for c in name):
            raise forms.ValidationError(_("Gebruik alleen gewone letters, cijfers en tekens."))
        return name


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(label=_("Eerdere ronde"), coerce=int)
    after = forms.TypedChoiceField(label=_("Latere ronde"), coerce=int)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(r.pk, str(r)) for r in rounds]
        for name in ("before", "after"):
            self.fields[name].choices = choices
            self.fields[name].error_messages = {
                "required": _("Kies een ronde."),
                "invalid_choice": _("Kies een ronde uit de lijst."),
            }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("before") and cleaned.get("before") == cleaned.get("after"):
            raise forms.ValidationError(_("Kies twee verschillende rondes."))
        return cleaned
