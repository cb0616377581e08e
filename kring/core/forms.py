"""How every form in Kring renders: labels above fields, help and errors tied to the field for
screen readers, and a summary of all errors at the top that links to each field."""

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


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

    def render(self, template_name, context, request=None):
        # A select is written here rather than by Django's three templates (the select, an
        # include per option, an include per option's attributes): a list's buurt filter of
        # twenty options cost about a millisecond of CPU on every page. The same HTML.
        if template_name == SELECT_TEMPLATE and _plain_options(context["widget"]):
            return select_html(context["widget"])
        return super().render(template_name, context, request)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _formatted(value) -> str:
    # As the templates' stringformat:'s' (a plain str: a safe string is escaped too).
    return conditional_escape("%s" % (value,))  # noqa: UP031


def _shown(value) -> str:
    # As {{ value }}: localised, then escaped unless safe.
    return conditional_escape(localize(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html."""
    return "".join(
        f" {_shown(name)}" + ("" if value is True else f'="{_formatted(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def select_html(widget: dict) -> str:
    """As django/forms/widgets/select.html with select_option.html for each option."""
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            value, label = _formatted(option["value"]), _shown(option["label"])
            # Django's option template ends with a new line.
            parts.append(f'\n  <option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


class ReadOnceChoiceIterator(forms.models.ModelChoiceIterator):
    """The options of a select read in one query. Django's iterator asks the database whether
    there are any (one query) and then reads them through a server-side cursor (three round
    trips on PostgreSQL); for a short list such as a collective's buurten, this reads the rows
    once and answers both from them."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)

    def __len__(self):
        return len(self.queryset) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.queryset)


class ShortModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for a short list of options (tens, not thousands), read once."""

    iterator = ReadOnceChoiceIterator


# The largest key a database integer column holds (PostgreSQL bigint, SQLite INTEGER).
MAX_INTEGER_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but a number too large for the database is a wrong choice (a plain
    Dutch error) instead of an OverflowError from the database driver (a 500)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.get_field(key) if key != "pk" else None
        field = field or self.queryset.model._meta.pk
        if isinstance(field, models.IntegerField | models.AutoField) and value:
            for item in value if isinstance(value, list | tuple) else [value]:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # Django names it as an invalid value
                if abs(number) > MAX_INTEGER_KEY:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)


def formfield_for(db_field, **kwargs):
    # Web addresses typed without a scheme are read as https, the safe choice.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class KringModelForm(forms.ModelForm):
    """The base of every model form in Kring; subclasses write `class Meta(KringModelForm.Meta)`."""

    class Meta:
        formfield_callback = formfield_for
