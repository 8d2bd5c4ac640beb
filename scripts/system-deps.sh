#!/usr/bin/env bash
# Make sure the Debian packages gisapp needs are present: PostgreSQL + PostGIS 3 always,
# Chromium and GDAL's tools with --tests; wrk, valgrind (bench/instructions.py) and Python 3.11
# (tipg's venv) with --bench.
# As root, install them; otherwise print the command. Quick when all are there: nothing is downloaded.
set -euo pipefail

want=${1:-}
packages=()

pg_version=""
for dir in /usr/lib/postgresql/*/bin; do
  [ -x "$dir/initdb" ] && pg_version=$(basename "$(dirname "$dir")")
done
if [ -z "$pg_version" ]; then
  packages+=(postgresql-15 postgresql-15-postgis-3)
elif [ ! -f "/usr/share/postgresql/$pg_version/extension/postgis.control" ]; then
  packages+=("postgresql-$pg_version-postgis-3")
fi

if [ "$want" = "--tests" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v ogrinfo >/dev/null 2>&1 || packages+=(gdal-bin)
fi
if [ "$want" = "--bench" ]; then
  command -v wrk >/dev/null 2>&1 || packages+=(wrk)
  command -v valgrind >/dev/null 2>&1 || packages+=(valgrind)
  command -v python3.11 >/dev/null 2>&1 || packages+=(python3.11 python3.11-venv)
fi

[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  # Debian's package may start a system cluster on 5432; gisapp uses its own and leaves that one alone.
else
  echo "gisapp needs these Debian packages: ${packages[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
