#!/usr/bin/env bash
# Installs what the tests need (idempotent) and runs every test of the solution.
# Prints one closing line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

"$(dirname "$0")/install-test-deps.sh"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test RadiologyNet.slnx --nologo 2>&1 | tee "$log" || status=$?

read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) }
      if ($i == "Passed:")  { p += $(i+1) }
      if ($i == "Skipped:") { s += $(i+1) }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log" | tr -d ',')
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
