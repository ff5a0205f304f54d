#!/usr/bin/env bash
# Regenerates the PS3.15 Annex E action table of the de-identifier
# (src/main/resources/jp/renkei/hub/dicom/deid/basic-profile.tsv) from the machine-readable extract of
# PS3.15 Table E.1-1 published in the innolitics/dicom-standard repository (MIT licence, file
# standard/confidentiality_profile_attributes.json, itself parsed from the DICOM standard's web edition).
# The build does not need that repository: the generated file is committed.
# Usage: dicom-bridge/tools/generate-deid-profile.sh path/to/confidentiality_profile_attributes.json [edition]
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=${1:?path to confidentiality_profile_attributes.json}
edition=${2:-unknown}
target=src/main/resources/jp/renkei/hub/dicom/deid/basic-profile.tsv
mkdir -p "$(dirname "$target")"
python3 - "$source_file" "$edition" > "$target" <<'PY'
import json, re, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
print("# PS3.15 Annex E Table E.1-1 (Application Level Confidentiality Profile Attributes). GENERATED - do not")
print("# edit; run dicom-bridge/tools/generate-deid-profile.sh. Source: innolitics/dicom-standard,")
print("# standard/confidentiality_profile_attributes.json (MIT licence, Copyright (c) 2017 Innolitics, LLC),")
print("# extracted from DICOM PS3.15 " + sys.argv[2] + " (the DICOM standard is published by NEMA for free use).")
print("# Columns: tag (gggg,eeee; x = any hex digit; 'private' = every odd group), Basic Profile action,")
print("# Retain Longitudinal Full Dates option, Retain Longitudinal Modified Dates option, Retain Patient")
print("# Characteristics option ('-' = no entry: the basic action applies), attribute name.")
out = []
for row in rows:
    tag = row["tag"].strip()
    if tag.upper().startswith("(GGGG,EEEE)"):
        key = "private"
    else:
        m = re.fullmatch(r"\(([0-9A-Fa-fXx]{4}),([0-9A-Fa-fXx]{4})\)", tag)
        if not m:
            raise SystemExit("unexpected tag " + tag)
        key = (m.group(1) + "," + m.group(2)).upper().replace("X", "x")
    out.append("\t".join([key, re.sub(r"\s+", "", row["basicProfile"]), row.get("rtnLongFullDatesOpt", "-"),
                          row.get("rtnLongModifDatesOpt", "-"), row.get("rtnPatCharsOpt", "-"), " ".join(row["name"].split())]))
for line in sorted(out):
    print(line)
PY
echo "wrote $(grep -vc '^#' "$target") entries to $target"
