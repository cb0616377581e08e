from kring.matching import analysis, build_lexicon

from .test_search import installed


def test_lower_case_and_accents_are_folded():
    assert analysis.words("Café Één Ĳssel") == ["cafe", "ijssel"]  # 'een' is a stop word


def test_stop_words_are_dropped():
    assert analysis.words("Ik zoek iemand die mij kan helpen met de fiets") == ["fiets"]


def test_stemming_brings_word_forms_together():
    assert analysis.key("fiets") == analysis.key("fietsen")
    assert analysis.key("repareren") == analysis.key("repareer") == analysis.key("reparatie")
    assert analysis.key("lessen") == analysis.key("les")
    assert analysis.key("tuinen") == analysis.key("tuin")
    assert analysis.key("fiets") != analysis.key("tuin")


def test_compounds_are_split_with_and_without_linking_letters():
    assert analysis.split_compound("fietsreparatie") == ("fiets", "reparatie")
    assert analysis.split_compound("boekenkast") == ("boek", "kast")
    assert analysis.split_compound("stadswandeling") == ("stad", "wandeling")
    assert analysis.split_compound("huiswerkbegeleiding") == ("huiswerk", "begeleiding")


def test_common_words_are_not_split():
    assert analysis.split_compound("verhalen") == ()
    assert analysis.split_compound("fiets") == ()


def test_fietsreparatie_has_the_keys_of_fietsen_repareren():
    wanted = set(analysis.document_keys("fietsen repareren"))
    assert wanted <= set(analysis.word_keys("fietsreparatie"))


def test_document_keys_count_the_title_twice():
    keys = analysis.document_keys("Fietsen", "Ik help met een fiets")
    assert keys.count(analysis.key("fiets")) == 3


def test_a_verb_in_t_meets_its_infinitive_and_a_noun_in_t_stays():
    for form, infinitive in (
        ("schildert", "schilderen"),
        ("speelt", "spelen"),
        ("leest", "lezen"),
        ("naait", "naaien"),
        ("fotografeert", "fotograferen"),
    ):
        assert analysis.key(form) == analysis.key(infinitive), form
    # kaart/karen, buurt/buren, sport/sporen: the look-alike in -en is rarer than the noun.
    assert analysis.key("kaart") != analysis.key("karen")
    assert analysis.key("buurt") != analysis.key("buren")
    assert analysis.key("sport") != analysis.key("sporen")


def test_a_diminutive_of_a_word_in_t_meets_the_word():
    assert analysis.key("kastje") == analysis.key("kast")
    assert analysis.key("taartjes") == analysis.key("taart")


def test_separable_verbs_are_read_in_documents_and_questions():
    assert analysis.particle_verbs("Laat honden uit als het baasje ziek is") == (
        ("laat", "uitlaten"),
    )
    assert analysis.particle_verbs("Past graag op kinderen") == (("past", "oppassen"),)
    # Before an article the particle is a preposition in a document, not in a question.
    assert analysis.particle_verbs("Werkt in de tuin") == ()
    [(verb, joined)] = analysis.particle_verbs("Zoom in een broek", question=True)
    assert verb == "zoom"
    assert analysis.key(joined) == analysis.key("inzomen")
    keys = analysis.document_keys("Laat honden uit")
    assert analysis.key("uitlaten") in keys
    assert analysis.key("laat") not in keys


def test_an_agent_noun_leads_to_its_verb():
    assert analysis.verb_of_agent("maaier") == "maaien"
    assert analysis.verb_of_agent("timmerman") == "timmeren"
    assert analysis.verb_of_agent("fotograaf") == "fotograferen"
    assert analysis.verb_of_agent("lekker") == ""  # no one who "lekt"
    assert analysis.verb_of_agent("schilder") == ""  # already the key of schilderen


def test_a_noun_in_erij_keeps_its_own_key():
    # The stemmer would take -erij off: schilderij -> schilder, slagerij -> slag, batterij -> bat.
    assert analysis.key("schilderij") == analysis.key("schilderijen")
    assert analysis.key("schilderij") != analysis.key("schilder")
    assert analysis.key("slagerij") != analysis.key("slag")
    assert analysis.key("bakkerijen") != analysis.key("bakken")


def test_a_title_counts_the_parts_before_a_compounds_head_once():
    # A tuinfeest is a feest: its tuin counts once, its feest twice (the title counts twice).
    keys = analysis.document_keys("Tuinfeest")
    assert keys.count(analysis.key("feest")) == 2
    assert keys.count(analysis.key("tuin")) == 1
    # Who works on what: a fietsenmaker's fiets is what the word is about.
    keys = analysis.document_keys("Fietsenmaker")
    assert keys.count(analysis.key("fiets")) == 2


