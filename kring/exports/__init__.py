"""Data out: open formats of public assets, residents for buurtmakers, moving a collective.

Exports and moving a collective (kring.exports)

- **The page** `c/<slug>/export/` (namespace `exports`, every member) offers what the role allows,
  read through `kring/exports/selectors.py`:
  - *Public assets* (`public_assets`): only assets on "iedereen (openbaar)", never a gift (the
    database already forbids a public gift) and never a resident. As **GeoJSON** (RFC 7946:
    WGS84, longitude first, `null` geometry for assets without a point, Dutch property names)
    and as **HSDS 3.0 JSON** (`opendata.py`): institutions and associations become an
    `organization` with one `service` (status active) and, when they have an address or a
    point, a `location` linked by `service_at_location`; places become `location`s with
    `addresses` (street, postcode, place parsed from the one address field; province from the
    public profile; country NL), `phones` (a Dutch number found in the contact field),
    `schedules` (opening hours as a description), `accessibility`, and the CBS buurtcode as
    `external_identifier`. Identifiers are UUID5 of `KRING_SITE_URL` and the asset's number, so
    they stay the same between exports. The document is
    `{"hsds_version", "publisher", "created", "organizations", "services", "locations"}`; each
    item validates against Open Referral's own table schemas, a copy of which is kept in
    `tests/data/hsds-3.0/` (tag v3.0, with its licence note) and used by
    `tests/exports/test_hsds.py` with `jsonschema`.
  - *Lists* (CSV and XLSX with openpyxl): assets for everyone, but members get no gifts (they
    name a resident); buurtmakers and admins get gifts and the resident list, both limited to
    residents with the "inventaris" consent, with only the consents in force. Dutch headers;
    CSV is UTF-8 with a byte order mark and semicolons (what Dutch Excel opens correctly); every
    text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading
    apostrophe (`tables.neutralise`), in CSV and XLSX alike. A download that holds personal
    data (residents, or assets with gifts) writes one audit entry (`export`, with counts) and
    one per resident in the file (`audit.record_many`: one lock, one insert, the same hash
    chain), so each resident's inzage shows it.
  - The page makes a fixed number of queries (counts only; `tests/test_query_counts.py`).
- **Open data on the public profile**: a collective's admin can switch on `OpenData.publish`
  (off by default). Only while the profile is public as well, `/members/<slug>/open-data/
  bronnen.geojson` and `…/hsds.json` serve the same public export to anyone (CORS `*`), and the
  member page links them; otherwise they answer 404. The choice lives in this app, so the
  public site still reads only profile fields.
- **Moving a collective** (`archive/`): `manage.py export_collective SLUG FILE.zip`, or
  "Maak het verhuisarchief" on the page (admins): `archive_jobs.start_archive` makes an
  `ArchiveJob` (an archive already being made is reused) and queues
  `tasks.build_archive_task`, which writes the zip with `export_collective(…, progress=…)`
  into `KRING_ARCHIVE_ROOT` (private storage, a random name) and reports its progress (rows
  first half, files second). `c/<slug>/export/archive/<pk>/` shows the progress and then the
  download `…/<pk>/collectief.zip`; both are for the collective's admins only (the job is read
  with the collective of who asks: another collective's admin and a municipality user get
  404, a buurtmaker or lid of the collective 403). Every download writes an audit entry
  (`verhuisarchief: N rijen, M bestanden`), as the old in-request download did. After
  `KRING_ARCHIVE_KEEP_HOURS` (24) the download is 404 and `apply_retention` (and every new
  request for an archive) deletes the file and the job, and any archive file past its hours
  that no job names (its collective was deleted). Erasing a resident withdraws every archive of
  the collective at once (`withdraw_archives`, files removed after the erasure commits; an
  archive being written then is not kept), so no archive outlives an erasure. The zip holds `manifest.json` (format 1, Kring
  version, time, source database, applied migrations, row counts, files, what was left out, and
  the SHA-256 of every other member), `data.json` (rows as JSON, old numbers kept) and
  `files/<name>` (every upload the rows name: story pictures, the logo). Which tables move is
  found by walking the models: every table with a foreign key to `Collective` or to a table
  that moves, including simple_history's historical rows and many-to-many lists; a new app's
  tables move along without code here. **The audit log moves apart** (`MOVED_APART`,
  `kring.privacy.audit_move`): `data.json` holds the chain's entries with their old values and
  hashes, its head and a SHA-256 digest over all of them (also in the manifest); making the
  archive writes an anchor in the old installation whose note holds that digest. The new
  installation cannot check the old keyed hashes (another key), so on import it checks what
  needs no key: the digest, every entry's link to the one before, that the last one is the
  named head, and plain-SHA-256 entries against their content; then it writes the entries into
  its own keyed chain with its own numbers (actor, target and resident mapped; a target that did
  not move keeps `oud:<number>`), each keeping its old hash (`origin_hash`), and verifies that
  chain; a failure refuses the whole import. `verify_audit_chain` prints a moved chain's old
  head, to compare with the old installation's anchor. **Left out, on purpose** (`LEFT_OUT`):
  the audit checkpoints (the moved chain starts anew), open invitations (secret links), network analyses
  (computed, keyed by old numbers: run again), the search index (rebuilt), the overview's count
  cache, import jobs (a transient upload; what they imported moves as rows) and archive jobs. Historical rows
  of records deleted before the move are dropped on import (nothing to hang them on).
  `manage.py import_collective FILE.zip [--slug NEW] [--dry-run]` refuses an archive whose
  checksums fail, a member that is missing or added, unknown tables, newer migrations, a taken
  slug, and a gemeente, wijk or buurt it cannot find by CBS code (it says which: import the CBS
  file first). Everything else happens in one transaction with new numbers: users are matched
  by e-mail, absent ones are made inactive without a password, and those with a membership get
  an invitation mail; accepting it sets the password and activates that log-in (the accept
  page and `accept_invitation` recognise such a placeholder). A resident's log-in that already
  has a resident record here (same installation) is left unlinked, with a note. Opgaven are
  matched by name (made when missing). Times are kept as they were (auto_now is switched off
  while rows are written). Files are saved first and removed again when the import fails. The
  search index is rebuilt and the import writes the first entry of the new chain.
  `tests/exports/test_archive.py` exports a rich collective, imports it under a new slug,
  exports the copy and compares every row field by field (numbers mapped) and the files byte
  for byte; an import into an installation without the users checks the invitations.
- **Regions from the admin site**: on the gemeenten changelist, superusers get "Importeer
  CBS-bestand" (`kring/geo/admin.py`, superusers only: staff get 403). The upload (at most
  `KRING_REGIONS_MAX_BYTES`, and its first 64 KB must be UTF-8 text starting with `{`, so a
  picture, page or zip is refused at once) is kept as a `RegionImport` in
  `KRING_IMPORT_ROOT/regions/` (never under MEDIA) and the task
  `geo.tasks.run_region_import_task` checks it: `import_regions(dry_run=True, progress=…)`.
  `…/import-cbs/<pk>/` shows the progress (meta refresh; the admin has no htmx), then the
  counts (new / updated) with "Opslaan", or every error in Dutch (the first 200 kept, all
  counted) with nothing stored and the file removed. "Opslaan" (`…/<pk>/store/`, POST) queues
  the same task with `dry_run=False`: it checks again and writes in one transaction (all or
  nothing), then removes the file; a second click or a check older than
  `KRING_IMPORT_KEEP_HOURS` changes nothing (400, "verlopen"). Uploads older than that go with
  their error lists at the next upload and in `apply_retention`. Each step is logged
  (`kring.geo.uploads`, with the counts). A whole-country file takes about 14 s to check and
  14 s to store, which no longer meets the web request's timeout.
"""
