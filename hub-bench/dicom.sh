#!/usr/bin/env bash
# DICOM storage throughput of the packaged Renkei Hub against Orthanc (Debian package, with its DICOMweb plugin) and
# DCMTK's storescp (stores files and does nothing else: the upper bound the client and this machine allow), all three
# running at once and measured in the same run, alternating (hub, Orthanc, storescp, storescp, Orthanc, hub):
#   - C-STORE over 1 association (one storescu),
#   - C-STORE over 8 parallel associations (8 storescu processes, each sending its eighth; all of one study, one
#     series per association, as a PACS splits a CT),
#   - STOW-RS with 4 parallel clients (curl, 10 instances per multipart request, connection kept; the hub as the
#     demo hospital's gateway with its client certificate, Orthanc on /dicom-web/studies; storescp has no STOW),
# then a 2,000-instance study over 4 parallel associations to the hub, reporting how long each ImagingStudy publish
# took (the hub logs it). instances/s = instances sent / wall time from the first association to the last release.
# Each measurement's size is calibrated by a warm-up send so that it lasts about DICOM_BENCH_SECONDS (default 12 s).
# See docs/benchmarks.md.
#
#   bash hub-bench/dicom.sh
#
# Needs DCMTK, Orthanc and its DICOMweb plugin, curl:
#   apt-get install -y dcmtk orthanc orthanc-dicomweb curl
# (without orthanc-dicomweb, STOW goes to Orthanc's native POST /instances, one instance per request, and the
# report says so). HUB_BENCH_SKIP_BUILD=1 uses the jar already in hub-app/target; DICOM_BENCH_JFR=FILE records a
# JFR profile of the hub (settings=profile) into FILE; JAVA_OPTS adds JVM options to the hub's (as ./hub start
# does; e.g. a profiler agent); DICOM_BENCH_SECONDS, DICOM_BENCH_CT (2000) change the sizes,
# DICOM_BENCH_SCENARIOS (default "cstore-1 cstore-8 stow-4") picks scenarios.
# The three servers get fresh temporary storage and are stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# The java that runs the hub (and the template maker): the one ./hub start runs.
java=$(bash hub java)
seconds_target="${DICOM_BENCH_SECONDS:-12}"
ct_instances="${DICOM_BENCH_CT:-2000}"
warmup=300
per_request=10
for tool in storescu storescp echoscu img2dcm dcmdjpeg dcmdump Orthanc curl python3; do
  command -v "$tool" >/dev/null || {
    echo "dicom.sh: $tool is missing (apt-get install -y dcmtk orthanc orthanc-dicomweb curl)" >&2; exit 1; }
done
dicomweb_plugin=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building the hub (./mvnw -q -B package -pl hub-app -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-app -am -DskipTests
fi
jar="${DICOM_BENCH_JAR:-$(ls hub-app/target/hub-app-*-exec.jar | head -1)}"
generator="$PWD/hub-bench/dicom-instances.py"
work="$(mktemp -d /tmp/renkei-dicom-bench.XXXXXX)"
hub_pid=""; orthanc_pid=""; storescp_pid=""
cleanup() {
  for pid in $hub_pid $orthanc_pid $storescp_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ "${DICOM_BENCH_KEEP:-0}" = 1 ] && echo "dicom.sh: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo "dicom.sh: $(nproc) cores, load average $(load) at the start; jar $jar"

# ---- the template: a 64x64 8-bit MONOCHROME2 secondary capture, Explicit VR LE, with 42-character UIDs ----
cat > "$work/Template.java" <<'JAVA'
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

public class Template {
    public static void main(String[] args) throws Exception {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.getRaster().setSample(x, y, 0, (x * 4 + y) & 255);
            }
        }
        ImageIO.write(image, "jpg", new File(args[0]));
    }
}
JAVA
"$java" "$work/Template.java" "$work/template.jpg"
uids=$(python3 -c 'import random; print(" ".join("2.25." + str(random.randrange(10**37, 10**38)) for _ in range(3)))')
read -r study_t series_t instance_t <<<"$uids"
img2dcm -q "$work/template.jpg" "$work/template-jpeg.dcm" -k PatientID=BENCH-1 -k "PatientName=Bench^Dicom" \
  -k StudyDate=20260401 -k Modality=OT -k SeriesNumber=1 -k "StudyInstanceUID=$study_t" \
  -k "SeriesInstanceUID=$series_t" -k "SOPInstanceUID=$instance_t"
