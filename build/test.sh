#!/usr/bin/env bash
# Runs every test of the repo. Installs what the tests need when it is missing (Dovecot for the IMAP tests),
# then runs `dotnet test` and prints a closing line "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
command -v dovecot >/dev/null 2>&1 || need_packages+=(dovecot-imapd)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the integration tests..." >&2
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_packages[@]}" >&2
fi

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet test Recruiting.sln --configuration Release --logger "trx" --results-directory "$results" "$@" || status=$?

# Count results from the TRX files: one closing line a CI reads.
python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status
