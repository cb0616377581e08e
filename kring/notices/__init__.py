"""Notices: telling residents about new asks that fit their gifts, and asking afterwards
whether a connection led to something.

It sits above people, assets, privacy, initiatives and matching and uses only their front
doors: a new need (``kring.initiatives.signals.needs_created``) is matched to residents' gifts
by ``kring.matching.search``; residents who consented to "verbinden" and chose a rhythm
(immediately, daily, weekly) get one mail per rhythm with the reasons. Sending runs in the
background worker and claims a delivery row before it sends, so nothing goes out twice. Some
days after a connection, the resident (by mail) or else the buurtmaker (a to-do list) is asked
"Heeft dit contact tot iets geleid?"; the answer is kept on the connection
(``kring.initiatives.services.record_outcome``). No lower app imports this one.
"""
