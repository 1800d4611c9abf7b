#!/usr/bin/env python3
"""Generate attache's ontology tables (data/ontology/*.tsv) from the reference files.

The tables are facts (code lists, names, scores, mappings) written out in the team's own
TSV format, documented in data/ontology/README.md. The reference files are read from
../shared/bench/events/cameo-plover-ontology/dictionaries at generation time only; the
generated tables are committed, so nothing here runs at build time.

Usage (from the repository root):  python3 scripts/gen_ontology.py [SHARED_DIR]

Every decision the script takes on odd input (a duplicate code, a mode that is not a PLOVER
2.0 mode, the ACCUSE sign error) is printed and written into the `note` column, so the tables
say where they depart from their sources.
"""

import csv
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
SRC = os.path.join(SHARED, "bench", "events", "cameo-plover-ontology", "dictionaries")
OUT = os.path.join(ROOT, "data", "ontology")

# The 16 PLOVER 2.0 categories in manual order, with the quad class the manual groups them in
# (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) and a
# one-line gloss the team wrote for readers of the tables.
PLOVER = [
    ("AGREE", 1, "says it will cooperate: offers, promises, agreements to act later"),
    ("CONSULT", 1, "meets, visits, hosts, mediates or talks by phone"),
    ("SUPPORT", 1, "praises, endorses, defends, recognises, signs"),
    ("CONCEDE", 1, "promises a concession with no immediate material effect"),
    ("COOPERATE", 2, "acts together with the target for mutual benefit"),
    ("AID", 2, "gives material help that mainly benefits the target"),
    ("RETREAT", 2, "withdraws, releases, disarms, ceases fire, lets others in, resigns"),
    ("REQUEST", 3, "asks or demands that the target do something"),
    ("ACCUSE", 3, "criticises, blames, alleges, investigates, sues"),
    ("REJECT", 3, "refuses, declines, vetoes, defies"),
    ("THREATEN", 3, "threatens an act (a threat to attack is this, not ASSAULT)"),
    ("PROTEST", 4, "demonstrates, strikes, riots, boycotts, blocks"),
    ("SANCTION", 4, "cuts relations, aid, talks or involvement; expels; convicts"),
    ("MOBILIZE", 4, "raises alert, deploys troops, police or weapons"),
    ("COERCE", 4, "seizes, arrests, restricts, deports, censors, blockades"),
    ("ASSAULT", 4, "uses violence against people or property"),
]
PLOVER_NAMES = {p[0] for p in PLOVER}

# PLOVER 2.0 general and special contexts (manual draft 2.0, "General contexts" and "Special
# contexts" tables); glosses are the team's.
CONTEXTS = [
    ("military", "general", "armed forces, military assistance"),
    ("intelligence", "general", "intelligence and information sharing"),
    ("peacekeeping", "general", "peacekeeping, usually multilateral"),
    ("economic", "general", "trade, finance, development"),
    ("diplomatic", "general", "diplomacy"),
    ("resource", "general", "territory and natural resources"),
    ("disease", "general", "outbreaks and epidemics"),
    ("enviro_disaster", "general", "environment, climate, natural and industrial disasters"),
    ("migration", "general", "migrants, refugees, displaced people"),
    ("humanitarian", "general", "humanitarian assistance"),
    ("asylum", "general", "seeking or granting asylum"),
    ("legal", "general", "courts and law other than human rights"),
    ("human_rights", "general", "human rights named as such"),
    ("rights_freedoms", "general", "political rights and civil freedoms"),
    ("gender", "general", "gender and women's issues"),
    ("lgbt", "general", "LGBTQ issues"),
    ("terrorism", "general", "terrorism"),
    ("human_security", "general", "water, food, housing, energy, land"),
    ("religion_ethnicity", "general", "religious or ethnic groups"),
    ("executive", "general", "executive agencies and government business"),
    ("election", "general", "elections and campaigns"),
    ("legislative", "general", "legislatures and coalitions"),
    ("cbrn", "general", "chemical, biological, radiological, nuclear weapons"),
    ("cyber", "general", "cyber attacks and crime"),
    ("political_institutions", "general", "norms, institutions, parties, backsliding"),
    ("corruption", "general", "abuse of public office for private gain"),
    ("crime", "general", "crimes and criminals"),
    ("illegal_drugs", "general", "illegal drugs"),
    ("historical", "special", "the event lies in the past (not news)"),
    ("future", "special", "the event is announced for the future"),
    ("hypothetical", "special", "the event is only supposed"),
    ("negation", "special", "the text says the event did not happen"),
    # Used by CAMEO2PLOVER-2021 (draft 0.8) but absent from the 2.0 context list.
    ("democracy", "legacy", "political freedoms (CAMEO2PLOVER-2021 only)"),
    ("pro_autocracy", "legacy", "repression by a government (CAMEO2PLOVER-2021 only)"),
]

