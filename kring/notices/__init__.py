"""Notices: telling residents about new asks that fit their gifts, and asking afterwards
whether a connection led to something.

It sits above people, assets, privacy, initiatives, matching and residents and uses only their
front doors: a new need (``kring.initiatives.signals.needs_created``) or a neighbour's
standalone ask (``kring.residents.signals.asks_opened``) is matched to residents' gifts
by ``kring.matching.search``; residents who consented to "verbinden" and chose a rhythm
(immediately, daily, weekly) get one mail per rhythm with the reasons. Sending runs in the
background worker and claims a delivery row before it sends, so nothing goes out twice. Some
days after a connection, the resident (by mail) or else the buurtmaker (a to-do list) is asked
"Heeft dit contact tot iets geleid?"; the answer is kept on the connection
(``kring.initiatives.services.record_outcome``). No lower app imports this one.

In detail:

An app above people, assets, privacy, initiatives, matching and residents that uses only their
front doors.
- **New asks.** `initiatives.services.create_initiative` and `add_needs` announce new needs with
  `kring.initiatives.signals.needs_created` once their transaction commits (bulk-made needs send
  no `post_save`); any other code that makes needs (residents' own asks) calls
  `signals.announce_needs`. A neighbour's standalone burenhulp ask (no initiative) is
  announced by `kring.residents.signals.asks_opened` when it opens (posted directly, or
  accepted by a buurtmaker); notices sits above residents and listens to it too. An ask told
  this way is a `NoticeItem` with `ask` instead of `need` (a constraint keeps exactly one), its
  mail links to "Ik help mee" through the resident's door, and the asker is never told of their
  own ask (nor of the need a buurtmaker made of it). Notices enqueues `prepare_notices_task`,
  which asks `kring.matching.search` once per need (gifts only, `limit` 8 × `KRING_NOTICES_PER_NEED`) and
  reads the collective's subscribers once: residents with a `NoticePreference` other than "uit",
  an e-mail address and consent to "verbinden". A resident who chose "mijn buurt" hears only of
  asks of an initiative in their buurt; at most `KRING_NOTICES_PER_NEED` (25) residents per need,
  best fitting first. One `NoticeItem` per (resident, need), with the engine's reasons.
- **Sending.** `send_due` (in the task above, and every `KRING_NOTICES_INTERVAL_MINUTES` in
  `send_notices_task`, started once with `manage.py send_notices --enqueue`) claims one
  `NoticeDelivery` per (resident, period) in a transaction and attaches the waiting items to it,
  then sends. The period is the day (`dag-2026-12-06`) or ISO week (`week-2026-49`) of the
  digest moment (`KRING_NOTICES_DIGEST_HOUR`, weekly on Monday), or for "meteen" the first item;
  digests hold only what was found before that moment. The unique constraint and the
  `UPDATE … WHERE delivery IS NULL` make a second worker find nothing to send; a worker that
  dies after the claim leaves the row "bezig" and the mail is not sent again (at most once); a
  mail server that refuses frees the row and the items for the next run. Consent, address and
  choice are checked in the claim: a withdrawal stops mail at once ("overgeslagen"). The row
  keeps the count, never the content; the log line names only numbers.
- **Links.** Every mail carries a signed link (`django.core.signing`, salted per purpose) to the
  rhythm page and a one-click unsubscribe (`List-Unsubscribe`, `List-Unsubscribe-Post`, RFC
  8058; the POST needs no form or cookie). A buurtmaker can set the choice on the resident's page
  only while ticking that the resident said so.
- **Did it lead to something?** `ask_followups` (same periodic task) makes one `FollowUp` per
  connection (introduced or neighbour help) once it is the collective's `followup_days` old
  (`NoticeSettings`, 14 by default, within a 30-day window): a mail to the resident with an
  address and consent, else the buurtmakers' to-do list (on the overview through
  `core.overview`, kept in the page cache: `notices_followup` is watched by the data
  version; and `/c/<slug>/followups/`). The answer lives on the connection
  (`Connection.outcome`, `outcome_note`, `outcome_at`, written by
  `initiatives.services.record_outcome`), so the connections log, the network page and the
  municipality figures (`connections_worked`, through the one aggregation module and its
  suppression) count it without importing notices.
- **Privacy.** Inzage lists the new rows (relations to `Resident`); erasure blanks the
  outcome's line with the connection's other free text, and `the erasure registry`
  lets notices delete the choice, the items and the mail rows and unlink follow-ups.
- Tests: `tests/notices/` (standalone asks in `test_burenhulp.py`, two workers at once on
  PostgreSQL in `test_concurrent_sending.py`), `tests/e2e/test_notices.py` and the whole path
  in `tests/e2e/test_residents_door.py`; benchmark `bench/notices.py`.
"""
