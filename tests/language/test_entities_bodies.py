"""Indonesian bodies in news: regional offices after a title, two bodies joined by "dan", an acronym
before a person, defined acronyms against the tagger, and clubs named after their city."""

from __future__ import annotations

import pytest

from indexer.language.entities import analyse, annotate
from indexer.language.entities.gazetteer import Gazetteer
from indexer.language.entities.tables import Known


def rules(text: str) -> list[tuple[str, str]]:
    """(text, type) of the names the rules and tables find, before the tagger."""
    return [(e.text, e.type) for e in analyse(text, "id").names if e.type != "DATE"]


def final(text: str) -> list[tuple[str, str, str]]:
    """(text, type, canonical) of what Warta writes for ``text`` read as Indonesian."""
    found = annotate(text, lang="id")
    for entity in found:
        assert text[entity.start : entity.end] == entity.text
    return [(e.text, e.type, e.canonical) for e in found if e.type != "DATE"]


# -- the rules ---------------------------------------------------------------------------------------


def test_two_bodies_joined_by_dan_are_two_names() -> None:
    got = rules("Kasus itu ditangani Polda Sumut dan Polres Metro Jakarta Selatan.")
    assert got == [("Polda Sumut", "ORG"), ("Polres Metro Jakarta Selatan", "ORG")]


def test_dan_inside_a_body_name_stays() -> None:
    got = rules("Kepala Badan Pengawas Obat dan Makanan Penny Lukito hadir.")
    assert ("Badan Pengawas Obat dan Makanan", "ORG") in got


def test_a_body_after_a_title_is_a_name_and_the_person_after_it_too() -> None:
    got = rules("Kepala Dinas Kesehatan Kota Depok Novarita hadir.")
    assert got == [("Dinas Kesehatan Kota Depok", "ORG"), ("Novarita", "PERSON")]


@pytest.mark.parametrize(
    "text",
    [
        "Menteri Koperasi Teten Masduki hadir.",  # a minister's field, not a body
        "Menteri Perguruan Tinggi Mohammad Nasir hadir.",
        "Ketua Komisi III DPR Herman Hery hadir.",  # a unit of a body: part of the role
    ],
)
def test_a_field_or_a_unit_after_a_title_stays_part_of_the_role(text: str) -> None:
    got = rules(text)
    assert not any(kind == "ORG" and surface.split()[0] in ("Koperasi", "Perguruan", "Komisi") for surface, kind in got)
    assert got[-1][1] == "PERSON"


def test_a_unit_defining_its_acronym_after_a_title_is_a_name() -> None:
    got = rules("Ketua Komisi Perlindungan Anak Daerah (KPAD) Kepulauan Bangka Belitung Sapta Qodriah mengatakan.")
    assert got[:2] == [("Komisi Perlindungan Anak Daerah", "ORG"), ("KPAD", "ORG")]
    assert got[-1] == ("Sapta Qodriah", "PERSON")


def test_an_acronym_after_a_title_and_before_a_name_is_the_body() -> None:
    got = rules("Sekjen KONI Ending Fuad Hamidy ditahan.")
    assert got == [("KONI", "ORG"), ("Ending Fuad Hamidy", "PERSON")]


def test_initials_after_a_title_stay_in_the_name() -> None:
    assert rules("Bupati HM Sani hadir.") == [("HM Sani", "PERSON")]


def test_a_police_rank_and_retirement_are_part_of_no_name() -> None:
    assert rules("Kombes Pol Argo Yuwono mengatakan.") == [("Argo Yuwono", "PERSON")]
    assert ("Purn", "ORG") not in rules("Jenderal TNI (Purn) Moeldoko hadir.")


def test_a_one_word_short_form_after_a_body_is_the_body() -> None:
    text = "Kepala Dinas Pendidikan Pemuda dan Olahraga (Disdikpora) Kabupaten Gunungkidul, Bahron Rosyid mengaku."
    found = {e.text: (e.type, e.canonical) for e in analyse(text, "id").names}
    assert found["Disdikpora"] == ("ORG", "Dinas Pendidikan Pemuda dan Olahraga")


# -- with the tagger ------------------------------------------------------------------------------------


