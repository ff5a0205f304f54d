#!/usr/bin/env bash
# C-STORE throughput: the same small instances sent with DCMTK's storescu (one association, directory mode) to
# the packaged Renkei Hub and to Orthanc (Debian package), back to back on this machine; prints instances/s for
# both and the ratio. See docs/benchmarks.md.
#
#   bash hub-bench/dicom.sh [instances (default 1000)]
#
# Needs dcmtk and orthanc (apt-get install -y dcmtk orthanc). HUB_BENCH_SKIP_BUILD=1 uses the jar already in
# hub-app/target. Both peers get a fresh temporary storage directory and are stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000}"
for tool in storescu echoscu img2dcm dcmdjpeg dcmodify Orthanc; do
  command -v "$tool" >/dev/null || { echo "dicom.sh: $tool is missing (apt-get install -y dcmtk orthanc)" >&2; exit 1; }
done
if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building the hub (./mvnw -q -B package -pl hub-app -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-app -am -DskipTests
fi
jar="$(ls hub-app/target/hub-app-*-exec.jar | head -1)"
work="$(mktemp -d /tmp/renkei-dicom-bench.XXXXXX)"
hub_pid=""; orthanc_pid=""
cleanup() {
  [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null || true
  [ -n "$orthanc_pid" ] && kill "$orthanc_pid" 2>/dev/null && wait "$orthanc_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---- the instances: a 64x64 8-bit MONOCHROME2 secondary capture, Explicit VR LE, new SOP instance UID each ----
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
java "$work/Template.java" "$work/template.jpg"
img2dcm -q "$work/template.jpg" "$work/template-jpeg.dcm" -k PatientID=BENCH-1 -k "PatientName=Bench^Dicom" \
  -k StudyDate=20260401 -k Modality=OT -k SeriesNumber=1
dcmdjpeg -q "$work/template-jpeg.dcm" "$work/template.dcm"
mkdir -p "$work/instances"
for i in $(seq 1 "$count"); do cp "$work/template.dcm" "$work/instances/$i.dcm"; done
# One dcmodify run gives every file its own SOP instance UID (same study and series).
dcmodify -q -nb -gin "$work"/instances/*.dcm
bytes=$(du -sb "$work/instances" | cut -f1)
echo "instances: $count files, $((bytes / count)) bytes each on average (64x64 8-bit, Explicit VR LE)"

# ---- send: one association, all files; prints seconds ----
send() { # aet aec port
  local start end
  start=$(date +%s.%N)
  storescu -q -aet "$1" -aec "$2" 127.0.0.1 "$3" +sd "$work/instances"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}
wait_echo() { # aet aec port
  for _ in $(seq 1 240); do echoscu -q -aet "$1" -aec "$2" 127.0.0.1 "$3" 2>/dev/null && return 0; sleep 0.5; done
  echo "dicom.sh: no C-ECHO answer on port $3" >&2; return 1
}

# ---- Orthanc ----
orthanc_port=$(free_port); orthanc_http=$(free_port)
mkdir -p "$work/orthanc/storage"
cat > "$work/orthanc/config.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$work/orthanc/storage", "IndexDirectory": "$work/orthanc/storage",
  "DicomAet": "ORTHANC", "DicomPort": $orthanc_port, "HttpPort": $orthanc_http, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "DicomCheckCalledAet": false, "Plugins": [] }
JSON
Orthanc "$work/orthanc/config.json" > "$work/orthanc.log" 2>&1 &
orthanc_pid=$!
wait_echo BENCHSCU ORTHANC "$orthanc_port"
orthanc_seconds=$(send BENCHSCU ORTHANC "$orthanc_port")
stored=$(find "$work/orthanc/storage" -type f ! -name 'index*' | wc -l)
kill "$orthanc_pid"; wait "$orthanc_pid" 2>/dev/null || true; orthanc_pid=""
echo "Orthanc $(Orthanc --version 2>/dev/null | head -1 | awk '{print $NF}'): $count instances in ${orthanc_seconds}s ($stored files stored)"

# ---- the hub (packaged jar, demo network: the hospital's AE title FKS_CHUO_PACS) ----
hub_port=$(free_port); hub_dicom=$(free_port)
mkdir -p "$work/hub-home"
RENKEI_HOME="$work/hub-home" java $(grep -v '^#' config/jvm.options | xargs) -jar "$jar" \
  --server.port="$hub_port" --renkei.dicom.port="$hub_dicom" > "$work/hub.log" 2>&1 &
hub_pid=$!
wait_echo FKS_CHUO_PACS RENKEIHUB "$hub_dicom"
hub_seconds=$(send FKS_CHUO_PACS RENKEIHUB "$hub_dicom")
stored=$(find "$work/hub-home/dicom/objects" -type f -name '*.dcm' | wc -l)
kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true; hub_pid=""
echo "Renkei Hub: $count instances in ${hub_seconds}s ($stored files stored)"

python3 - "$count" "$orthanc_seconds" "$hub_seconds" <<'PY'
import sys
n, o, h = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"instances/s: hub {n / h:.0f}, Orthanc {n / o:.0f}; hub / Orthanc = {o / h:.2f}x")
PY
