#!/usr/bin/env bash
# Installs the dependencies, builds, and runs the main job: `drs demo` on the built-in synthetic
# cohort. Usage: scripts/demo.sh [--fast] [OUTPUT_DIR]   (default output: demo-output/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fast=()
if [ "${1:-}" = "--fast" ]; then
  fast=(--fast)
  shift
fi
out="${1:-$root/demo-output}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" dev drs
"$root/build/bin/drs" demo "${fast[@]}" --out "$out"
echo "demo: report $out/report.pdf, project $out/project.sqlite"
