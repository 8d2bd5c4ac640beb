"""Deterministic, fast generator of synthetic growing-area plots for demos and benchmarks.

Pure numpy + shapely: no database, no web framework. Placement (non-overlap by construction) lives
in ``packing``; this module decides how many plots each commune gets, their crops, sizes, statuses,
years, codes and names. One seeded generator drives everything, so output is reproducible.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from statistics import NormalDist
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from gisapp.services.demo.crops import ANNUAL_MIN_HA, CODED_MAX_HA, CROPS, crop_weights
from gisapp.services.demo.packing import (
    BASE_CELL_M,
    Frames,
    draw_shapes,
    levels,
    metres_per_degree,
    place,
)

SizeProfile = Literal["coded", "smallholder"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
ObjectArray = NDArray[np.object_]

PACKING = 0.5  # share of a commune's area that plots may occupy when estimating capacity
SPARE = 0.01  # with ``total``, place 1 % more and drop the extra: a few never find room
SIZE_MARGIN = 0.01  # keep target areas 1 % inside the rules so geodesic areas stay inside
SMALLHOLDER_MEDIAN_HA = 0.5
SMALLHOLDER_SIGMA = 1.0  # log-normal: 95 % below 2.6 ha, a thin tail up to CODED_MAX_HA
STATUSES = ("draft", "submitted", "issued", "suspended", "revoked")
STATUS_WEIGHTS = (0.03, 0.05, 0.82, 0.06, 0.04)
NO_AGRICULTURE = frozenset({"20333", "22736"})  # Đặc khu Hoàng Sa and Trường Sa
CODE_TEMPLATE = "VN-{province}-{commune}-{serial:02d}-{yy:02d}"
_HAMLET_SOUTH = frozenset({"75", "79", "80", "82", "86", "91", "92", "96"})
_HAMLET_NORTHWEST = frozenset({"04", "11", "12", "14", "15", "20"})
_CROP_KEYS = tuple(CROPS)


def plot_areas_ha(geoms: gpd.GeoSeries | ObjectArray) -> FloatArray:
    """Near-geodesic areas in ha (local scale at each centroid; within 0.01 % for plots)."""
    values = np.asarray(geoms, dtype=object)
    kx, ky = metres_per_degree(shapely.get_y(shapely.centroid(values)))
    return np.asarray(shapely.area(values) * kx * ky / 10_000.0, dtype=np.float64)


@dataclass(frozen=True)
class _Communes:
    """The input communes that can hold plots, sorted by code, with their metric frames."""

    code: ObjectArray
    province: ObjectArray
    label: list[str]
    frames: Frames
    area_m2: FloatArray


def generate_plots(
    communes: gpd.GeoDataFrame,
    *,
    seed: int,
    plots_per_km2: float | None = None,
    total: int | None = None,
    size_profile: SizeProfile = "coded",
    years: tuple[int, int] = (2020, 2025),
    exclude: Collection[str] = NO_AGRICULTURE,
    code_template: str = CODE_TEMPLATE,
) -> gpd.GeoDataFrame:
    """Generate non-overlapping plots inside communes; same inputs and seed give the same output.

    Give either ``plots_per_km2`` (expected density per commune) or ``total`` (exact count, spread
    by area). ``size_profile="coded"`` draws the crop first, then an area in its coded range
    (1-30 ha); ``"smallholder"`` draws a log-normal area (median 0.5 ha, tail to 30 ha), then a
    crop whose minimum area allows it. ``communes`` needs ``code``, ``province_code`` and EPSG:4326
    (Multi)Polygons; ``full_name`` or else ``name`` goes into plot names. ``exclude`` lists commune
    codes without farmland (default: the Hoàng Sa and Trường Sa special zones). Returns columns
    code, name, crop, status, issued_year, commune_code and MultiPolygon geometry (EPSG:4326,
    7 decimals), ordered by province and serial.
    """
    if (plots_per_km2 is None) == (total is None):
        raise ValueError("give exactly one of plots_per_km2 and total")
    if years[0] > years[1]:
        raise ValueError(f"years {years} are not in order")
    table = _prepare_communes(communes, exclude)
    rng = np.random.default_rng(seed)
    units = BASE_CELL_M**2 * _slot_units(size_profile)
    capacity = np.floor(table.area_m2 * PACKING / units).astype(np.int64)
    if total is not None and total > capacity.sum():
        raise ValueError(f"{total} plots do not fit; these communes hold about {capacity.sum()}")
    wanted = None if total is None else min(int(capacity.sum()), math.ceil(total * (1 + SPARE)) + 10)
    counts = _allocate(rng, table.area_m2, capacity, plots_per_km2, wanted)
    comm = np.repeat(np.arange(len(counts)), counts)
    crop, area_ha = _draw_crops_and_areas(rng, table.province[comm], size_profile)
    shapes = draw_shapes(rng, len(comm))
    geoms = place(rng, table.frames, comm, shapes, np.sqrt(area_ha * 10_000.0 / shapes.area))
    placed = np.flatnonzero(~shapely.is_missing(geoms))
    if total is not None and placed.size > total:  # drop the spare plots at random
        placed = np.sort(rng.choice(placed, size=total, replace=False))
    expected = len(comm) * (1 - SPARE) if total is None else total  # density mode: 1 % may drop
    if placed.size < expected:
        warnings.warn(f"only {placed.size} plots found room in their communes", RuntimeWarning, stacklevel=2)
    return _assemble(rng, table, comm[placed], crop[placed], geoms[placed], years, code_template)


def _prepare_communes(communes: gpd.GeoDataFrame, exclude: Collection[str]) -> _Communes:
    """Check the input, drop excluded communes, sort by code and build the metric frames."""
    missing = {"code", "province_code"} - set(communes.columns)
    if missing:
        raise ValueError(f"communes lack columns {sorted(missing)}")
    if communes.crs is None or not communes.crs.equals("EPSG:4326"):
        raise ValueError(f"communes must be in EPSG:4326, not {communes.crs}")
    kept = communes[~communes["code"].isin(list(exclude))].sort_values("code", kind="stable")
    frames = Frames.build(np.asarray(kept.geometry.values, dtype=object))
    column = "full_name" if "full_name" in kept.columns else "name" if "name" in kept.columns else None
    labels = kept[column].astype(str) if column else "xã " + kept["code"].astype(str)
    return _Communes(
        code=kept["code"].astype(str).to_numpy(dtype=object),
        province=kept["province_code"].astype(str).to_numpy(dtype=object),
        label=[text[:1].lower() + text[1:] for text in labels],
        frames=frames,
        area_m2=frames.area_m2(),
    )


def _allocate(
    rng: np.random.Generator,
    area_m2: FloatArray,
    capacity: IntArray,
    plots_per_km2: float | None,
    total: int | None,
) -> IntArray:
    """Plots per commune: stochastic rounding of a density, or ``total`` shared by area."""
    if plots_per_km2 is not None:
        expected = area_m2 / 1e6 * plots_per_km2
        wanted = np.floor(expected + rng.random(len(expected))).astype(np.int64)
        if (wanted > capacity).any():
            warnings.warn(
                f"density capped in {(wanted > capacity).sum()} communes", RuntimeWarning, stacklevel=3
            )
        return np.minimum(wanted, capacity)
    assert total is not None  # noqa: S101 - guaranteed by the caller's either/or check
    quota, fixed = np.zeros(len(area_m2)), np.zeros(len(area_m2), dtype=bool)
    while True:  # water-filling: communes at capacity stay there, the rest share what is left
        rest = total - capacity[fixed].sum()
        quota[~fixed] = rest * area_m2[~fixed] / area_m2[~fixed].sum()
        over = ~fixed & (quota > capacity)
        if not over.any():
            break
        fixed |= over
        quota[over] = capacity[over]
    counts = np.floor(quota).astype(np.int64)
    room = np.flatnonzero(counts < capacity)
    extra = room[np.argsort(-(quota - counts)[room], kind="stable")[: total - counts.sum()]]
    counts[extra] += 1
    return counts


def _draw_crops_and_areas(
    rng: np.random.Generator, province: ObjectArray, profile: SizeProfile
) -> tuple[IntArray, FloatArray]:
    """Crop index (into the catalogue) and target area in ha for each plot."""
    n = len(province)
    crops = [CROPS[key] for key in _CROP_KEYS]
    minimum = np.array([c.min_area_ha for c in crops])
    u = rng.random(n)
    if profile == "coded":
        crop = _choose_crops(u, province, np.zeros(n, dtype=bool))
        low = np.maximum(np.array([c.size_range_ha[0] for c in crops]), minimum)[crop] * (1 + SIZE_MARGIN)
        high = np.array([c.size_range_ha[1] for c in crops])[crop] * (1 - SIZE_MARGIN)
        return crop, np.exp(np.log(low) + np.log(high / low) * rng.random(n))
    mu, (z_low, z_high) = _smallholder_mu(), _smallholder_bounds(_smallholder_mu())
    z = rng.standard_normal(n)
    while (bad := np.flatnonzero((z < z_low) | (z > z_high))).size:  # truncate by redrawing
        z[bad] = rng.standard_normal(bad.size)
    area = np.exp(mu + SMALLHOLDER_SIGMA * z)
    annual_only = area < minimum.max() * (1 + SIZE_MARGIN)
    return _choose_crops(u, province, annual_only), area


def _smallholder_bounds(mu: float) -> tuple[float, float]:
    """Standard-normal bounds that keep smallholder areas within the annual minimum and 30 ha."""
    low, high = ANNUAL_MIN_HA * (1 + SIZE_MARGIN), CODED_MAX_HA * (1 - SIZE_MARGIN)
    return (math.log(low) - mu) / SMALLHOLDER_SIGMA, (math.log(high) - mu) / SMALLHOLDER_SIGMA


@cache
def _smallholder_mu() -> float:
    """Log-mean whose truncated log-normal has its median at SMALLHOLDER_MEDIAN_HA (bisection)."""
    normal, lo, hi = NormalDist(), math.log(SMALLHOLDER_MEDIAN_HA) - 1, math.log(SMALLHOLDER_MEDIAN_HA)
    for _ in range(60):
        mu = (lo + hi) / 2
        z_low, z_high = _smallholder_bounds(mu)
        mid = normal.inv_cdf((normal.cdf(z_low) + normal.cdf(z_high)) / 2)
        lo, hi = (mu, hi) if mu + SMALLHOLDER_SIGMA * mid < math.log(SMALLHOLDER_MEDIAN_HA) else (lo, mu)
    return (lo + hi) / 2


def _choose_crops(u: FloatArray, province: ObjectArray, annual_only: BoolArray) -> IntArray:
    """Inverse-CDF crop choice per (province, annual-only) group, so it stays vectorised."""
    perennial = np.array([CROPS[key].perennial for key in _CROP_KEYS])
    crop = np.zeros(len(u), dtype=np.int64)
    codes, inverse = np.unique(province.astype(str), return_inverse=True)
    for p, code in enumerate(codes):
        weights = crop_weights(str(code))
        base = np.array([weights.get(key, 0.0) for key in _CROP_KEYS], dtype=np.float64)
        for flag in (False, True):
            rows = np.flatnonzero((inverse == p) & (annual_only == flag))
            w = np.where(perennial, 0.0, base) if flag else base
            if rows.size and w.sum() <= 0:
                raise ValueError(f"province {code} has no annual crop for plots under 1 ha")
            if rows.size:
                cdf = np.cumsum(w) / w.sum()
                crop[rows] = np.minimum(np.searchsorted(cdf, u[rows], side="right"), len(w) - 1)
    return crop


@cache
def _slot_units(profile: SizeProfile) -> float:
    """Mean number of base slots a plot of this profile takes (fixed sample, for capacity only)."""
    rng = np.random.default_rng(0)
    _, area_ha = _draw_crops_and_areas(rng, np.full(4000, "00", dtype=object), profile)
    shapes = draw_shapes(rng, 4000)
    reach = np.sqrt(area_ha * 10_000.0 / shapes.area) * shapes.reach
    return float(np.mean(4.0 ** levels(reach)))


def _assemble(
    rng: np.random.Generator,
    table: _Communes,
    comm: IntArray,
    crop: IntArray,
    geoms: ObjectArray,
    years: tuple[int, int],
    template: str,
) -> gpd.GeoDataFrame:
    """Statuses, years, per-province serials, codes and names; rows ordered by code serial."""
    n = comm.size
    status = rng.choice(len(STATUSES), size=n, p=STATUS_WEIGHTS)
    span = np.arange(years[0], years[1] + 1)
    recent = np.arange(1.0, span.size + 1)  # more codes in recent years
    year = rng.choice(span, size=n, p=recent / recent.sum())
    year[status < STATUSES.index("issued")] = years[1]  # applications are recent
    province = table.province[comm]
    p_idx = np.unique(province.astype(str), return_inverse=True)[1]
    order = np.lexsort((np.arange(n), comm, year, p_idx))
    by_province = p_idx[order]
    serial = np.arange(n) - np.searchsorted(by_province, by_province) + 1
    comm, crop, geoms, year, status = comm[order], crop[order], geoms[order], year[order], status[order]
    province = province[order]
    hamlet = rng.integers(1, 13, size=n)
    codes = [
        template.format(province=p, commune=table.code[c], serial=s, yy=y % 100)
        for p, c, s, y in zip(province, comm, serial, year, strict=True)
    ]
    names = [
        f"Vùng trồng {_CROP_KEYS[k]} {_hamlet_word(p)} {h}, {table.label[c]}"
        for k, p, h, c in zip(crop, province, hamlet, comm, strict=True)
    ]
    columns = pd.DataFrame(
        {
            "code": codes,
            "name": names,
            "crop": [_CROP_KEYS[k] for k in crop],
            "status": np.asarray(STATUSES, dtype=object)[status],
            "issued_year": year.astype(np.int64),
            "commune_code": table.code[comm],
        }
    )
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")


def _hamlet_word(province: str) -> str:
    """What a village is called there: ấp in the south, bản in the north-west, thôn elsewhere."""
    if province in _HAMLET_SOUTH:
        return "ấp"
    return "bản" if province in _HAMLET_NORTHWEST else "thôn"
