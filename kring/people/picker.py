"""The resident picker: every form that picks residents searches for them instead of listing
the whole collective (a collective can have thousands of residents).

Without JavaScript the picker is a text field: type (part of) a name and send the form. One
match is chosen; several come back as a short list to choose from (the form answers 400 and keeps
what was typed); none is a clear error. With htmx the same text field is a combobox that offers
matches while typing (`people:pick`) and puts the chosen resident's number in a hidden field.

The chosen number is always checked against the field's queryset, which is scoped to what the
acting member may see: a resident of another collective, an erased one or one a member may not
see is refused with a plain Dutch error, whichever way the number was sent.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kring.core.forms import MAX_INTEGER_KEY

# How many matches a search offers; more means: type more of the name.
MATCH_LIMIT = 10
SEARCH_SUFFIX = "_search"

NOT_ALLOWED = _(
    "Deze bewoner kunt u hier niet kiezen. Zoek de bewoner opnieuw op naam in uw collectief."
)


def clean_query(text) -> str:
    """What was typed, as one line of at most 100 characters: control characters (NUL among
    them, which PostgreSQL refuses) cannot be part of a name."""
    text = "".join(" " if c.isspace() else c for c in str(text) if c.isprintable() or c.isspace())
    return " ".join(text.split())[:100]


def search_residents(queryset, query: str, limit: int = MATCH_LIMIT):
    """Residents of the (already scoped) queryset whose name contains the query."""
    query = clean_query(query)
    if not query:
        return []
    return list(
        queryset.filter(name__icontains=query)
        .select_related("neighbourhood")
        .only("id", "name", "collective_id", "erased_at", "neighbourhood__name")
        .order_by("name", "pk")[:limit]
    )


def _as_key(value):
    """A number that can be a primary key, or None."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_INTEGER_KEY else None


class ResidentPickerWidget(forms.Widget):
    """A search field (a combobox with JavaScript) plus the chosen resident(s)."""

    template_name = "people/widgets/resident_picker.html"
    multiple = False

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = ()  # set by the field: a ModelChoiceIterator that is never iterated
        self.candidates = []  # set by the field when a search found several residents
        self.search_url = ""

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.candidates = []
        return copy

    def value_from_datadict(self, data, files, name):
        picked = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if not self.multiple and isinstance(picked, list):
            picked = picked[-1] if picked else None
        search = data.get(name + SEARCH_SUFFIX)
        return {"picked": picked, "search": search}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + SEARCH_SUFFIX not in data

    def _queryset(self):
        return getattr(self.choices, "queryset", None)

    def _chosen(self, value):
        """The residents the value names (only those the queryset allows), in order."""
        picked = value.get("picked") if isinstance(value, dict) else value
        if picked in (None, "", []):
            return []
        items = picked if isinstance(picked, list | tuple) else [picked]
        keys = []
        for item in items:
            key = _as_key(getattr(item, "pk", item))
            if key is not None and key not in keys:
                keys.append(key)
        queryset = self._queryset()
        if not keys or queryset is None:
            return []
        found = {r.pk: r for r in queryset.filter(pk__in=keys)}
        return [found[k] for k in keys if k in found]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = self._chosen(value)
        search = value.get("search") if isinstance(value, dict) else None
        if search is None:
            search = "" if self.multiple or not chosen else chosen[0].name
        widget = context["widget"]
        widget_id = widget["attrs"].get("id") or f"id_{name}"
        chosen_keys = {r.pk for r in chosen}
        widget.update(
            {
                "multiple": self.multiple,
                "chosen": chosen,
                "candidates": [r for r in self.candidates if r.pk not in chosen_keys],
                "search": search,
                "search_name": name + SEARCH_SUFFIX,
                "listbox_id": f"{widget_id}_listbox",
                "status_id": f"{widget_id}_status",
                "search_url": self.search_url,
            }
        )
        return context

    def id_for_label(self, id_):
        return id_


class ResidentMultiPickerWidget(ResidentPickerWidget):
    multiple = True


