#!/usr/bin/env bash
# Builds BootTests and runs its test suite; as root on Debian it first installs the host tools the tests drive.
# Usage: ./run-tests.sh [NUNIT_FILTER]      e.g. ./run-tests.sh "TestCategory=Unit"
# Results: console (verbosity normal) and artifacts/test-results/junit.xml.
set -euo pipefail

cd "$(dirname "$0")"
started=$SECONDS
filter=${1:-}

# program -> Debian package that provides it
declare -A wanted=(
    [qemu-system-x86_64]=qemu-system-x86
    [/bin/busybox]=busybox-static
    [mmdebstrap]=mmdebstrap
    [cpio]=cpio
    [zstd]=zstd
    [xz]=xz-utils
    [ssh-keygen]=openssh-client
    [sshd]=openssh-server
    [python3]=python3
    # --boot-via grub: the GRUB CD image (BIOS and UEFI GRUB, grub-mkrescue, xorriso, mtools for its EFI partition)
    [grub-mkrescue]=grub-common
    [/usr/lib/grub/i386-pc/cdboot.img]=grub-pc-bin
    [/usr/lib/grub/x86_64-efi/linux.mod]=grub-efi-amd64-bin
    [xorriso]=xorriso
    [mformat]=mtools
    # --boot-via grub-uefi: OVMF (a Recommends of qemu-system-x86, so --no-install-recommends leaves it out)
    [/usr/share/OVMF/OVMF_CODE_4M.fd]=ovmf
    # --boot-via ipxe: the NIC's iPXE ROM (normally pulled in by qemu-system-x86)
    [/usr/lib/ipxe/qemu/efi-virtio.rom]=ipxe-qemu
)

have() {
    case $1 in
        # Data files (GRUB modules, firmware, ROMs) are not executable: existing is enough.
        /*) [ -e "$1" ] ;;
        sshd) command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

missing=()
for program in "${!wanted[@]}"; do
    have "$program" || missing+=("${wanted[$program]}")
done
# The dynamic busybox cannot run inside an initramfs; only the static build will do.
if [ -x /bin/busybox ] && ! dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'install ok installed'; then
    missing+=(busybox-static)
fi

if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "run-tests: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        echo "run-tests: missing host packages: ${missing[*]}" >&2
        echo "run-tests: install them as root: apt-get install ${missing[*]}" >&2
        exit 4
    fi
fi

results="$PWD/artifacts/test-results"
mkdir -p "$results"
rm -f "$results/junit.xml"

dotnet build BootTests.sln -c Release

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

# Counts come from the JUnit XML (one <testcase> per test); the console summary is the fallback.
passed=0
failed=0
if [ -s "$results/junit.xml" ]; then
    read -r passed failed < <(python3 - "$results/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
failed = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
skipped = sum(1 for c in cases if c.find("skipped") is not None)
print(len(cases) - failed - skipped, failed)
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
if [ "$failed" -gt 0 ] || [ "$test_status" -ne 0 ]; then
    exit 1
fi
if [ "$passed" -eq 0 ]; then
    echo "run-tests: no test ran${filter:+ (filter: $filter)}" >&2
    exit 1
fi
