#!/usr/bin/env bash
# Vendor the front end's third-party scripts from the npm registry into static/vendor/.
#
# Re-runnable: each package's vendor folder is rebuilt from its npm tarball, the tarball's
# integrity is checked against the value pinned below, and static/vendor/VERSIONS.md is rewritten
# with the version, licence, tarball integrity and a sha256 of every vendored file.
# The page never loads anything from a CDN: these files are all it needs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"

# name|version|licence|npm dist.integrity (sha512 of the tarball)
PACKAGES=(
  "leaflet|1.9.4|BSD-2-Clause|sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "leaflet.vectorgrid|1.3.0|Beerware; the bundle includes geojson-vt (ISC), pbf, topojson, vector-tile (BSD)|sha512-kWmj1pKM+MVdo/7Mg5zsB3YrGZvo/uIuiANV9MvWUFOG+Y2xAJzrteDhoIcCgTjHSSRJ36xdeGdIQVhuWjnCZw=="
)

for tool in node npm tar sha256sum; do
  command -v "$tool" >/dev/null || { echo "vendor-frontend: '$tool' is required" >&2; exit 1; }
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Download NAME@VERSION with npm pack, check its integrity, extract it to $WORK/NAME/package.
fetch_package() {
  local name="$1" version="$2" integrity="$3" tgz actual
  mkdir -p "$WORK/$name"
  (cd "$WORK/$name" && npm pack --silent "$name@$version" >/dev/null)
  tgz="$(ls "$WORK/$name"/*.tgz)"
  actual="$(node -e 'const c=require("crypto"),fs=require("fs");
    process.stdout.write("sha512-"+c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$tgz")"
  if [[ "$actual" != "$integrity" ]]; then
    echo "vendor-frontend: $name@$version integrity mismatch: got $actual, want $integrity" >&2
    exit 1
  fi
  tar -xzf "$tgz" -C "$WORK/$name"
}

copy_leaflet() {
  local src="$WORK/leaflet/package" dst="$VENDOR/leaflet"
  rm -rf "$dst"
  mkdir -p "$dst/images"
  cp "$src/dist/leaflet.js" "$src/dist/leaflet.css" "$src/LICENSE" "$dst/"
  cp "$src"/dist/images/*.png "$dst/images/"
}

copy_vectorgrid() {
  local src="$WORK/leaflet.vectorgrid/package" dst="$VENDOR/leaflet.vectorgrid"
  rm -rf "$dst"
  mkdir -p "$dst"
  # The bundled build includes its pbf and vector-tile dependencies.
  cp "$src/dist/Leaflet.VectorGrid.bundled.min.js" "$dst/"
  # The package ships no LICENSE file: its licence is the "Legalese" section of its README,
  # and the README names the licences of the bundled dependencies.
  {
    echo "Leaflet.VectorGrid licence, copied from README.md of the npm package leaflet.vectorgrid@1.3.0."
    echo
    sed -n '/^## Legalese/,$p' "$src/README.md"
    echo
    echo "Dependencies included in dist/Leaflet.VectorGrid.bundled.min.js, as the README lists them:"
    grep -E '^\* \[(geojson-vt|pbf|topojson|vector-tile)\]' "$src/README.md"
  } >"$dst/LICENSE"
}

mkdir -p "$VENDOR"
for spec in "${PACKAGES[@]}"; do
  IFS='|' read -r name version _ integrity <<<"$spec"
  echo "vendor-frontend: fetching $name@$version"
  fetch_package "$name" "$version" "$integrity"
done
copy_leaflet
copy_vectorgrid

{
  echo "# Vendored front-end packages"
  echo
  echo "Written by \`scripts/vendor-frontend.sh\`; do not edit by hand. Re-run the script to refresh."
  echo "Every file comes from the package's npm tarball, whose integrity the script checks."
  echo
  echo "| package | version | licence | npm tarball integrity |"
  echo "| --- | --- | --- | --- |"
  for spec in "${PACKAGES[@]}"; do
    IFS='|' read -r name version licence integrity <<<"$spec"
    echo "| $name | $version | $licence | \`$integrity\` |"
  done
  echo
  echo "## sha256 of every vendored file"
  echo
  echo '```'
  (cd "$VENDOR" && find leaflet leaflet.vectorgrid -type f | LC_ALL=C sort | xargs sha256sum)
  echo '```'
} >"$VENDOR/VERSIONS.md"

echo "vendor-frontend: wrote $VENDOR (see VERSIONS.md)"
