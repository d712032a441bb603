#!/usr/bin/env bash
# Installs, idempotently, what the test suite needs beyond the .NET SDK.
# Today: nothing (models come from the NuGet restore). Azurite, GDCM and Prometheus join here with their issues.
set -euo pipefail
dotnet --version >/dev/null
