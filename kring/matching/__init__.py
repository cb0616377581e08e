"""Matching: one search engine for a whole collective (the details follow the example).

from kring.matching import search
for match in search(collective=c, text="fietsreparatie", neighbourhood=need.neighbourhood,
                    viewer_access=access):
    match.asset, match.score, match.reasons

Matching (search)

One engine answers both the need's "Wie kan helpen?" and the search box (`/c/<slug>/search/`, a
box under every collective's menu). Others call it only through:
```python
kring.matching.search(*, collective, text: str, neighbourhood=None, limit: int = 10,
                      viewer_access=None, categories=None) -> list[Match]
# Match: .asset (an Asset; a gift carries .resident), .score: float, .reasons: list[str],
#        .summary: str (one sentence a person would write), .sure: bool (False when only a
#        loose link answers: a wide link of the lexicon or a word related to a compound's part;
#        the search page shows those apart, under "Past misschien ook")
kring.matching.explain(*, text: str, assets, neighbourhood=None) -> list[Match]
# the given assets (already allowed by the caller) that fit text, best first; no index: for
# the message about one connection
```
- **Analysis** (`analysis.py`, no database): lower case, accents folded, Snowball's Dutch stop
  words (plus "hulp", "zoeken" …), Snowball's Dutch stemmer (PyStemmer), made a little coarser
  (doubled vowels and a final -s after a consonant do not count: fiets = fietsen, repareer =
  repareren = reparatie; a long vowel that tells two common words apart stays, as
  `data/long_vowels_nl.txt` lists them: lezen is no les, kopen no kop). A word that is common in English and clearly more common there than
  in Dutch (wordfreq's English and Dutch lists: at least zipf 3 in English and 1 more than in
  Dutch) is stemmed with Snowball's English stemmer instead: painting = painted = paints,
  cooking = cooks; "computers", "training" or "water" stay Dutch. Forms the stemmer leaves
  apart are joined: a verb's form in -t meets its infinitive when that is the more common word
  (schildert = schilderen, speelt = spelen, leest = lezen; kaart, buurt, sport stay), so does
  a verb's stem in -en (ik oefen = oefenen, reken = rekenen; teken, a sign, stays), a
  diminutive of a word in -t meets the word (kastje = kast), and the verb of a separable verb
  stands for the joined verb ("laat honden uit" = uitlaten, "past op kinderen" = oppassen; not
  before an article: "werkt in de tuin"). The stemmer takes ge- off every word; a word keeps
  it when what is left is a word of its own and the word is no past participle (gewoon is no
  woon, gezin no zin, gezondheid no zon; gemaakt = maken, gebouwd = bouwen, by 't kofschip and
  the verb's use; gesprek, whose "sprek" is no word, stays spreken's). A change of these rules needs
  `manage.py rebuild_search_index` once. Compounds are split against wordfreq's Dutch word list plus
  `data/words_nl.txt` (fewest parts, then most common parts; linking -s-, -e-, -en-, no -s-
  after a full vowel: toeslagen is toe + slagen; a word in -eren is not split before a short
  head, jongleren is no jong + leren, but aanleren is; common words are not split), and a word is indexed with its parts. The analysis is deterministic and does not
  use the indexed words as vocabulary, so index and question always agree without rebuilding.
- **Synonyms** (`SynonymGroup`, per installation, in Django's admin; 59 starter groups from a
  reversible data migration) are applied to the *question* only, so an edit counts at once.
  Phrases work too ("eten maken" = koken).
- **Index**: `SearchDocument`, one row per asset with its keys, each prefixed with the collective
  (`c12xfiet`), so the full-text index itself is split by collective: SQLite's FTS5 (external
  content, kept in step by triggers) or PostgreSQL's GIN index over `to_tsvector('simple', keys)`.
  Both index the same Python-made tokens, so both find the same documents. The row also keeps
  the words for typos (`words`, see below); it goes with its asset like the keys. `create_asset`,
  `update_asset` and `record_gift_conversation` (all in `kring.assets.services`) call `kring.matching.services.index_asset(s)`;
  deleting an asset deletes its row (cascade). Bulk paths call `index_assets(asset_ids=…)`,
  `index_new_assets` inside `bulk_indexing` (imports, see there) or
  `rebuild_search_index(collective=…)`;
  `manage.py rebuild_search_index [--collective SLUG]` rebuilds.
- **Consent and visibility** are not copied into the index: the candidate query checks the
  consent table itself (a gift shows only while its resident consents to "verbinden"; withdrawal
  counts at once), and the assets shown are read again with the query the ORM makes from
  `visible_assets(viewer_access)` (`visible.py`). Making that query cost about 2 ms of CPU per
  search, so it is made once per thread for each shape (no viewer, buurtmaker, lid; how many
  assets) from `visible_assets` itself, for a stand-in collective and stand-in asset numbers,
  and afterwards only its parameters change. The stand-in access has only `collective` and
  `is_builder`, and the first real read of each shape is compared with the query the ORM makes
  for the real viewer: a rule of `visible_assets` that depends on more makes that shape fall
  back to the ORM for good (with a warning in the log). Without `viewer_access` the results are
  what a buurtmaker of the collective may see.
- **Related words and English** (`lexicon.py`, `data/lexicon.json`): related Dutch words and
  English-Dutch word pairs, generated by `build_lexicon.py` (`make lexicon` installs the Debian
  packages and runs `python -m kring.matching.build_lexicon`; the output is committed, nothing is
  downloaded at run time) from openly licensed resources that Debian ships: **FreeDict**'s
  Dutch-English and English-Dutch dictionaries (GNU GPL 2.0 or later), **Princeton WordNet 3.0**
  (WordNet 3.0 licence, a permissive BSD-like licence) and the Dutch definitions of FreeDict's
  dictionaries made from **Wiktionary** (CC BY-SA 3.0; peuter, "een jong kind ...", is linked to
  kind, tolk to taal: "gloss" links too, see `build_lexicon._add_definition_links`). A Dutch word is
  translated into English and its English words are looked up in WordNet; where two of them
  share a sense (band: tire, tyre) the dictionaries agree on it and, for that part of speech,
  only agreed senses count, otherwise each English word's first sense (and its second when the
  first lies outside the domain and is hardly more used: home, a dwelling). Senses go by use:
  an English word counts only with 3 % of the use of the word's English words or a sense
  shared with another (stuk is not diploma), a word that cannot be a verb is read through
  nouns only (grond is not "to soil", bevuilen) and one that can through the parts of speech
  its English words are used as (WordNet's tagged counts), and two words the English-Dutch
  dictionary lists under different senses of an English word are not the same (meal:
  maaltijd, gort). Two Dutch words are
  related when they share a sense both are sure of (agreed, their only English word, or that
  word's only sense: maaltijd and meel, both "meal", are not) or one sense is derived from the
  other (hovenier → gardener → garden → tuin). Wider links are
  kept only into the words of gifts and needs (`domain_words()`: `words_nl.txt`, the demo's texts
  and the first labelled set, never the second set, which measures), at most 8 a word: senses of
  one WordNet topic ("topic": algebra, wiskunde), parts and wholes ("part": rem, fiets), a
  broader or narrower kind, two steps the same way for things ("kind": kleren, broek). A search
  uses at most 6 close and 4 wide
  related words a word; they weigh 0.5 (same sense), 0.45 (derived), 0.4 (wide). A word is also
  linked to the words its WordNet definition names, and to the words whose definition names it
  ("gloss": snoeien, prune "... the plants in the garden" ↔ hovenier, gardener, derived from
  garden; koken ↔ maaltijd; kapper ↔ haren), weighed by how rare the naming English word is and
  less for words of many senses, an example sentence counting less than the definition; at most
  10 a word, into the words of gifts and needs only, weight 0.25, not for a compound's parts. Such
  a wide link does not make a rare or unknown word "known" to the typo check; a common one
  (Zipf >= 3) it answers is taken as meant ("broek" is not "boek"). An English word of the question
  also brings the related words of its first Dutch word (gardening → tuinman → snoeien), at the
  translation's weight times theirs. "korter maken" is inkorten: an adjective a few words
  from "maken" also asks (0.8) for the verbs made of it with ver- or in- whose English words
  the dictionaries make of the adjective's (short: shorten; large: enlarge; so verlangen is not
  lang's); the lexicon's `made` part. A light verb (maken, geven, nemen, krijgen, gaan, komen,
  laten, zetten) beside other words counts 0.4 of its weight and asks for nothing the lexicon
  links it to: in "broek korter maken" or "les geven" the other words say what is asked; alone
  it counts in full. A light verb that stands for another word (repareren: maken) counts 0.4 as
  well. A word used mostly as an adjective or adverb (goed, samen, buiten; the lexicon's
  `unlinked` part) has no related words, not even through another word of its key (buiten:
  buit). A Dutch word's English words are tried in order of use, as the builder lists them
  (`translations`: both dictionaries, a shared sense, a first sense of the domain, then English
  frequency; broek: pants, shorts, trousers, not marsh first; huis: house first), leaving
  out those that are common Dutch words of another sense (kweken: "school", roest: "rust"), and a
  close related word (same sense, derived) or one a definition links also stands for its first
  English word (band: fiets, "bike") when that
  word's first Dutch word is it again (tuin: tuinman, "gardener"), at the related weight times
  the translation's. An English word
  also stands for its sense's other English words (mathematics, math → wiskunde), the Dutch words
  that both dictionaries pair with it first. An English word is translated by its own Dutch
  words before those of other English words of its key (Snowball gives practice and practical
  one key: practice is oefenen, not praktisch), a form with -s, -ed or -ing by its key's (playing:
  spelen). A Dutch word's English noun also asks for its irregular plural (WordNet's noun.exc,
  when read as English and no more used word's form: shelf, shelves, which the English stemmer
  keys apart; the lexicon's `plurals`), outside the cap of its English words. English and
  Dutch keys are looked up in separate directions: a word is read as English (it or one of its
  forms without -s, -ing, -er) only when wordfreq's English list knows it better than its Dutch
  one, so a misspelt Dutch word is not translated as an English one. Only used Dutch words
  (wordfreq's Dutch list from zipf 2, so verstellen and inkorten count, and `words_nl.txt`) in WordNet's files for people, acts, artefacts, food, plants,
  animals, cognition (school subjects), groups, possessions, states (debt, rent, illness),
  substances (soil, wood, paint) and verbs of doing are kept. `data/lexicon.json` is therefore a derivative of GPL-licensed and CC BY-SA data (shared
  under GPL-3.0-or-later, see docs/architecture.md); Kring itself is EUPL-1.2, which lists the
  GPL as compatible. Both are applied to the *question* only (an
  English question finds Dutch gifts, a Dutch question English gifts: "‘gardening’ is Engels
  voor ‘tuinieren’"); English stop words ("looking for someone to help with") are dropped.
  A question is English when more of its words (stop words too) are clearly English than
  clearly Dutch; then a word English uses more than Dutch ("garden") brings no related words
  of its Dutch spelling (garde, garen); the other way round, in a question that is clearly
  Dutch a common Dutch word (zipf 3 or more) brings no Dutch words of its English spelling
  ("voedsel bank": not wal, oever). An English word the lexicon does not translate is
  read by two English words it does ("haircut": hair + cut), as a Dutch compound's parts, and
  the Dutch compound of its parts' Dutch words is its translation when Dutch has that word
  ("homework": huiswerk). A word no word list knows that has the key of a lexicon word
  ("schilderren": schilderen) gets that word's related words at 0.75 of their weight, and the
  reason names the word: "‘schilderren’ lijkt op ‘schilderen’, en dat hoort bij ‘verven’". A
  related word whose key a far more used adjective has (goedje: goed) is left out.
- **Typos** (`typos.py`): a word of the question that no document of the collective has is
  compared with the collective's own vocabulary (the keys of its search documents and their
  words as written, from the documents' `words` column: each key once and each word as
  written once). The vocabulary is kept in the database, in `TypoWord` (collective, word,
  number of documents): triggers on the search documents keep it in step with every write
  (a statement-level trigger with transition tables on PostgreSQL, row triggers on SQLite;
  imports, cascades and raw SQL included), a full rebuild sets them aside and makes the table
  again from all documents at once, a rebuild of one collective makes its part again, and
  migration 0010 made it for the documents there were. A search reads a collective's few
  hundred words with their counts as two texts and keeps them for 60 s or until the
  collective's number of documents changes (counting the documents' words columns for it cost
  1-2 ms of a search's CPU). Backups leave the table out: restoring the documents counts it
  again. Edit distance 1, 2 for words of 8
  letters or more (a swap of two letters counts as one). No index is made: one mistake is found
  by looking up the word's own few hundred edits in the vocabulary; two (only when one finds
  nothing) by measuring the words of about the same length that share enough pairs of letters
  (two mistakes in a word of fewer than 8 letters only when it is shorter than the question's).
  A long word may also be a known part plus a part with one mistake ("gittaarles" = gitaar +
  les; a gift with both parts counts both, as for a compound written right; a part of 4 letters
  only to a key with one letter more: "kinderopas" = kinder + oppas). A compound that is no word
  at all asks for itself with other linking letters before its head when that is a common word
  ("ziekehuis": ziekenhuis, "voedselsbank": voedselbank; as a typo, "bedoelde u ‘ziekenhuis’?"),
  and two neighbouring words that together are a common word ask for it ("‘voedsel bank’ is één
  woord: ‘voedselbank’", 0.75) and, as a compound's parts, leave their wide related words out.
  A mistake can change the stem ("reperaren" has the stem "reper", "repareren" "reparer"), so the word as written (folded) is also compared with the collective's words as
  written (those of its assets' titles and descriptions, kept in the documents). When
  this process already knows the collective's vocabulary, the question is corrected before the
  candidates are asked for (one round trip); otherwise, on PostgreSQL, the candidate query
  brings the vocabulary along when one of the question's words has no candidate (SQLite, which
  has no round trips, reads it with a query of its own), and the documents of the corrected
  words are asked for only when a correction was found. Either way a word is corrected only when no document of
  the collective answers it, so both paths correct alike. The same Python code runs on SQLite
  and PostgreSQL. The reason says "bedoelde u ‘computers’?". A word wordfreq's lists or the
  lexicon know is no typo ("kweken" is not "weken" when no gift says it); for it only a key
  one letter longer or shorter at the end is looked for, a form the stemmer keeps apart
  (eenzaamheid: eenzame), shown as "‘eenzaamheid’ lijkt op ‘eenzame’".
- **Ranking** (`selectors.py`): BM25 computed in Python over the candidates (PostgreSQL has no
  BM25; computing it once keeps both databases equal; a document shorter than the collective's
  average is weighed as if it had the average length, so a one-word gift does not bury a longer
  one that says more about the same word), per word of the question its best
  alternative: the word (and its other forms, the same key) 1.0, an admin synonym 0.8, a compound
  part 0.7 (the parts before the compound's head times 0.8: boekenkast is a kast; a document
  without the compound that answers several of its parts apart counts each, as words of the
  question: "rolstoelvervoer" in "rijden met een rolstoelbus"), the English
  reading of a word English uses more than Dutch 0.9 (garden: gardening), the verb of an agent
  noun 0.85 (timmerman: timmeren, maaier: maaien; a rare person's noun in -er made from a
  more common noun asks for the noun: mantelzorger: mantelzorg) and the other way the agent nouns of a verb
  0.85 (leren: leraar; also inside a synonym of several words: "Nederlands leren" is answered by
  a lerares Nederlands), an English/Dutch translation 0.7, a corrected typo 0.75, a related
  word 0.5 (0.45 when derived, 0.3 for a shared topic, a part or a kind, 0.25 for a word of a
  definition; times 0.7 for the parts of a compound). An alternative that is rarer in the
  collective than the word asked counts with the word's idf, not its own (a related word cannot
  say more than the word asked). In a title a compound's parts before its head count once, the
  word and its head twice (a tuinfeest is a feest; not for an agent noun: a fietsenmaker is
  about fietsen). Nouns in -erij keep their own key (the stemmer would make schilderij a
  schilder and slagerij a slag). Times 1.5 for the same buurt or
  1.2 for the same wijk, times 1.3 / 1.15 / 1.0 / 0.6 for availability nu / soms / vragen / niet_nu.
  Each result says why: "‘fiets’ lijkt op ‘fietsen’", "synoniem: rijwiel = fiets",
  "‘fietsreparatie’ bestaat uit ‘fiets’ + ‘reparatie’", "‘hovenier’ hoort bij ‘tuin’",
  "bedoelde u ‘computers’?", "woont in dezelfde buurt", "kan nu meedoen".
- **Speed**: a reason is kept as a message with its words and put into words only for the
  results shown (each message translated once per process and language); the typo vocabulary
  is fetched only when a word long enough to correct is missing (missing as the search counts
  it: a word that only a wide related word answers is missing, so the candidate query tests
  the same keys and brings the vocabulary along, instead of a round trip of its own after it);
  a word's edits are kept per process (the same words are asked in many collectives); BM25
  weighs per document only the words it answers and their alternatives whose keys it has, and
  only the candidates that can still reach the results: a candidate's highest possible score
  (every term at idf × (K1 + 1), which no document reaches, times its boost) is known before it
  is weighed, so candidates are weighed from the highest down and the rest is left out once
  `limit` scores lie above every bound left (weighed only when the results must fill up from
  further down; the same results, `tests/matching/test_ranking_bound.py`); a document's keys
  are counted only when it is weighed; only the best `limit` candidates are put in order (all
  of them only when some cannot be shown).
  Short texts (titles, labels; up to 200 characters) are analysed once per process
  (`analysis.text_keys`, an LRU cache over the per-word caches; a document's keys likewise, the
  collective's prefix put in front per row), a batch's labels are read by its range of asset
  numbers (not a list of 5,000 parameters), index rows are written as plain
  values (one `executemany` per 5,000 on SQLite, `COPY` on PostgreSQL). A rebuild of everything
  (`rebuild_search_index()` without a collective) runs in one transaction and never makes
  searches wait: on SQLite it drops FTS5's insert/delete triggers and runs FTS5 `rebuild` at
  the end (readers in WAL mode see the last commit meanwhile); on PostgreSQL it takes a SHARE
  lock on the table (writers of the index wait, readers do not), writes the documents with
  `COPY` into a new table made `LIKE` the live one, makes its indexes and constraints from the
  live table's definitions (`pg_get_indexdef`, with up to 256 MB `maintenance_work_mem`),
  `ANALYZE`s it, and at the end drops the live table and renames the new one and its indexes
  into its place (the strongest lock only from there to the commit). Search documents have
  no foreign key constraints in the database for that reason (Django still deletes a
  document with its asset or collective): dropping a table whose foreign keys point at the
  assets locks the assets table, and adding them holds up every write of an asset. A large
  import (`bulk_indexing`) keeps the GIN index in step row by row on PostgreSQL (dropping it
  inside the import's transaction made every collective's searches wait for the import; it
  costs the million-row import about 8 s). A rebuild of one collective keeps the index in step row by
  row. A search runs two queries: the candidates with consent, which also brings the
  collective's document count and average length (BM25) and the synonym list's version (a
  changed list is read again and the question asked again; these come once, in a row of their
  own, not on every candidate's row), and the top `limit` assets (one
  more when the buurt is given as a number, and more only when some of the top assets are not
  visible to the viewer).
- **Quality**: `bench/data/relevance_nl.json` (60 needs with the gifts that should answer them);
  `tests/matching/test_relevance.py` requires recall@10 ≥ 0.9, `make bench` prints recall@10 and
  nDCG@10. A second set, `bench/data/relevance_nl_second.json` (88 needs written apart from the
  synonym list: related words, typos, English, needs "door instelling", short and long needs,
  among short and long distractors), is split once into a development half (for tuning) and a
  test half (for reporting); the split is recorded in the file. `make bench` scores Kring, PostgreSQL
  full-text search as a Django team would write it and a naive `icontains` search on both halves
  (recall@10, recall@3, MRR, nDCG@10, per kind of need); see docs/performance.md.
"""

