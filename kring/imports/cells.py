"""Reading the cells of a row: each cell checked against the models' own rules (maximum
lengths, choices, the e-mail and web address validators, coordinate ranges, dates, consent), every
problem worded for the user. Lookups (buurten, choice lists) are read once per import, not per row;
``kring.imports.validation`` builds the rows from these cells."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.assets.models import Asset, Availability, Category, GiftKind, InstitutionType
from kring.communities.selectors import neighbourhoods_of
from kring.core.choices import Visibility
from kring.core.forms import formfield_for
from kring.people.models import ConsentMethod, ConsentPurpose, Resident

from .fields import ImportField, fields_for, normalise
from .records import ConsentGrant, RowError, short

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PURPOSE_SPLIT = re.compile(r"[,;/]| en ")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")


def choice_table(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """normalised key or label -> key; 'Hoofd: wat iemand weet' is also known as 'hoofd'."""
    table = {}
    for key, label in choices:
        table[normalise(key)] = key
        table[normalise(str(label))] = key
        table[normalise(str(label).split(":")[0])] = key
    for name, key in (extra or {}).items():
        table[normalise(name)] = key
    return table


class CellReader:
    """The cells of one file for one collective and kind, read and checked one at a time."""

    def __init__(self, *, collective, kind: str, mapping: dict[str, int], header: list[str]):
        self.collective = collective
        self.kind = kind
        self.fields: dict[str, ImportField] = {f.key: f for f in fields_for(kind)}
        self.mapping = {k: int(v) for k, v in mapping.items() if k in self.fields}
        self.header = header
        self.today = timezone.localdate()
        self._neighbourhoods()
        self.kinds = choice_table(GiftKind.choices)
        self.availabilities = choice_table(Availability.choices)
        self.visibilities = choice_table(
            Visibility.choices, {"alleen buurtmakers": Visibility.BUILDERS, "lid": "leden"}
        )
        self.methods = choice_table(ConsentMethod.choices)
        self.purposes = choice_table(ConsentPurpose.choices, {"foto's": "fotos"})
        self.categories = choice_table(
            [c for c in Category.choices if c[0] != Category.GIFT],
            {
                "groep": Category.ASSOCIATION,
                "vereniging": Category.ASSOCIATION,
                "group": Category.ASSOCIATION,
                "instelling": Category.INSTITUTION,
                "plek": Category.PLACE,
                "plaats": Category.PLACE,
                "economie": Category.ECONOMY,
                "verhaal": Category.STORY,
                "cultuur": Category.STORY,
            },
        )
        self.institution_types = choice_table(InstitutionType.choices)
        self.url_field = formfield_for(Asset._meta.get_field("website"))
        self._columns = {key: self._column_name(key) for key in self.fields}
        self._limits: dict[tuple, int | None] = {}
        self._valid_emails: set[str] = set()
        self._choices: dict[tuple[int, str], str | None] = {}

    # --- lookups, read once -------------------------------------------------------------

    def _neighbourhoods(self):
        self.buurt_by_code: dict[str, int] = {}
        self.buurt_by_name: dict[str, int | None] = {}
        for pk, code, name in neighbourhoods_of(self.collective).values_list("pk", "code", "name"):
            self.buurt_by_code[code.upper()] = pk
            key = normalise(name)
            # Two buurten with the same name: only the code says which one.
            self.buurt_by_name[key] = None if key in self.buurt_by_name else pk

    # --- cells --------------------------------------------------------------------------

    def column_name(self, key: str) -> str:
        return self._columns[key]

    def _column_name(self, key: str) -> str:
        index = self.mapping.get(key)
        if index is not None and index < len(self.header) and self.header[index]:
            return self.header[index]
        return str(self.fields[key].label)

    def raw(self, cells: list[str], key: str) -> str:
        index = self.mapping.get(key)
        if index is None or index >= len(cells):
            return ""
        value = cells[index]
        # Most cells hold no control characters (all of which are unprintable): skip the regex.
        if not value.isprintable():
            value = CONTROL.sub("", value)
        return value.strip()

    def text(self, cells, key, errors, row, *, model=Asset, name=None, required=False) -> str:
        value = self.raw(cells, key)
        if not value:
            if required:
                errors.append(RowError(row, self._columns[key], _("Dit is leeg. Vul het in.")))
            return ""
        column = self._columns[key]
        if value.startswith("="):
            errors.append(
                RowError(
                    row,
                    column,
                    _("‘%(value)s’ begint met ‘=’ en lijkt een formule. Haal het ‘=’ weg.")
                    % {"value": short(value)},
                )
            )
            return ""
        limit_key = (model, name or key)
        if limit_key not in self._limits:
            self._limits[limit_key] = model._meta.get_field(name or key).max_length
        limit = self._limits[limit_key]
        if limit and len(value) > limit:
            errors.append(
                RowError(
                    row,
                    column,
                    _("Dit is te lang: hoogstens %(limit)s tekens, nu %(length)s.")
                    % {"limit": limit, "length": len(value)},
                )
            )
            return ""
        return value

    def email(self, cells, key, errors, row, *, model=Resident, name="email") -> str:
        value = self.text(cells, key, errors, row, model=model, name=name)
        if value and value not in self._valid_emails:
            for validator in model._meta.get_field(name).validators:
                try:
                    validator(value)
                except ValidationError:
                    errors.append(
                        RowError(
                            row,
                            self.column_name(key),
                            _("‘%(value)s’ is geen e-mailadres.") % {"value": short(value)},
                        )
                    )
                    return ""
            if len(self._valid_emails) < 100_000:
                self._valid_emails.add(value)
        return value

    def choice(
        self, cells, key, errors, row, table, *, required=False, default="", options=""
    ) -> str:
        value = self.raw(cells, key)
        if not value:
            if required:
                errors.append(RowError(row, self.column_name(key), _("Dit is leeg. Vul het in.")))
            return default
        memo = (id(table), value)
        if memo in self._choices:
            found = self._choices[memo]
        else:
            found = table.get(normalise(value))
            if len(self._choices) < 10_000:
                self._choices[memo] = found
        if found is None:
            options = options or ", ".join(sorted(set(table.values())))
            errors.append(
                RowError(
                    row,
                    self.column_name(key),
                    _("‘%(value)s’ kennen we niet. Kies uit: %(options)s.")
                    % {"value": short(value), "options": options},
                )
            )
            return default
        return found

    def neighbourhood(self, cells, key, errors, row) -> int | None:
        value = self.raw(cells, key)
        if not value:
            return None
        pk = self.buurt_by_code.get(value.upper())
        if pk is not None:
            return pk
        name = normalise(value)
        if name in self.buurt_by_name:
            pk = self.buurt_by_name[name]
            if pk is None:
                errors.append(
                    RowError(
                        row,
                        self.column_name(key),
                        _("Er zijn meer buurten met de naam ‘%(value)s’. Gebruik de CBS-code.")
                        % {"value": short(value)},
                    )
                )
            return pk
        errors.append(
            RowError(
                row,
                self.column_name(key),
                _("‘%(value)s’ is geen buurt van dit collectief.") % {"value": short(value)},
            )
        )
        return None

    def number(self, cells, key, errors, row) -> float | None:
        value = self.raw(cells, key)
        if not value:
            return None
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            number = None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            errors.append(
                RowError(
                    row,
                    self.column_name(key),
                    _("‘%(value)s’ is geen getal. Schrijf bijvoorbeeld 51.9170.")
                    % {"value": short(value)},
                )
            )
            return None
        for validator in Asset._meta.get_field(key).validators:
            try:
                validator(number)
            except ValidationError:
                errors.append(
                    RowError(
                        row,
                        self.column_name(key),
                        _("%(value)s ligt buiten het bereik van %(label)s.")
                        % {"value": short(value), "label": self.fields[key].label},
                    )
                )
                return None
        return number

    def date(self, cells, key, errors, row) -> datetime.date | None:
        value = self.raw(cells, key)
        if not value:
            return None
        text = value.split(" ")[0].split("T")[0]
        for pattern in DATE_FORMATS:
            try:
                found = datetime.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        else:
            errors.append(
                RowError(
                    row,
                    self.column_name(key),
                    _("‘%(value)s’ is geen datum. Schrijf bijvoorbeeld 2026-11-02 of 2-11-2026.")
                    % {"value": short(value)},
                )
            )
            return None
        if found > self.today:
            errors.append(
                RowError(
                    row,
                    self.column_name(key),
                    _("%(value)s ligt in de toekomst.") % {"value": short(value)},
                )
            )
            return None
        return found

    def consent(self, cells, errors, row) -> ConsentGrant | None:
        """Consent counts only with what it covers, when and how it was given (AVG)."""
        raw = self.raw(cells, "consent_purposes")
        purposes = set()
        for part in PURPOSE_SPLIT.split(raw) if raw else ():
            part = part.strip()
            if not part:
                continue
            key = self.purposes.get(normalise(part))
            if key is None:
                errors.append(
                    RowError(
                        row,
                        self.column_name("consent_purposes"),
                        _("‘%(value)s’ kennen we niet. Kies uit: %(options)s.")
                        % {"value": short(part), "options": ", ".join(ConsentPurpose.values)},
                    )
                )
                return None
            purposes.add(key)
        given = self.date(cells, "consent_date", errors, row)
        method = self.choice(cells, "consent_method", errors, row, self.methods)
        had_date = bool(self.raw(cells, "consent_date"))
        if not purposes:
            if had_date or method:
                errors.append(
                    RowError(
                        row,
                        self.column_name("consent_purposes"),
                        _(
                            "Er staat wanneer of hoe toestemming is gegeven, maar niet waarvoor. "
                            "Vul in waarvoor, of laat de toestemming helemaal leeg."
                        ),
                    )
                )
            return None
        if not had_date:
            errors.append(
                RowError(
                    row,
                    str(self.fields["consent_date"].label),
                    _("Toestemming telt alleen met de datum waarop die is gegeven. Vul die in."),
                )
            )
        if not self.raw(cells, "consent_method"):
            errors.append(
                RowError(
                    row,
                    str(self.fields["consent_method"].label),
                    _(
                        "Toestemming telt alleen als u weet hoe die is gegeven: digitaal, papier "
                        "of mondeling. Vul dat in."
                    ),
                )
            )
        if given is None or not method:
            return None
        moment = timezone.make_aware(datetime.datetime.combine(given, datetime.time(12)))
        return ConsentGrant(purposes=purposes, given_at=moment, method=method)

    def _known(self, table: dict[str, str], value: str | None) -> str | None:
        """A choice cell's key, as ``choice`` finds it (and remembers it); None if empty or
        unknown."""
        if value is None:
            return None
        memo = (id(table), value)
        if memo in self._choices:
            return self._choices[memo]
        found = table.get(normalise(value))
        if len(self._choices) < 10_000:
            self._choices[memo] = found
        return found
