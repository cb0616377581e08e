"""Residents, their consent per purpose and the gift conversation (gaven-gesprek).

A resident's record is written only by ``kring.people.services``; the gifts named in a gift
conversation are made by ``kring.assets.services.create_gifts``, and withdrawing consent for
the inventory asks ``kring.assets.services.delete_gifts_of``. Consent is recorded per purpose
(inventaris, verbinden, leden, verhalen, fotos) with when, how and by whom; withdrawing keeps
the record and stops the use at once. Erasure (``kring.privacy``) leaves the record as an empty
shell so that conversations, connections and participation keep counting."""
