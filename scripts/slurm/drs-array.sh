#!/usr/bin/env bash
# One task of a Slurm array job running a sharded drs command: task I of N adds "--shard I/N" to
# the command and computes its share of the cases (docs/cluster.md).
#
#   sbatch --array=1-8 scripts/slurm/drs-array.sh extract --cases CASES.csv --out-dir SHARDS [--wavelet]
#   sbatch --array=1-8 scripts/slurm/drs-array.sh deep-features --model M.pt --patches P.csv --out-dir SHARDS
#
# The array must be numbered 1..N (--array=1-N, optionally throttled with %K). A task killed or
# failed can be submitted again on its own (--array=5): finished cases are kept, the rest computed.
# DRS names the drs executable (default: drs on PATH).
#SBATCH --job-name=drs-shard
#SBATCH --cpus-per-task=2
#SBATCH --output=drs-shard-%A_%a.log
set -euo pipefail
: "${SLURM_ARRAY_TASK_ID:?submit this script with sbatch --array=1-N}"
first="${SLURM_ARRAY_TASK_MIN:-1}"
count="${DRS_SHARD_COUNT:-${SLURM_ARRAY_TASK_MAX:?}}"
if [ "$first" != 1 ] && [ -z "${DRS_SHARD_COUNT:-}" ]; then
  echo "drs-array.sh: the array starts at $first; number it 1..N, or set DRS_SHARD_COUNT=N when resubmitting one task" >&2
  exit 2
fi
threads="${SLURM_CPUS_PER_TASK:-1}"
extra=()
# drs extract shares a case's work between threads; give it the CPUs Slurm granted.
if [ "${1:-}" = extract ]; then extra=(--threads "$threads"); fi
exec "${DRS:-drs}" "$@" "${extra[@]}" --shard "${SLURM_ARRAY_TASK_ID}/${count}"
