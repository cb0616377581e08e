"""Moving a collective: everything that belongs to it in one zip archive, read back into another
installation (or the same one under a new short name) with new numbers.

Which tables belong to a collective is found by walking the models: every table with a foreign
key to ``Collective``, or to a table that belongs, is in, unless ``LEFT_OUT`` says why not. So a
new app's tables move along without code here. Foreign keys are written as the old numbers and
remapped on import; what lies outside the collective is matched by what identifies it everywhere:
users by e-mail address, gemeente/wijk/buurt by CBS code, opgaven (``PublicTask``) by name.

The archive holds ``manifest.json`` (format, Kring version, when, counts, the SHA-256 of every
other member), ``data.json`` (the rows) and ``files/…`` (the uploaded files the rows name)."""

from .export import export_collective
from .restore import ImportSummary, import_collective, read_archive
from .tables import LEFT_OUT, ArchiveError, collective_models

__all__ = [
    "LEFT_OUT",
    "ArchiveError",
    "ImportSummary",
    "collective_models",
    "export_collective",
    "import_collective",
    "read_archive",
]
