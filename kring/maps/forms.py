from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from kring.core.forms import ModelMultipleChoiceField as KringModelMultipleChoiceField

from .styles import MAPPED


class MapFilterForm(forms.Form):
    category = forms.MultipleChoiceField(
        label=_("Laat zien"),
        required=False,
        choices=[(str(c), c.label) for c in MAPPED],
        widget=forms.CheckboxSelectMultiple,
    )

    def selected(self) -> list[str]:
        if self.is_valid() and self.cleaned_data["category"]:
            return self.cleaned_data["category"]
        return [str(c) for c in MAPPED]


class ViewportForm(forms.Form):
    """What the map asks for: a zoom level and the visible box (west, south, east, north)."""

    zoom = forms.IntegerField(min_value=0, max_value=19)
    bbox = forms.CharField(required=False, max_length=200)
    category = forms.MultipleChoiceField(required=False, choices=[(str(c), str(c)) for c in MAPPED])

    def clean_bbox(self):
        text = self.cleaned_data["bbox"]
        if not text:
            return None
        try:
            west, south, east, north = (float(v) for v in text.split(","))
        except ValueError:
            raise forms.ValidationError(_("Geef vier getallen.")) from None
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise forms.ValidationError(_("Dit gebied bestaat niet."))
        return (west, south, east, north)


class GeocodeForm(forms.Form):
    q = forms.CharField(label=_("Adres"), max_length=200, min_length=3)


class PortraitStoriesForm(forms.Form):
    stories = KringModelMultipleChoiceField(
        label=_("Verhalen in het wijkportret"),
        help_text=_("Kies er hoogstens drie."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, stories, gaps=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["stories"]
        field.queryset = stories
        # A story that waits for a teller's consent says so beside its box, instead of
        # silently missing from the picture (kring.assets.selectors.story_sharing).
        gaps = gaps or {}
        field.label_from_instance = lambda story: (
            format_html(
                '<span>{} <span class="story-gap">{}</span></span>', story.title, gaps[story.pk]
            )
            if story.pk in gaps
            else story.title
        )

    def clean_stories(self):
        chosen = self.cleaned_data["stories"]
        if len(chosen) > 3:
            raise forms.ValidationError(_("Kies hoogstens drie verhalen."))
        return chosen
