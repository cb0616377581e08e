"""The asset map, its pictures and the wijkportret; the map's cluster cells follow every
asset save.

Map and network (kring.maps, kring.network)

**The map.** `kring/maps/selectors.py` reads every point through `visible_assets`, so a member
never sees a point a buurtmaker keeps to themselves. Only associations, institutions, places and
economy have points (the Okabe–Ito colours plus a shape per category, `styles.py`, so colour is
never the only cue). **Gifts are never on a map**: they belong to a resident, whose address must
not show; the map and its table count gifts per buurt (the gift's buurt, else its resident's).
Stories have no place. Clustering happens on the server: every answer groups the points in
view into cells of 64 screen pixels at its zoom level (Web Mercator) and sends a few hundred
clusters, plus single points (with title and link) where a cell holds one. The cells are kept
ready in a table, `maps.ClusterCell` (`kring/maps/cells.py`, migration `maps/0003`): one row per
collective, zoom level 0-16, grid cell, category and "members may see it" (visibility `leden`
or `openbaar`; buurtmakers read both kinds of rows, members only the first), holding the count
and the sums of latitude, longitude and id of the assets in the cell. Every figure is a sum, so
a change is "take the asset's old share out, put the new one in": signals in `maps/receivers.py`
read the asset's old row before a save (pre_save; skipped when `update_fields` touch none of
collective, category, visibility, latitude, longitude) and apply the difference after it (one
upsert of 17 rows, one UPDATE and DELETE of emptied rows), the same on delete; creating,
moving, changing category or visibility, removing the place and deleting all go through them.
Bulk writes that skip signals call `kring.maps.cells.add_assets(asset_ids=…)` for new assets
(the importer, `kring.imports.engine`, beside `index_assets`, for the mapped categories only) or
`rebuild_cells(collective_id)` for a whole collective (the archive restore,
which leaves the table out of the archive); `manage.py rebuild_map_cells [--collective SLUG]`
rebuilds them all; the migration fills the table for existing assets. Consents play no part: gifts, the only
assets whose visibility hangs on a consent, are never on the map. A cold answer
(`selectors._cells`) reads the rows of one zoom level inside the viewport (snapped to whole
tiles, so it holds whole cells) and adds the categories asked for: a few hundred rows; a cell
with one asset names it by its summed id, and its coordinates and title are read from the asset
itself. Cells are computed in Python (`cells.world_xy`, then × 2^(zoom+2), exact), the same way
for one asset and for a rebuild. Close in (zoom 17 and beyond) the answer lists the points in
view (at most 2,000). `clustering.py` keeps the same grid in numpy for the pictures and as the
reference the answer is tested against (`test_clusters_counted_by_the_database_equal_the_numpy_grid`,
both visibility levels; `tests/maps/test_cells.py` checks after every kind of change, and after
60 random changes, that the table equals a recount and the answer the numpy grid). Assets
changed by `QuerySet.update()` or raw SQL are not followed: nothing in Kring writes asset places
that way; whoever adds such a path calls `rebuild_cells`. Answers are cached per collective, visibility level, zoom, viewport
(snapped to whole tiles) and category filter; every cache key holds a fingerprint of the
collective's assets (count and latest change, one aggregate query on the index
`maps_asset_changed`). The fingerprint is kept 30 seconds and dropped when an asset
is saved or deleted (signals in `maps/receivers.py`), so a change shows at once in every process that
shares the cache (`KRING_CACHE_URL`: all app nodes), and within 30 seconds in processes that
each have their own memory cache (the cluster table itself is shared: a cold answer in any
process is up to date). The page works without JavaScript: the filter is a GET form, and beside the map a
table per buurt and a paged list give the same information to keyboard and screen-reader users.
The base map is `KRING_MAP_TILES_URL` (shared with the public site's member map, default PDOK
BRT-Achtergrondkaart with "Kaartgegevens © Kadaster"); only its host is allowed in the CSP
`img-src`. Without tiles (offline, tests) the map shows the boundaries and the markers.

**Placing an asset.** On the asset form for groups, institutions, places and economy,
`maps/place.js` adds a small map under the latitude and longitude fields (click to fill them in)
and an address search that asks `maps:geocode`. Geocoding goes through `geocoding.Geocoder`
(`geocode(address) -> list[Result]`); `PdokGeocoder` (PDOK Locatieserver) is used only when
`KRING_GEOCODER_URL` is set; tests put recorded answers in its place (`set_geocoder`). On save,
`kring.assets.placing.place_asset` (called by the asset services) geocodes a typed address when no
point was chosen, and finds the buurt from the point with `neighbourhood_for_point` among the
collective's buurten when none was chosen.

**The network.** `kring/network/graph.py` builds one undirected graph per collective: every
resident (also without ties: those are the "not yet connected"), the groups, institutions and
places and the initiatives that have ties. Ties come from the connections log (a gift's party is
its resident), initiators and participants of initiatives, activity attendance and the assets an
initiative uses; parallel ties are one edge with the date of the first. `metrics.py` measures it
with igraph: degree, components, Leiden communities (modularity), betweenness (exact up to 5,000
vertices; above that estimated by `estimate_betweenness`: sources in a seeded random order, 10 at
a time (fewer when the budget is small), each batch's sums an independent draw, the estimate
scaled by n/k; after ten batches the spread between batches gives every vertex a standard error,
and from those `expected_agreement` forecasts the share of the estimated top-100 that is in the
exact top-100; since that normal forecast is far too hopeful with few sources, the forecast kept
is the lower of it and `split_agreement` (how far the odd and the even batches agree on their
top-100); sampling stops at 92 % or at the graph's budget of sources × ties
(`betweenness_budget`: 400 million up to 50,000 vertices, accuracy first; 10 million above,
about ten sources on a million ties, so a national graph is measured in seconds and its list is
marked rough), and the summary keeps the sources used, the forecast for the top-100 and the one
for the connectors shown; the page says it is an estimate and how sure, and below 50 % that the
list is a first hint, see docs/performance.md for how well the forecast matched), and the kind
of every tie:
**linking** when one end is an institution, otherwise **bonding** inside a Leiden community and
**bridging** between communities. Connectors are residents with at least two ties, ranked by
betweenness, then by the number of communities they reach. Comparing two dates uses the same
vertices with only the ties made by each date. A buurtmaker starts an analysis
(`services.start_analysis`, logged in the audit log); it runs as a django-tasks task
(`tasks.analyse_network`) that writes its progress to `NetworkAnalysis`, and the progress page
refreshes itself (meta refresh) until the result is there. The layout is computed once
(Fruchterman–Reingold with its grid; fewer iterations above 5,000 vertices) and stored with the measures. The result keys
vertices as `r:<pk>`, `a:<pk>`, `i:<pk>`, never by name: names are looked up when shown, through
`visible_residents` and `visible_assets`; whoever may not see a resident sees "Bewoner 7". Only
buurtmakers see the connectors and the to-do list of people not yet connected. The browser draws
the stored layout with sigma.js and graphology (WebGL, bundled by `make vendor`).

**Pictures.** The map (`maps/render.py`) and the network (`network/render.py`) are SVG built in
Python from the boundaries, the clusters and the stored layout, with a legend; PNG comes from
that SVG through CairoSVG. Network pictures carry no names: they are made for meetings. The
**wijkportret** is one A4 landscape page (WeasyPrint): the map, the network with its figures,
counts per asset category and up to three stories a buurtmaker chose on the wijkportret page
(`PortraitStory`), each printed only while its tellers allow it; its PNG is the PDF's page rendered with PDFium, so both are the same. Every
picture sits beside a table with the same figures.
"""
