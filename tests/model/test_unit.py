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


def test_seen_from_another_language_turns_the_unit_round():
    en, az, ru = (Segment(text, LanguageTag.parse(lang))
                  for text, lang in (("Report", "en"), ("Hesabat", "az"), ("Доклад", "ru")))
    unit = Unit(en, [az, ru], id="7", notes=[], attrs={"tuid": "7"})
    turned = unit.seen_from("az")
    assert turned is not None and turned is not unit
    assert turned.source is az and turned.targets == [en, ru]  # the old source first
    assert (turned.id, turned.attrs) == ("7", {"tuid": "7"})
    assert unit.source is en and unit.targets == [az, ru]  # the unit itself is left as it was
    assert unit.seen_from("en") is unit and unit.seen_from(LanguageTag.parse("en-GB")) is unit
    assert unit.seen_from("tr") is None
