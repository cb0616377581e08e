"""Row-by-row validation: each row of the file becomes a record ready to store, or errors that
name the row, the column and what is wrong in plain Dutch.

The rules are the models' own (maximum lengths, choices, the e-mail and web address validators,
coordinate ranges) plus the rules of the web forms (a gift needs its resident's consent for the
inventory; a gift is never public; both coordinates or none; an institution has a type; a story
has a text), so a file cannot store what a form would refuse. Lookups (buurten, residents) are
read once per import, not per row."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kring.assets.models import Asset, Availability, Category, GiftKind, InstitutionType
from kring.assets.services import parse_tags
from kring.communities.selectors import neighbourhoods_of
from kring.core.choices import Visibility
from kring.core.forms import formfield_for
from kring.people.models import Consent, ConsentMethod, ConsentPurpose, Resident

from .fields import ImportField, fields_for, normalise
from .models import ImportKind

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PURPOSE_SPLIT = re.compile(r"[,;/]| en ")
NOT_DIGIT = re.compile(r"\D")
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Rij %(row)s, kolom ‘%(column)s’: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "…"


def _choice_table(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """normalised key or label -> key; 'Hoofd: wat iemand weet' is also known as 'hoofd'."""
    table = {}
    for key, label in choices:
        table[normalise(key)] = key
        table[normalise(str(label))] = key
        table[normalise(str(label).split(":")[0])] = key
    for name, key in (extra or {}).items():
        table[normalise(name)] = key
    return table


@dataclass
class NewResident:
    """A resident the import creates; ``pk`` is set once written."""

    name: str
    email: str = ""
    phone: str = ""
    address: str = ""
    neighbourhood_id: int | None = None
    languages: str = ""
    row: int = 0
    pk: int | None = None


@dataclass
class ConsentGrant:
    purposes: set[str]
    given_at: datetime.datetime
    method: str


@dataclass
class Record:
    row: int
    values: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    resident: NewResident | int | None = None
    consent: ConsentGrant | None = None


class RowValidator:
    """Cleans the rows of one file for one collective and kind."""

    def __init__(self, *, collective, kind: str, mapping: dict[str, int], header: list[str]):
        self.collective = collective
        self.kind = kind
        self.fields: dict[str, ImportField] = {f.key: f for f in fields_for(kind)}
        self.mapping = {k: int(v) for k, v in mapping.items() if k in self.fields}
        self.header = header
        self.today = timezone.localdate()
        self._neighbourhoods()
        self.kinds = _choice_table(GiftKind.choices)
        self.availabilities = _choice_table(Availability.choices)
        self.visibilities = _choice_table(
            Visibility.choices, {"alleen buurtmakers": Visibility.BUILDERS, "lid": "leden"}
        )
        self.methods = _choice_table(ConsentMethod.choices)
        self.purposes = _choice_table(ConsentPurpose.choices, {"foto's": "fotos"})
        self.categories = _choice_table(
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
        self.institution_types = _choice_table(InstitutionType.choices)
        self.url_field = formfield_for(Asset._meta.get_field("website"))
        self._columns = {key: self._column_name(key) for key in self.fields}
        self._limits: dict[tuple, int | None] = {}
        self._valid_emails: set[str] = set()
        self._choices: dict[tuple[int, str], str | None] = {}
        if kind == ImportKind.GIFTS:
            self._residents()
            self._compile_gift_cells()
        if kind == ImportKind.RESIDENTS:
            self.known_emails = {
                e.lower()
                for e in Resident.objects.filter(collective=collective, erased_at__isnull=True)
                .exclude(email="")
                .values_list("email", flat=True)
            }
            self.seen_emails: dict[str, int] = {}

    # --- lookups, read once -------------------------------------------------------------

    def _neighbourhoods(self):
        self.buurt_by_code: dict[str, int] = {}
        self.buurt_by_name: dict[str, int | None] = {}
        for pk, code, name in neighbourhoods_of(self.collective).values_list("pk", "code", "name"):
            self.buurt_by_code[code.upper()] = pk
            key = normalise(name)
            # Two buurten with the same name: only the code says which one.
            self.buurt_by_name[key] = None if key in self.buurt_by_name else pk

    def _residents(self):
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        self.home: dict[int, int | None] = {}
        rows = Resident.objects.filter(
            collective=self.collective, erased_at__isnull=True
        ).values_list("pk", "name", "email", "phone", "neighbourhood_id")
        for pk, name, email, phone, home in rows.iterator(chunk_size=5000):
            if email:
                self.by_email.setdefault(email.lower(), pk)
            if digits := _digits(phone):
                self.by_phone.setdefault(digits, pk)
            self.by_name.setdefault(normalise(name), []).append(pk)
            self.home[pk] = home
        self.consented: dict[int, set[str]] = {}
        for resident_id, purpose in Consent.objects.filter(
            resident__collective=self.collective, withdrawn_at__isnull=True
        ).values_list("resident_id", "purpose"):
            self.consented.setdefault(resident_id, set()).add(purpose)
        self.pending: dict[str, NewResident] = {}
        self.granted: dict[object, set[str]] = {}

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
                    % {"value": _short(value)},
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
                            _("‘%(value)s’ is geen e-mailadres.") % {"value": _short(value)},
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
                    % {"value": _short(value), "options": options},
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
                        % {"value": _short(value)},
                    )
                )
            return pk
        errors.append(
            RowError(
                row,
                self.column_name(key),
                _("‘%(value)s’ is geen buurt van dit collectief.") % {"value": _short(value)},
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
                    % {"value": _short(value)},
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
                        % {"value": _short(value), "label": self.fields[key].label},
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
                    % {"value": _short(value)},
                )
            )
            return None
        if found > self.today:
            errors.append(
                RowError(
                    row,
                    self.column_name(key),
                    _("%(value)s ligt in de toekomst.") % {"value": _short(value)},
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
                        % {"value": _short(part), "options": ", ".join(ConsentPurpose.values)},
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

    # --- rows ---------------------------------------------------------------------------

    def clean(self, row: int, cells: list[str]) -> tuple[Record | None, list[RowError]]:
        errors: list[RowError] = []
        if self.kind == ImportKind.RESIDENTS:
            record = self._resident(row, cells, errors)
        elif self.kind == ImportKind.GIFTS:
            record = self._gift(row, cells, errors)
        else:
            record = self._asset(row, cells, errors)
        return (None if errors else record), errors

    def _resident(self, row, cells, errors) -> Record:
        values = {
            "name": self.text(cells, "name", errors, row, model=Resident, required=True),
            "email": self.email(cells, "email", errors, row),
            "phone": self.text(cells, "phone", errors, row, model=Resident),
            "address": self.text(cells, "address", errors, row, model=Resident),
            "neighbourhood_id": self.neighbourhood(cells, "neighbourhood", errors, row),
            "languages": self.text(cells, "languages", errors, row, model=Resident),
        }
        email = values["email"].lower()
        if email:
            if email in self.known_emails:
                errors.append(
                    RowError(
                        row,
                        self.column_name("email"),
                        _("Er is al een bewoner met het e-mailadres ‘%(value)s’.")
                        % {"value": _short(values["email"])},
                    )
                )
            elif email in self.seen_emails:
                errors.append(
                    RowError(
                        row,
                        self.column_name("email"),
                        _("Dit e-mailadres staat ook in rij %(other)s.")
                        % {"other": self.seen_emails[email]},
                    )
                )
            else:
                self.seen_emails[email] = row
        return Record(row=row, values=values, consent=self.consent(cells, errors, row))

    def _gift(self, row, cells, errors) -> Record:
        plain = self._plain_gift_cells(cells)
        if plain is not None:
            name, email, phone, home, values, visibility, consent, tags = plain
            if consent is not None:
                consent = self.consent(cells, errors, row)
        else:
            name, email, phone, home, values, visibility, consent, tags = self._gift_cells(
                row, cells, errors
            )
        record = Record(row=row, values=values, consent=consent)
        record.tags = tags
        resident = self._gift_resident(row, name, email, phone, home, errors)
        if resident is None:
            return record
        record.resident = resident
        key = resident if isinstance(resident, int) else id(resident)
        purposes = set(self.consented.get(resident, ())) if isinstance(resident, int) else set()
        purposes |= self.granted.get(key, set())
        if consent is not None:
            new = consent.purposes - purposes
            consent.purposes = new
            record.consent = consent if new else None
            purposes |= new
            self.granted.setdefault(key, set()).update(new)
        if ConsentPurpose.INVENTORY not in purposes and not any(
            e.column == str(self.fields["consent_date"].label)
            or e.column == self.column_name("consent_purposes")
            for e in errors
        ):
            errors.append(
                RowError(
                    row,
                    self.column_name("consent_purposes"),
                    _(
                        "Deze bewoner heeft geen toestemming voor de inventaris. Zonder die "
                        "toestemming kunnen we de gave niet bewaren. Vul de toestemming in "
                        "(waarvoor, wanneer en hoe), of laat de rij weg."
                    ),
                )
            )
        values["visibility"] = visibility or (
            Visibility.MEMBERS if ConsentPurpose.MEMBERS in purposes else Visibility.BUILDERS
        )
        return record

    def _gift_cells(self, row, cells, errors) -> tuple:
        """Each cell of a gift row checked on its own, every error named."""
        name = self.text(cells, "resident_name", errors, row, model=Resident, name="name")
        email = self.email(cells, "resident_email", errors, row)
        phone = self.text(cells, "resident_phone", errors, row, model=Resident, name="phone")
        home = self.neighbourhood(cells, "neighbourhood", errors, row)
        values = {
            "gift_kind": self.choice(cells, "gift_kind", errors, row, self.kinds, required=True),
            "title": self.text(cells, "title", errors, row, required=True),
            "description": self.text(cells, "description", errors, row),
            "availability": self.choice(
                cells, "availability", errors, row, self.availabilities, default=Availability.NOW
            ),
        }
        visibility = self.choice(cells, "visibility", errors, row, self.visibilities)
        if visibility == Visibility.PUBLIC:
            errors.append(
                RowError(
                    row,
                    self.column_name("visibility"),
                    _("Een gave is nooit openbaar. Kies buurtmakers of leden."),
                )
            )
        consent = self.consent(cells, errors, row)
        tags = parse_tags(self.text(cells, "tags", errors, row, name="description"))
        return name, email, phone, home, values, visibility, consent, tags

    def _compile_gift_cells(self) -> None:
        """What ``_plain_gift_cells`` needs, worked out once per file: the mapped columns and
        the limits of the text cells."""
        self._gift_columns = list(self.mapping.items())
        self._parsed_tags: dict[str, list[str]] = {}
        texts = (
            ("resident_name", Resident, "name"),
            ("resident_email", Resident, "email"),
            ("resident_phone", Resident, "phone"),
            ("title", Asset, "title"),
            ("description", Asset, "description"),
            ("tags", Asset, "description"),
        )
        self._gift_texts = [
            (key, model._meta.get_field(name).max_length or 0)
            for key, model, name in texts
            if key in self.mapping
        ]

    def _plain_gift_cells(self, cells) -> tuple | None:
        """The fast path for the usual row: the same values as ``_gift_cells`` when every cell
        is plainly valid on its own, else None and ``_gift_cells`` runs, so every error is
        found and worded by the checks above. (The consent cells are only looked at: when one
        is filled in, the caller checks them with ``consent``.)"""
        raw: dict[str, str] = {}
        size = len(cells)
        for key, index in self._gift_columns:
            if index < size and (value := cells[index]):
                if not value.isprintable():
                    value = CONTROL.sub("", value)
                if value := value.strip():
                    raw[key] = value
        get = raw.get
        for key, limit in self._gift_texts:
            value = get(key)
            if value is not None and (value[0] == "=" or (limit and len(value) > limit)):
                return None
        email = get("resident_email", "")
        if email and email not in self._valid_emails:
            return None  # checked (and remembered) by email()
        home = None
        if (buurt := get("neighbourhood")) is not None:
            home = self.buurt_by_code.get(buurt.upper())
            if home is None:
                home = self.buurt_by_name.get(normalise(buurt))
                if home is None:
                    return None
        gift_kind = self._known(self.kinds, get("gift_kind"))
        if gift_kind is None or "title" not in raw:
            return None
        availability = Availability.NOW
        if (value := get("availability")) is not None:
            availability = self._known(self.availabilities, value)
            if availability is None:
                return None
        visibility = ""
        if (value := get("visibility")) is not None:
            visibility = self._known(self.visibilities, value)
            if visibility is None or visibility == Visibility.PUBLIC:
                return None
        values = {
            "gift_kind": gift_kind,
            "title": raw["title"],
            "description": get("description", ""),
            "availability": availability,
        }
        # Any consent cell filled in: a placeholder, so that the caller checks them.
        consent = (
            True
            if "consent_purposes" in raw or "consent_date" in raw or "consent_method" in raw
            else None
        )
        tags = []
        if (text := get("tags")) is not None:
            # Labels repeat from row to row: each text is split once.
            known = self._parsed_tags.get(text)
            if known is None:
                known = parse_tags(text)
                if len(self._parsed_tags) < 10_000:
                    self._parsed_tags[text] = known
            tags = known.copy()
        return (
            get("resident_name", ""),
            email,
            get("resident_phone", ""),
            home,
            values,
            visibility,
            consent,
            tags,
        )

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

    def _gift_resident(self, row, name, email, phone, home, errors):
        """An existing resident's number, a NewResident of this file, or None (an error).
        E-mail, then telephone decide; only without both does the name."""
        digits = _digits(phone)
        if email or digits:
            key = f"e:{email.lower()}" if email else f"t:{digits}"
            found = self.by_email.get(email.lower()) if email else None
            if found is None and digits:
                found = self.by_phone.get(digits)
            if found is not None:
                return found
        else:
            if not name:
                errors.append(
                    RowError(
                        row,
                        self.column_name("resident_name"),
                        _("Vul de naam, het e-mailadres of het telefoonnummer van de bewoner in."),
                    )
                )
                return None
            matches = self.by_name.get(normalise(name), [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                errors.append(
                    RowError(
                        row,
                        self.column_name("resident_name"),
                        _(
                            "Er zijn %(count)s bewoners met de naam ‘%(name)s’. Vul ook het "
                            "e-mailadres of het telefoonnummer in."
                        )
                        % {"count": len(matches), "name": _short(name)},
                    )
                )
                return None
            key = f"n:{normalise(name)}"
        pending = self.pending.get(key)
        if pending is not None:
            return pending
        if not name:
            errors.append(
                RowError(
                    row,
                    self.column_name("resident_name"),
                    _(
                        "Deze bewoner is nog niet bekend. Vul ook de naam in, dan maakt Kring de "
                        "bewoner aan."
                    ),
                )
            )
            return None
        pending = NewResident(name=name, email=email, phone=phone, neighbourhood_id=home, row=row)
        if not errors:
            self.pending[key] = pending
        return pending

    def _asset(self, row, cells, errors) -> Record:
        category = self.choice(
            cells,
            "category",
            errors,
            row,
            self.categories,
            required=True,
            options="groep, instelling, plek, economie, verhaal",
        )
        if not category and normalise(self.raw(cells, "category")) in ("gave", "gaven", "gift"):
            errors[-1] = RowError(
                row,
                self.column_name("category"),
                _("Gaven van bewoners importeert u met het sjabloon voor gaven."),
            )
        values = {
            "category": category,
            "title": self.text(cells, "title", errors, row, required=True),
            "description": self.text(cells, "description", errors, row),
            "contact": self.text(cells, "contact", errors, row),
            "address": self.text(cells, "address", errors, row),
            "neighbourhood_id": self.neighbourhood(cells, "neighbourhood", errors, row),
            "visibility": self.choice(
                cells, "visibility", errors, row, self.visibilities, default=Visibility.MEMBERS
            ),
            "institution_type": "",
            "website": "",
            "latitude": None,
            "longitude": None,
            "opening_hours": "",
            "accessibility": "",
        }
        if category == Category.INSTITUTION:
            values["institution_type"] = self.choice(
                cells, "institution_type", errors, row, self.institution_types, required=True
            )
        if category == Category.STORY and not values["description"]:
            errors.append(
                RowError(
                    row,
                    self.column_name("description"),
                    _("Een verhaal heeft een toelichting nodig: het verhaal zelf. Vul die in."),
                )
            )
        if category and category != Category.STORY:
            website = self.text(cells, "website", errors, row)
            if website:
                try:
                    values["website"] = self.url_field.clean(website)
                except ValidationError:
                    errors.append(
                        RowError(
                            row,
                            self.column_name("website"),
                            _("‘%(value)s’ is geen webadres.") % {"value": _short(website)},
                        )
                    )
            lat = self.number(cells, "latitude", errors, row)
            lon = self.number(cells, "longitude", errors, row)
            if (lat is None) != (lon is None) and not errors:
                errors.append(
                    RowError(
                        row,
                        self.column_name("latitude" if lat is None else "longitude"),
                        _("Vul de breedtegraad én de lengtegraad in, of laat ze allebei leeg."),
                    )
                )
            values["latitude"], values["longitude"] = lat, lon
        if category == Category.PLACE:
            values["opening_hours"] = self.text(cells, "opening_hours", errors, row)
            values["accessibility"] = self.text(cells, "accessibility", errors, row)
        record = Record(row=row, values=values)
        record.tags = parse_tags(self.text(cells, "tags", errors, row, name="description"))
        return record


def _digits(phone: str) -> str:
    if not phone:
        return ""
    digits = NOT_DIGIT.sub("", phone)
    if digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def missing_required(kind: str, mapping: dict) -> list[ImportField]:
    """Required fields without a column: the mapping step refuses these."""
    return [f for f in fields_for(kind) if f.required and f.key not in mapping]
