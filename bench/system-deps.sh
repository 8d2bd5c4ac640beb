#!/usr/bin/env bash
# What `make bench` needs beyond `make run`: the load tool wrk (Debian) and Python 3.11 for tipg's venv.
# As root, install what is missing; otherwise print the command. Quick when both are present.
set -euo pipefail

packages=()
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
command -v python3.11 >/dev/null 2>&1 || packages+=(python3.11 python3.11-venv)

[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages for the benchmark: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1 || {
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  }
else
  echo "The benchmark needs these Debian packages: ${packages[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
