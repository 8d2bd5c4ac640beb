"""Non-overlapping placement of irregular plots by a random quadtree of square slots.

Each commune is covered by a randomly offset grid of top squares (1 km) that is subdivided on
demand: a plot gets one free square just large enough for it and stays inside the disc inscribed in
that square, shrunk by FILL. Distinct free squares never overlap, so plots never overlap, whatever
their sizes, without a single pairwise test. Squares outside the commune are pruned as they are
split; squares wholly inside it are marked, and only plots in the other squares are tested with
``shapely.contains`` and moved to another square if they poke out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
ObjectArray = NDArray[np.object_]

BASE_CELL_M = 128.0  # side of the smallest square; its disc holds a plot of up to about 0.6 ha
TOP_LEVEL = 3  # top squares of 128 m * 2**3 = 1,024 m hold the largest (30 ha) plots
FILL = 0.9  # plot within a disc of FILL * side / 2: at least 10 % of a side between neighbours
MIN_COMPACTNESS = 1.45  # unit area / reach**2 (a disc is pi): keeps 30 ha within a top square
MAX_ROUNDS = 8  # retries for plots that crossed their commune's boundary


def metres_per_degree(lat_deg: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Length in metres of one degree of longitude and of latitude on WGS 84 at these latitudes."""
    phi = np.radians(lat_deg)
    kx = 111_412.84 * np.cos(phi) - 93.5 * np.cos(3 * phi) + 0.118 * np.cos(5 * phi)
    ky = 111_132.92 - 559.82 * np.cos(2 * phi) + 1.175 * np.cos(4 * phi) - 0.0023 * np.cos(6 * phi)
    return kx, ky


