"""Build the committed demo data under ``data/`` from the shared Vietnam GIS folder.

Run once by a developer (``python scripts/prepare_demo_data.py``); the outputs are committed so that
the application, its tests and the benchmarks never need the shared folder. Only MIT-licensed sources
are copied: the pre-2025 (GPL-3.0) provinces and districts are deliberately left out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from numpy.typing import NDArray

REPO_ROOT = Path(__file__).resolve().parents[1]
GRID = 1e-6  # 6 decimals of a degree (about 0.1 m) is far below the sources' accuracy
MIN_PART_M2 = 100.0  # polygon parts smaller than this are clipping slivers, not land
GAP_WIDTH = 2e-4  # about 20 m: gaps narrower than this between communes are resolution artefacts
FULL_DETAIL = {
    "68": "vn_wards_2025_68_lam_dong.geojson",
    "48": "vn_wards_2025_48_da_nang.geojson",
}
# The July-2025 mapping predates two code corrections that the 2026 boundary layer already carries
# (same commune, same name); remap so that every new code exists in the communes layer.
CROSSWALK_CODE_FIXES = {"06970": "06978", "23737": "23938"}
ADMIN_LICENSES = (
    "MIT_thanglequoc_vietnamese-provinces-database.txt",  # 2025 boundaries (provinces, communes)
    "MIT_dvhcvn_20250701.txt",  # old-to-new commune crosswalk
)
TEXT_COLUMNS = ["code", "name", "full_name", "name_en", "unit_type"]
GPKG_NAME = "vn_admin_2025.gpkg"
BUILD_TIMESTAMP = "2026-07-25T00:00:00Z"  # the sources' export date, stamped into the GeoPackage
CROSSWALK_NAME = "commune_crosswalk_2025.csv"


def nfc(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    """NFC-normalise text columns in place, so that equal names compare equal in SQL."""
    for column in columns:
        frame[column] = frame[column].map(lambda text: unicodedata.normalize("NFC", str(text)))


def square_metres(geoms: NDArray[np.object_]) -> NDArray[np.float64]:
    """Approximate areas in m² (local scale at each centroid), good enough to spot slivers."""
    lat = np.radians(shapely.get_y(shapely.centroid(geoms)))
    return np.asarray(shapely.area(geoms) * (111_320.0 * np.cos(lat)) * 110_574.0, dtype=np.float64)


def as_multipolygons(geoms: NDArray[np.object_]) -> NDArray[np.object_]:
    """Keep only polygon parts above MIN_PART_M2 and promote every geometry to MultiPolygon."""
    out = np.empty(len(geoms), dtype=object)
    for i, geom in enumerate(geoms):
        parts = np.asarray(shapely.get_parts(geom))
        parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
        if len(parts) > 1:
            parts = parts[square_metres(parts) >= MIN_PART_M2]
        out[i] = shapely.multipolygons(list(parts))
    return out


def load_communes(shared: Path) -> gpd.GeoDataFrame:
    """Simplified wards everywhere, replaced by the more detailed files for the demo provinces."""
    base = shared / "admin_2025"
    simplified = gpd.read_file(base / "vn_wards_3321_2025_simplified.gpkg", layer="wards")
    simplified["detail"] = "simplified"
    frames = [simplified[~simplified["province_code"].isin(list(FULL_DETAIL))]]
    for province, filename in FULL_DETAIL.items():
        full = gpd.read_file(base / filename)
        expected = set(simplified.loc[simplified["province_code"] == province, "ward_code"])
        if set(full["ward_code"]) != expected:
            raise SystemExit(f"{filename}: ward codes differ from the simplified layer")
        full["detail"] = "full"
        frames.append(full)
    communes = pd.concat(frames, ignore_index=True).rename(columns={"ward_code": "code"})
    columns = [*TEXT_COLUMNS, "province_code", "detail", "geometry"]
    communes = gpd.GeoDataFrame(communes[columns], geometry="geometry", crs="EPSG:4326")
    nfc(communes, [*TEXT_COLUMNS, "province_code"])
    communes["geometry"] = shapely.make_valid(shapely.set_precision(communes.geometry.values, GRID))
    return communes.sort_values("code", ignore_index=True)


def clean_coverage(communes: gpd.GeoDataFrame) -> NDArray[np.object_]:
    """Make the communes a clean coverage: no overlaps, identical shared edges, no slivers.

    Mixing two resolutions leaves overlaps and gaps along the borders of the detailed provinces;
    a point must resolve to one commune and generated plots in neighbouring communes must never
    overlap. A detailed commune yields overlaps to its simplified neighbour (ordering + ``min_index``);
    gaps narrower than GAP_WIDTH are merged into the neighbour with the longest shared border.
    """
    order = np.lexsort((communes["code"].to_numpy(), (communes["detail"] == "full").to_numpy()))
    cleaned = np.empty(len(communes), dtype=object)
    cleaned[order] = shapely.coverage_clean(
        communes.geometry.values[order], gap_width=GAP_WIDTH, merge_strategy="min_index"
    )
    result = as_multipolygons(shapely.set_precision(cleaned, GRID))
    before, after = square_metres(communes.geometry.values), square_metres(result)
    print(f"coverage cleaned: largest change {np.abs(after / before - 1).max():.3%} of a commune")
    if not shapely.coverage_is_valid(result):
        raise SystemExit("communes: not a valid coverage after cleaning")
    return result


def check_layer(frame: gpd.GeoDataFrame, name: str, rows: int) -> None:
    """Fail loudly on anything the database or the plot generator would trip over later."""
    geoms = frame.geometry.values
    problems = []
    if len(frame) != rows:
        problems.append(f"{len(frame)} rows, expected {rows}")
    if not frame["code"].is_unique:
        problems.append("duplicate codes")
    if (frame.geom_type != "MultiPolygon").any():
        problems.append(f"non-MultiPolygon geometries: {frame.geom_type.value_counts().to_dict()}")
    invalid = frame.loc[~shapely.is_valid(geoms), "code"].tolist()
    if invalid:
        problems.append(f"invalid geometries: {invalid[:10]}")
    if shapely.is_empty(geoms).any():
        problems.append("empty geometries")
    if problems:
        raise SystemExit(f"layer {name}: " + "; ".join(problems))


def build_provinces(shared: Path, communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve the final communes by province and attach the province attributes by code."""
    attrs = gpd.read_file(shared / "admin_2025" / "vn_provinces_34_2025.geojson", ignore_geometry=True)
    attrs = attrs.rename(columns={"province_code": "code"})[TEXT_COLUMNS]
    nfc(attrs, TEXT_COLUMNS)
    codes = sorted(communes["province_code"].unique())
    geoms = [
        shapely.coverage_union_all(communes.geometry.values[communes["province_code"] == code])
        for code in codes
    ]
    dissolved = gpd.GeoDataFrame(
        {"code": codes}, geometry=as_multipolygons(np.asarray(geoms)), crs="EPSG:4326"
    )
    provinces = attrs.merge(dissolved, on="code", how="inner", validate="one_to_one")
    provinces = gpd.GeoDataFrame(provinces, geometry="geometry", crs="EPSG:4326")
    compare_with_source(shared, provinces)
    return provinces.sort_values("code", ignore_index=True)


def compare_with_source(shared: Path, provinces: gpd.GeoDataFrame) -> None:
    """Report how far the dissolve drifts from the shared ``provinces_dissolved`` layer."""
    source = gpd.read_file(
        shared / "admin_2025" / "vn_wards_3321_2025_simplified.gpkg", layer="provinces_dissolved"
    ).set_index("province_code")
    ours = provinces.set_index("code").geometry
    theirs = source.geometry.reindex(ours.index)
    drift = shapely.area(shapely.symmetric_difference(ours.values, theirs.values))
    share = pd.Series(drift / shapely.area(theirs.values), index=ours.index)
    others = share.drop(list(FULL_DETAIL))
    print(
        f"province drift vs provinces_dissolved: max {others.max():.4%} (simplified provinces), "
        + ", ".join(f"{code} {share[code]:.3%}" for code in FULL_DETAIL)
    )


def build_crosswalk(shared: Path, commune_codes: set[str]) -> pd.DataFrame:
    """Old-to-new commune mapping with the product's column names and the two code fixes."""
    raw = pd.read_csv(shared / "admin_2025" / "vn_commune_mapping_pre2025_to_2025.csv", dtype=str)
    table = raw.rename(columns={"new_ward_code": "new_commune_code", "new_ward_name": "new_commune_name"})
    table = table[
        [
            "old_commune_code",
            "old_commune_name",
            "new_commune_code",
            "new_commune_name",
            "new_province_code",
            "merge_type",
        ]
    ].copy()
    table["new_commune_code"] = table["new_commune_code"].replace(CROSSWALK_CODE_FIXES)
    nfc(table, ["old_commune_name", "new_commune_name"])
    unknown = set(table["new_commune_code"]) - commune_codes
    if unknown:
        raise SystemExit(f"crosswalk: new codes missing from the communes layer: {sorted(unknown)}")
    if table.duplicated(["old_commune_code", "new_commune_code"]).any():
        raise SystemExit("crosswalk: an old→new pair appears twice (it is the table's primary key)")
    return table.sort_values(["new_commune_code", "old_commune_code"], ignore_index=True)


def write_notices(shared: Path, out: Path) -> None:
    """Copy the licence texts and write NOTICE with the attributions the sources require."""
    licenses = out / "licenses"
    licenses.mkdir(parents=True, exist_ok=True)
    for filename in ADMIN_LICENSES:
        shutil.copyfile(shared / "licenses" / filename, licenses / filename)
    (out / "NOTICE").write_text(NOTICE, encoding="utf-8")
    (out / "README.md").write_text(README, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build every output and print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT.parent / "shared" / "data",
        help="the shared data folder (default: ../shared/data from the repo root)",
    )
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "data", help="output folder")
    args = parser.parse_args(argv)
    shared: Path = args.shared.resolve()
    out: Path = args.out.resolve()
    (out / "admin").mkdir(parents=True, exist_ok=True)

    communes = load_communes(shared)
    communes["geometry"] = clean_coverage(communes)
    check_layer(communes, "communes", 3321)
    provinces = build_provinces(shared, communes)
    check_layer(provinces, "provinces", 34)

    gpkg = out / "admin" / GPKG_NAME
    gpkg.unlink(missing_ok=True)
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": BUILD_TIMESTAMP})  # byte-identical reruns
    provinces.to_file(gpkg, layer="provinces", driver="GPKG", engine="pyogrio")
    communes.to_file(gpkg, layer="communes", driver="GPKG", engine="pyogrio")
    crosswalk = build_crosswalk(shared, set(communes["code"]))
    crosswalk.to_csv(out / "admin" / CROSSWALK_NAME, index=False, encoding="utf-8", lineterminator="\n")
    write_notices(shared, out)
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        print(f"{path.relative_to(out.parent)}: {path.stat().st_size / 1e6:.2f} MB")
    return 0


