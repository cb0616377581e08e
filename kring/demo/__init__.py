"""The demo: a sample gemeente and three collectives after a lived year.

The demo (kring.demo)

`make demo` runs `manage.py load_demo`: the sample gemeente Kringstad (`GM9999`, from
`kring/geo/data/sample-kringstad.geojson`) and three collectives modelled on the seed's members
(a coöperatie in a city district, a dorpshuis run by residents in an old fort, a wijkcentrum that
residents bought), as they look after about fifteen months of use.
- **Lived, not poured in.** `lived.CollectiveYear` (`lived/`: the plan, the acts) plans one
  collective's year as dated events
  (`data/`: who the collectives are and what they have; `year/`: their initiatives with needs
  under the three questions, activity series, pledges; `residents.py`: the residents and what they
  allowed). Every event calls the project's own services as the buurtmaker (or beheerder) who did
  it: `record_gift_conversation`, `create_resident`/`set_consents`, `create_asset` (with tellers),
  `set_sharing`, `create_initiative`/`update_initiative`, `helpers_for_need` then
  `connect_for_need` (the first suggestion not yet asked), `set_need_status`, `save_activity`
  (and, for the coming meetings of a running weekly or monthly initiative such as the repair
  café and the buurtmaaltijd, `save_series`: a repeating series on the public agenda),
  `record_attendance`, `add_pledge` (residents, groups, institutions and shops),
  `record_connection` (neighbour help, introductions to groups), `start_analysis` (three dates,
  the last compared with six months earlier). The builder sorts all events of all collectives by
  time and runs them one by one with **the demo's clock** (`clock.py`) on that moment: it
  replaces `django.utils.timezone.now` for the build only, so `auto_now_add` fields, the audit
  log, consent, the assets' history and every "today" in a service are what real use on that day
  leaves. Nothing is dated later than five minutes before the build. So the audit chain verifies,
  and the search index, map cells, counts and impact figures are exactly what the services keep
  (`tests/demo/test_load_demo.py` recounts them from scratch and compares).
- Background work (network analyses, the council report, figure preparation) runs in the
  build's own process (the immediate task backend for its duration), so the demo is complete
  when the command ends; afterwards the gemeente's figures of this and last year are prepared
  and one council report is made.
- It is one transaction, reproducible (fixed seeds) and rerunnable: a new run first deletes what
  the last one made (found by the demo slugs in the sample gemeente and the demo e-mail
  addresses, plus the sample gemeente's reports), never anything else. `--size small` (about 30
  residents per collective, weekly meetings every fourth week) is what the tests load. It prints
  the counts (initiatives by status, needs by question and status, connections by kind,
  activities and hours, pledges by giver kind, stories, network analyses) and its time;
  `bench/demo.py` measures it (`docs/performance.md`).
"""
