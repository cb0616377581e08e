from kring.matching import analysis


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
