"""The one list of free-text places where a collective's people may write a resident's name,
read before an erasure ("Erasure with care", see kring/privacy/__init__.py).

Every free-text field of every Kring model is either in ``PLACES`` (scanned for the resident's
name) or in ``EXCLUDED`` with the reason it is not; ``tests/privacy/test_mentions.py`` fails
when a model or field is in neither, so a new app or field cannot be forgotten. Models are
named by label, so this list imports none of the apps it describes."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TextPlace:
    """Fields of one model that may mention a resident, and where a buurtmaker changes them."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    collective: str  # lookup from the model to the collective's number
    kind: str  # what it is, for people ("initiatief")
    url: str  # URL name; its arguments are the collective's slug and ``url_arg`` (if any)
    how: str  # what the buurtmaker does there, in plain words
    url_arg: str | None = "pk"
    title: str | None = "title"  # field or lookup that names the object on the list
    only: dict | None = None  # extra filter (for example: one category of assets)

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def key(self) -> str:
        return f"{self.model.lower()}.{'-'.join(self.fields)}"


EDIT = _("Pas de tekst aan en sla op.")
PLACES: tuple[TextPlace, ...] = (
    TextPlace(
        "assets.Asset",
        (
            "title",
            "description",
            "contact",
            "address",
            "opening_hours",
            "accessibility",
            "image_description",
            "website",
        ),
        collective="collective",
        kind=_("kracht"),
        url="assets:edit",
        how=EDIT,
    ),
    TextPlace(
        "initiatives.Initiative",
        ("title", "description"),
        collective="collective",
        kind=_("initiatief"),
        url="initiatives:edit",
        how=EDIT,
    ),
    TextPlace(
        "initiatives.Need",
        ("text",),
        collective="initiative__collective",
        kind=_("wat er nodig is"),
        url="initiatives:detail",
        url_arg="initiative_id",
        title="initiative__title",
        how=_(
            "Een vraag kunt u niet aanpassen. Verwijder de vraag bij het initiatief en zet hem "
            "er opnieuw op, zonder de naam."
        ),
    ),
    TextPlace(
        "initiatives.Activity",
        ("title",),
        collective="collective",
        kind=_("activiteit"),
        url="initiatives:edit_activity",
        how=EDIT,
    ),
    TextPlace(
        "initiatives.ActivitySeries",
        ("title",),
        collective="collective",
        kind=_("reeks activiteiten"),
        url="initiatives:edit_series",
        how=EDIT,
    ),
    TextPlace(
        "initiatives.Pledge",
        ("description",),
        collective="initiative__collective",
        kind=_("toezegging"),
        url="initiatives:detail",
        url_arg="initiative_id",
        title="initiative__title",
        how=_(
            "Een toezegging kunt u niet aanpassen. Verwijder hem bij het initiatief en voeg "
            "hem opnieuw toe, zonder de naam."
        ),
    ),
    TextPlace(
        "initiatives.Connection",
        ("note", "outcome_note"),
        collective="collective",
        kind=_("verbinding"),
        url="initiatives:connection",
        title=None,
        how=_(
            "Een verbinding kunt u niet aanpassen. Verwijder hem en leg hem opnieuw vast, "
            "zonder de naam."
        ),
    ),
    TextPlace(
        "residents.Ask",
        ("text", "details"),
        collective="collective",
        kind=_("vraag van een bewoner"),
        url="residents:review",
        url_arg=None,
        title="text",
        how=_(
            "Een vraag van een bewoner kunt u niet aanpassen. Wijs hem af of sluit hem, en vraag "
            "de bewoner hem opnieuw te schrijven, zonder de naam."
        ),
    ),
    TextPlace(
        "residents.GiftOffer",
        # gift_kind is one of three words; scanned with the rest, it never holds a name.
        ("title", "description", "gift_kind"),
        collective="collective",
        kind=_("aangeboden gave"),
        url="residents:review",
        url_arg=None,
        how=_(
            "Een aangeboden gave kunt u niet aanpassen. Wijs hem af en vraag de bewoner hem "
            "opnieuw aan te bieden, zonder de naam."
        ),
    ),
    TextPlace(
        "residents.HelpOffer",
        ("message",),
        collective="ask__collective",
        kind=_("aanbod om te helpen"),
        url="residents:review",
        url_arg=None,
        title=None,
        how=_(
            "Een aanbod om te helpen kunt u niet aanpassen. Verbind de bewoners zonder het "
            "bericht te delen, of vraag de bewoner het opnieuw te schrijven."
        ),
    ),
    TextPlace(
        "assets.Tag",
        ("name",),
        collective="collective",
        kind=_("label"),
        url="assets:index",
        url_arg=None,
        title="name",
        how=_("Haal het label weg bij de krachten die het hebben."),
    ),
    TextPlace(
        "communities.Collective",
        (
            "name",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "address",
            "website",
        ),
        collective="pk",
        kind=_("gegevens van het collectief"),
        url="communities:settings",
        url_arg=None,
        title="name",
        how=_("Een beheerder past dit aan bij Instellingen."),
    ),
    TextPlace(
        "communities.Collective",
        (
            "public_place",
            "public_teaser",
            "public_description",
            "public_themes",
            "public_email",
            "public_website",
            "public_phone",
            "public_address",
        ),
        collective="pk",
        kind=_("openbaar profiel"),
        url="public_profile:edit",
        url_arg=None,
        title="name",
        how=_("Een beheerder past het openbare profiel aan en publiceert het opnieuw."),
    ),
    TextPlace(
        "public.ProfileDraft",
        (
            "public_place",
            "public_teaser",
            "public_description",
            "public_themes",
            "public_email",
            "public_website",
            "public_phone",
            "public_address",
        ),
        collective="collective",
        kind=_("concept van het openbare profiel"),
        url="public_profile:edit",
        url_arg=None,
        title="collective__name",
        how=_("Een beheerder past het concept aan."),
    ),
)