# PLOVER 0.5b1 (and 2018) category names and what they became in PLOVER 2.0, with the mode the
# old category implies. Source: the plover-gsr-cameo README and PLOVER manual draft 2.0.
LEGACY_EVENTS = [
    ("DEMAND", "REQUEST", "", "renamed in PLOVER 2.0"),
    ("DISAPPROVE", "ACCUSE", "disapprove", "renamed in PLOVER 2.0"),
    ("FIGHT", "ASSAULT", "", "folded into ASSAULT in PLOVER 2.0"),
    ("INVESTIGATE", "ACCUSE", "investigate", "folded into ACCUSE (mode investigate)"),
    ("SACTION", "SANCTION", "", "misspelling in the Spanish protest gold set"),
]

# PLOVER 0.5b1 modes used in the CAMEO-manual gold records, mapped by the team to the closest
# PLOVER 2.0 mode (mode accuracy is not scored; this keeps gold modes readable).
LEGACY_MODES = [
    ("strike-hun", "PROTEST", "hunger"),
    ("strike-gen", "PROTEST", "strike"),
    ("riot-spon", "PROTEST", "riot"),
    ("demo-spon", "PROTEST", "demo"),
    ("demo-org", "PROTEST", "demo"),
    ("host", "CONSULT", "visit"),
    ("confiscate", "COERCE", "seize"),
    ("detain", "COERCE", "arrest"),
]


# CAMEO codes absent from CAMEO2PLOVER-2021 that the team maps itself.
TEAM_MAP = [
    ("1951", "ASSAULT", "aerial", "military", "precision-guided aerial munitions"),
    ("1952", "ASSAULT", "drone", "military", "remotely piloted aerial munitions"),
]


def note(msg):
    print("gen_ontology:", msg, file=sys.stderr)


def read_scores():
    """plover_scores.tsv -> {(event, mode): score}; fixes the ACCUSE default sign."""
    scores = {}
    notes = {}
    path = os.path.join(SRC, "plover_scores.tsv")
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["event", "mode", "score"], rows[0]
    for row in rows[1:]:
        if not row:
            continue
        event, mode, score = row[0].strip(), row[1].strip(), float(row[2])
        if event == "ACCUSE" and mode == "" and score > 0:
            notes[(event, mode)] = (
                f"source gives +{score:g}, a sign error (ACCUSE modes score -2 to -3.5); "
                f"flipped to {-score:g}"
            )
            note(notes[(event, mode)])
            score = -score
        scores[(event, mode)] = score
    return scores, notes


def read_codebook_modes():
    """Modes named in the NGEC structured PLOVER codebook, per category, in file order."""
    modes = {}
    path = os.path.join(SRC, "PLOVER_structured_codebook_updated.csv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            event, mode = row["event"].strip(), row["mode"].strip()
            if mode:
                modes.setdefault(event, [])
                if mode not in modes[event]:
                    modes[event].append(mode)
    return modes


def read_cameo_codes():
    """CAMEO_codefile.txt -> ({code: name}, {root: root name}); LABEL lines win over LABELi."""
    names, roots = {}, {}
    path = os.path.join(SRC, "CAMEO_codefile.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^//(\d\d)[:=]\s*(.+)$", line)
            if m:
                roots[m.group(1)] = m.group(2).strip().title()
                continue
            m = re.match(r"^LABEL:\s*(\d+)=\s*(.+)$", line)
            if m:
                code, name = m.group(1), m.group(2).strip()
                if code in names and names[code] != name:
                    note(f"CAMEO {code}: label {names[code]!r} replaced by later {name!r}")
                names[code] = name
    return names, roots


def read_goldstein():
    gold = {}
    path = os.path.join(SRC, "CAMEO.goldsteinscale.txt")
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0] == ["CAMEOEVENTCODE", "GOLDSTEINSCALE"], rows[0]
    for row in rows[1:]:
        if row:
            gold[row[0].strip()] = float(row[1])
    return gold


