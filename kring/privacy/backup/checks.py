"""What a restore checks before it writes anything: a readable manifest of a known format, no
migration the archive has that this database lacks, an empty database (only the reference data
migrations put in, which is cleared), and safe names for the uploaded files."""

import json
import tarfile
from pathlib import PurePosixPath

from django.db import DEFAULT_DB_ALIAS

from .common import FORMAT, BackupError, applied_migrations, backed_up_models


def safe_media_name(name: str) -> PurePosixPath | None:
    relative = PurePosixPath(name).relative_to("media")
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    return relative


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError("Dit bestand is geen Kring-backup (manifest.json ontbreekt).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekende versie van de backup: {manifest.get('format')}.")
    return manifest


def check_migrations(manifest: dict) -> None:
    here = applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in here.get(app, [])
    ]
    if missing:
        raise BackupError(
            "De backup is gemaakt met een nieuwere versie van Kring, of de database is nog niet "
            "bijgewerkt. Voer eerst 'manage.py migrate' uit. Ontbreekt: " + ", ".join(missing[:5])
        )


# A database is "empty" when it holds nothing but the reference data that migrations put in
# (public tasks, synonyms, social value proxies, the self-scan's starter set); the archive's
# version of those replaces it. Anything else (a user, a collective, an imported gemeente, a
# log line) would mix two installations, or collide with the archive's rows half-way.
REFERENCE = [
    "initiatives.PublicTask",
    "matching.SynonymGroup",
    "impact.SocialValueProxy",
    "impact.HistoricalSocialValueProxy",
    "selfscan.Theme",
    "selfscan.Statement",
]


def check_empty() -> None:
    reference = {label.lower() for label in REFERENCE}
    filled = [
        str(model._meta.verbose_name_plural)
        for model in backed_up_models()
        if model._meta.label_lower not in reference and model._base_manager.exists()
    ]
    if filled:
        raise BackupError(
            "De database is niet leeg. Zet een backup alleen terug in een nieuwe, lege database "
            "(maak die aan en voer 'manage.py migrate' uit). Er staat al iets in: "
            + ", ".join(filled[:8])
            + (" en meer" if len(filled) > 8 else "")
            + "."
        )


def clear_reference_data() -> None:
    # Foreign keys are checked at commit (deferred) on both databases, so order does not matter.
    for model in backed_up_models():
        model._base_manager.all()._raw_delete(DEFAULT_DB_ALIAS)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                through._base_manager.all()._raw_delete(DEFAULT_DB_ALIAS)
