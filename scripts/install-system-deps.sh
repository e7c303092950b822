#!/usr/bin/env bash
# Installs what the build and the browser tests need from Debian's packages and the npm
# registry, skipping whatever is already there. Safe to run again.
#   scripts/install-system-deps.sh       Chromium, Java (Nu checker), pdftotext, fonts, npm + packages
#   scripts/install-system-deps.sh npm   only npm and the packages of package-lock.json
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ "${1:-all}" != npm ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)   # the print test reads its PDFs
  fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
fi
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing from Debian: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages pinned in package-lock.json: installed when node_modules is missing, and
# again when the lock changed after the last install (npm writes node_modules/.package-lock.json).
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime of its own; the
# Nu checker runs on Debian's (above), and no other package has an install script.
if [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --silent --ignore-scripts
  fi
fi