def quad_class(code):
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 14:
        return 3
    return 4


def read_cameo2plover(valid_modes):
    """CAMEO2PLOVER-2021.txt -> {code: (event, mode, contexts, note)}."""
    out = {}
    context_names = {c[0] for c in CONTEXTS}
    general = {c[0] for c in CONTEXTS if c[1] == "general"}
    path = os.path.join(SRC, "CAMEO2PLOVER-2021.txt")
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            body = line.split("#", 1)[0].strip()
            m = re.match(r"^(\d{3,4}):\s*(.*)$", body)
            if not m:
                continue
            code = m.group(1)
            parts = [p.strip() for p in m.group(2).split(",")]
            while len(parts) < 3:
                parts.append("")
            event, mode, ctx = parts[0], parts[1], ",".join(parts[2:])
            contexts = [c.strip() for c in re.split(r"[;,]", ctx) if c.strip()]
            notes = []
            if event not in PLOVER_NAMES:
                note(f"CAMEO2PLOVER line {n}: unknown event {event!r}, skipped")
                continue
            if mode and mode not in valid_modes.get(event, ()):
                if mode in context_names:
                    notes.append(f"source mode {mode!r} is a context; moved to contexts")
                    if mode not in contexts:
                        contexts.insert(0, mode)
                else:
                    notes.append(f"source mode {mode!r} is not a PLOVER 2.0 {event} mode; dropped")
                mode = ""
            for c in contexts:
                if c not in general:
                    notes.append(f"context {c!r} is not in the PLOVER 2.0 context list")
            if code in out:
                prev = out[code]
                if prev[:3] == (event, mode, contexts):
                    note(f"CAMEO2PLOVER line {n}: duplicate of code {code}, ignored")
                    continue
                note(f"CAMEO2PLOVER line {n}: code {code} mapped twice; later line wins")
                notes.append("code listed twice in source; later line kept")
            for x in notes:
                note(f"CAMEO2PLOVER line {n} ({code}): {x}")
            out[code] = (event, mode, contexts, "; ".join(notes))
    return out


def write_tsv(name, header, rows, preamble):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for line in preamble:
            f.write(f"# {line}\n")
        f.write("\t".join(header) + "\n")
        for row in rows:
            cells = [("" if c is None else str(c)) for c in row]
            for c in cells:
                assert "\t" not in c and "\n" not in c, (name, row)
            f.write("\t".join(cells) + "\n")
    print(f"wrote {path}: {len(rows)} rows")


def fmt(x):
    return "" if x is None else f"{x:g}"


