"""How every form in Kring renders: labels above fields, help and errors tied to the field for
screen readers, and a summary of all errors at the top that links to each field."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


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
        # twenty options cost about a millisecond of CPU on every page. The same HTML. So are
        # inputs, text areas, radio buttons and check boxes, and a field's label, help and
        # widget (kring/forms/field.html) while it has no errors: the gaven-gesprek's twenty
        # fields cost several milliseconds in templates. (A renderer strips what a template
        # gives; the templates it includes keep their new lines.)
        if template_name == SELECT_TEMPLATE and _plain_options(context["widget"]):
            return select_html(context["widget"])
        if template_name in INPUT_TEMPLATES:
            return mark_safe(input_html(context["widget"]))
        if template_name == TEXTAREA_TEMPLATE:
            return textarea_html(context["widget"])
        if template_name in MULTIPLE_INPUT_TEMPLATES and _plain_inputs(context["widget"]):
            return multiple_input_html(context["widget"])
        if template_name == self.field_template_name and not context["field"].errors:
            return field_html(context["field"])
        return super().render(template_name, context, request)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# Django's templates that are only an include of input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in [
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
}
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
MULTIPLE_INPUT_TEMPLATES = {
    "django/forms/widgets/radio.html",
    "django/forms/widgets/checkbox_select.html",
}
INPUT_OPTION_TEMPLATES = {
    "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_option.html",
}


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


def input_html(widget: dict) -> str:
    """As django/forms/widgets/input.html, without its final new line."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def textarea_html(widget: dict) -> str:
    """As django/forms/widgets/textarea.html."""
    value = _shown(widget["value"]) if widget["value"] else ""
    return mark_safe(
        f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def _plain_inputs(widget: dict) -> bool:
    return all(
        option["template_name"] in INPUT_OPTION_TEMPLATES
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _input_option_html(option: dict) -> str:
    """As django/forms/widgets/input_option.html (each line of Django's templates ends with a
    new line, which the included input and option keep)."""
    html = input_html(option) + "\n"
    if option["wrap_label"]:
        target = option["attrs"].get("id")
        label_for = f' for="{_shown(target)}"' if target else ""
        html = f"<label{label_for}>{html} {_shown(option['label'])}</label>"
    return html + "\n\n"


def multiple_input_html(widget: dict) -> str:
    """As django/forms/widgets/multiple_input.html (radio buttons, check boxes)."""
    target, css = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{_shown(target)}"' if target else "",
        f' class="{_shown(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_shown(group)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_input_option_html(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return mark_safe("".join(parts))


def field_html(field) -> str:
    """As kring/forms/field.html for a field without errors."""
    label = _shown(field.label)
    if field.field.required:
        required = conditional_escape(gettext("verplicht"))
        label += (
            ' <span class="required-mark" aria-hidden="true">*</span>'
            f'<span class="visually-hidden">({required})</span>'
        )
    help_text = field.help_text
    if field.use_fieldset:
        described = (
            f' aria-describedby="{_shown(field.auto_id)}_helptext"'
            if help_text and field.auto_id
            else ""
        )
        parts = [f'<div class="field">\n<fieldset{described}>\n  <legend>{label}</legend>\n']
    else:
        parts = [
            f'<div class="field">\n\n  <label for="{_shown(field.id_for_label)}">{label}</label>\n'
        ]
    parts.append("\n  ")
    if help_text:
        parts.append(
            f'<span class="help" id="{_shown(field.auto_id)}_helptext">{_shown(help_text)}</span>'
        )
    parts.append(f"\n  \n  {conditional_escape(field)}\n")
    if field.use_fieldset:
        parts.append("</fieldset>")
    parts.append("\n</div>")
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
    """A ModelChoiceField for a short list of options (tens, not thousands), read once: the
    options shown and the choice checked come from the same rows (Django's field asked the
    database again for the chosen one)."""

    iterator = ReadOnceChoiceIterator

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        model = self.queryset.model
        if isinstance(value, model):
            value = getattr(value, key)
        field = model._meta.pk if key == "pk" else model._meta.get_field(key)
        try:
            wanted = field.to_python(value)
        except ValidationError:
            wanted = None
        # Iterating the queryset keeps its rows, which the options then use.
        for option in self.queryset if wanted is not None else ():
            if field.value_from_object(option) == wanted:
                return option
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


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