# Why the other free-text fields are not read. A model name alone covers all its fields.
NOT_COLLECTIVE = "kept by the installation or the network, not by a collective"
EXCLUDED: dict[str, str] = {
    # Names of people and their contact details, not texts about someone.
    "people.Resident": "the residents' own records: the erased one is emptied, others are "
    "other people's names",
    "core.User": "log-ins: names of the people who use Kring; the erased resident's own "
    "log-in is deleted or unlinked",
    "communities.Invitation": "e-mail addresses of invitations; the resident's are deleted",
    # Copies or history of a place above, cleaned with it.
    "assets.HistoricalAsset": "history of assets: erased with a gift or story; for an asset "
    "edited before the erasure, the name is masked in its history too",
    "matching.SearchDocument": "search keys made from assets; rebuilt when an asset changes",
    "matching.TypoWord": "the search documents' words counted per collective by the database; "
    "a word goes when no document has it",
    # Technical fields, counts and logs that hold numbers and purposes, never names.
    "assets.CategoryCount": "kept counts",
    "maps.ClusterCell": "kept counts per map cell",
    "impact.FigureStore": "kept figures",
    "impact.PreparedFigures": "kept figures of a gemeente: shown (suppressed) numbers only",
    "network.NetworkAnalysis": "progress of a background job",
    "privacy.AuditEntry": "the audit log holds numbers and purposes, never names",
    "privacy.AuditCheckpoint": "hash of the audit chain",
    "privacy.ErasureReceipt": "the receipt stores titles with the name masked",
    "imports.ImportJob": "file name and reading settings of an import, deleted within hours",
    "api.ApiToken": "names of API keys, chosen by the key's owner",
    "security.RecoveryCodeDevice": "name of a second log-in step, chosen by its owner",
    "security.RecoveryCode": "hashes",
    "core.WorkerHeartbeat": "names of background workers and their machines",
    "core.KindVersion": "names of kinds of data (assets, people, ...) and random versions",
    # Kept by the installation or the network, not by a collective.
    "geo.Municipality": NOT_COLLECTIVE,
    "geo.District": NOT_COLLECTIVE,
    "geo.Neighbourhood": NOT_COLLECTIVE,
    "geo.RegionImport": NOT_COLLECTIVE,
    "initiatives.PublicTask": NOT_COLLECTIVE,
    "matching.SynonymGroup": NOT_COLLECTIVE,
    "impact.Target": NOT_COLLECTIVE,
    "impact.SocialValueProxy": NOT_COLLECTIVE,
    "impact.HistoricalSocialValueProxy": NOT_COLLECTIVE,
    "impact.ImpactReport": NOT_COLLECTIVE,
    "selfscan.Theme": NOT_COLLECTIVE,
    "selfscan.Statement": NOT_COLLECTIVE,
    "selfscan.ScanRound": NOT_COLLECTIVE,
    "public.Theme": NOT_COLLECTIVE,
    "public.Article": NOT_COLLECTIVE,
    "public.Publication": NOT_COLLECTIVE,
    "public.Meeting": NOT_COLLECTIVE,
    "public.Registration": NOT_COLLECTIVE,
    "public.MeetingMail": NOT_COLLECTIVE,
    "public.Picture": NOT_COLLECTIVE,
    "public.Subscriber": NOT_COLLECTIVE,
    "public.Newsletter": NOT_COLLECTIVE,
    "public.Delivery": NOT_COLLECTIVE,
    "joining.JoinRequest": "a collective's sign-up, kept by the network; the contact person's "
    "name and address are wiped when asked or after the retention period",
    "news.Message": "news the collective sent to many people at once; once sent it is a record "
    "of what went out, and a draft is edited on its own page",
}


def free_text_fields(model: type[models.Model]) -> list[str]:
    """Fields people type text into: characters without a fixed list of choices."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField))
        and not isinstance(f, models.SlugField)
        and f.editable
        and not f.choices
        and not f.primary_key
    ]


def uncovered() -> list[str]:
    """Free-text fields of Kring's models that are neither scanned nor excluded."""
    scanned: dict[str, set[str]] = {}
    for place in PLACES:
        scanned.setdefault(place.model.lower(), set()).update(place.fields)
    excluded = {label.lower() for label in EXCLUDED}
    missing = []
    for model in apps.get_models():
        if not model.__module__.startswith("kring."):
            continue
        label = model._meta.label_lower
        if label in excluded:
            continue
        for name in free_text_fields(model):
            if name not in scanned.get(label, ()):
                missing.append(f"{model._meta.label}.{name}")
    return missing
