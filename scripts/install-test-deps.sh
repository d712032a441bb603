#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK (run as root; CI runs as root).
#   libgdcm-cil: GDCM 3.0 C# bindings (gdcm-sharp.dll + libgdcmsharpglue.so in /usr/lib/cli/gdcm-sharp-3.0/) for the
#   codec worker (src/CodecWorker): JPEG, JPEG-LS and JPEG 2000. Rebuild after installing: the worker references it
#   only when present. Without it those syntaxes are refused with a message naming this script, and their tests skip.
#   Azurite (npm, pinned in tools/azurite/package.json and its lock file): the Azure Storage emulator the distributed-mode
#   tests start on free loopback ports. Without it those tests skip with a message naming this script.
#   chromium (Debian): the headless browser the review-report test drives over the DevTools protocol (no browser
#   download). Without it that test skips with a message naming this script.
# Prometheus joins here with its issue.
set -euo pipefail
dotnet --version >/dev/null
dpkg -s libgdcm-cil >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y libgdcm-cil)
dpkg -s chromium >/dev/null 2>&1 || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm)
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -x "$root/tools/azurite/node_modules/.bin/azurite" ] || (cd "$root/tools/azurite" && npm ci --no-audit --no-fund --loglevel=error)