def main():
    os.makedirs(OUT, exist_ok=True)
    scores, score_notes = read_scores()
    codebook = read_codebook_modes()
    gen = "generated by scripts/gen_ontology.py; see README.md in this folder"

    # Categories.
    rows = []
    for name, quad, gloss in PLOVER:
        score = scores.get((name, ""))
        rows.append((name, quad, fmt(score), gloss, score_notes.get((name, ""), "")))
    write_tsv(
        "plover_categories.tsv",
        ["event", "quad_class", "intensity", "gloss", "note"],
        rows,
        [gen, "PLOVER 2.0 categories (CC BY-SA 4.0, Open Event Data Alliance)"],
    )

    # Modes: union of the score table and the codebook, score table order first.
    modes = {name: [] for name, _, _ in PLOVER}
    for (event, mode) in scores:
        if mode and mode not in modes[event]:
            modes[event].append(mode)
    for event, ms in codebook.items():
        for m in ms:
            if m not in modes[event]:
                modes[event].append(m)
    rows = []
    for name, _, _ in PLOVER:
        for m in modes[name]:
            s = scores.get((name, m))
            why = "" if s is not None else "no score in the PLOVER table; category default applies"
            rows.append((name, m, fmt(s), why))
    write_tsv(
        "plover_modes.tsv",
        ["event", "mode", "intensity", "note"],
        rows,
        [gen, "PLOVER 2.0 modes per category with their conflict-cooperation scores"],
    )

    write_tsv(
        "plover_contexts.tsv",
        ["context", "kind", "gloss"],
        CONTEXTS,
        [gen, "PLOVER 2.0 contexts: general ones (any category) and special ones"],
    )

    # CAMEO codes.
    names, roots = read_cameo_codes()
    gold = read_goldstein()
    rows = []
    codes = sorted(set(names) | set(gold) | set(roots), key=lambda c: (c[:2], c))
    for code in codes:
        name = names.get(code) or roots.get(code)
        why = []
        if name is None:
            why.append("no label in the CAMEO codelist")
            name = ""
        if code not in gold:
            why.append("no Goldstein value in the GDELT table")
        if len(code) == 2:
            why.append("root category")
        rows.append((code, name, fmt(gold.get(code)), quad_class(code), "; ".join(why)))
    write_tsv(
        "cameo_codes.tsv",
        ["code", "name", "goldstein", "quad_class", "note"],
        rows,
        [
            gen,
            "CAMEO 0.7b5 codes (codelist: openeventdata/text_to_CAMEO, MIT); Goldstein values:",
            "GDELT CAMEO.goldsteinscale.txt (Goldstein 1992); quad_class = GDELT QuadClass",
        ],
    )

    # CAMEO -> PLOVER.
    valid = {name: set(modes[name]) for name in modes}
    mapping = read_cameo2plover(valid)
    rows = []
    for code in sorted(mapping, key=lambda c: (c[:2], c)):
        event, mode, contexts, why = mapping[code]
        rows.append((code, event, mode, ",".join(contexts), "CAMEO2PLOVER-2021", why))
    # CAMEO roots 01 and 02 are not in CAMEO2PLOVER-2021. Appeals (02x) are requests in PLOVER
    # 2.0 (REQUEST covers CAMEO 02 and 10); statements (01x) are not events and stay unmapped.
    for code in sorted(c for c in names if c.startswith("02")):
        twin = "10" + code[2:]
        if twin in mapping:
            _, mode, contexts, _ = mapping[twin]
        else:
            mode, contexts = "", []
        rows.append(
            (code, "REQUEST", mode, ",".join(contexts), "team",
             f"appeal; mode and contexts of CAMEO {twin}")
        )
    # ICEWS-era codes the 2021 map leaves out.
    for code, event, mode, contexts, why in TEAM_MAP:
        if code not in mapping:
            rows.append((code, event, mode, contexts, "team", why))
    rows.sort(key=lambda r: (r[0][:2], r[0]))
    write_tsv(
        "cameo_plover.tsv",
        ["cameo", "event", "mode", "contexts", "origin", "note"],
        rows,
        [
            gen,
            "CAMEO code -> PLOVER 2.0 event, mode, contexts. Source: openeventdata/PLOVER",
            "CAMEO2PLOVER-2021.txt (draft 0.8, P. Schrodt; CC BY-SA 4.0); origin=team rows are ours",
        ],
    )

    rows = [(old, new, mode, why) for old, new, mode, why in LEGACY_EVENTS]
    rows += [(f"{ev}/{old}", ev, new, "team: closest PLOVER 2.0 mode to a 0.5b1 mode")
             for old, ev, new in LEGACY_MODES]
    write_tsv(
        "plover_legacy.tsv",
        ["legacy", "event", "mode", "note"],
        rows,
        [
            gen,
            "PLOVER 0.5b1/2018 names -> PLOVER 2.0. `legacy` is a category name, or",
            "CATEGORY/mode for a renamed mode of a category.",
        ],
    )


if __name__ == "__main__":
    main()
