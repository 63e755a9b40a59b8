#!/usr/bin/env bash
# Sharded extraction of 200 regions with N = 1, 2 and 4 processes on this machine: wall time of the
# whole array (all tasks started at once, as Slurm would on one node) and CPU time of the tasks
# (user + system of the waited-for children), then the merge, checked byte for byte against a
# single `drs extract --cases` run. Cases: the pyradiomics test cases brain1, brain2 and breast1
# (shared reference data), cycled to 200 rows. Usage: bench/cluster/run.sh [build/bin/drs] [REFERENCE] [CASES=200]
set -euo pipefail
drs="$(realpath "${1:-build/bin/drs}")"
ref="$(realpath "${2:-../shared/reference/pyradiomics}")"
count="${3:-200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
{
  echo "id,image,mask"
  for i in $(seq 0 $((count - 1))); do
    case $((i % 3)) in 0) c=brain1;; 1) c=brain2;; 2) c=breast1;; esac
    echo "r$i,$ref/${c}_image.nrrd,$ref/${c}_label.nrrd"
  done
} > "$work/cases.csv"

array() {  # array N: N tasks at once, then the merge
  local n=$1 out="$work/shards$1"
  local pids=()
  for i in $(seq 1 "$n"); do
    "$drs" extract --cases "$work/cases.csv" --threads 1 --shard "$i/$n" --out-dir "$out" 2>/dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  "$drs" merge --shards "$out" --out "$work/merged$n.csv"
}

echo "single run (reference): $(/usr/bin/time -f '%e s wall, %U+%S s CPU' "$drs" extract --cases "$work/cases.csv" --threads 1 --out "$work/single.csv" 2>&1 | tail -1)"
for n in 1 2 4; do
  # /usr/bin/time counts the CPU of every process the shell waited for: all tasks and the merge.
  line=$(/usr/bin/time -f '%e %U %S' bash -c "$(declare -f array); drs='$drs' work='$work' array $n" 2>&1 | tail -1)
  read -r wall user sys <<<"$line"
  cmp -s "$work/merged$n.csv" "$work/single.csv" && same=identical || same=DIFFERENT
  printf 'N=%d: %s s wall, %s s CPU (user %s + sys %s); merged CSV %s to the single run\n' \
    "$n" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$same"
done