dcmdjpeg -q "$work/template-jpeg.dcm" "$work/template.dcm"
dcmdump -q "$work/template.dcm" > "$work/template.txt"
grep -q "$instance_t" "$work/template.txt" || { echo "dicom.sh: template lost its UIDs" >&2; exit 1; }
echo "$study_t $series_t $instance_t" > "$work/template.dcm.uids"
echo "dicom.sh: instances of $(stat -c %s "$work/template.dcm") bytes (64x64 8-bit, Explicit VR LE)"

# ---- the three servers ----
wait_echo() { # aet aec port log pid
  for _ in $(seq 1 600); do
    echoscu -q -aet "$1" -aec "$2" 127.0.0.1 "$3" 2>/dev/null && return 0
    kill -0 "$5" 2>/dev/null || break
    sleep 0.5
  done
  echo "dicom.sh: no C-ECHO answer from $2 on port $3; the end of its log:" >&2; tail -30 "$4" >&2; return 1
}
scp_port=$(free_port); mkdir -p "$work/storescp"
# --fork: one process per association, so 8 associations are stored in parallel
storescp --fork -aet STORESCP -od "$work/storescp" "$scp_port" > "$work/storescp.log" 2>&1 &
storescp_pid=$!

orthanc_port=$(free_port); orthanc_http=$(free_port); mkdir -p "$work/orthanc/storage"
orthanc_plugins="[]"; orthanc_stow="http://127.0.0.1:$orthanc_http/dicom-web/studies"; orthanc_stow_kind="DICOMweb STOW-RS"
if [ -f "$dicomweb_plugin" ]; then
  orthanc_plugins="[\"$dicomweb_plugin\"]"
else
  orthanc_stow="http://127.0.0.1:$orthanc_http/instances"
  orthanc_stow_kind="native POST /instances, one instance per request (orthanc-dicomweb is not installed)"
fi
# Orthanc's own defaults otherwise (SQLite index, SyncStorageArea on, its default DICOM thread count)
cat > "$work/orthanc/config.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$work/orthanc/storage", "IndexDirectory": "$work/orthanc/storage",
  "DicomAet": "ORTHANC", "DicomPort": $orthanc_port, "HttpPort": $orthanc_http, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "DicomCheckCalledAet": false, "Plugins": $orthanc_plugins,
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
Orthanc "$work/orthanc/config.json" > "$work/orthanc.log" 2>&1 &
orthanc_pid=$!

hub_port=$(free_port); hub_dicom=$(free_port); mkdir -p "$work/hub-home"
jfr=()
[ -n "${DICOM_BENCH_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$DICOM_BENCH_JFR,settings=profile,dumponexit=true")
# shellcheck disable=SC2086
RENKEI_HOME="$work/hub-home" "$java" $(grep -v '^#' config/jvm.options | xargs) ${JAVA_OPTS:-} "${jfr[@]}" -jar "$jar" \
  --server.port="$hub_port" --renkei.dicom.port="$hub_dicom" > "$work/hub.log" 2>&1 &
hub_pid=$!
wait_echo BENCHSCU STORESCP "$scp_port" "$work/storescp.log" "$storescp_pid"
wait_echo BENCHSCU ORTHANC "$orthanc_port" "$work/orthanc.log" "$orthanc_pid"
wait_echo FKS_CHUO_PACS RENKEIHUB "$hub_dicom" "$work/hub.log" "$hub_pid"
home="$work/hub-home"
for _ in $(seq 1 120); do
  curl -sf --cacert "$home/pki/ca.crt" "https://127.0.0.1:$hub_port/fhir/metadata" -o /dev/null && break; sleep 1
