from newsevents import cameo


def test_codes_have_names_quads_goldstein_and_plover():
    visit = cameo.lookup("042")
    assert visit.name == "Make a visit"
    assert visit.quad_class == 1
    assert visit.goldstein == 1.9
    assert visit.plover == {"type": "CONSULT", "mode": "visit", "context": None}


def test_statements_have_no_plover_type_and_quad_one():
    statement = cameo.lookup("010")
    assert statement.plover is None
    assert statement.quad_class == 1


def test_code_without_score_takes_its_parents():
    # 0313 has no Goldstein score in the table: it takes 031's
    assert cameo.lookup("0313").goldstein == cameo.lookup("031").goldstein


def test_sanctions_follow_the_plover_manual():
    # The CAMEO->PLOVER table says COERCE; the manual (and the gold) say SANCTION.
    assert cameo.lookup("163").plover["type"] == "SANCTION"


def test_quad_classes_by_root():
    assert [cameo.lookup(c).quad_class for c in ("036", "057", "061", "112", "129", "173", "190")] == [
        1, 1, 2, 3, 3, 4, 4]


def test_every_code_of_roots_03_to_20_maps_to_a_plover_type():
    types = set(cameo.plover_types())
    for code, info in cameo.codebook().items():
        if code[:2] not in ("01", "02"):
            assert info.plover and info.plover["type"] in types, code


def test_unknown_code_names_itself():
    try:
        cameo.lookup("999")
    except KeyError as exc:
        assert "999" in str(exc)
    else:
        raise AssertionError("no error for an unknown code")


def test_plover_table_parser_reads_codes_and_keeps_the_first_root_heading():
    table = cameo.parse_plover_table(
        "# comment\n08: CONCEDE\n08: RETREAT\n042: CONSULT, visit,   # Make a visit\n"
        "1124: ACCUSE, allege, military; legal # Accuse of war crimes\n")
    assert table == {"08": {"type": "CONCEDE", "mode": None, "context": None},
                     "042": {"type": "CONSULT", "mode": "visit", "context": None},
                     "1124": {"type": "ACCUSE", "mode": "allege", "context": "military"}}