def test_a_verb_knows_the_ones_who_do_it():
    assert analysis.agents_of_verb("leren") == ("leraar",)
    assert "timmerman" in analysis.agents_of_verb("timmeren")
    assert "bakker" in analysis.agents_of_verb("bakken")
    assert analysis.agents_of_verb("fiets") == ()
    for verb in ("leren", "timmeren", "bakken"):
        for agent in analysis.agents_of_verb(verb):
            assert analysis.verb_of_agent(agent) == verb


def test_a_long_vowel_that_tells_two_words_apart_stays():
    # The stemmer writes lezen as lees; written single it met les (a lesson).
    assert analysis.key("lezen") == analysis.key("leest") == analysis.key("gelezen")
    assert analysis.key("lezen") != analysis.key("les")
    assert analysis.key("kopen") == analysis.key("koopt")
    assert analysis.key("kopen") != analysis.key("kop")
    assert analysis.key("zaken") != analysis.key("zak")
    # Where the spellings are forms of one word, they still meet.
    assert analysis.key("repareer") == analysis.key("repareren") == analysis.key("reparatie")
    assert analysis.key("lopen") == analysis.key("loop")
    assert analysis.key("bomen") == analysis.key("boom")


def test_a_plural_in_eren_and_its_compound_form_have_the_singulars_key():
    assert analysis.key("kinderen") == analysis.key("kind") == analysis.key("kinds")
    assert analysis.key("kinder") == analysis.key("kind")  # kinder|boerderij, kinder|oppas
    assert analysis.key("liederen") == analysis.key("lied")
    assert analysis.key("eieren") == analysis.key("ei")
    # Other words in -eren are verbs and keep their own key.
    assert analysis.key("parkeren") != analysis.key("park")


def test_the_long_vowel_list_is_made_from_the_dictionaries(tmp_path):
    dictd = installed("/usr/share/dictd", "freedict-nld-eng.index", "FreeDict's Dutch-English")
    stems = build_lexicon._long_vowel_stems(dictd)
    assert "lees" in stems and "koop" in stems
    assert "reparer" not in stems and "repareer" not in stems
    assert set(stems) == analysis.long_vowel_stems()  # the committed list is the one made


def test_a_word_in_ge_keeps_its_ge_unless_it_is_a_past_participle():
    # The stemmer takes ge- off every word; gewoon is not a form of wonen, nor gezin of zin.
    assert analysis.key("gewoon") != analysis.key("woont")
    assert analysis.key("gezin") != analysis.key("zin")
    assert analysis.key("gezin") == analysis.key("gezinnen")
    assert analysis.key("gezondheid") != analysis.key("zon")
    assert analysis.key("gebouw") == analysis.key("gebouwen")
    # A past participle is its verb's (weak: 't kofschip; strong: the verb itself).
    assert analysis.key("gemaakt") == analysis.key("maken")
    assert analysis.key("gebouwd") == analysis.key("bouwen")
    assert analysis.key("gepast") == analysis.key("passen")
    assert analysis.key("geleerd") == analysis.key("leren")
    assert analysis.key("gelezen") == analysis.key("lezen")
    # A noun made of a verb's stem that is no word itself stays with the verb.
    assert analysis.key("gesprek") == analysis.key("spreken")


def test_no_linking_s_after_a_full_vowel():
    assert analysis.split_compound("toeslagen") == ("toe", "slagen")
    assert analysis.split_compound("stadswandeling") == ("stad", "wandeling")


def test_a_verb_in_eren_is_not_split_before_a_short_head():
    # jongleren is no jong + leren, renoveren no reno + veren; after a particle it is a
    # compound (aanleren), and a bare -eren leaves the word it is made of (tuinieren: tuin).
    assert analysis.split_compound("jongleren") == ()
    assert analysis.split_compound("renoveren") == ()
    assert analysis.key("leren") not in analysis.word_keys("jongleren")
    assert analysis.split_compound("aanleren") == ("aan", "leren")
    assert analysis.key("tuin") in analysis.word_keys("tuinieren")


def test_real_compounds_still_split():
    assert analysis.key("dienst") in analysis.word_keys("boodschappendienst")
    assert analysis.key("school") in analysis.word_keys("schoolplein")
    assert analysis.key("oppas") in analysis.word_keys("kinderoppas")
    assert analysis.key("fiets") in analysis.word_keys("fietsenmaker")
    assert analysis.key("bank") in analysis.word_keys("voedselbank")
