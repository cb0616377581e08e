"""What collectives share with their gemeente and the figures made of it, always through the
one aggregation module.

Impact and the municipality (kring.impact)

**Sharing.** A collective's admin chooses per gemeente (its own, and those of its working area)
which groups of figures it shares: deelname, verbindingen, initiatieven, activiteiten, bronnen,
verhalen (`/c/<slug>/sharing/`, `services.set_sharing`). Nothing is shared until chosen; every
choice, withdrawal too, is a `SharingLog` row (shown on the page) and an audit entry. The
aggregation module reads the choices at every question, so a withdrawal counts at once.

**One aggregation module.** `aggregates.municipality_figures(user=…, year=…)` is the only way
municipality figures leave Kring: the dashboard and the report (PDF, XLSX, CSV) call it, and
so does the API for municipalities (`kring/api/routes/municipality.py`).
It takes the gemeente from the municipality user and counts (`indicators.base_cells`, one
GROUP BY query per kind of record, several indicators of the same records in one) only collectives sharing that group with that gemeente;
events in a buurt of another gemeente count there, events without a buurt count for the
collective's own gemeente ("buurt onbekend"). Every indicator is a flow (new residents, gifts
mapped, gifts put to use = connections made for a need, pledges, new connections (a
connection counts when it is the first between its two parties in the collective — two
neighbours who meet every week at the repair café are one new connection, the week they first
met; `indicators.new_ties` reads the collective's log once, oldest first), bridging
connections = new ties between two Leiden communities of the collective's latest network
analysis, new connections between residents of different buurten, new initiatives per status, needs per question,
initiatives per opgave, activities, volunteer hours, new assets per category; residents whose
first logged connection falls in the month; activities and hours for the opgave "zorg" and
activities for the opgave "energie", found by a word in the opgave's name and counted through a
subquery, so an initiative with two opgaven is not counted twice), so months add up to the year
and buurten to wijken and the gemeente. Hours of care follow the care activities' pattern, as
all hours follow the activities'.

**Suppression** (`suppression.py`; the table and its remembered patterns: `lattice.py`). Per
indicator and year there is one fixed table: the gemeente, each wijk, "buurt onbekend", each
buurt and each sharing collective, by month and for the year. Every question (a period, an area, a comparison of years) is answered from this table,
never from a new sum, so two overlapping questions cannot be subtracted. Each cell is a sum of
hidden base cells (collective × buurt × month). A count from 1 below
`KRING_SUPPRESSION_THRESHOLD` is hidden ("<10"); then, until none is left, every hidden cell
that can be solved from the shown cells gets a partner hidden (shown as "×"): first a cell
that adds up exactly the same base cells (its *twin*: a collective that works in one wijk is
that wijk, so hiding anything else leaves it exposed), else the smallest sibling, else a part,
else the total, where the siblings, parts and totals of the cell's twins count as its own — so
a collective's cell is protected inside its wijk before the gemeente's total goes. A cell that
is hidden only because it follows another figure (hours of hidden activities) reads "×", not
"<10": it need not be small. "Can be solved" is exact linear algebra: the cell's sum lies in the
row space of the shown cells, which covers totals minus parts, year minus months, gemeente minus
collectives and any combination. To keep the system small the check looks for a perturbation
only among the base cells of hidden cells; finding one proves the cell safe, not finding one
hides more, never less. Hours follow the activities' pattern. Shown counts are rounded to
`KRING_SUPPRESSION_ROUNDING`. The linear algebra runs on one BLAS thread (`threadpoolctl`):
for matrices of a few hundred rows threads cost more than they give.

**Work kept between questions** (`store.py`, table `FigureStore`). *Counts* are made and kept
per collective and year, under a key of the collective's fingerprint, so a new record makes
only its own collective be counted again, not all of them. The fingerprint is one query of
index probes (`store.fingerprints`): per collective and kind of record the newest id and,
where the model has one, the newest `updated_at` (the newest `finished_at` of a network
analysis, which is finished by an update), plus the opgaven; each part reads one index entry
(indexes on (collective, id) and (collective, updated_at), impact migration 0004), so asking
costs the same for a collective of a hundred records as for one of a hundred thousand. A new
record raises the newest id and an ORM edit the newest change; saving or deleting a counted
record through the ORM (post_save/post_delete — `QuerySet.delete` sends these too — and
`Initiative.tasks` changes) removes that collective's kept counts at once, and whether a
collective's counts are kept is part of the figures' cache key, so a removal or an edit of a
record without a change time (activities, connections, needs, pledges) also counts at once.
Only SQL past the ORM (a raw delete, a bulk `QuerySet.update` of a record without a change
time) waits for `COUNTS_MAX_AGE` (1 hour). A collective's counts of one year replace only its
older counts of that year: the dashboard asks for a year and the one before, and the report
does too. *Suppression patterns* are kept under a hash of the table's base cells, its areas
and its primary cells (the table follows from these, and is only built when the pattern is
new), so a pattern is never stale; patterns older than 30 days go (and are made again when
asked). The patterns of all tables are looked up in one cache call and one query.
Both survive a restart and are shared by all workers; the cache in front of them holds the
patterns for a day and the finished figures for 30 seconds under a key of the shared set, the
fingerprints and which counts are kept, so a withdrawal, a new record or a removal counts at
once and an edit within 30 s. The stored counts are raw and never leave `aggregates`; they are
deleted with their collective.
**Prepared in the background; the dashboard answers from the last prepared figures**
(`prepared.py`, table `PreparedFigures`, the task `prepared.prepare_figures`). The worker makes a
gemeente's figures through this module and keeps only what may be shown (suppressed, rounded),
with a digest of what they were made of and when it read the data; the dashboard shows them at
once and says when they were made ("Deze cijfers zijn van vandaag om 14:05."). It is asked to
when a collective starts sharing, changes what it shares or withdraws (`services.set_sharing`,
after the commit), when a municipality account is made or a wijk added, when the demo is built,
and 30 s after a counted record changes (through the ORM, or at the end of an import, which
calls `changes.forget` itself): one task per gemeente for all changes until it starts
(`prepared.request_prepare`; the task forgets the request when it starts, so a later change asks
again). A change also marks the gemeente as changed in the cache, so the dashboard knows its
kept figures are older without the fingerprints' query ("Daarna is er iets veranderd. Nieuwe
cijfers worden gemaakt; ververs de pagina over een minuut."); without such a mark the
fingerprints decide, so writes that send no signal are seen too. **A withdrawal is not
waited for**: `set_sharing` deletes the gemeente's kept figures when a group is withdrawn, and
every question compares what kept figures count with who shares what now (read each time), so
figures that still count a withdrawn group — in the cache of another node, or saved by a task
that ran meanwhile — are deleted and not shown; until new ones are made the page shows none
("De cijfers worden voorbereid"). Figures made with another threshold or rounding are not shown
either. Nothing kept yet: the same page, at once, and a task is asked for. Without a background
worker (the immediate task backend of the tests and a small demo) the dashboard counts in the
request, as before. The report (PDF, XLSX, CSV) is made by the worker from figures counted
then, and the API counts in the request. The figures do not depend on residents' consents
(they count records, never show a person); the stories in a report do, and are read when it is
made.
`tests/impact/test_suppression.py` attacks the
shown figures (differencing of totals, overlapping areas and periods, and a full rank test
written independently) and recovers nothing. Years are separate tables; no figure spans two.
What it does not cover: the same table asked before and after a change in the data can be
compared (one new resident shows as a change of a shown total), and zeros are shown as zeros.

**Social value** (`socialvalue.py`, `SocialValueProxy`, edited in Django's admin with
django-simple-history: every change is kept with who and when, under "Geschiedenis"). A proxy
has a low, central (`value`) and high amount per unit, the unit, what Kring counts
(`counted_as`), the figure it counts (`indicator`, else its `outcome` code), the source (title,
publisher, year, table or page, address), a note on how low/central/high follow from it, and
deadweight and attribution. The admin refuses an amount without a source and a low above the
central or a high below it. Value = shown (rounded) count × amount × (1 − deadweight) ×
attribution for each of the three amounts, so a euro never reveals a hidden count. `deduct`
names a figure that counts part of the same units with an amount of its own (hours of care
inside all volunteer hours): its *shown* count is taken off, so nothing counts twice; when it
is hidden nothing is taken off and it does not count. `summary` adds the outcomes up as a range
and says in one B1 sentence which outcomes are left out because their numbers are too small to
show; when nothing can be shown it says so instead of "€ 0". A figure of a group that no
collective shares is not zero either: that outcome gets no amount and says why.
The starter amounts (migration `0006_sourced_proxies`, reversible, its docstring says why each
was chosen) come from Dutch sources read for the purpose: an hour of volunteer help (legal
minimum hourly wage, SVB 2025, to the market value of about € 20 per hour found by Erasmus
Universiteit for De Zonnebloem); an hour of care and support by residents (Ecorys for
MantelzorgNL: € 13,10 an hour, up to twice that when a professional replaces it; low € 9,30
from a well-being valuation); a household helped to save energy (ECN Rapportage Energiearmoede
€ 100 a year, energy coaches in Eindhoven € 113, Aarde-Werk calculated up to € 350); the CO2 of
that saving (0,51 tonne a household, Aarde-Werk, at the CPB/PBL range of € 100–500 a tonne).
"Residents no longer alone" (first connection) ships without an amount: the source found gives
only a national total. The UK Social Value Bank is not shipped (its licence forbids bundling).

**Dashboard** (`/municipality/impact/`, `dashboard.py` builds what page and report share) leads
with pictures drawn on the server (`pictures.py`, SVG with `viewBox` at 100 % width, <title>
and <desc>, no script or style element): a trend line per month for residents, gifts put to
use, connections, bridging connections, first connections, volunteer hours and each opgave
with initiatives (hidden months are gaps with their mark written under the axis, the
comparison year dashed with square points, a table in a <details> under each), for the
gemeente or any wijk, buurt or collective; a map of the wijken (their boundary, else the union
of their buurten; classes as patterns with the number written on each wijk, legend in words,
table beside it) and the social value as a range (a bar from low to high per outcome, a mark
at the central value) with "Hoe berekend en bronnen" one click away (per outcome count,
amounts, calculation and linked source). Below: all figures grouped per share group in
<details>, tables per wijk, buurt and collective, the Leaflet map of buurten, targets
(`Target`) and the report. **Report**: `services.start_report` queues `tasks.make_report`,
which writes PDF (WeasyPrint), XLSX (openpyxl) and CSV with the same figures, and its progress
(the report page refreshes itself). Page 1 of the PDF tells the year in a few B1 sentences
(`narrative.py`: only groups that are shared, a small number as "minder dan 10", a hidden one
not named), one trend line, the social value range and its sources; then summary, figures,
charts, social value with method and sources, and stories that collectives chose for their
wijkportret and share with the gemeente. A story told by residents goes into the report only
while each of them has an active "verhalen" consent (see Privacy, "Stories and their tellers").

**The collective's own year.** The overview page of a collective (`communities.views.overview`,
floor 2) leads with its own figures over the last twelve months (new residents, gifts,
connections, activities, hours, initiatives; counts only, no suppression: it is their own
data). The communities app does not import impact: `kring.core.overview` is a small registry
(`register(name, provider, position=…)`, `sections(access)`); `ImpactConfig.ready` registers
`impact.own.overview_section`, and the overview renders every registered section. This one
counts only tables the data version watches, so the overview keeps it rendered in the page
cache under that version and today's date (`own.overview_varies`, `kring.core.pagecache`).
"""
