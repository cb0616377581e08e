"""Initiatives, needs, public tasks, activities, pledges and the connections log.

Initiatives, activities and the connections log

`kring.initiatives` holds residents' initiatives (`Initiative`: status idee/loopt/afgerond/gestopt,
dates, buurt, initiators and participants as residents, the assets it uses, hour and money goals)
and their needs (`Need`), each under one of the three questions (`Question`: zelf, met hulp, door
instelling) with a status (open, gevonden, vervuld). Initiatives name the large tasks they serve
(`PublicTask`, opgaven): one list per installation, edited in Django's admin, shipped with a Dutch
starter set by a reversible data migration.
- **Wie kan helpen?** `selectors.helpers_for_need(access, need, limit=10)` is the one call into
  the matching engine (`kring.matching.search`). It keeps only what the viewer may see and, for
  gifts, residents with an active `verbinden` consent, so such a resident never appears even if the
  index lags. A need under "door instelling" (`Question.INSTITUTION`) first asks the engine for
  institutions and associations only (`FIRST_FOR_QUESTION`), then for all helper categories, and
  lists the second answer after the first without doubles; the first ones say why they lead
  ("een instelling of vereniging: past bij ‘door instelling’", `FIRST_REASON`). A need under "met
  hulp" (`Question.WITH_HELP`) asks for residents' gifts first in the same way, so a better-worded
  institution does not push the neighbours down; a "zelf" need asks once, in the engine's order.
  Residents asked for first under "met hulp" lead only while they fit at least `FIRST_SHARE`
  (30 %) as well as the best helper of any kind (`first_for_question`): a gift that is only
  loosely related to one word of the need does not bury the hall that has the room and the
  kitchen it asks for. Under "door instelling" institutions and associations always lead. The
  relevance benchmark orders its lists with the same function.
  `services.connect_for_need` checks that consent again, records the connection (its note is the
  match's sentence, "Samira: fietsen repareren — past bij ‘fietsreparatie’") and sets the need to
  "gevonden". `notes.py` writes the introduction the buurtmaker copies, mails, texts or prints, as a
  neighbour would write it and in the reader's language: "Hoi Samira," and "je" for a resident
  ("Beste mensen van …" for a group), who asks and for what, and why they came to mind: the
  resident's gift that fits the need best (`kring.matching.explain`, the same words, synonyms and
  lexicon as the search, over that resident's gifts only), the buurt or wijk they share, and for
  "door instelling" that an institution is asked. Without a fitting gift it falls back on the note.
- **Activities and places**: `Activity` (date, start and end time, a place asset, attendees, hours
  given). A place is never booked twice: `services.save_activity` locks the place's row and names
  the activity that holds the slot (`DoubleBooking`); the database refuses what slips past, on
  PostgreSQL with an exclusion constraint (GiST over the place and `tsrange(date+start, date+end)`,
  extension btree_gist), on SQLite with two triggers (migration `0003_no_double_booking`). Times are
  half-open, so 10–12 and 12–14 fit. SQLite drops triggers when Django rebuilds a table: a later
  migration that alters `initiatives_activity` must create them again (a test catches it).
  `record_attendance` sets who came and the hours, and records ties (below); above 30 attendees only
  the ties to the place and groups are recorded, not every pair.
- **Repeating activities**: `ActivitySeries` (every week, every other week, every month on the
  n-th weekday; until a date or a number of times, at most two years and 104 times) makes one
  concrete `Activity` per date (`services.save_series`, dates from dateutil's rrule in
  `recurrence.py`), so attendance and hours stay per occurrence and the double-booking guard holds
  for each; a clash on any date refuses the series, naming every date (`SeriesDoubleBooking`).
  One occurrence changed on its own is `moved`; one taken out is a `SkippedDate` ("deze keer
  niet"), which can go ahead again (`restore_date`). Changing the series applies from today on to
  occurrences that are not moved and have no attendance. `public` puts an activity on the
  collective's public agenda (`selectors.public_agenda`, read by `kring.public`).
- **Pledges**: `Pledge` (`kind`: uren, materiaal, geld; `amount`, `description`, `pledged_on`)
  against the initiative's goals. It comes from exactly one giver: `resident`, or `giver`, an
  asset of the same collective of category association, institution or economy
  (`GIVER_CATEGORIES`); a check constraint (`pledge_has_one_giver`) keeps one of the two.
  `giver_kind` (`GiverKind`: bewoner, groep, instelling, bedrijf) says which; `party` is the
  resident or the asset. `giver` is `on_delete=RESTRICT`: deleting an organisation that pledged
  is refused (the asset page says so; the promised money stays in the progress), while deleting a
  whole collective still takes its pledges along. `services.add_pledge(access=, pledge=)` refuses
  an organisation of another collective or of another category with a Dutch `ValidationError`
  on `giver`. The form asks "Wie belooft het?": the resident picker or a select of
  `selectors.giver_choices(access)` (the groups, institutions and businesses the viewer sees),
  never both. The detail page shows progress per goal and "Wie gaf geld"
  (`selectors.money_givers`): organisations by name to whoever may see them, residents by name
  to buurtmakers and as "bewoners samen" to members. Who pledged what (with the giver's kind)
  is for buurtmakers only.
- **Connections log**: `Connection` is the collective's edge list, the one table the network
  analysis reads (`selectors.network_ties(collective)`):

  | side A | side B | kind (`ConnectionKind`) | made by |
  | --- | --- | --- | --- |
  | `resident`, or the `initiative` when `resident` is empty | exactly one of `other_resident` or `asset` (association, institution, place; a gift counts as its resident) | voorgesteld, ontmoet, meegedaan, burenhulp | verbinden, attendance, quick entry |

  `happened_on`, `recorded_by`, `recorded_at`, and optionally `initiative`, `need`, `activity` and a
  note say when, who and in what context. Attendance makes "ontmoet" ties between every pair of
  attendees (lower id as side A) and with the place and the initiative's associations, and
  "meegedaan" ties (initiative ↔ resident) for newcomers; partial unique constraints stop doubles
  when attendance is recorded again. Check constraints keep one side B and no tie with oneself.
- Roles: members see initiatives, needs, activities, the agenda and place calendars (and only the
  residents they may see); buurtmakers record, see "Wie kan helpen?", pledges and the log. Every
  service that names a resident writes the audit log; opening a connection is logged too.
"""
