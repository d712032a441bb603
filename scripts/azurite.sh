#!/usr/bin/env bash
# Starts the project's pinned Azurite (tools/azurite) on loopback, in the foreground, with its data in DIR.
#   scripts/azurite.sh [DIR]          default DIR: ./.azurite ; ports 10000 (blob), 10001 (queue), 10002 (table)
# Installs it first (npm, idempotent) when tools/azurite/node_modules is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/.azurite}"
[ -x "$root/tools/azurite/node_modules/.bin/azurite" ] || (cd "$root/tools/azurite" && npm ci --no-audit --no-fund)
mkdir -p "$dir"
exec "$root/tools/azurite/node_modules/.bin/azurite" --silent --skipApiVersionCheck --disableTelemetry --loose --location "$dir" \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
