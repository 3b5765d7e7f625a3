#!/usr/bin/env bash
# Installs everything drlint needs on Debian 12 (apt + the pinned npm
# grammar packages), builds it, and scans the shipped example.
#   scripts/setup.sh            install, build, scan the example
#   scripts/setup.sh --no-scan  install and build only (used by .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."

scan_example=1
[ "${1:-}" = "--no-scan" ] && scan_example=0

packages=(build-essential cmake ninja-build pkg-config git
          libyaml-cpp-dev libre2-dev libcli11-dev nlohmann-json3-dev catch2
          python3 python3-jsonschema chromium)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# tree-sitter runtime 0.25 + HCL grammar 1.2.0, pinned by grammars/package-lock.json.
if [ ! -f grammars/node_modules/.package-lock.json ] || [ grammars/package-lock.json -nt grammars/node_modules/.package-lock.json ]; then
  echo "==> installing pinned grammar packages (npm ci)"
  (cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

echo "==> building drlint"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRLINT_BUILD_TESTS="${DRLINT_BUILD_TESTS:-ON}" >/dev/null
cmake --build build -j"$(nproc)"

if [ "$scan_example" -eq 1 ]; then
  echo "==> drlint scan testdata/examples/aks-platform"
  status=0
  ./build/drlint scan testdata/examples/aks-platform || status=$?
  if [ "$status" -eq 1 ]; then
    echo "(exit status 1: the example has DR findings at error level, as intended)"
  elif [ "$status" -ne 0 ]; then
    exit "$status"
  fi
fi