def test_a_spelled_acronym_definition_outweighs_a_place_inside_it() -> None:
    got = final("Mahasiswa yang tergabung dalam Ikatan Mahasiswa Papua Barat (IMPB) menggelar aksi damai.")
    assert got == [
        ("Ikatan Mahasiswa Papua Barat", "ORG", "Ikatan Mahasiswa Papua Barat"),
        ("IMPB", "ORG", "Ikatan Mahasiswa Papua Barat"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "kind", "canonical"),
    [
        (
            "Pada babak pertama Valencia mencoba bangkit, namun gagal menembus pertahanan Chelsea.",
            "Valencia",
            "ORG",
            "Valencia CF",
        ),
        ("Ansu Fati mencetak dua gol bersama Barcelona di liga domestik.", "Barcelona", "ORG", "FC Barcelona"),
        ("Ia kembali berlatih di Barcelona sejak musim lalu.", "Barcelona", "LOC", "Barcelona"),
        ("Barcelona adalah kota terbesar kedua di Spanyol.", "Barcelona", "LOC", "Barcelona"),
        (
            "Pada menit ke-16, Frankfurt hampir membuka keunggulan atas Arsenal di laga ini.",
            "Frankfurt",
            "ORG",
            "Eintracht Frankfurt",
        ),
        ("Konferensi itu digelar di Frankfurt pekan depan.", "Frankfurt", "LOC", "Frankfurt am Main"),
        ("Dortmund menang 2-0 dalam laga tandang pekan lalu.", "Dortmund", "ORG", "Borussia Dortmund"),
    ],
)
def test_a_city_named_club_is_the_club_in_a_sentence_about_a_match(
    text: str, surface: str, kind: str, canonical: str
) -> None:
    got = {entity: (t, c) for entity, t, c in final(text)}
    assert got[surface] == (kind, canonical)


def test_a_known_place_in_brackets_after_an_organisation_stays_a_place() -> None:
    text = "Dana itu disimpan di Bank Mandiri (Singapura). Kini ia tinggal di Singapura."
    places = [e for e in analyse(text, "id").names if e.text == "Singapura"]
    assert len(places) == 2 and all(e.type == "LOC" for e in places)


def test_a_club_is_a_second_reading_only_of_an_alias_a_place_took() -> None:
    rows = [
        Known("Valencia", "LOC", ("Valencia",)),
        Known("Valencia CF", "ORG", ("Valencia CF", "Valencia"), "football club"),
        Known("Garuda Indonesia", "ORG", ("Garuda",)),
        Known("Garuda FC", "ORG", ("Garuda FC", "Garuda"), "football club"),
    ]
    assert {alias: club.canonical for alias, club in Gazetteer(rows).clubs.items()} == {"Valencia": "Valencia CF"}


@pytest.mark.parametrize(
    "text",
    ["Umat Kristiani merayakan Natal di gereja.", "Jemaat Protestan berkumpul saat Paskah.", "Libur Natal tahun ini."],
)
def test_faiths_and_feasts_are_no_names(text: str) -> None:
    assert final(text) == []


def test_a_district_named_like_a_feast_is_found_by_its_head() -> None:
    got = final("Ia tinggal di Kecamatan Natal, Kabupaten Mandailing Natal.")
    assert [(surface, kind) for surface, kind, _ in got] == [
        ("Kecamatan Natal", "LOC"),
        ("Kabupaten Mandailing Natal", "LOC"),
    ]


def test_a_place_inside_an_organisation_stays_a_place() -> None:
    text = "Kasus itu ditangani Polres Metro Jakarta Pusat. Warga Jakarta Pusat diminta tenang."
    places = [kind for surface, kind, _ in final(text) if surface == "Jakarta Pusat"]
    assert places == ["LOC"]


def test_a_person_a_body_is_named_after_stays_a_person() -> None:
    got = final("Rektor Universitas Gadjah Mada hadir di acara itu. Patung Gadjah Mada berdiri di halaman kampus.")
    assert ("Gadjah Mada", "PERSON") in [(surface, kind) for surface, kind, _ in got]


def test_a_party_named_again_by_its_name_is_the_party() -> None:
    got = final("Ketua Umum Partai Demokrat hadir. Menurut dia, Demokrat siap berkoalisi.")
    assert ("Demokrat", "ORG", "Partai Demokrat") in got


# -- ranks and players between names ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "person"),
    [
        ('" kata Kabid Humas Polda Banten Kombes Pol Edy Sumardi, Jumat.', "Polda Banten", "Edy Sumardi"),
        ("Kabid Humas Polda Banten Kombes Pol Edy Sumardi mengatakan hal itu.", "Polda Banten", "Edy Sumardi"),
        ("Kasat Reskrim Polres Bogor AKP Siswo mengatakan hal itu.", "Polres Bogor", "Siswo"),
        (
            "Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Argo Yuwono mengatakan.",
            "Polda Metro Jaya",
            "Argo Yuwono",
        ),
    ],
)
def test_a_rank_between_a_body_and_a_person_is_in_neither(text: str, body: str, person: str) -> None:
    got = [(name, kind) for name, kind, _ in final(text)]
    assert (body, "ORG") in got
    assert (person, "PERSON") in got


