#!/usr/bin/env bash
# Builds BootTests and runs its test suite; as root on Debian it first installs the host tools the tests drive (boottest doctor --install).
# Usage: ./run-tests.sh [NUNIT_FILTER]      e.g. ./run-tests.sh "TestCategory=Unit"
# Results: console (verbosity normal), artifacts/test-results/junit.xml and, for the sample consumer, sample.trx.
# Packages: artifacts/packages (boottest, BootTests.Harness, BootTests.NUnit), packed on every run.
set -euo pipefail

cd "$(dirname "$0")"
started=$SECONDS
filter=${1:-}

dotnet build BootTests.sln -c Release
# One style (.editorconfig): a change that breaks it fails here, before any VM boots.
if ! dotnet format BootTests.sln --no-restore --verify-no-changes --severity warn; then
    echo "run-tests: the code does not follow .editorconfig; run: dotnet format BootTests.sln --severity warn" >&2
    exit 1
fi
# The packages users install: the boottest tool, the library and the NUnit test kit (Cli/PackagedToolTests installs
# the tool from here; the sample below builds against them, not against the sources).
packages="$PWD/artifacts/packages"
rm -rf "$packages"
dotnet pack BootTests.sln -c Release --no-build -o "$packages"
export BOOTTESTS_PACKAGES="$packages"

# The host packages come from the program's own table (`boottest doctor`), so this script has no copy of it.
boottest=(dotnet src/BootTests.Cli/bin/Release/net10.0/boottest.dll)
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    "${boottest[@]}" doctor --install
elif ! "${boottest[@]}" doctor; then
    echo "run-tests: install what is missing as root: ${boottest[*]} doctor --install" >&2
    exit 4
fi

results="$PWD/artifacts/test-results"
mkdir -p "$results"
rm -f "$results/junit.xml"

test_args=(
    test tests/BootTests.Tests/BootTests.Tests.csproj
    --no-build -c Release
    --logger "console;verbosity=normal"
    --logger "junit;LogFilePath=$results/junit.xml"
)
if [ -n "$filter" ]; then
    test_args+=(--filter "$filter")
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet "${test_args[@]}" 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
set -e

# The sample consumer (samples/): a user's NUnit project on the packed BootTests.NUnit, restored into a package cache
# of its own (so an older pack of the same version is never used); its one boot proves the packed kit end to end.
sample_status=0
rm -f "$results/sample.trx"
if [ -z "$filter" ]; then
    sample_cache=$(mktemp -d)
    set +e
    NUGET_PACKAGES="$sample_cache" dotnet test samples/BootTests.Sample/BootTests.Sample.csproj -c Release \
        --logger "console;verbosity=normal" --logger "trx;LogFileName=$results/sample.trx" 2>&1 | tee -a "$log"
    sample_status=${PIPESTATUS[0]}
    set -e
    rm -rf "$sample_cache"
fi

# Counts come from the JUnit XML (one <testcase> per test) and the sample's TRX; the console summary is the fallback.
passed=0
failed=0
if [ -s "$results/junit.xml" ]; then
    read -r passed failed < <(python3 - "$results/junit.xml" "$results/sample.trx" <<'PY'
import os, sys, xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
failed = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
skipped = sum(1 for c in cases if c.find("skipped") is not None)
passed = len(cases) - failed - skipped
if os.path.exists(sys.argv[2]):
    counters = next(e for e in ET.parse(sys.argv[2]).getroot().iter() if e.tag.endswith("Counters"))
    passed += int(counters.get("passed", "0"))
    failed += int(counters.get("failed", "0")) + int(counters.get("error", "0"))
print(passed, failed)
PY
)
else
    # Minimal summary: "Failed!  - Failed:     2, Passed:   104, ..."; normal: "     Passed: 104" / "     Failed: 2".
    passed=$(grep -oE '^ *Passed: +[0-9]+|Passed: +[0-9]+,' "$log" | grep -oE '[0-9]+' | tail -n 1 || true)
    failed=$(grep -oE '^ *Failed: +[0-9]+|- Failed: +[0-9]+,' "$log" | grep -oE '[0-9]+' | tail -n 1 || true)
    passed=${passed:-0}
    failed=${failed:-0}
fi

elapsed=$((SECONDS - started))
echo "run-tests: elapsed $((elapsed / 60))m$((elapsed % 60))s; JUnit XML in $results/junit.xml"
echo "$passed passed, $failed failed"
if [ "$failed" -gt 0 ] || [ "$test_status" -ne 0 ] || [ "$sample_status" -ne 0 ]; then
    exit 1
fi
if [ "$passed" -eq 0 ]; then
    echo "run-tests: no test ran${filter:+ (filter: $filter)}" >&2
    exit 1
fi
