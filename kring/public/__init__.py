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
- Contact details (`kring.communities.models.PublicContact`, on `Collective` and on the draft):
  an e-mail address for visitors, whether it is shown and whether the profile has a contact
  form, a website, a phone number (Dutch or international, `kring.core.phone`; the page links
  it as `tel:`) and a visiting address, typed or picked from the collective's places marked
  public and its own address (`kring.assets.selectors.public_place_addresses`; a place seen
  only inside the collective may be someone's home, so it is not offered). Only what is filled
  in shows; pages read them through `selectors.contact_details()`, which holds the e-mail
  address only when the collective chose to show it.
- The contact form (`members/<slug>/contact/`, `contact_views.py`, `services/contact.py`): a
  visitor's name, e-mail address and message are mailed to the profile's address with the
  visitor as Reply-To, during the request (a background task would keep the message in its
  table); nothing of it is stored and the log names only the collective. Limits through
  `kring.security.rate`: per visitor's address (`KRING_CONTACT_MESSAGES_PER_HOUR`), per
  sender's address (`KRING_CONTACT_MESSAGES_PER_ADDRESS`) and one message per visitor or
  sender to the same collective within `KRING_CONTACT_REPEAT_SECONDS`; a refusal is a 429
  page that keeps the message. A robot filling the hidden field (`kring.security.honeypot`)
  gets the thank-you page and nothing is sent. A profile without an address has no form.
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
- Academy for editors (`editorial_academy.py`, services in `services/academy.py`): the
  registration list of a meeting on screen with aanwezig ja/nee per registration (one form,
  radio buttons, refused when stale: saving moves the meeting's version), and as CSV and XLSX
  through `kring.exports.tables` (formula cells neutralised). **Reminders**: each meeting has
  `reminder_days` (default 2, 0 = none); the periodic task `send_meeting_reminders_task`
  (started by `manage.py send_meeting_reminders --enqueue`, repeats every
  `KRING_ACADEMY_REMINDER_INTERVAL_MINUTES`) mails everyone with a place once, claiming the
  registration first (`reminder_for` = the start it is about) so a second worker or a rerun sends
  nothing; cancelled and waiting-list registrations get none, nor does someone who signed up
  after the reminder moment. A meeting moved to another start after its reminders went gets one
  new reminder for the new time ("Gewijzigde tijd"). Mails speak the language the person signed
  up in (`Registration.language`), with date, place, the cancel link and the `.ics`. **Mail to
  everyone registered** (`MeetingMail`): write, preview, a confirmation with the number of
  recipients (places and waiting list; not the cancelled), then the `send_meeting_mail` task
  claims one `MeetingMailDelivery` per registration before each mail (never twice; someone who
  cancelled meanwhile is skipped) and the report counts them. **Retention**: a registration
  keeps name, address and organisation until `KRING_RETENTION_REGISTRATION_DAYS` (365) after
  its meeting ended; then the daily retention run (a purge in `kring.core.retention`) wipes
  them, keeping status and attendance as counts. Registrations are the network's, not a
  collective's, and hold no link to a resident: erasure of a resident does not reach them.
- Newsletter: double opt-in. The sign-up stores the exact consent text, when, and a keyed hash of
  the IP address; the confirmation link is signed and expires (`KRING_NEWSLETTER_CONFIRM_DAYS`);
  its GET only shows a button so mail scanners cannot confirm. Each newsletter mail has a one-click
  unsubscribe link (GET shows a button; POST unsubscribes, also RFC 8058 `List-Unsubscribe-Post`
  without CSRF). Sending safely (`services/newsletter.py`): the editor sees a preview of the
  mail's HTML (its own page in a sandboxed frame) and text version, may mail a test to themself
  (subject "[Proef] …"), and confirms on a page that says how many confirmed subscribers get it;
  the confirmation carries the version seen in the preview and a newer one is refused. Now: the
  recipients (confirmed at that moment) are fixed as `Delivery` rows and the `send_newsletter`
  task sends in batches with a pause (`KRING_NEWSLETTER_BATCH_SIZE`,
  `KRING_NEWSLETTER_BATCH_PAUSE_SECONDS`); each row is claimed before its mail
  (`kring.core.bulkmail`), so a retry or a second worker never sends twice. Later: the issue is
  "ingepland" and the task is queued with `run_after`; it starts only while the issue is still
  scheduled and due, so a cancelled schedule sends nothing (scheduling needs the database queue;
  without a worker the choice is not offered). Every step is a locked, conditional status change
  (concept → ingepland → wordt verstuurd → verstuurd) and check constraints keep the times with
  the status, so a sent or scheduled issue cannot change or be sent again. Links and pictures of
  the site get the site's address in the mail. Sent issues form the public archive
  (`/newsletter/archive/`, a web version per issue without any subscriber's link, Atom and RSS
  feeds, the sitemap), linked from the sign-up page. The report page counts sent, failed,
  skipped (unsubscribed meanwhile) and still open. When sign-up is switched off
  (`KRING_NEWSLETTER_SIGNUP=false`) every sign-up box says how else to subscribe.
"""
