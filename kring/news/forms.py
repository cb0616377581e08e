from django import forms
from django.utils.translation import gettext_lazy as _

from kring.assets.models import Tag
from kring.core.forms import KringModelForm, ModelMultipleChoiceField
from kring.core.locking import VersionedFormMixin
from kring.geo.models import Neighbourhood

from .models import Audience, Message


class MessageForm(VersionedFormMixin, KringModelForm):
    neighbourhoods = ModelMultipleChoiceField(
        label=_("Alleen in deze buurten"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: het hele werkgebied."),
    )
    tags = ModelMultipleChoiceField(
        label=_("Alleen bewoners met gaven met deze labels"),
        queryset=Tag.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: iedereen, wat hun gaven ook zijn."),
    )

    class Meta(KringModelForm.Meta):
        model = Message
        fields = ["subject", "body", "audience", "neighbourhoods", "tags"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "audience": forms.RadioSelect,
        }
        help_texts = {
            "body": _("Schrijf kort en in gewone woorden. De aanhef en de groet zet Kring erbij."),
            "audience": _(
                "Bewoners krijgen het bericht alleen als zij toestemming gaven voor nieuws van "
                "het collectief. Leden worden alleen op buurt of label gekozen als zij zelf als "
                "bewoner bekend zijn."
            ),
        }
        error_messages = {
            "subject": {
                "required": _("Vul een onderwerp in."),
                "max_length": _("Maak het onderwerp korter: hoogstens %(limit_value)d tekens."),
            },
            "body": {
                "required": _("Schrijf de tekst van het bericht."),
                "max_length": _("Maak de tekst korter: hoogstens %(limit_value)d tekens."),
            },
            "audience": {"required": _("Kies naar wie het bericht gaat.")},
        }

    def __init__(self, *args, neighbourhoods, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighbourhoods"].queryset = neighbourhoods
        self.fields["tags"].queryset = tags
        self.fields["audience"].choices = Audience.choices
        for name in ("neighbourhoods", "tags"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Kies alleen uit de lijst hieronder."
            )
