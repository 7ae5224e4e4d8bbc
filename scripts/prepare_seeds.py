#!/usr/bin/env python3
"""Builds the compact seed files in seeds/ from the public source files.

Run by a maintainer when a source changes, never by the server or the tests:

    python3 scripts/prepare_seeds.py SOURCE_DATA_DIR

SOURCE_DATA_DIR is a folder laid out as the public downloads listed in seeds/SOURCES.md.
Each output is gzip-compressed JSON Lines: one object per line, already shaped as the
`$rows` parameter of the Cypher file with the same name under cypher/seed/.
"""
import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

csv.field_size_limit(10_000_000)
SRC = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = Path(__file__).resolve().parent.parent / "seeds"


def write(name, rows):
    path = OUT / f"{name}.jsonl.gz"
    text = "".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n" for row in rows)
    # mtime=0 keeps the output byte-identical across runs, so unchanged data makes no diff.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))
    print(f"{path.name}: {len(rows)} rows, {path.stat().st_size // 1024} KiB")


def tsv(name):
    with open(SRC / "onet" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_csv(path, skip=0, encoding="utf-8-sig"):
    with open(SRC / path, encoding=encoding) as f:
        for _ in range(skip):
            f.readline()
        return list(csv.DictReader(f))


def number(text):
    """Returns a float, or None for BLS suppression marks such as '*', '#' and '**'."""
    text = (text or "").replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return None


def excel_text(text):
    """Strips the ="..." wrapper NCES puts around codes so spreadsheets keep leading zeros."""
    return re.sub(r'^="?(.*?)"?$', r"\1", (text or "").strip())


def soc_codes():
    rows = []
    for r in read_csv("soc/soc_2018_definitions.csv"):
        code = r["SOC Code"].strip()
        rows.append({"code": code, "title": r["SOC Title"].strip(),
                     "definition": r["SOC Definition"].strip() or None,
                     "level": r["SOC Group"].strip().upper(), "parent": soc_parent(code, r["SOC Group"])})
    write("soc_codes", rows)


def soc_parent(code, group):
    group = group.strip().lower()
    if group == "detailed":
        return code[:6] + "0" if code[6] != "0" else code[:5] + "00"
    if group == "broad":
        return code[:4] + "000" if code[4:] != "000" else code[:3] + "0000"
    if group == "minor":
        return code[:2] + "-0000"
    return None


def cip_codes():
    rows = []
    for r in read_csv("cip/CIPCode2020.csv"):
        code = excel_text(r["CIPCode"])
        parent = code[:5] if len(code) == 7 else (code[:2] if len(code) == 5 else None)
        rows.append({"code": code, "title": r["CIPTitle"].strip().rstrip("."),
                     "definition": r["CIPDefinition"].strip() or None, "parent": parent,
                     "level": {2: "FAMILY", 5: "SERIES", 7: "PROGRAM"}.get(len(code), "OTHER")})
    write("cip_codes", rows)


def cip_soc():
    rows = [{"cip": r["CIP2020Code"].strip(), "soc": r["SOC2018Code"].strip()}
            for r in read_csv("cip/CIP2020_SOC2018_CIP_SOC.csv")
            if r["SOC2018Code"].strip() and not r["SOC2018Code"].startswith("99-")]
    write("cip_soc", rows)


def wages():
    out = {}
    for r in read_csv("bls/oews_national_M2024.csv"):
        if r["O_GROUP"] in ("detailed", "broad"):
            out.setdefault(r["OCC_CODE"], {
                "employment": number(r["TOT_EMP"]), "median": number(r["A_MEDIAN"]),
                "pct10": number(r["A_PCT10"]), "mean": number(r["A_MEAN"]),
                "hourlyMedian": number(r["H_MEDIAN"])})
    return out


def projections():
    out = {}
    for r in read_csv("bls/ep_2024_34_Table_1_2.csv", skip=1):
        code = (r.get("2024 National Employment Matrix code") or "").strip()
        if not re.match(r"^\d\d-\d{4}$", code):
            continue
        openings = number(r["Occupational openings, 2024–34 annual average"])
        out[code] = {"growth": number(r["Employment change, percent, 2024–34"]),
                     "openings": round(openings * 1000) if openings is not None else None,
                     "education": (r["Typical education needed for entry"] or "").strip() or None}
    return out


def occupations():
    titles = tsv("Occupation Data.txt")
    soc_of = {r["O*NET-SOC 2019 Code"]: r["2018 SOC Code"] for r in read_csv("soc/ONET_SOC_2019_to_SOC_2018_Crosswalk.csv")}
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in tsv("Job Zones.txt")}
    alternates = defaultdict(list)
    for r in tsv("Alternate Titles.txt"):
        alternates[r["O*NET-SOC Code"]].append(r["Alternate Title"])
    tech = defaultdict(list)
    for r in tsv("Technology Skills.txt"):
        tech[r["O*NET-SOC Code"]].append(r["Example"] + (" (hot technology)" if r["Hot Technology"] == "Y" else ""))
    tasks = defaultdict(list)
    for r in tsv("Task Statements.txt"):
        tasks[r["O*NET-SOC Code"]].append(r["Task"])
    pay, outlook = wages(), projections()
    rows = []
    for r in titles:
        code = r["O*NET-SOC Code"]
        soc = soc_of.get(code, code[:7])
        w, p = pay.get(soc, {}), outlook.get(soc, {})
        rows.append({"onet": code, "soc": soc, "title": r["Title"], "description": r["Description"],
                     "jobZone": zones.get(code), "alternateTitles": alternates[code],
                     "technologySkills": tech[code], "tasks": tasks[code],
                     "medianWage": w.get("median"), "entryWage": w.get("pct10"),
                     "meanWage": w.get("mean"), "employment": w.get("employment"),
                     "growthPercent": p.get("growth"), "annualOpenings": p.get("openings"),
                     "entryEducation": p.get("education")})
    write("occupations", rows)


