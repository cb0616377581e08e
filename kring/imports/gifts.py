"""Gift rows: a gift belongs to a resident, found by e-mail, telephone or name (or made by the
import), and is only stored with that resident's consent for the inventory. Most rows are plain:
a fast path reads them without the cell-by-cell checks, and falls back to them at the first doubt,
so every error is still found and worded the same."""

import re

from django.utils.translation import gettext as _

from kring.assets.models import Asset, Availability
from kring.assets.services import parse_tags
from kring.core.choices import Visibility
from kring.people.models import Consent, ConsentPurpose, Resident

from .cells import CONTROL, CellReader
from .fields import normalise
from .records import NewResident, Record, RowError, short

NOT_DIGIT = re.compile(r"\D")


class GiftRows(CellReader):
    """The rows of a gift file; the residents and their consents are read once per file."""

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
                        % {"count": len(matches), "name": short(name)},
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


def _digits(phone: str) -> str:
    if not phone:
        return ""
    digits = NOT_DIGIT.sub("", phone)
    if digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits
