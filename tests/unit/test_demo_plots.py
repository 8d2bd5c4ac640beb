"""The demo plot generator against real communes of Lâm Đồng and Đà Nẵng (no database)."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from pyproj import Geod

from gisapp.services.demo.crops import CROPS, DEFAULT_WEIGHTS, PROVINCE_WEIGHTS
from gisapp.services.demo.plots import STATUSES, generate_plots, plot_areas_ha

DATA = Path(__file__).resolve().parents[2] / "data" / "admin"
GPKG = DATA / "vn_admin_2025.gpkg"
CODE = re.compile(r"^VN-(\d{2})-(\d{5})-(\d{2,})-(\d{2})$")
GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def communes() -> gpd.GeoDataFrame:
    """Every 12th commune of the two demo provinces: wards, mountain communes and the coast."""
    frame = pyogrio.read_dataframe(GPKG, layer="communes", where="province_code IN ('68', '48')")
    return frame.sort_values("code", ignore_index=True).iloc[::12].reset_index(drop=True)


@pytest.fixture(scope="module")
def coded(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return generate_plots(communes, seed=11, plots_per_km2=0.5)


@pytest.fixture(scope="module")
def smallholder(communes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return generate_plots(communes, seed=11, total=6000, size_profile="smallholder")


def geodesic_ha(plots: gpd.GeoDataFrame) -> np.ndarray:
    return np.array([abs(GEOD.geometry_area_perimeter(g)[0]) / 10_000 for g in plots.geometry])


@pytest.mark.parametrize("profile", ["coded", "smallholder"])
def test_plots_are_valid_single_polygons(profile: str, request: pytest.FixtureRequest) -> None:
    plots = request.getfixturevalue(profile)
    assert list(plots.columns) == [
        "code",
        "name",
        "crop",
        "status",
        "issued_year",
        "commune_code",
        "geometry",
    ]
    assert plots.crs == "EPSG:4326"
    assert len(plots) > 500
    assert (plots.geom_type == "MultiPolygon").all()
    assert shapely.is_valid(plots.geometry.values).all()
    assert (shapely.get_num_geometries(plots.geometry.values) == 1).all()
    vertices = shapely.get_num_coordinates(plots.geometry.values) - 1
    assert vertices.min() >= 6 and vertices.max() <= 14
    coords = shapely.get_coordinates(plots.geometry.values) * 1e7
    np.testing.assert_allclose(coords, np.round(coords), atol=1e-3)


@pytest.mark.parametrize("profile", ["coded", "smallholder"])
def test_plots_lie_inside_their_commune(
    profile: str, communes: gpd.GeoDataFrame, request: pytest.FixtureRequest
) -> None:
    plots = request.getfixturevalue(profile)
    commune = communes.set_index("code").geometry.reindex(plots["commune_code"]).values
    assert shapely.contains(commune, plots.geometry.values).all()


@pytest.mark.parametrize("profile", ["coded", "smallholder"])
def test_plots_never_touch_each_other(profile: str, request: pytest.FixtureRequest) -> None:
    geoms = request.getfixturevalue(profile).geometry.values
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    assert (left == right).all()


def test_coded_sizes_follow_the_crop_rules(coded: gpd.GeoDataFrame) -> None:
    area = geodesic_ha(coded)
    low = coded["crop"].map(lambda key: CROPS[key].size_range_ha[0]).to_numpy()
    high = coded["crop"].map(lambda key: CROPS[key].size_range_ha[1]).to_numpy()
    minimum = coded["crop"].map(lambda key: CROPS[key].min_area_ha).to_numpy()
    assert (area >= minimum).all()
    assert (area >= low).all() and (area <= high).all()
    assert area.min() >= 1.0 and area.max() <= 30.0
    np.testing.assert_allclose(plot_areas_ha(coded.geometry), area, rtol=1e-3)


def test_smallholder_sizes_keep_the_minimums(smallholder: gpd.GeoDataFrame) -> None:
    area = geodesic_ha(smallholder)
    perennial = smallholder["crop"].map(lambda key: CROPS[key].perennial).to_numpy(dtype=bool)
    assert (area[perennial] >= 1.0).all()
    assert (area >= 0.1).all() and area.max() <= 30.0
    assert 0.45 <= np.median(area) <= 0.55
    assert np.quantile(area, 0.95) < 4.0 and area.max() > 5.0  # a long but thin tail
    assert perennial.any() and not perennial.all()


def test_total_is_exact(smallholder: gpd.GeoDataFrame) -> None:
    assert len(smallholder) == 6000


@pytest.mark.parametrize("profile", ["coded", "smallholder"])
def test_codes_are_unique_and_well_formed(
    profile: str, communes: gpd.GeoDataFrame, request: pytest.FixtureRequest
) -> None:
    plots = request.getfixturevalue(profile)
    assert plots["code"].is_unique
    parts = plots["code"].str.extract(CODE.pattern)
    assert parts.notna().all().all()
    province = communes.set_index("code")["province_code"].reindex(plots["commune_code"]).to_numpy()
    assert (parts[0].to_numpy() == province).all()
    assert (parts[1] == plots["commune_code"]).all()
    assert (parts[3].astype(int) == plots["issued_year"] % 100).all()
    for _, serials in parts[2].astype(int).groupby(parts[0]):
        assert sorted(serials) == list(range(1, len(serials) + 1))


def test_attributes_are_plausible(coded: gpd.GeoDataFrame, communes: gpd.GeoDataFrame) -> None:
    assert set(coded["status"]) <= set(STATUSES)
    assert (coded["status"] == "issued").mean() > 0.7
    assert coded["issued_year"].between(2020, 2025).all()
    assert coded["crop"].isin(list(CROPS)).all()
    assert set(coded.loc[coded["code"].str.startswith("VN-68-"), "crop"]) <= set(PROVINCE_WEIGHTS["68"])
    label = communes.set_index("code")["full_name"].reindex(coded["commune_code"]).str.lower()
    for name, crop, commune in zip(coded["name"], coded["crop"], label, strict=True):
        assert name.startswith(f"Vùng trồng {crop} ") and name.lower().endswith(commune)


def test_same_seed_same_plots(communes: gpd.GeoDataFrame, coded: gpd.GeoDataFrame) -> None:
    again = generate_plots(communes, seed=11, plots_per_km2=0.5)
    assert_geodataframe_equal(again, coded, check_less_precise=False)
    assert (shapely.to_wkb(again.geometry.values) == shapely.to_wkb(coded.geometry.values)).all()


def test_other_seed_other_plots(communes: gpd.GeoDataFrame, coded: gpd.GeoDataFrame) -> None:
    other = generate_plots(communes, seed=12, plots_per_km2=0.5)
    assert not other.geometry.geom_equals_exact(coded.geometry.reindex(other.index), 0).all()
    assert set(other["code"]) != set(coded["code"])


def test_special_zones_without_farmland_get_no_plots() -> None:
    da_nang = pyogrio.read_dataframe(GPKG, layer="communes", where="province_code = '48'")
    plots = generate_plots(da_nang, seed=1, plots_per_km2=0.05)
    assert "20333" not in set(plots["commune_code"])  # Đặc khu Hoàng Sa
    assert plots["commune_code"].nunique() > 50


def test_bad_requests_are_refused(communes: gpd.GeoDataFrame) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        generate_plots(communes, seed=1)
    with pytest.raises(ValueError, match="exactly one"):
        generate_plots(communes, seed=1, total=10, plots_per_km2=1.0)
    with pytest.raises(ValueError, match="EPSG:4326"):
        generate_plots(communes.to_crs(3405), seed=1, total=10)
    with pytest.raises(ValueError, match="do not fit"):
        generate_plots(communes.iloc[:1], seed=1, total=10**6)


def test_every_province_can_take_plots_under_one_hectare() -> None:
    for weights in [DEFAULT_WEIGHTS, *PROVINCE_WEIGHTS.values()]:
        assert set(weights) <= set(CROPS)
        assert any(not CROPS[key].perennial for key in weights)
    assert {crop.min_area_ha for crop in CROPS.values() if crop.perennial} == {1.0}
    assert {crop.min_area_ha for crop in CROPS.values() if not crop.perennial} == {0.1}


def test_committed_admin_data_is_complete() -> None:
    provinces = pyogrio.read_dataframe(GPKG, layer="provinces")
    communes = pyogrio.read_dataframe(GPKG, layer="communes", columns=["code", "province_code", "detail"])
    assert len(provinces) == 34 and len(communes) == 3321
    for layer in (provinces, communes):
        assert layer.crs == "EPSG:4326"
        assert (layer.geom_type == "MultiPolygon").all() and shapely.is_valid(layer.geometry.values).all()
    assert set(communes["province_code"]) == set(provinces["code"])
    assert set(communes.loc[communes["detail"] == "full", "province_code"]) == {"48", "68"}
    crosswalk = pd.read_csv(DATA / "commune_crosswalk_2025.csv", dtype=str)
    assert set(crosswalk["new_commune_code"]) <= set(communes["code"])
    assert not crosswalk.duplicated(["old_commune_code", "new_commune_code"]).any()
