"""The self-scan "handelingsperspectieven" for municipality staff.

The self-scan for municipalities (kring.selfscan)

- **What**: a questionnaire in B1 Dutch for municipality staff on how their ways of working fit
  community-led work, after the network's verkenning "ABCD naar veerkrachtige gemeenschappen".
  `Theme` (title, intro, three suggestion texts) and `Statement` (text, `is_reversed`) are data:
  a reversible data migration (`0002_starter_themes`) ships six themes (vertrouwen, flexibel
  geld, regels, gebiedsmedewerker, een stap terug, luisteren) with five statements each;
  installation staff and network editors who have an admin log-in edit them in Django's admin.
- **Rounds over time**: a `ScanRound` belongs to one gemeente; starting a new round closes the
  open one (a partial unique constraint keeps one open round per gemeente). Every municipality
  user of the gemeente fills in their own `Response` (one per person per round): one page per
  theme, a fieldset with legend and five radio buttons per statement (1 klopt helemaal niet … 5
  klopt helemaal), no JavaScript. Saving is a draft; "Inleveren" needs every statement and makes
  the answers count. Answers can be changed while the round is open; a closed round takes none.
- **Scores** (`scoring.py`, no database): a theme's score is the mean of all handed-in answers to
  its statements (a reversed statement counts 6 − answer), 1–5; below 2.5 "begin", to 3.5
  "onderweg", from 3.5 "sterk", which picks the theme's suggestion. `selectors.round_scores`
  reads one grouped query (statement, value, count), so the page costs the same for 3 or 300
  colleagues. Comparing two rounds shows both and the difference per theme.
- **Pictures**: `charts.py` builds the profile as an SVG bar chart on the server (numbers beside
  every bar, the second round hatched, a legend in words) beside a table with the same figures;
  a print stylesheet and a WeasyPrint PDF (`rounds/<n>/selfscan.pdf`).
- **Access**: every page asks `selectors.municipality_of(user)` first: a user without a gemeente
  (every collective member) gets 404, and rounds are looked up within the user's gemeente, so
  another gemeente's round is 404 too. There is no way for a collective to see a scan; sharing
  is not built. Answers are opinions of staff, not residents' data, so they are not in the audit
  log; the results show only averages and the number of colleagues who handed in.
- **Demo**: `load_demo` gives the demo gemeente two rounds a year apart (the demo log-in and two
  colleagues whose log-ins are gone), so `make demo` shows change over time.
"""