@dataclass(frozen=True)
class Frames:
    """Communes with a local metric frame each: origin at the bbox centre, scale at its latitude."""

    geoms: ObjectArray  # prepared (Multi)Polygons
    lon0: FloatArray
    lat0: FloatArray
    kx: FloatArray
    ky: FloatArray
    half_w: FloatArray
    half_h: FloatArray

    @classmethod
    def build(cls, geoms: ObjectArray) -> Frames:
        """Prepare the geometries (fast repeated predicates) and derive the frames."""
        shapely.prepare(geoms)
        bounds = shapely.bounds(geoms)
        lon0, lat0 = (bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2
        kx, ky = metres_per_degree(lat0)
        half_w, half_h = (bounds[:, 2] - bounds[:, 0]) / 2 * kx, (bounds[:, 3] - bounds[:, 1]) / 2 * ky
        return cls(geoms, lon0, lat0, kx, ky, half_w, half_h)

    def area_m2(self) -> FloatArray:
        """Commune areas in the local frames (close to geodesic)."""
        return np.asarray(shapely.area(self.geoms) * self.kx * self.ky, dtype=np.float64)


@dataclass(frozen=True)
class Shapes:
    """Irregular star-shaped unit rings, ragged: vertices of plot i are offsets[i]:offsets[i+1]."""

    offsets: IntArray
    x: FloatArray
    y: FloatArray
    area: FloatArray
    reach: FloatArray


def draw_shapes(rng: np.random.Generator, n: int) -> Shapes:
    """Random radial rings of 6-14 vertices, stretched and turned, redrawn until compact enough."""
    nv = rng.integers(6, 15, size=n)
    offsets = np.concatenate([[0], np.cumsum(nv)])
    pid = np.repeat(np.arange(n), nv)
    k = np.arange(offsets[-1]) - offsets[pid]
    nxt = np.arange(1, k.size + 1)
    nxt[offsets[1:] - 1] = offsets[:-1]
    x, y = np.empty(k.size), np.empty(k.size)
    redo = np.ones(n, dtype=bool)
    while redo.any():
        v, p = np.flatnonzero(redo[pid]), np.flatnonzero(redo)
        stretch, turn = np.zeros(n), np.zeros(n)
        stretch[p], turn[p] = rng.uniform(0.55, 1.0, p.size), rng.uniform(0.0, np.pi, p.size)
        theta = 2 * np.pi * (k[v] + 0.6 * (rng.random(v.size) - 0.5)) / nv[pid[v]]
        radius = 1.0 - 0.3 * rng.random(v.size)
        px, py = radius * np.cos(theta) * stretch[pid[v]], radius * np.sin(theta)
        cos, sin = np.cos(turn[pid[v]]), np.sin(turn[pid[v]])
        x[v], y[v] = px * cos - py * sin, px * sin + py * cos
        area = 0.5 * np.add.reduceat(x * y[nxt] - x[nxt] * y, offsets[:-1])
        reach = np.maximum.reduceat(np.hypot(x, y), offsets[:-1])
        redo = area < MIN_COMPACTNESS * reach**2
    return Shapes(offsets, x, y, area, reach)


def levels(reach_m: FloatArray) -> IntArray:
    """Smallest quadtree level whose slot disc holds a plot reaching this far from its centre."""
    level = np.maximum(np.ceil(np.log2(reach_m / (FILL * BASE_CELL_M / 2))), 0).astype(np.int64)
    if level.size and level.max() > TOP_LEVEL:
        raise ValueError("a plot is too large for the top squares (over about 30 ha)")
    return level


@dataclass(frozen=True)
class _Squares:
    """Free squares of one level: commune index, grid position, and wholly-inside flag."""

    comm: IntArray
    ix: IntArray
    iy: IntArray
    inner: BoolArray

    def take(self, mask: BoolArray | IntArray) -> _Squares:
        """Subset, keeping the arrays aligned."""
        return _Squares(self.comm[mask], self.ix[mask], self.iy[mask], self.inner[mask])

    def children(self) -> _Squares:
        """The four squares of the level below each square."""
        dx, dy = np.array([0, 1, 0, 1]), np.array([0, 0, 1, 1])
        return _Squares(
            np.repeat(self.comm, 4),
            (2 * self.ix[:, None] + dx).ravel(),
            (2 * self.iy[:, None] + dy).ravel(),
            np.repeat(self.inner, 4),
        )

    @staticmethod
    def concat(parts: list[_Squares]) -> _Squares:
        """Join several pools."""
        fields = ("comm", "ix", "iy", "inner")
        return _Squares(*(np.concatenate([getattr(p, f) for p in parts]) for f in fields))

    @staticmethod
    def empty() -> _Squares:
        """A pool with no squares."""
        none = np.zeros(0, np.int64)
        return _Squares(none, none, none, np.zeros(0, dtype=bool))


@dataclass
class _Grid:
    """The square grids of all communes (random origins) and the free squares of every level."""

    frames: Frames
    ox: FloatArray
    oy: FloatArray
    pools: list[_Squares]

    def classify(self, squares: _Squares, level: int) -> _Squares:
        """Drop squares outside their commune and mark those wholly inside it."""
        todo = np.flatnonzero(~squares.inner)
        c, side = squares.comm[todo], BASE_CELL_M * 2.0**level
        x0 = self.frames.lon0[c] + (self.ox[c] + squares.ix[todo] * side) / self.frames.kx[c]
        y0 = self.frames.lat0[c] + (self.oy[c] + squares.iy[todo] * side) / self.frames.ky[c]
        boxes = shapely.box(x0, y0, x0 + side / self.frames.kx[c], y0 + side / self.frames.ky[c])
        geoms = self.frames.geoms[c]
        keep = np.ones(squares.comm.size, dtype=bool)
        keep[todo] = shapely.intersects(geoms, boxes)
        inner = squares.inner.copy()
        inner[todo] = keep[todo] & shapely.contains_properly(geoms, boxes)
        return _Squares(squares.comm, squares.ix, squares.iy, inner).take(keep)


def _top_grid(rng: np.random.Generator, frames: Frames, active: IntArray) -> _Grid:
    """Top squares touching each active commune, on a grid with a random origin per commune."""
    side = BASE_CELL_M * 2**TOP_LEVEL
    ox = -frames.half_w - rng.random(frames.lon0.size) * side
    oy = -frames.half_h - rng.random(frames.lon0.size) * side
    nx = np.ceil((frames.half_w - ox) / side).astype(np.int64)[active]
    cells = nx * np.ceil((frames.half_h - oy) / side).astype(np.int64)[active]
    comm = np.repeat(active, cells)
    k = np.arange(comm.size) - np.repeat(np.cumsum(cells) - cells, cells)
    cols = np.repeat(nx, cells)
    grid = _Grid(frames, ox, oy, [_Squares.empty()] * (TOP_LEVEL + 1))
    top = _Squares(comm, k % cols, k // cols, np.zeros(comm.size, dtype=bool))
    grid.pools[TOP_LEVEL] = grid.classify(top, TOP_LEVEL)
    return grid


def _group_rank(sorted_groups: IntArray) -> IntArray:
    """Position of each element within its run of equal values (input sorted by group)."""
    return np.arange(sorted_groups.size) - np.searchsorted(sorted_groups, sorted_groups)


def _descend(
    rng: np.random.Generator, grid: _Grid, comm: IntArray, level: IntArray
) -> tuple[_Squares, BoolArray]:
    """Give each plot a random free square of its level, splitting random larger squares as needed.

    Only the pools of communes with plots to place are touched; returns the squares (aligned with
    the plots) and whether one was found.
    """
    n_comm = grid.ox.size
    active = np.bincount(comm, minlength=n_comm) > 0
    found = _Squares(
        np.zeros(comm.size, np.int64),
        np.zeros(comm.size, np.int64),
        np.zeros(comm.size, np.int64),
        np.zeros(comm.size, dtype=bool),
    )
    ok = np.zeros(comm.size, dtype=bool)
    carry = _Squares.empty()
    for lv in range(TOP_LEVEL, -1, -1):
        mine = active[grid.pools[lv].comm]
        idle = grid.pools[lv].take(~mine)
        pool = _Squares.concat([grid.pools[lv].take(mine), carry])
        pool = pool.take(np.lexsort((rng.random(pool.comm.size), pool.comm)))
        rank, avail = _group_rank(pool.comm), np.bincount(pool.comm, minlength=n_comm)
        want = np.flatnonzero(level == lv)
        want = want[np.argsort(comm[want], kind="stable")]
        wrank = _group_rank(comm[want])
        fits = wrank < avail[comm[want]]
        got = want[fits]
        pick = np.searchsorted(pool.comm, comm[got]) + wrank[fits]
        for name in ("ix", "iy", "inner"):
            getattr(found, name)[got] = getattr(pool, name)[pick]
        ok[got] = True
        used = np.minimum(np.bincount(comm[want], minlength=n_comm), avail)[pool.comm]
        below = np.bincount(comm[level < lv], minlength=n_comm)[pool.comm]
        split = (rank >= used) & (rank < used + below)
        grid.pools[lv] = _Squares.concat([idle, pool.take((rank >= used) & ~split)])
        carry = grid.classify(pool.take(split).children(), lv - 1) if lv else _Squares.empty()
    return found, ok


def place(
    rng: np.random.Generator, frames: Frames, comm: IntArray, shapes: Shapes, scale: FloatArray
) -> ObjectArray:
    """MultiPolygons (EPSG:4326, 7 decimals) for each plot, or None where no room was found.

    ``comm`` indexes ``frames``; ``scale`` turns each unit shape into metres.
    """
    reach = scale * shapes.reach
    level = levels(reach)
    grid = _top_grid(rng, frames, np.unique(comm))
    geoms = np.full(comm.size, None, dtype=object)
    pending = np.arange(comm.size)
    for _ in range(MAX_ROUNDS):
        squares, ok = _descend(rng, grid, comm[pending], level[pending])
        todo, squares = pending[ok], squares.take(ok)
        c, side = comm[todo], BASE_CELL_M * 2.0 ** level[todo]
        slack = (FILL * side / 2 - reach[todo]) * np.sqrt(rng.random(todo.size))
        angle = 2 * np.pi * rng.random(todo.size)
        cx = grid.ox[c] + (squares.ix + 0.5) * side + slack * np.cos(angle)
        cy = grid.oy[c] + (squares.iy + 0.5) * side + slack * np.sin(angle)
        polys = _rings(frames, shapes, todo, c, cx, cy, scale[todo])
        inside = squares.inner.copy()
        test = np.flatnonzero(~inside)
        inside[test] = shapely.contains(frames.geoms[c[test]], polys[test])
        geoms[todo[inside]] = polys[inside]
        pending = todo[~inside]
        if pending.size == 0:
            break
    return geoms


def _rings(
    frames: Frames,
    shapes: Shapes,
    idx: IntArray,
    c: IntArray,
    cx: FloatArray,
    cy: FloatArray,
    scale: FloatArray,
) -> ObjectArray:
    """Plots ``idx`` of commune ``c`` centred at (cx, cy) metres of its frame, as MultiPolygons."""
    lon, lat = frames.lon0[c] + cx / frames.kx[c], frames.lat0[c] + cy / frames.ky[c]
    # Scale at the plot's own latitude keeps areas within 0.01 %; it differs from the commune
    # frame's by under 1 %, far less than the 10 % margin FILL leaves inside each square.
    kx, ky = metres_per_degree(lat)
    start, count = shapes.offsets[idx], np.diff(shapes.offsets)[idx] + 1
    ring_offsets = np.concatenate([[0], np.cumsum(count)])
    plot = np.repeat(np.arange(idx.size), count)
    vertex = np.arange(ring_offsets[-1]) - ring_offsets[plot] + start[plot]
    vertex[ring_offsets[1:] - 1] = start  # close each ring on its first vertex
    coords = np.column_stack(
        [
            lon[plot] + scale[plot] * shapes.x[vertex] / kx[plot],
            lat[plot] + scale[plot] * shapes.y[vertex] / ky[plot],
        ]
    ).round(7)
    parts = np.arange(idx.size + 1)
    geoms = shapely.from_ragged_array(shapely.GeometryType.MULTIPOLYGON, coords, (ring_offsets, parts, parts))
    return np.asarray(geoms, dtype=object)
