#!/usr/bin/env bash
# Submits a sharded drs job as a Slurm array of N tasks, then the merge as a job that starts when
# every task has ended (afterany: a task whose share holds a failing case exits 1, and the merge
# names that case). Usage:
#
#   scripts/slurm/submit-sharded.sh N SHARDS MERGE_ARGS... -- DRS_COMMAND...
#   scripts/slurm/submit-sharded.sh 8 /shared/shards --out /shared/features.csv -- \
#       extract --cases /shared/cases.csv --wavelet
#
# The command gets "--out-dir SHARDS" and each task "--shard I/N"; the merge is
# "drs merge --shards SHARDS MERGE_ARGS...". Extra sbatch options go in SBATCH_OPTIONS.
set -euo pipefail
if [ $# -lt 4 ]; then sed -n 2,12p "$0" >&2; exit 2; fi
count="$1" shards="$2"
shift 2
merge=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do merge+=("$1"); shift; done
[ "${1:-}" = -- ] || { echo "submit-sharded.sh: '--' before the drs command is missing" >&2; exit 2; }
shift
here="$(cd "$(dirname "$0")" && pwd)"
drs="${DRS:-drs}"
# shellcheck disable=SC2086
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array="1-${count}" --export=ALL,DRS="$drs" \
  "$here/drs-array.sh" "$@" --out-dir "$shards")
array="${array%%;*}"
# shellcheck disable=SC2086
merged=$(sbatch --parsable ${SBATCH_OPTIONS:-} --dependency="afterany:${array}" --job-name=drs-merge \
  --output="drs-merge-%j.log" --wrap "$(printf '%q ' "$drs" merge --shards "$shards" "${merge[@]}")")
echo "array job ${array} (${count} tasks), merge job ${merged%%;*}"