def skills():
    nodes, links = {}, defaultdict(dict)
    for kind, name in (("SKILL", "Skills.txt"), ("KNOWLEDGE", "Knowledge.txt")):
        for r in tsv(name):
            nodes[r["Element ID"]] = {"elementId": r["Element ID"], "name": r["Element Name"], "kind": kind}
            if r["Recommend Suppress"] == "Y":
                continue
            key = (r["O*NET-SOC Code"], r["Element ID"])
            links[key]["importance" if r["Scale ID"] == "IM" else "level"] = float(r["Data Value"])
    write("skills", list(nodes.values()))
    write("occupation_skills", [{"onet": o, "elementId": e, **v} for (o, e), v in links.items()])


def related():
    rows = [{"onet": r["O*NET-SOC Code"], "related": r["Related O*NET-SOC Code"],
             "tier": r["Relatedness Tier"], "rank": int(r["Index"])} for r in tsv("Related Occupations.txt")]
    write("related_occupations", rows)


def onet_2010():
    rows = [{"code2010": r["O*NET-SOC 2010 Code"], "title2010": r["O*NET-SOC 2010 Title"],
             "code2019": r["O*NET-SOC 2019 Code"]} for r in read_csv("soc/ONET_SOC_2010_to_2019_Crosswalk.csv")]
    write("onet_2010", rows)


def naics():
    rows = []
    for r in read_csv("naics/naics_2022_2-6_digit_codes.csv"):
        code = r["2022 NAICS US   Code"].strip()
        if not code:
            continue
        first = code.split("-")[0]
        parent = first[:-1] if len(first) > 2 else None
        rows.append({"code": code, "title": r["2022 NAICS US Title"].strip().rstrip("T"), "parent": parent})
    write("naics_codes", rows)
    staffing = []
    for r in read_csv("bls/oews_natsector_M2024.csv"):
        if r["O_GROUP"] != "detailed":
            continue
        staffing.append({"soc": r["OCC_CODE"], "naics": r["NAICS"], "employment": number(r["TOT_EMP"]),
                         "percentOfIndustry": number(r["PCT_TOTAL"]), "medianWage": number(r["A_MEDIAN"])})
    write("staffing_pattern", staffing)


def ipeds():
    rows = []
    for r in read_csv("catalogs/ipeds/hd2023.csv", encoding="latin-1"):
        rows.append({"unitId": r["\ufeffUNITID"] if "\ufeffUNITID" in r else r.get("ï»¿UNITID", r.get("UNITID")),
                     "name": r["INSTNM"], "city": r["CITY"], "state": r["STABBR"], "zip": r["ZIP"],
                     "url": r["WEBADDR"].strip() or None, "opeId": r["OPEID"].strip() or None})
    write("ipeds_providers", rows)


