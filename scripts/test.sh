#!/usr/bin/env bash
# Installs the dependencies, builds everything and runs the whole test suite; then runs the tests
# that read the shared reference folder (label shared-reference) once more with that folder
# hidden, as on a plain clone: they must pass or skip cleanly without it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" ci
cd "$root"
ctest --preset ci -j "$(nproc)"
plain_clone="$(mktemp -d)"
trap 'rm -rf "$plain_clone"' EXIT
DRS_SHARED_REFERENCE="$plain_clone/absent" ctest --preset ci -j "$(nproc)" -L shared-reference
