from ahenk.model import LanguageTag, Segment, Store, Unit

AZ = LanguageTag.parse("az-AZ")
RU = LanguageTag.parse("ru")
EN = LanguageTag.parse("en")


def test_target_for_compares_languages_not_spellings():
    unit = Unit(Segment("Ombudsman", EN), [Segment("Ombudsman", AZ), Segment("Омбудсмен", RU)])
    assert unit.target_for("az_AZ").text == "Ombudsman"
    assert unit.target_for("rus").text == "Омбудсмен"
    assert unit.target_for("tr") is None
    assert unit.target is unit.targets[0]


def test_store_languages_header_first_then_units():
    store = Store()
    store.header.source_lang = EN
    store.add(Unit(Segment("a", EN), [Segment("b", RU)]))
    store.add(Unit(Segment("c", EN), [Segment("d", AZ)]))
    assert [t.tag for t in store.languages()] == ["en", "ru", "az-AZ"]
    assert len(store) == 2


def test_props_keep_order_and_duplicates():
    unit = Unit(Segment("x"), props=[("x-doc", "a"), ("x-doc", "b")])
    assert unit.prop("x-doc") == "a"
    assert unit.prop("missing", "-") == "-"
    assert [v for k, v in unit.props if k == "x-doc"] == ["a", "b"]
