#!/usr/bin/env bash
# Applies the pinned .clang-format (clang-format 14) to every tracked C++ file; --check only lists
# the files that would change and exits 1 when there are any.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--check" ]; then
  changed=()
  for f in "${files[@]}"; do
    clang-format "$f" | cmp -s - "$f" || changed+=("$f")
  done
  [ ${#changed[@]} -eq 0 ] || { printf 'not formatted: %s\n' "${changed[@]}"; exit 1; }
  exit 0
fi
clang-format -i "${files[@]}"