NOTICE = """\
gisapp demo data: third-party sources and required attributions
================================================================

data/admin/vn_admin_2025.gpkg (layers provinces, communes)
  2025 administrative units (34 provinces, 3,321 communes/wards, after 1 July 2025).
  Derived from the "Bản đồ tham khảo đơn vị hành chính Việt Nam" (https://sapnhap.bando.com.vn,
  NXB Tài nguyên - Môi trường và Bản đồ Việt Nam), as packaged by
  github.com/thanglequoc/vietnamese-provinces-database
  (commit cd58063299585146ded3981f2272946ef19ced54), MIT licence, (c) 2021 Thang Le Quoc.
  Codes and names per GSO (Cục Thống kê).
  Licence text: licenses/MIT_thanglequoc_vietnamese-provinces-database.txt

data/admin/commune_crosswalk_2025.csv
  Old (pre-2025) to new (2025) commune mapping from github.com/dvhcvn/20250701
  (commit dd94887ce32324380bc5bb0a76fe39867dafc73b, mapping/merges.json), MIT licence, (c) 2025 dvhcvn.
  Licence text: licenses/MIT_dvhcvn_20250701.txt

Both files were modified (selection, renaming, simplification, overlap removal); see README.md.
"""

README = """\
# Demo data

Committed outputs of `python scripts/prepare_demo_data.py` (run from the repository root; it reads the
shared folder `../shared/data`, or the one given with `--shared`). Re-run it to rebuild everything here.
Credits are in `NOTICE`, licence texts in `licenses/`.

- `admin/vn_admin_2025.gpkg`, EPSG:4326, every geometry a valid MultiPolygon:
  - layer `provinces`: the 34 provinces after 1 July 2025, columns `code` (2-digit GSO), `name`,
    `full_name`, `name_en`, `unit_type`;
  - layer `communes`: the 3,321 communes, wards and special zones, columns `code` (5-digit GSO), `name`,
    `full_name`, `name_en`, `unit_type`, `province_code`, `detail` (`simplified` or `full`).
- `admin/commune_crosswalk_2025.csv`: 10,604 old→new rows, columns `old_commune_code`,
  `old_commune_name`, `new_commune_code`, `new_commune_name`, `new_province_code`,
  `merge_type` (`full` or `partial`: the old commune was split between several new ones).
- `NOTICE`, `licenses/`: attributions and the MIT licence texts of the two sources.

## How it was made
- Communes: the topology-preserving simplified wards layer (mapshaper `dp 5%`) for 32 provinces;
  the more detailed layers (`dp 50%`) for the two demo provinces, 68 Lâm Đồng (old Lâm Đồng, Đắk Nông,
  Bình Thuận) and 48 Đà Nẵng (old Đà Nẵng and Quảng Nam). Column `detail` says which (`simplified`/`full`).
- Cleaned as one polygon coverage (`shapely.coverage_clean`, GEOS 3.14): no two communes overlap and
  shared edges are identical. Where the two resolutions meet, a `full` commune yields the overlap to its
  `simplified` neighbour; gaps narrower than about 20 m are merged into a neighbour; wider gaps along the
  borders of provinces 68 and 48 remain (a point there resolves to no commune). Coordinates are snapped to
  a 1e-6° grid (6 decimals).
- Provinces: the communes dissolved by `province_code` (identical to the source's `provinces_dissolved`
  layer except for 68 and 48, which follow their detailed communes); attributes joined by code from the
  source's province file. Names are UTF-8 NFC, spelled as the source spells them (e.g. `Thanh Hoá`,
  `Khánh Hoà`, old-style tone placement).
- Crosswalk: the July-2025 mapping with columns renamed. Two new codes are remapped to the codes the 2026
  boundary layer uses (`06970`→`06978` Xã Ba Chẽ, `23737`→`23938` Xã Ia Mơ). Five `old_commune_code` values
  have 3 digits: island districts without communes (e.g. `498` Huyện Hoàng Sa). About 200 names differ from
  the communes layer only by tone placement (`Hòa`/`Hoà`).

## Deliberately not copied
The pre-2025 provinces and districts (`admin_pre2025/`, from daohoangson/dvhcvn) are **GPL-3.0**: tests read
them from `../shared/data/` directly; they must never be copied into this repository.
"""


if __name__ == "__main__":
    sys.exit(main())