from .results import Match

__all__ = ["Match", "explain", "search"]


def search(
    *,
    collective,
    text: str,
    neighbourhood=None,
    limit: int = 10,
    viewer_access=None,
    categories=None,
) -> list[Match]:
    """The best ``limit`` assets of ``collective`` for ``text``, each with its reasons.

    ``viewer_access`` (a CollectiveAccess) narrows the results to what that member may see;
    without it, results are what a buurtmaker of the collective may see. A resident's gift
    appears only while the resident consents to matching ("verbinden")."""
    # why: this package is imported while Django loads the apps, before models exist; the
    # selectors read models, so they are imported at the call.
    from .selectors import search as _search

    return _search(
        collective=collective,
        text=text,
        neighbourhood=neighbourhood,
        limit=limit,
        viewer_access=viewer_access,
        categories=categories,
    )


def explain(*, text: str, assets, neighbourhood=None) -> list[Match]:
    """How well each of ``assets`` (already read and allowed: the caller decides who may be
    named) fits ``text``, best first, each with its reasons; assets that do not fit are left
    out. Used for one connection's message ("why did you think of me?"), not for searching."""
    # why: as in ``search``: the selectors read models, not loaded yet at package import.
    from .selectors import explain as _explain

    return _explain(text=text, assets=assets, neighbourhood=neighbourhood)
