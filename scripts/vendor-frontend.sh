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
  "@geoman-io/leaflet-geoman-free|2.20.2|MIT; the bundle includes Turf, lodash, polyclip-ts and others (see leaflet-geoman/LICENSE)|sha512-KQpSe0VKyuVCudq/08rMjJW1vvIwFldTwBny2wZ7ABcyyUAP7/eoFo967hCu9yRqAAHb4QOxC6gY5dGqttY68g=="
)

# The packages esbuild put inside leaflet-geoman.min.js (its unminified twin names each one in a
# "// node_modules/.pnpm/NAME@VERSION" comment), with their licences as npm lists them. The script
# stops when the bundle holds anything else, so a new version cannot bring an unreviewed licence.
GEOMAN_BUNDLED=(
  "@turf/bbox@7.4.0|MIT" "@turf/boolean-contains@7.4.0|MIT" "@turf/boolean-point-in-polygon@7.4.0|MIT"
  "@turf/boolean-point-on-line@7.4.0|MIT" "@turf/distance@7.4.0|MIT" "@turf/geojson-rbush@7.4.0|MIT"
  "@turf/helpers@7.4.0|MIT" "@turf/invariant@7.4.0|MIT" "@turf/kinks@7.4.0|MIT"
  "@turf/line-intersect@7.4.0|MIT" "@turf/line-segment@7.4.0|MIT" "@turf/line-split@7.4.0|MIT"
  "@turf/meta@7.4.0|MIT" "@turf/nearest-point-on-line@7.4.0|MIT" "@turf/truncate@7.4.0|MIT"
  "bignumber.js@9.3.1|MIT" "lodash@4.18.1|MIT" "point-in-polygon-hao@1.2.4|MIT" "polyclip-ts@0.16.8|MIT"
  "rbush@3.0.1|MIT" "robust-predicates@2.0.4|Unlicense" "robust-predicates@3.0.3|Unlicense"
  "splaytree-ts@1.0.2|BSD-3-Clause" "tinyqueue@2.0.3|ISC"
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
  tgz="$(ls "$WORK/$name"/*.tgz)"  # a scoped name (@scope/pkg) packs to scope-pkg-VERSION.tgz in that folder
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

copy_geoman() {
  local src="$WORK/@geoman-io/leaflet-geoman-free/package" dst="$VENDOR/leaflet-geoman" found expected
  found="$(grep -o '// node_modules/\.pnpm/[^/ ]*' "$src/dist/leaflet-geoman.js" | sed 's#// node_modules/\.pnpm/##; s#^\(@[^+]*\)+#\1/#' | LC_ALL=C sort -u)"
  expected="$(printf '%s\n' "${GEOMAN_BUNDLED[@]}" | cut -d'|' -f1 | LC_ALL=C sort -u)"
  if [[ "$found" != "$expected" ]]; then
    echo "vendor-frontend: leaflet-geoman bundles other packages than GEOMAN_BUNDLED lists; review their licences:" >&2
    diff <(echo "$expected") <(echo "$found") >&2 || true
    exit 1
  fi
  rm -rf "$dst"
  mkdir -p "$dst"
  # Only the minified bundle and its stylesheet: no source maps, type definitions or unminified twin.
  cp "$src/dist/leaflet-geoman.min.js" "$src/dist/leaflet-geoman.css" "$dst/"
  {
    cat "$src/LICENSE"
    echo
    echo "leaflet-geoman.min.js also contains these npm packages, with the licences npm lists for them:"
    printf '%s\n' "${GEOMAN_BUNDLED[@]}" | sed 's#^#- #; s#|# (#; s#$#)#'
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
copy_geoman

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
  (cd "$VENDOR" && find leaflet leaflet.vectorgrid leaflet-geoman -type f | LC_ALL=C sort | xargs sha256sum)
  echo '```'
} >"$VENDOR/VERSIONS.md"

echo "vendor-frontend: wrote $VENDOR (see VERSIONS.md)"
