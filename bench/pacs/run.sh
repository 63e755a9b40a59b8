#!/usr/bin/env bash
# 100 studies imported into a new project through DICOMweb (drs pacs import --project, from a
# throw-away Orthanc with its DICOMweb plugin on loopback) against the same studies imported from a
# folder (drs import): alternating, ROUNDS rounds each, wall and CPU time of each command.
# Usage: bench/pacs/run.sh [build/bin/drs] [PATIENTS=100] [ROUNDS=3]
set -euo pipefail
drs="$(realpath "${1:-build/bin/drs}")"
patients="${2:-100}"
rounds="${3:-3}"
work="$(mktemp -d)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
orthanc=""
cleanup() { [ -n "$orthanc" ] && kill "$orthanc" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

"$drs" synth --out "$work/cohort" --patients "$patients" >/dev/null 2>&1
cat > "$work/orthanc.json" <<JSON
{"Name": "drs-bench", "StorageDirectory": "$work/storage", "IndexDirectory": "$work/storage",
 "Plugins": ["/usr/share/orthanc/plugins/libOrthancDicomWeb.so"], "HttpPort": $port,
 "DicomServerEnabled": false, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
 "HttpCompressionEnabled": false, "DicomWeb": {"Enable": true, "Root": "/dicom-web/"}}
JSON
/usr/sbin/Orthanc "$work/orthanc.json" >"$work/orthanc.log" 2>&1 &
orthanc=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/system" >/dev/null && break; sleep 0.1; done
find "$work/cohort/studies" -type f -print0 |
  xargs -0 -P 4 -I{} curl -sf -o /dev/null -X POST --data-binary @{} "http://127.0.0.1:$port/instances"
url="http://127.0.0.1:$port/dicom-web"
"$drs" pacs search --url "$url" --limit 100000 --out "$work/studies.csv"
echo "$(($(wc -l <"$work/studies.csv") - 1)) studies on the server, $(find "$work/cohort/studies" -type f | wc -l) files"

measure() {  # measure NAME COMMAND...: "NAME wall cpu"
  local name=$1
  shift
  local line
  line=$(/usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1)
  read -r wall user sys <<<"$line"
  echo "$name $wall $(echo "$user + $sys" | bc)"
}
for r in $(seq 1 "$rounds"); do
  rm -rf "$work"/folder.* "$work"/web.*
  measure folder "$drs" import --project "$work/folder.sqlite" --studies "$work/cohort/studies" \
    --clinical "$work/cohort/clinical.csv"
  measure dicomweb "$drs" pacs import --url "$url" --studies-file "$work/studies.csv" \
    --project "$work/web.sqlite" --clinical "$work/cohort/clinical.csv"
done
