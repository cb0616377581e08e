"""How every form in Kring renders: labels above fields, help and errors tied to the field for
screen readers, and a summary of all errors at the top that links to each field."""

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class DescribedBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by and self.auto_id:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class KringFormRenderer(DjangoTemplates):
    form_template_name = "kring/forms/form.html"
    field_template_name = "kring/forms/field.html"
    bound_field_class = DescribedBoundField


def formfield_for(db_field, **kwargs):
    # Web addresses typed without a scheme are read as https, the safe choice.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class KringModelForm(forms.ModelForm):
    """The base of every model form in Kring; subclasses write `class Meta(KringModelForm.Meta)`."""

    class Meta:
        formfield_callback = formfield_for
