"""Residents, their consent per purpose and the conversations held with them.

A resident's record is written only by ``kring.people.services``. People sits below assets and
imports none of the apps above it: the gift conversation (gaven-gesprek) lives in
``kring.assets`` (``services.record_gift_conversation``, which asks people's services for the
resident, the consent and the conversation); withdrawing consent for the inventory is announced
with ``signals.consents_set`` and assets removes the gifts; a resident's page shows the gifts
and stories that assets registers in ``kring.core.sections.resident_page``. Consent is recorded per purpose
(inventaris, verbinden, leden, verhalen, fotos) with when, how and by whom; withdrawing keeps
the record and stops the use at once. Erasure (``kring.privacy``) leaves the record as an empty
shell so that conversations, connections and participation keep counting."""
