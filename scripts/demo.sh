#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the main job on the built-in sample.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" dev drs
out="${1:-$root/demo-output}"
mkdir -p "$out"
echo "demo: writing to $out"