class _PickerMixin:
    """Shared by the single and the multiple field: the search URL and the scoped lookups."""

    def bind_collective(self, slug: str):
        self.widget.search_url = reverse("people:pick", args=[slug])

    def _search(self, query: str):
        """One resident for the query, or a ValidationError naming what to do."""
        matches = search_residents(self.queryset, query, MATCH_LIMIT + 1)
        if not matches:
            raise ValidationError(
                _("Geen bewoner gevonden met ‘%(query)s’ in de naam. Controleer de naam."),
                code="no_match",
                params={"query": query},
            )
        exact = [r for r in matches if r.name.casefold() == query.casefold()]
        if len(matches) == 1 or len(exact) == 1:
            return exact[0] if len(exact) == 1 else matches[0]
        self.widget.candidates = matches[:MATCH_LIMIT]
        if len(matches) > MATCH_LIMIT:
            message = _(
                "Meer dan %(count)s bewoners hebben ‘%(query)s’ in de naam. Typ meer van de "
                "naam, of kies hieronder."
            )
            count = MATCH_LIMIT
        else:
            message = ngettext(
                "%(count)s bewoner heeft ‘%(query)s’ in de naam. Kies hieronder de juiste.",
                "%(count)s bewoners hebben ‘%(query)s’ in de naam. Kies hieronder de juiste.",
                len(matches),
            )
            count = len(matches)
        raise ValidationError(message, code="several", params={"count": count, "query": query})

    def _allowed(self, keys: list):
        """The residents with these numbers, each checked against the scoped queryset."""
        numbers = []
        for key in keys:
            number = _as_key(key)
            if number is None:
                raise ValidationError(NOT_ALLOWED, code="invalid_choice")
            numbers.append(number)
        found = {r.pk: r for r in self.queryset.filter(pk__in=numbers)}
        if any(n not in found for n in numbers):
            raise ValidationError(NOT_ALLOWED, code="invalid_choice")
        return [found[n] for n in dict.fromkeys(numbers)]


class ResidentChoiceField(_PickerMixin, forms.ModelChoiceField):
    """Picks one resident by searching; the queryset says whom the acting member may pick."""

    widget = ResidentPickerWidget
    default_error_messages = {"invalid_choice": NOT_ALLOWED}

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault("empty_label", None)
        kwargs.setdefault(
            "help_text",
            _("Typ een deel van de naam en kies de bewoner."),
        )
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if not isinstance(value, dict):
            value = {"picked": value, "search": None}
        picked, search = value.get("picked"), value.get("search")
        search = None if search is None else clean_query(search)
        resident = None
        if picked not in (None, ""):
            resident = self._allowed([picked])[0]
        if search is None:  # only a number was sent (an older form, a script): it decides
            return resident
        if not search:  # the name was emptied: nobody chosen
            return None
        if resident is not None and search.casefold() in resident.name.casefold():
            return resident
        return self._search(search)

    def validate(self, value):
        forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        initial_value = initial if initial is not None else ""
        try:
            data_value = self.to_python(data) if data else None
        except ValidationError:
            return True
        data_value = data_value.pk if data_value is not None else ""
        return str(self.prepare_value(initial_value)) != str(data_value)


class ResidentMultipleChoiceField(_PickerMixin, forms.ModelMultipleChoiceField):
    """Picks residents by searching, one name at a time; the chosen ones stay ticked."""

    widget = ResidentMultiPickerWidget
    default_error_messages = {
        "invalid_choice": NOT_ALLOWED,
        "invalid_pk_value": NOT_ALLOWED,
    }

    def __init__(self, queryset=None, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "Typ een deel van een naam om een bewoner toe te voegen. Haal het vinkje weg om "
                "iemand van de lijst te halen."
            ),
        )
        super().__init__(queryset, **kwargs)

    def to_python(self, value):
        if not isinstance(value, dict):
            value = {"picked": value, "search": None}
        picked = value.get("picked") or []
        if not isinstance(picked, list | tuple):
            picked = [picked]
        residents = self._allowed([p for p in picked if p not in (None, "")])
        search = clean_query(value.get("search") or "")
        if search and not any(search.casefold() in r.name.casefold() for r in residents):
            found = self._search(search)
            if found.pk not in {r.pk for r in residents}:
                residents.append(found)
        return residents

    def prepare_value(self, value):
        if isinstance(value, dict):
            return value
        return super().prepare_value(value)

    def clean(self, value):
        residents = self.to_python(value)
        if self.required and not residents:
            raise ValidationError(self.error_messages["required"], code="required")
        self.run_validators(residents)
        return (
            self.queryset.filter(pk__in=[r.pk for r in residents])
            if residents
            else (self.queryset.none())
        )

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        try:
            chosen = {str(r.pk) for r in self.to_python(data)}
        except ValidationError:
            return True
        initial_set = {str(v) for v in self.prepare_value(initial or [])}
        return chosen != initial_set


def resident_picker(field, queryset, access, **overrides):
    """A picker in place of a form's resident field (a model form's own select, for example):
    same label and help, the scoped queryset, and the search address of the collective."""
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    options = {"label": field.label, "required": field.required, "initial": field.initial}
    if field.help_text:
        options["help_text"] = field.help_text
    options.update(overrides)
    cls = ResidentMultipleChoiceField if multiple else ResidentChoiceField
    picker = cls(queryset=queryset, **options)
    picker.bind_collective(access.collective.slug)
    return picker
