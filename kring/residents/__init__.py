"""The resident's own door: a resident of a collective logs in with a personal link (or a
password they chose), sees and corrects what the collective keeps about them ("Mijn Kring"),
offers gifts, asks neighbours for help and answers their asks ("ik help mee"); buurtmakers
accept what residents write and connect helpers with one click.

This app stands above people, assets, initiatives, matching and privacy: it calls their
services and selectors and reads their models; none of them imports it. A standalone burenhulp
ask that opens is announced with ``signals.asks_opened``; kring.notices, a floor above, listens
and tells the neighbours whose gifts fit. Mijn Kring links to notices' rhythm page and offers the
inzage as a PDF (made by kring.privacy)."""