def nj_etpl():
    cip_titles = {excel_text(r["CIPCode"]): r["CIPTitle"].strip().rstrip(".") for r in read_csv("cip/CIPCode2020.csv")}
    in_demand = {r["CIP"].strip() for r in read_csv("catalogs/nj_etpl/nj_in_demand_cips.csv")}
    providers = {}
    for r in read_csv("catalogs/nj_etpl/nj_etpl_providers_20210305.csv", encoding="latin-1"):
        providers[r["PROVIDERID"]] = {"etplId": r["PROVIDERID"], "name": r["NAME"].strip(), "city": r["CITY"].strip(),
                                      "state": r["STATE"].strip() or "NJ", "zip": r["ZIP"].strip(),
                                      "url": r["WEBSITE"].strip() or None, "status": r["STATUSNAME"].strip()}
    write("nj_providers", list(providers.values()))
    programs = []
    for r in read_csv("catalogs/nj_etpl/nj_outcomes_schcip.csv"):
        if r["providerid"] not in providers:
            continue
        raw = r["cipcode"].strip().zfill(6)
        cip = f"{raw[:2]}.{raw[2:]}"

        def rate(field):
            v = number(r[field])
            return None if v is None or v < 0 else v

        def wage(field):
            v = number(r[field])
            return None if v is None or v < 0 else v

        programs.append({"etplId": r["providerid"], "cip": cip, "name": cip_titles.get(cip, f"CIP {cip}"),
                         "inDemand": cip in in_demand,
                         "employedRate2": rate("PerEmployed2"), "employedRate4": rate("PerEmployed4"),
                         "employedRate8": rate("PerEmployed8"), "quarterlyWage2": wage("AvgQuarterlyWage2"),
                         "quarterlyWage4": wage("AvgQuarterlyWage4"), "quarterlyWage8": wage("AvgQuarterlyWage8"),
                         "retentionRate4": rate("PerRetention4"), "completers2": rate("NumCompleted2"),
                         "completers4": rate("NumCompleted4"), "completers8": rate("NumCompleted8")})
    write("nj_programs", programs)
    write("nj_in_demand_socs", [{"soc": r["SOC"].strip()} for r in read_csv("catalogs/nj_etpl/nj_in_demand_socs.csv")])


def ca_top():
    rows = []
    for r in read_csv("catalogs/ca_ccc_TOP_CIP_SOC_2025_02_TOP_CIP_SOC.csv"):
        rows.append({"top": r["Current TOP Code"].strip(), "title": r["Current TOP Title"].strip(),
                     "cip": r["2020 CIP Code"].strip() or None, "soc": r["2018 SOC Code"].strip() or None})
    write("ca_top", rows)


CTDL_PROGRAM_TYPES = re.compile(r"ceterms:(.*Degree|.*Certificate|Certification|Diploma|.*Badge|License|"
                                r"Credential|LearningProgram|Course|LearningOpportunityProfile|ApprenticeshipCertificate)$")


def text_of(value):
    if isinstance(value, dict):
        return value.get("en-US") or value.get("en") or next(iter(value.values()), None)
    if isinstance(value, list):
        return text_of(value[0]) if value else None
    return value


def codes_in(obj, key, pattern):
    out = []
    for item in obj.get(key, []) or []:
        for field in ("ceterms:codedNotation", "ceterms:targetNode"):
            m = re.search(pattern, str(item.get(field, "")))
            if m:
                out.append(m.group(1))
                break
    return sorted(set(out))


def ctdl():
    rows = []
    for path in sorted((SRC / "ctdl").glob("*/*.json")):
        doc = json.load(open(path))
        items = doc.get("@graph", [doc]) if isinstance(doc, dict) else doc
        for item in items:
            if not isinstance(item, dict) or not CTDL_PROGRAM_TYPES.search(str(item.get("@type", ""))):
                continue
            ctid = item.get("ceterms:ctid")
            if not ctid:
                continue
            rows.append({"ctid": ctid, "type": item["@type"].split(":")[1], "name": text_of(item.get("ceterms:name")),
                         "description": text_of(item.get("ceterms:description")),
                         "url": item.get("ceterms:subjectWebpage"),
                         "cips": codes_in(item, "ceterms:instructionalProgramType", r"(\d\d\.\d{4})"),
                         "occupationCodes": codes_in(item, "ceterms:occupationType", r"(\d\d-\d{4}(?:\.\d\d)?)"),
                         "source": f"{path.parent.name}/{path.name}",
                         "ctdlJson": json.dumps(item, ensure_ascii=False, sort_keys=True)})
    dedup = {r["ctid"]: r for r in rows}
    write("ctdl_programs", list(dedup.values()))


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    for step in (soc_codes, cip_codes, cip_soc, occupations, skills, related, onet_2010, naics, ipeds, nj_etpl, ca_top, ctdl):
        step()