done
echo "dicom.sh: Orthanc $(Orthanc --version 2>/dev/null | head -1 | awk '{print $NF}'), $(storescu --version | head -1)," \
  "hub pid $hub_pid; Orthanc's STOW: $orthanc_stow_kind"

# ---- one measurement: prints "instances seconds" ----
generate() { # dir count parts [instances per STOW request]
  python3 "$generator" "$work/template.dcm" "$1" "$2" "$3" one ${4:-} > /dev/null
}
cstore() { # aet aec port dir parts
  local pids=() start end p failed=0
  start=$(date +%s.%N)
  for p in $(seq 0 $(($5 - 1))); do
    storescu -aet "$1" -aec "$2" 127.0.0.1 "$3" +sd "$4/part-$p" > "$4/storescu-$p.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  end=$(date +%s.%N)
  [ "$failed" = 0 ] || { echo "dicom.sh: a storescu failed:" >&2; cat "$4"/storescu-*.log >&2; return 1; }
  python3 -c "print(f'{$end - $start:.3f}')"
}
stow() { # server dir parts
  local pids=() start end p f url opts
  case "$1" in
    hub) url="https://127.0.0.1:$hub_port/dicomweb/studies"
         opts="cacert = \"$home/pki/ca.crt\"
cert = \"$home/demo/hospital-gateway.crt\"
key = \"$home/demo/hospital-gateway.key\"" ;;
    orthanc) url="$orthanc_stow"; opts="" ;;
  esac
  for p in $(seq 0 $(($3 - 1))); do
    : > "$2/curl-$p.conf"
    if [ "$1" = orthanc ] && [ ! -f "$dicomweb_plugin" ]; then
      for f in "$2/part-$p"/*.dcm; do
        printf 'url = "%s"\ndata-binary = "@%s"\nheader = "Content-Type: application/dicom"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n' \
          "$url" "$f" >> "$2/curl-$p.conf"
      done
    else
      for f in "$2/stow-$p"/*.body; do
        printf '%s\nurl = "%s"\ndata-binary = "@%s"\nheader = "Content-Type: multipart/related; type=\\"application/dicom\\"; boundary=renkei-bench-boundary"\nheader = "Accept: application/dicom+json"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n' \
          "$opts" "$url" "$f" >> "$2/curl-$p.conf"
      done
    fi
  done
  sed -i '$d' "$2"/curl-*.conf # no "next" after the last request
  start=$(date +%s.%N)
  for p in $(seq 0 $(($3 - 1))); do curl -s -K "$2/curl-$p.conf" > "$2/codes-$p" 2>&1 & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || true; done
  end=$(date +%s.%N)
  if grep -qv '^200$' "$2"/codes-*; then
    echo "dicom.sh: STOW to $1 answered: $(sort "$2"/codes-* | uniq -c | tr '\n' ' ')" >&2; return 1
  fi
  python3 -c "print(f'{$end - $start:.3f}')"
}
measure() { # server scenario count -> prints seconds
  local dir parts
  dir="$work/run-$1-$2-$RANDOM"; parts=${2#*-}
  generate "$dir" "$3" "$parts" "$([ "${2%-*}" = stow ] && echo "$per_request")"
  case "$1-$2" in
    hub-cstore-*) cstore FKS_CHUO_PACS RENKEIHUB "$hub_dicom" "$dir" "$parts" ;;
    orthanc-cstore-*) cstore BENCHSCU ORTHANC "$orthanc_port" "$dir" "$parts" ;;
    storescp-cstore-*) cstore BENCHSCU STORESCP "$scp_port" "$dir" "$parts" ;;
    hub-stow-*|orthanc-stow-*) stow "$1" "$dir" "$parts" ;;
  esac || { echo "dicom.sh: $1 $2 failed" >&2; exit 1; }
  rm -rf "$dir"
}

declare -A total_n total_s
for scenario in ${DICOM_BENCH_SCENARIOS:-cstore-1 cstore-8 stow-4}; do
  servers=(hub orthanc storescp)
  [ "$scenario" = stow-4 ] && servers=(hub orthanc)
  declare -A size
  for server in "${servers[@]}"; do # warm-up, and a size that lasts at least the target time (the cold warm-up underrates)
    s=$(measure "$server" "$scenario" "$warmup")
    size[$server]=$(python3 -c "import math; print(max($warmup, min(40000, math.ceil(1.5 * $warmup / $s * $seconds_target))))")
  done
  order=("${servers[@]}"); for ((i=${#servers[@]}-1; i>=0; i--)); do order+=("${servers[$i]}"); done
  for server in "${order[@]}"; do
    s=$(measure "$server" "$scenario" "${size[$server]}")
    printf 'dicom.sh: %-8s %-8s %6d instances in %7.2f s = %6.1f/s (load %s)\n' "$scenario" "$server" "${size[$server]}" \
      "$s" "$(python3 -c "print(${size[$server]} / $s)")" "$(load)"
    total_n[$scenario-$server]=$(( ${total_n[$scenario-$server]:-0} + ${size[$server]} ))
    total_s[$scenario-$server]=$(python3 -c "print(${total_s[$scenario-$server]:-0} + $s)")
  done
  unset size
done

# ---- a 2,000-instance study over 4 parallel associations: how long each ImagingStudy publish takes ----
ct="$work/ct"
ct_study=$(python3 "$generator" "$work/template.dcm" "$ct" "$ct_instances" 4 one)
ct_seconds=$(cstore FKS_CHUO_PACS RENKEIHUB "$hub_dicom" "$ct" 4)
for _ in $(seq 1 120); do
  grep -q "ImagingStudy of study $ct_study: .* $ct_instances instance(s)" "$work/hub.log" && break; sleep 0.5
done
echo "dicom.sh: CT $ct_instances instances over 4 associations to the hub in ${ct_seconds}s; its publishes:"
grep "ImagingStudy of study $ct_study" "$work/hub.log" | sed 's/.*ImagingStudy of study [^:]*: /  /' || echo "  (none logged)"

stored_hub=$(find "$home/dicom/objects" -type f -name '*.dcm' | wc -l)
stored_orthanc=$(curl -s "http://127.0.0.1:$orthanc_http/statistics" | python3 -c 'import json,sys; print(json.load(sys.stdin)["CountInstances"])')
stored_scp=$(find "$work/storescp" -type f | wc -l)
echo "dicom.sh: stored in all: hub $stored_hub, Orthanc $stored_orthanc, storescp $stored_scp files; load average $(load)"

args=()
for key in ${!total_n[@]}; do args+=("$key=${total_n[$key]}/${total_s[$key]}"); done
python3 - "${args[@]}" <<'PY'
import sys
rate = {}
for a in sys.argv[1:]:
    key, value = a.split("=")
    n, s = value.split("/")
    rate[key] = int(n) / float(s)
print("instances/s (both runs of each server together):")
for scenario, label in (("cstore-1", "C-STORE, 1 association"), ("cstore-8", "C-STORE, 8 associations"),
                        ("stow-4", "STOW-RS, 4 clients")):
    hub, orthanc, scp = (rate.get(f"{scenario}-{s}") for s in ("hub", "orthanc", "storescp"))
    if hub is None:
        continue
    line = f"  {label:25s} hub {hub:7.1f}  Orthanc {orthanc:7.1f}"
    line += f"  storescp {scp:7.1f}" if scp else "  storescp     n/a"
    line += f"   hub/Orthanc {hub / orthanc:.2f}x"
    line += f"  hub/storescp {hub / scp:.2f}x" if scp else ""
    print(line)
PY
