#!/usr/bin/env bash
# Configures and builds DeepRadScore Studio (Ninja, ccache). Usage: scripts/build.sh [preset] [targets...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
preset="${1:-dev}"
shift || true
# Relative paths in ccache's hash let separate clones share one cache.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$root")}"
# Debug info would otherwise tie cache entries to one build folder.
export CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-8G}"
jobs="${DRS_BUILD_JOBS:-$(nproc)}"
cmake --preset "$preset" >/dev/null
if [ $# -gt 0 ]; then
  cmake --build --preset "$preset" -j "$jobs" --target "$@"
else
  cmake --build --preset "$preset" -j "$jobs"
fi
