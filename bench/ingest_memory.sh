#!/usr/bin/env bash
# Peak RSS of `radnet ingest` (GNU time's maximum resident set) at two archive sizes of tiny DICOM files (7 a study),
# against an in-memory Azurite and one silo process: streaming ingest must be flat in the file count (issue 16).
# Runs tests/Distributed.Tests' IngestMemoryTests with its sizes overridden; prints one line per size, and keeps the
# whole test log (with radnet's stderr when a run fails) in $LOG.
#   bench/ingest_memory.sh [SIZES]      # default 10000,40000
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-10000,40000}"
LOG="${LOG:-/tmp/radnet-ingest-memory.log}"
dotnet build tests/Distributed.Tests -v q -nologo >/dev/null
RADNET_INGEST_MEMORY_FILES="$sizes" dotnet test tests/Distributed.Tests --no-build \
  --filter "FullyQualifiedName~IngestMemoryTests" --logger "console;verbosity=detailed" > "$LOG" 2>&1 || true
grep -E "ingest of|Passed|Failed|peak RSS grew" "$LOG" | sort -u
