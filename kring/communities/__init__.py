"""Collectives, memberships, roles and invitations; ``access.py`` scopes every view to one
collective.

Roles

`Membership.role` is `beheerder` > `buurtmaker` > `lid`; `Membership.has_role()` compares ranks.
A municipality user is a `User` with `municipality` set; a network editor has
`is_network_editor`. A collective always keeps at least one beheerder (services refuse otherwise).

**Where each role lands** (`kring/communities/places.py`): `places_of(user)` lists the places a
person works: each collective of a membership, the gemeente (a municipality user; the place
starts at the dashboard `/municipality/impact/` and covers `/municipality/`) and the editorial
pages (a network editor). After logging in (`LOGIN_REDIRECT_URL` is the home page, unless a
`next` link was followed) someone with one place goes straight there, someone with several gets
a short choice page (`core/home.html`), someone with none is told to ask for an invitation. The
header shows a "Waar u werkt" menu (`places-nav`, from the context processor
`kring.communities.context_processors.places`, read lazily) with a link to each place, the
current one marked, once there is more than one place or a place that is not a collective.
"""
