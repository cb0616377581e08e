"""The network's public site and its editors' pages, and the front door (``/``).

The public site (kring.public)

- Anonymous visitors of `/` get the public home (`kring.core.views.home` hands over); logged-in
  users keep their own home. The public pages (namespace `public`) are open to all and read only
  through `kring/public/selectors.py` (and the agenda through `kring.initiatives.selectors.public_agenda`): `public_members()` returns published collectives with
  **only** the explicit public-profile fields (`public_place`, `public_province`, `public_teaser`,
  `public_description`, `public_themes`, `public_logo`). Nothing there reads residents, gifts or
  assets; `tests/public/test_privacy.py` walks every public URL with a collective full of
  secret-named residents, gifts and assets (even an asset marked "openbaar") and finds none.
- A collective's admin edits the profile at `c/<slug>/public-profile/` (namespace
  `public_profile`). Every edit is kept as a **draft** (`ProfileDraft`, one per collective, the
  same six fields); the public site reads only the published fields on `Collective`, so a draft
  never shows there. The preview renders the draft through the public templates themselves (an
  unsaved copy of the collective with the draft's fields), then the admin publishes it (the
  draft's fields are copied over and the draft goes), throws it away, or takes the profile
  offline (the draft stays). Saving, publishing, discarding and taking offline are written to
  the audit log. Logos go through `kring.core.images`; a replaced or discarded logo file is
  deleted once the transaction commits.
- **Public agenda**: `members/<slug>/agenda/` lists what a published collective put on its
  public agenda (opt-in per activity or series, `kring.initiatives.selectors.public_agenda`):
  title, date and time, and the place's name only when that place is marked openbaar; never
  residents. The profile shows the next three. `members/<slug>/agenda.ics` is the same as an
  iCalendar feed (`calendar.agenda_ics`: one VEVENT per occurrence, UID stable per occurrence,
  UTC times). An unpublished collective has neither (404).
- The map uses Leaflet (vendored) with one marker per member at the centre of its working area,
  or else of its gemeente; points come in the page as JSON (`json_script`), so no inline script.
  Tiles: `KRING_MAP_TILES_URL` (PDOK BRT-Achtergrondkaart by default, Kadaster attribution); its
  host is added to `img-src` only. The list under the map is the keyboard and screen-reader way.
- The member directory is paginated (`MEMBERS_PER_PAGE` = 30 in `kring/public/views.py`, the
  shared `kring/pagination.html`, filters kept in the page links), so a phone never gets all
  members at once. `bench/public_pages.py` measures every public page (server time, queries
  against a 10-member baseline, gzip page weight of HTML plus referenced static files, whether
  the page needs JavaScript); `tests/test_bench.py` holds it to its budgets (docs/performance.md,
  "Public site").
- News and publications: editors (`User.is_network_editor`, pages under `/editorial/`, namespace
  `editorial`) write in a Quill toolbar over a plain textarea (works without JavaScript too);
  every rich text is sanitised with nh3 in the service before it is stored
  (`kring/public/richtext.py`). Pictures in a text: the editor's picture button (news,
  publications, meetings; not the newsletter, whose mails need absolute addresses) sends the
  file with `fetch` and the CSRF token to `editorial/images/`, which checks and re-encodes it
  with `kring.core.images` (JPEG, PNG or WEBP; SVG, GIF and anything else is refused), stores it
  as `EditorImage` under `media/public/editor/` with a random name and answers its address; the
  editor is asked for an alt text. Without JavaScript the same page has an upload form and the
  HTML to paste. The sanitiser keeps an `<img>` only when its `src` is exactly a file in that
  folder under `MEDIA_URL` (no other host, no `..`, no query); other pictures are dropped.
  Editors delete news items, publications and meetings after a confirmation page that says what
  goes (the item's own image or PDF, a meeting's registrations; articles that link a deleted
  publication stay); files are removed after commit and the deletion is logged (numbers only).
  Pictures uploaded into texts are kept, as another text may use them. PDFs are checked (magic bytes, size `KRING_MAX_PUBLICATION_BYTES`)
  and always served as attachments. Atom and RSS feeds (`/news/feed/atom/`, `/news/feed/rss/`),
  `/sitemap.xml`, OpenGraph tags on every public page.
- Academy: sign-up takes a place or the waiting list under a row lock; a cancellation (signed link
  in the mail) moves the first on the waiting list up and mails them. Every mail carries an `.ics`
  (icalendar); `/academy/<slug>/calendar.ics` too.
- Newsletter: double opt-in. The sign-up stores the exact consent text, when, and a keyed hash of
  the IP address; the confirmation link is signed and expires (`KRING_NEWSLETTER_CONFIRM_DAYS`);
  its GET only shows a button so mail scanners cannot confirm. Each newsletter mail has a one-click
  unsubscribe link (GET shows a button; POST unsubscribes, also RFC 8058 `List-Unsubscribe-Post`
  without CSRF). Sending: the recipients (confirmed at that moment) are fixed as `Delivery` rows,
  then the `send_newsletter` task sends in batches with a pause (`KRING_NEWSLETTER_BATCH_SIZE`,
  `KRING_NEWSLETTER_BATCH_PAUSE_SECONDS`), marking each row, so a retry never sends twice; the
  report page counts sent, failed and waiting. When sign-up is switched off
  (`KRING_NEWSLETTER_SIGNUP=false`) every sign-up box says how else to subscribe.
"""