def test_a_rank_opening_a_person_is_no_part_of_the_name() -> None:
    got = [(name, kind) for name, kind, _ in final("Kanit Reskrim Iptu Nasrun Sembiring menjelaskan kronologinya.")]
    assert ("Nasrun Sembiring", "PERSON") in got
    assert [name for name, _ in got if "Iptu" in name] == []


def test_a_noble_title_stays_in_the_name() -> None:
    got = [(name, kind) for name, kind, _ in final("Makam Pangeran Diponegoro ramai dikunjungi peziarah.")]
    assert ("Pangeran Diponegoro", "PERSON") in got


def test_a_player_after_his_club_is_a_person_of_his_own() -> None:
    got = final("Martinez digantikan penyerang Juventus Paulo Dybala di babak pertama.")
    assert ("Juventus", "ORG", "Juventus") in got
    assert ("Paulo Dybala", "PERSON", "Paulo Dybala") in got


@pytest.mark.parametrize("team", ["Timnas Indonesia U-23", "Persija Jakarta U-19"])
def test_an_age_group_belongs_to_the_team(team: str) -> None:
    got = [(name, kind) for name, kind, _ in final(f"Pemain {team} itu mencetak dua gol.")]
    assert (team, "ORG") in got


def test_a_balinese_name_keeps_its_i_also_after_a_body() -> None:
    got = [
        (name, kind) for name, kind, _ in final("ujar Ketua DPD Partai Demokrat Bali I Made Mudharta saat dihubungi.")
    ]
    assert ("I Made Mudharta", "PERSON") in got
    assert ("Partai Demokrat Bali I", "ORG") not in got
    got = [(name, kind) for name, kind, _ in final("Kepala Dinas Peternakan Bali, Ni Luh Putu Ariastuti, hadir.")]
    assert ("Ni Luh Putu Ariastuti", "PERSON") in got


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Paus Fransiskus tiba di Jakarta.", "Paus Fransiskus"),  # a name of the tables keeps its title
        ("Imam Nahrawi ditahan KPK.", "Imam Nahrawi"),  # a given name that is a title too
        ("Prince Harry tiba di London bersama istrinya.", "Prince Harry"),  # a noble title
    ],
)
def test_a_title_stays_where_it_is_part_of_the_name(text: str, person: str) -> None:
    assert (person, "PERSON") in [(name, kind) for name, kind, _ in final(text)]


@pytest.mark.parametrize(
    ("text", "kept", "person"),
    [
        ("Usai Perang Dunia I Gusti Ngurah Rai lahir.", ("Perang Dunia I", "MISC"), "Gusti Ngurah Rai"),
        ("Direktur Utama Angkasa Pura I Made Sudarta mengatakan.", ("Angkasa Pura I", "ORG"), "Made Sudarta"),
    ],
)
def test_a_balinese_name_takes_no_i_from_a_known_name_or_an_event(
    text: str, kept: tuple[str, str], person: str
) -> None:
    got = [(e.text, e.type) for e in annotate(text, lang="id")]
    assert kept in got
    assert (person, "PERSON") in got


def test_a_title_before_words_of_a_known_body_makes_them_the_body() -> None:
    got = final("Universitas Gadjah Mada membuka pendaftaran. Rektor Gadjah Mada hadir.")
    assert ("Gadjah Mada", "ORG", "Universitas Gadjah Mada") in got


def test_a_country_with_an_age_group_is_a_team() -> None:
    got = [(name, kind) for name, kind, _ in final("Jepang U-20 lolos ke final setelah menang atas Vietnam U-20.")]
    assert ("Jepang U-20", "ORG") in got
    assert ("Vietnam U-20", "ORG") in got


def test_a_deputy_head_is_no_part_of_the_body() -> None:
    got = [(name, kind) for name, kind, _ in final("Waka Polda Sumut hadir di lokasi kejadian.")]
    assert ("Polda Sumut", "ORG") in got


def test_a_place_that_begins_like_a_contracted_title_stays_a_place() -> None:
    got = [(name, kind) for name, kind, _ in final("Bupati Jayawijaya meninjau Wamena kemarin.")]
    assert ("Wamena", "LOC") in got
