"""Imports of residents, gifts and other assets from CSV and XLSX, all or nothing.

Imports (kring.imports)

Buurtmakers and admins import **residents**, **gifts** or **other assets** (groups, institutions,
places, economy, stories) at `c/<slug>/import/` (linked from the residents and asset lists).
- **Steps**: upload (CSV or XLSX, at most `KRING_IMPORT_MAX_BYTES`) → choose columns (Kring
  proposes a column for each field from the header: the Dutch template names and Dutch and English
  aliases, case, accents and punctuation ignored; each column once; required fields must have one)
  → preview (the first 20 rows as they will be stored and every error, per row and column:
  "Rij 7, kolom ‘E-mail’: ‘jan@’ is geen e-mailadres.") → import → result. Files up to
  `KRING_IMPORT_BACKGROUND_ROWS` rows are checked whole at the preview and imported in the request;
  bigger ones are checked on their first 1,000 rows, then imported by the task
  `kring.imports.tasks.run_import_task` (worker), with a progress bar that refreshes itself
  (`<noscript>` meta refresh, htmx polling of the same view otherwise, and a "Ververs" link).
  The task writes its progress to a small file beside the upload (`progress-<pk>.txt`, through
  `kring.core.jobs`), not to the database: the import's own transaction hides its writes until
  the end, and SQLite has one writer.
- **Reading** (`reading.py`) streams: CSV encoding is found by decoding the whole file as UTF-8 in
  1 MB chunks (BOM → `utf-8-sig`; any invalid byte → Windows-1252), the delimiter (`;`, `,` or tab)
  from the header line; XLSX through openpyxl's read-only mode, first sheet, dates written as
  `2026-11-02`, whole numbers without `.0` (phone numbers stay intact). Empty rows are skipped;
  row numbers are the spreadsheet's (a quoted cell over several lines counts its lines).
- **Validation** (`validation.py`) uses the models' own rules (max lengths, choices, the e-mail and
  URL validators, coordinate ranges) and the web forms' rules: a gift needs its resident's consent
  for the inventory and is never public; both coordinates or none; an institution has a type; a
  story has a text. Buurten by CBS code or name, only among the collective's buurten
  (`neighbourhoods_of`): a buurt of another gemeente is "geen buurt van dit collectief". Gifts find
  their resident within the collective by e-mail, then telephone, then (only without both) an
  unambiguous name; otherwise the row creates the resident (name required). **Consent** is only
  recorded when the row says for what, when (a date, not in the future) and how (digitaal, papier,
  mondeling); a date or method without purposes, or purposes without date or method, is an error.
  Existing consents are never withdrawn by an import. A cell starting with `=` is refused as a
  formula; control characters are removed. A gift row first takes a **fast path**
  (`_plain_gift_cells`: the mapped cells read once, compared with the limits, the remembered
  valid e-mail addresses, the buurten and the choice tables worked out once per file); any row
  with something to report, or an e-mail address not seen before, goes through the cell-by-cell
  checks (`_gift_cells`), so every message is made by the same code. The resident and consent
  rules after the cells are one code for both (`tests/imports/test_validation.py` runs 1,500
  mixed rows through both paths and compares records, errors and what the validator remembers).
- **All or nothing** (`engine.py`): one pass over the file in one transaction; valid rows are written
  per chunk of 5,000; after the first wrong row nothing more is written, validation continues to
  list every error (the first 200 are kept, all are counted), and the transaction is rolled back.
- **Writing**: new residents and consents with `bulk_create`; assets and tag links with
  `kring.core.bulk.Inserter`: multi-row `INSERT … SELECT … FROM (VALUES …) RETURNING id` on SQLite
  (a gift row brings its nine own columns; the template object's other values are bound once per
  statement), `INSERT … SELECT FROM unnest(arrays)` on PostgreSQL, through the driver's own cursor
  on SQLite (Django's rewrites every placeholder of a 30,000-placeholder statement; errors still
  come out as Django's). The first **history row** of each asset (`+`, by the importing user, the
  import's moment) is copied by the database: one `INSERT INTO assets_historicalasset … SELECT …
  FROM assets_asset WHERE id BETWEEN first AND last` per chunk on SQLite (one writer: the chunk's
  keys are consecutive; the row count is checked), `WHERE id = ANY(keys)` on PostgreSQL (other
  transactions may take keys in between). Then `index_new_assets(rows, tags)` per chunk: the
  search documents are made from the values already at hand (tuples in the order of
  `matching.services.FIELDS`; no reading back, no delete), with the keys column of a short text
  made once per process (`lru_cache`, as the analysis itself), written in multi-row statements
  on SQLite and with COPY on PostgreSQL. Residents' buurten
  come from the validator's dictionaries, read once per import. A **large import** (at least
  20,000 rows and at least a tenth of the documents already in the index: `bulk_pays`) sets
  SQLite's full-text index aside for its transaction (`matching.services.bulk_indexing`: FTS5
  triggers dropped and one `'rebuild'` at the end; readers keep seeing the last commit), so a
  refused or failed import rolls that back too; on PostgreSQL the GIN index stays and is kept
  in step, so other collectives' searches never wait for an import. On
  SQLite such an import also gives its connection a 64 MB page cache for its length (about
  twenty indexes grow in resident order; with the default 2 MB pages went to the WAL and back).
  The asset and history tables' own secondary indexes stay in place during an import (setting
  them aside would rebuild them over every collective's rows; see docs/performance.md); four
  that no query used are gone (migration `assets.0010`: the asset's single-column index on its
  collective, a prefix of every composite index, and the history's on author, editor and buurt).
  Map caches and the overview's category counts (`assets.counts.forget`) of the collective are
  dropped at the end. The audit log gets one entry for the
  import (the `ImportJob`, with numbers: rows, residents, consents, assets; never names) and,
  through `audit.record_many`, one entry per resident the import created, recorded consent for or
  added gifts to, so inzage shows it; not one per gift (a million chained entries would cost
  more than the import itself). `record_many` hashes the entries in chain order and writes them
  with the bulk `Inserter` (plain rows, no model objects). Imported records carry `source = import`.
- **Files**: kept in `KRING_IMPORT_ROOT` (not under `MEDIA_ROOT`, which a web server may serve),
  named `import.csv`/`import.xlsx`; deleted after a successful import, by "Stoppen en bestand
  wissen", and otherwise after `KRING_IMPORT_KEEP_HOURS` together with the error lists (which quote
  cells): every upload purges first, and `manage.py purge_imports [--dry-run]` is for a daily cron.
- **Templates** per kind as CSV (`;`, UTF-8 with BOM, for Dutch Excel) and XLSX (sheet "Gegevens"
  with the header and an example row, sheet "Uitleg" with every column explained); the example row
  imports without errors (a test proves it).
"""
