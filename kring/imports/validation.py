"""Row-by-row validation: each row of the file becomes a record ready to store, or errors that
name the row, the column and what is wrong in plain Dutch.

The rules are the models' own (checked cell by cell in ``cells``) plus the rules of the web forms
(a gift needs its resident's consent for the inventory, see ``gifts``; a gift is never public; both
coordinates or none; an institution has a type; a story has a text), so a file cannot store what a
form would refuse. Lookups (buurten, residents) are read once per import, not per row."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kring.assets.models import Category
from kring.assets.services import parse_tags
from kring.core.choices import Visibility
from kring.people.models import Resident

from .fields import ImportField, fields_for, normalise
from .gifts import GiftRows
from .models import ImportKind
from .records import Record, RowError, short


class RowValidator(GiftRows):
    """Cleans the rows of one file for one collective and kind."""

    def __init__(self, *, collective, kind: str, mapping: dict[str, int], header: list[str]):
        super().__init__(collective=collective, kind=kind, mapping=mapping, header=header)
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
                        % {"value": short(values["email"])},
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
                            _("‘%(value)s’ is geen webadres.") % {"value": short(website)},
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


def missing_required(kind: str, mapping: dict) -> list[ImportField]:
    """Required fields without a column: the mapping step refuses these."""
    return [f for f in fields_for(kind) if f.required and f.key not in mapping]
