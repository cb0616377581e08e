"""Privacy: the audit log, the rights of residents (inzage, erasure through the registry in
``erasure.py``), retention, backup and restore.

Privacy, audit and recovery (kring.privacy)

- **Audit log**: `kring.privacy.audit.record(actor=, collective=, action=, target=, summary=,
  subject=)` is the one writer. `subject` is the resident an entry is about (by default the target
  or the target's resident), so inzage can list it. Entries form one keyed hash chain per
  collective (and one without a collective): each stores HMAC-SHA256, keyed with
  `KRING_AUDIT_KEY` (separate from the secret key, required in production), over its content
  (algorithm, time to the microsecond, actor number, collective, action, target, subject,
  summary, the previous entry's hash, and for a moved entry its old hash). Each entry names its
  `algorithm`: entries from before the key are plain `sha256` and stay checkable; a plain entry
  after a keyed one in the same chain is reported as re-hashed. Writers of one chain are
  serialised (PostgreSQL: `pg_advisory_xact_lock`; SQLite: its single IMMEDIATE writer).
  Retention leaves an `AuditCheckpoint` (the last removed entry's number and hash, itself keyed)
  where a chain now starts; a checkpoint without a valid key only counts in front of plain
  entries. A deleted collective takes its chain along (the rows hang on it); a `pre_delete`
  receiver (`privacy/signals.py`) first writes where that chain ended into the chain without a
  collective.
- **Anchors** (`kring.privacy.anchors`): removed newest entries or an emptied log leave a chain
  that still verifies, so each chain's last entry, its hash, its count and where its plain
  entries end are written outside the database: one JSON line, keyed, appended to
  `KRING_AUDIT_ANCHOR_DIR/audit-anchors.jsonl` (opened for appending only) and one line in the
  log (logger `kring.audit`). They are written every `KRING_AUDIT_ANCHOR_MINUTES` by the task
  `anchor_audit_chains_task` (started once by `manage.py anchor_audit_chain --enqueue`; it puts
  its own next run in the queue, `kring.core.jobs.enqueue_again`, and a second start does not
  double it), by `manage.py anchor_audit_chain`, by every `kring_backup` (also in the archive's
  manifest) and by every moving archive. A new anchor is only written while the database still
  matches the last one, so the periodic run never blesses a shortened log; after a deliberate
  change (an older backup restored) `anchor_audit_chain --accept` writes it, naming what it
  accepted. `manage.py verify_audit_chain` checks every chain and compares with the last anchor,
  and says in Dutch what it found: a changed entry, entries removed in the middle, the newest
  entries removed, entries re-hashed with the old algorithm, an emptied log (a wiped or restored
  database), a changed anchor line; it warns when there is no anchor yet or the last one is older
  than twice the interval. What it cannot see: entries removed after the last anchor and before
  the next (at most one interval), or by someone who has the audit key as well. `kring_restore`
  checks the restored log against the backup's own anchor and names what does not match.
  Summaries hold numbers and purposes, never names: the log outlives erasure. Admins read it at
  `/c/<slug>/audit/` (filters, 50 a page); the Django admin shows it read-only.
- **Inzage** (`selectors.resident_export`): resident fields, log-in, every consent with its
  history, conversations, gifts, every historical version of the gifts, invitations, the audit
  entries about the person, and any record of another app that points at the resident (found
  through the model's relations, so a new app is included without code here). As a page, PDF
  (WeasyPrint) and JSON; every export is logged. Staff: `/c/<slug>/residents/<pk>/privacy/`;
  a resident with a log-in: `/me/` ("Mijn gegevens", linked in the footer), where they can also
  correct their data and erase themselves.
- **Erasure** (`services.erase_resident`) keeps aggregates right: the resident row stays as an
  empty shell (`erased_at`; never listed), so conversations, connections, pledges and
  participation keep counting; gifts are deleted and all their historical rows lose their text;
  labels used only by them go; consents stay (withdrawn) as proof; invitations go; the log-in is
  deleted unless the person still has another collective or a working role (then unlinked);
  records of other apps that point at the resident lose their free text; SQLite FTS5 indexes
  are optimised so deleted words leave their segments. `tests/privacy/test_erasure.py` reads
  every table raw after erasure and finds no trace. An erased resident is shown everywhere as
  "een oud-bewoner" (`Resident.display_name`, also `str()`); an introduction to one opens
  with "Beste buurtbewoner,".
- **Erasure with care**: before a buurtmaker erases, the erase page lists every free text of
  the collective that names the resident (`selectors.erasure_mentions`): the full name, the
  first name, the last name with and without its tussenvoegsel, as whole words, without regard
  to capitals or accents (`mentions.py`: "Noor" is not found in "Noorderpark", "Zoë" = "zoe"),
  only in the resident's own collective. The places read come from one registry,
  `kring/privacy/text_places.py`: `PLACES` (model label, fields, the lookup to the collective,
  where a buurtmaker changes it and how) and `EXCLUDED` (model label → why not);
  `tests/privacy/test_mentions.py` fails when a free-text field (a `CharField`/`TextField`
  without choices, not a slug) of any Kring model is in neither, so a new app or field is not
  forgotten. Texts the erasure takes away anyway (the resident's gifts and stories, notes on
  records that point at them) are counted, not asked about. Each other text shows the name
  marked and a link to where it is changed; the buurtmaker edits it (then it drops off the
  list when the page is looked at again) or says why it stays (someone else with the same
  name; the name of something else; the resident agrees). The keys of the texts shown come
  back with the form, so `erase_resident(shown=, left=)` can tell "edited before the erasure"
  (an asset's historical versions then lose the name too) from "left as it is" and why.
  The result is an `ErasureReceipt` (collective, erased shell, who, when, why; counts; per
  text its place, field, title with the name masked, and outcome) shown right after the
  erasure at `/c/<slug>/erasures/<pk>/` and listed at `/c/<slug>/erasures/` (buurtmakers).
  Erasures without a buurtmaker looking (the resident's own, retention) leave texts as they
  are and say on the receipt that nobody checked them. The audit entry's summary adds the
  counts per outcome.
- **Stories and their tellers**: a story (`Asset`, category story) may name the residents whose
  story it is (`Asset.tellers`, many-to-many to `Resident`, "verteld door"). Tellers are picked
  with the resident picker (searched, never listed) and set only through
  `kring.assets.services.set_tellers`, which refuses residents of another collective, erased
  residents and tellers on anything but a story; each name added or taken off is written to the
  audit log with the resident as subject. Teller names are not in the search index (a member could
  otherwise find a story by the name of someone hidden from them) and not in the asset history
  (django-simple-history keeps no many-to-many here; the audit log has the changes).
  **The rule** for a story that leaves the collective lives in one place,
  `kring.assets.selectors.told_with_consent`: every named teller has an active "verhalen" consent
  at that moment; a story that names nobody is the collective's own (neighbourhood history) and
  needs only the collective's choice. Every path out uses it: the wijkportret
  (`kring.maps.portrait.printed_stories`, on top of the chosen `PortraitStory`), the gemeente's
  report (`kring.impact.selectors.shared_stories` through `portrait_stories`, on top of the
  collective sharing "verhalen" with that gemeente) and open data (`exports.selectors.public_assets`,
  on top of "openbaar"). It is read when the picture, report or file is made, so a withdrawal
  takes the story out of the next one at once, and a consent given again brings it back (the
  collective's choice stays). The wijkportret page and the story's own page say which chosen
  stories wait for whose consent (`story_sharing`: names only of residents the reader may see,
  the others counted). Inzage lists the stories a resident is named in; erasure takes the name
  off every story, and deletes a story only they told like a gift (its historical versions lose
  their text): left without a teller it would count as the collective's own and could be shared
  without anyone's consent. The moving archive carries the links as the many-to-many list of
  `assets.asset`. Photos of residents ("foto's" consent) are still checked by the buurtmaker.
- **Retention** (`retention.py`): periods in days from `KRING_RETENTION_*`; `manage.py
  apply_retention [--dry-run]` lists, then erases inactive residents (through erasure), deletes
  old withdrawn consents and invitations, and trims the audit log (leaving an
  `AuditCheckpoint` so the chain still verifies); it also deletes moving archives older than
  `KRING_ARCHIVE_KEEP_HOURS` and uploaded CBS files older than `KRING_IMPORT_KEEP_HOURS`
  (hours, not days: they are copies made for one job). Scheduled by cron, daily:
  `manage.py apply_retention --enqueue` hands it to the worker as the task
  `kring.privacy.tasks.apply_retention_task` (django-tasks has no scheduler of its own).
- **Concurrent edits** (`kring/core/locking.py`, one mechanism for every record people edit):
  the model has `version = version_field()`; the form mixes in `VersionedFormMixin` (a model
  form adds the hidden `version` of its instance; a plain form is made with `version=`); the
  service takes `expected_version` and calls `check_version` inside its transaction, which locks
  the row (`select_for_update`), raises `EditConflict` when it moved on, and otherwise moves the
  record to the next version; the view runs the save through `save_or_conflict(form, save)` and
  renders `core/_edit_conflict.html`. The form comes back (400) with the Dutch message, the
  other person's saved values (`conflict_rows`; for a list of residents only those this person
  may see), the user's own text, and the new version, so saving again is a choice. Versioned:
  residents (edit, consent, own data), assets (stories too), initiatives, activities (edit and
  attendance), needs (status buttons), the collective's settings, the public profile draft,
  articles, publications, meetings, pictures, newsletters, sharing choices, self-scan answers
  (`Response`), targets (the dashboard form carries `seen`: the version of each of the
  gemeente's targets), and in the admin (`VersionedAdminMixin`) synonyms, social value amounts,
  targets and collectives. On SQLite adding `version` to `initiatives_activity` rebuilds the
  table; `initiatives/0007_edit_versions` recreates the double-booking triggers after it.
  `tests/test_stale_saves.py` walks the URL conf, every model form class and every admin and
  proves a stale save is refused on each edit; a new edit page without a case fails it.
- **Backup** (`backup/`): `manage.py kring_backup FILE` writes one tar.gz with
  `manifest.json` (applied migrations, counts), `data.json` (Django serialisation, natural keys
  for content types and permissions, times to the microsecond, read in one transaction: a
  REPEATABLE READ snapshot on PostgreSQL) and `media/`. `kring_restore FILE` loads it into an
  empty migrated database (nothing but the reference data migrations put in, which is
  replaced; anything else is refused, naming what is there), on SQLite or PostgreSQL whichever
  made it. Restored rows are saved "raw" (as `loaddata` does), and the handlers that keep
  derived tables in step (map cells, kept figures) ignore raw saves. Then every derived table
  is checked against the rows it is made from and made again where it does not match
  (`_repair_derived_tables`): the apps that own them register a check in
  `kring/core/derived.py` from `AppConfig.ready` (`maps/derived.py`: cells per collective,
  sums of coordinates compared up to rounding; `matching/derived.py`: documents per collective,
  and FTS5's integrity check on SQLite; `assets/derived.py`: the assets index page's `CategoryCount`
  against a fresh count through `visible_assets`; `impact/derived.py`: kept counts still in use
  against `base_cells`; suppression patterns are keyed by their whole table and cannot go out of
  date). Each returns an `Outcome`, printed by `kring_restore` as one Dutch sentence per table.
  The backup reads natural-key users with `select_related` and many-to-many lists with
  `prefetch_related` (`_rows_of`), not once per row. `kring_restore --dry-run` does the whole
  restore, checks included, in one transaction and rolls it back, so it fails exactly when the
  real run would; `kring_backup --dry-run` counts. The operator's routine (what to back up, how
  often, the restore drill, `pg_dump`) is in `docs/operations.md`.
  `tests/privacy/test_backup.py` round-trips the lived demo and compares every table row for
  row; `tests/privacy/test_restore_derived.py` restores an archive with wrong and missing derived
  rows and checks they come back right.
"""
