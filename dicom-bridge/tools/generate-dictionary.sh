#!/usr/bin/env bash
# Regenerates dicom-bridge's data dictionary (src/main/resources/jp/renkei/hub/dicom/encoding/dictionary.tsv)
# from the DICOM dictionary that Debian ships with DCMTK (package libdcmtk*, file dicom.dic, itself generated
# by OFFIS from DICOM PS3.6/PS3.7). The build does not need DCMTK: the generated file is committed.
# Usage: dicom-bridge/tools/generate-dictionary.sh [path/to/dicom.dic]
set -euo pipefail
cd "$(dirname "$0")/.."
source_file=${1:-$(ls /usr/share/libdcmtk*/dicom.dic 2>/dev/null | sort | tail -1)}
if [ -z "$source_file" ] || [ ! -r "$source_file" ]; then
  echo "dicom.dic not found: apt-get install libdcmtk-dev (or dcmtk), or pass its path" >&2
  exit 1
fi
target=src/main/resources/jp/renkei/hub/dicom/encoding/dictionary.tsv
package=$(dpkg -S "$source_file" 2>/dev/null | cut -d: -f1 || true)
version=$( [ -n "$package" ] && dpkg-query -W -f='${Version}' "$package" 2>/dev/null || echo unknown)
generated_from=$(grep -m1 '^# Generated automatically from' "$source_file" | sed 's/^# //')
{
  echo "# DICOM data dictionary for jp.renkei.hub.dicom.encoding.ElementDictionary. GENERATED - do not edit;"
  echo "# run dicom-bridge/tools/generate-dictionary.sh. Source: $(basename "$source_file") of Debian package"
  echo "# ${package:-unknown} ${version}, Copyright (C) 1994-2022 OFFIS e.V. (BSD-style licence, see README);"
  echo "# ${generated_from}"
  echo "# Columns: tag (gggg,eeee; a range gggg-gggg or gggg-o-gggg / gggg-u-gggg), VR (DCMTK notation:"
  echo "# xs = US or SS, ox = OB or OW, px = pixel data, lt = OW or OB, up = UL pointer, na = none), VM, keyword."
  grep -v '^#' "$source_file" | awk -F'\t+' 'NF >= 5 && $5 ~ /^DICOM/ {
      gsub(/[()]/, "", $1); print $1 "\t" $2 "\t" $4 "\t" $3 }'
} > "$target"
echo "wrote $(grep -vc '^#' "$target") entries to $target"
