"""Backup and restore of a whole installation: the database contents and the uploaded files
in one archive (tar.gz), portable between SQLite and PostgreSQL.

The data is Django's own JSON serialisation (what loaddata reads), times to the microsecond,
with natural keys for content types and permissions (and users: their e-mail), so it does not
depend on the database's numbering of those. It is read in one transaction: REPEATABLE READ on PostgreSQL (a
snapshot, writers go on), a SQLite transaction otherwise (Kring opens them IMMEDIATE, so writers
wait until the backup is read). Uploaded files are never changed in place (every upload gets a
new name), so copying them after the snapshot includes every file the data refers to.

Restoring goes into an empty, migrated database (``manage.py migrate`` first); it refuses a
database that holds anything besides the reference data migrations put in (which is replaced),
and it refuses an archive made with migrations this code does not have (restore with the same
or a newer version of Kring). The rows go in raw, in batches per model (no save signals, no
field that fills itself in); foreign keys are checked at the end in the same transaction, and
the tables' counters are moved past the restored keys. After loading, every derived table (map
cells, search index, kept counts) is checked against the rows it is made from and made again
where it does not match (``kring.core.derived``).

``write`` makes an archive; ``restore`` puts one back, after the ``checks`` and loading the
rows (``load``); ``digests`` compares two databases' contents; ``common`` holds what they share.
Import from here."""

from .common import EXCLUDED, FORMAT, BackupError, Summary, backed_up_models
from .digests import table_digests
from .restore import restore_backup
from .write import PreciseEncoder, write_backup

__all__ = [
    "EXCLUDED",
    "FORMAT",
    "BackupError",
    "PreciseEncoder",
    "Summary",
    "backed_up_models",
    "restore_backup",
    "table_digests",
    "write_backup",
]
