"""Tables made from other tables (the map's cells, the search index, kept counts and figures),
checked against the rows they are made from and made again where they do not match.

Restoring a backup loads every row as it was saved, derived tables included; a backup taken
from a damaged installation, or edited by hand, can bring derived rows that no longer match.
The apps that own such tables live on higher floors than ``kring.privacy``, so they announce
their check here: in ``AppConfig.ready`` an app calls ``register`` with a function
``check(repair: bool) -> Outcome``. ``check_all`` runs them in the order of ``position``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Outcome:
    """What one check found: ``table`` names the table for people (Dutch), ``checked`` how many
    rows were compared, ``wrong`` how many were wrong, missing or left over, and ``action`` what
    was found beyond single rows and what was done, in plain sentences (empty when everything
    matched)."""

    table: str
    checked: int
    wrong: int
    action: str = ""

    @property
    def ok(self) -> bool:
        return self.wrong == 0 and not self.action

    def sentence(self) -> str:
        checked = ngettext("%(n)s rij gecontroleerd", "%(n)s rijen gecontroleerd", self.checked) % {
            "n": f"{self.checked:,}".replace(",", ".")
        }
        if self.ok:
            return _("%(table)s: %(checked)s, alles klopt.") % {
                "table": self.table,
                "checked": checked,
            }
        if not self.wrong:
            return f"{self.table}: {checked}. {self.action}"
        wrong = ngettext(
            "%(n)s rij klopte niet of ontbrak", "%(n)s rijen klopten niet of ontbraken", self.wrong
        ) % {"n": f"{self.wrong:,}".replace(",", ".")}
        return f"{self.table}: {checked}, {wrong}. {self.action}".strip()


_checks: dict[str, tuple[int, Callable[..., Outcome]]] = {}


def register(name: str, check: Callable[..., Outcome], *, position: int = 100) -> None:
    """Add (or replace, by ``name``) a check: ``check(repair=bool) -> Outcome``."""
    _checks[name] = (position, check)


def unregister(name: str) -> None:
    _checks.pop(name, None)


def names() -> list[str]:
    return [name for name, _item in sorted(_checks.items(), key=lambda item: item[1][0])]


def check_all(*, repair: bool) -> list[Outcome]:
    """Run every registered check; with ``repair``, each makes again what does not match."""
    return [_checks[name][1](repair=repair) for name in names()]
