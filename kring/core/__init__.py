"""The core: users, shared choices, forms, background jobs, bulk writes and the registries
higher apps fill in; it imports no domain app (docs/architecture.md, "Layers").

Forms and errors

All forms render through `KringFormRenderer`: a label above each field, help and error texts tied to
the field with `aria-describedby`, `aria-invalid` on wrong fields, and an error summary at the top
that links to each field and receives focus. A form with errors is answered with status 400 and
everything that was typed. Error texts are plain Dutch (B1) and say what to do.

**Odd bytes** (`kring.core.middleware.OddBytesMiddleware`). A NUL, a lone surrogate or bytes
that are no valid UTF-8 in the path, a query parameter, a form field, a JSON body or a header
value get a 400 with one plain Dutch message before any view runs (PostgreSQL refuses NUL in
text; a search with one was a 500). It sits inside `kring.api.middleware.ApiProblemMiddleware`
(the first middleware), which turns every error under `/api/` into problem details. `tests/test_isolation.py`
walks every page and API address with such values in its parameters: 400, never 500.

**Picking residents** (`kring.people.picker`). No form lists every resident of a collective (a
collective can have thousands): every field that picks residents — the gift conversation, a gift
on the asset form, the connections log's quick entry and filter, initiators and participants of
an initiative, attendees of an activity, pledges — is a `ResidentChoiceField` or
`ResidentMultipleChoiceField` (`resident_picker(field, queryset, access)` swaps a model form's own
field for one). Its widget is a text field named `<field>_search` plus the chosen resident(s):
a hidden `<field>` for one, ticked check boxes for many.
- *Without JavaScript* the text is searched when the form is sent: one match (or one exact name)
  is chosen; several come back (status 400, everything typed kept) as radio buttons or check boxes
  to choose from (at most ten; more means: type more of the name); none is a Dutch error. A chosen
  number whose name still contains the text wins, so choosing from the list works on the next
  send; an emptied text means nobody. A client that sends only `<field>` (no `_search`) is judged
  by the number alone.
- *With htmx* the text field is an ARIA 1.2 combobox (`role="combobox"`, `aria-expanded`,
  `aria-controls` → a `role="listbox"`, `aria-activedescendant`): typing fetches at most ten
  matches from `people:pick` (`/c/<slug>/residents/pick/?q=…`, an HTML fragment of options);
  `people/static/people/picker.js` adds arrow keys, Enter, Escape and mouse, and a `role="status"`
  line announces how many were found and who was chosen.
- The chosen number is always checked against the field's queryset, which is the selector's
  scoped list (`resident_choices(access)`): a resident of another collective, an erased one or one
  a member may not see is refused with "Deze bewoner kunt u hier niet kiezen…" (400), however the
  number was sent. `people:pick` uses the same selector (members see only residents who allowed
  it) and, like the resident list, shows names without writing the audit log.

Background jobs

**Background jobs share `kring/core/jobs.py`**: the abstract model `BackgroundJob` (status
`JobStatus`: wacht, bezig, klaar, fouten, mislukt; progress; who started it; when started and
finished; `is_running`/`is_finished`; a job with steps before the queue extends the list with
`job_status`, as `imports.ImportStatus` adds "geladen" and "gekoppeld"), a job's steps
(`mark_running`, `mark_failed`, `mark_finished`: one row update each), `PrivateStorage(setting, subfolder)` (a file storage
under a folder named by a setting, read at each use, never under `MEDIA_ROOT`), progress in a
small file (`write_progress`/`read_progress`/`percent_reporter`: the work often runs in one
transaction, all-or-nothing or a consistent snapshot, which hides its own writes from the page
until the end, and SQLite has one writer), and purging (`older_than`: finished jobs past their
hours, and a job still "running" after twice that long, whose worker died;
`delete_jobs_and_files`). Every progress page includes `core/_job_progress.html` (status line,
`<progress>`, "Ververs" link) and refreshes without JavaScript (a meta refresh; on pages with
htmx the status part polls every 2 s and the meta refresh sits in `<noscript>`). Every job
builds on it: `imports.ImportJob`, `network.NetworkAnalysis`, `impact.ImpactReport`,
`geo.RegionImport` and `exports.ArchiveJob` (`tests/core/test_job_model.py` finds any model with
a status and a progress that does not).
"""
