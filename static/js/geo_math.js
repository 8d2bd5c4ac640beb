// Geometry on the WGS 84 ellipsoid, with no DOM and no Leaflet: the area PostGIS's geography gives,
// short distances, a light simplification of GPS tracks, self-crossings, and where a new vertex fits.
// Positions are [lon, lat] in degrees, as in GeoJSON.

const A = 6378137; // WGS 84 semi-major axis, metres
const FLATTENING = 1 / 298.257223563;
const E2 = FLATTENING * (2 - FLATTENING);
const E = Math.sqrt(E2);
const RAD = Math.PI / 180;

/**
 * a²·q(φ)/2: the ellipsoid's area between the equator and latitude φ per radian of longitude. In
 * the plane (λ, authalic(φ)) areas are the ellipsoid's own, so the shoelace formula there gives the
 * geodesic area of a parcel (the edges differ from geodesics by far less than a square metre).
 */
function authalic(lat) {
  const s = Math.sin(lat * RAD);
  const q = (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
  return (A * A * q) / 2;
}

/** Area in m² enclosed by one ring (closed or not), whatever its winding. */
export function ringAreaM2(ring) {
  if (!Array.isArray(ring) || ring.length < 3) return 0;
  const [x0, y0] = [ring[0][0] * RAD, authalic(ring[0][1])]; // relative to the first vertex, for precision
  const points = ring.map(([lon, lat]) => [lon * RAD - x0, authalic(lat) - y0]);
  let twice = 0;
  for (let i = 0; i < points.length; i += 1) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    twice += x1 * y2 - x2 * y1;
  }
  return Math.abs(twice) / 2;
}

function polygonAreaM2(rings) {
  if (!rings?.length) return 0;
  const [outer, ...holes] = rings;
  return Math.max(0, ringAreaM2(outer) - holes.reduce((sum, hole) => sum + ringAreaM2(hole), 0));
}

/** Geodesic area in m² of a GeoJSON Polygon or MultiPolygon (holes subtracted); 0 for anything else. */
export function geodesicAreaM2(geometry) {
  if (geometry?.type === "Polygon") return polygonAreaM2(geometry.coordinates);
  if (geometry?.type === "MultiPolygon") return geometry.coordinates.reduce((sum, rings) => sum + polygonAreaM2(rings), 0);
  return 0;
}

/** A local plane in metres around `origin` (enough for a parcel or a walk round one). */
export function localPlane([lon0, lat0]) {
  const s = Math.sin(lat0 * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  const east = ((A / w) * Math.cos(lat0 * RAD)) * RAD; // metres per degree of longitude
  const north = ((A * (1 - E2)) / (w * w * w)) * RAD; // metres per degree of latitude
  return {
    toXY: ([lon, lat]) => [(lon - lon0) * east, (lat - lat0) * north],
    toLonLat: ([x, y]) => [lon0 + x / east, lat0 + y / north],
  };
}

/** Distance in metres between two nearby positions. */
export function distanceM(a, b) {
  const [x, y] = localPlane(a).toXY(b);
  return Math.hypot(x, y);
}

function offLine([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on metres: keeps the ends and every point further than `tolerance` from the line. */
function douglasPeucker(points, tolerance) {
  const keep = new Array(points.length).fill(false);
  keep[0] = keep[points.length - 1] = true;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let worst = -1;
    let at = -1;
    for (let i = first + 1; i < last; i += 1) {
      const d = offLine(points[i], points[first], points[last]);
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tolerance) {
      keep[at] = true;
      stack.push([first, at], [at, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/**
 * A walked track as a closed ring: points closer than `tolerance` metres to the line through their
 * neighbours are dropped (GPS jitter, straight stretches), the ring is closed on its first point.
 */
export function trackToRing(track, tolerance = 1) {
  if (track.length < 3) return null;
  const plane = localPlane(track[0]);
  const open = douglasPeucker(track.map(plane.toXY), tolerance).map(plane.toLonLat);
  const last = open[open.length - 1];
  if (distanceM(open[0], last) < tolerance) open.pop(); // walked back to the start: that is the closing point
  if (open.length < 3) return null;
  return [...open, open[0]];
}

function cross([ax, ay], [bx, by], [cx, cy]) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Where segments p1p2 and p3p4 cross (not merely touch at an end), or null. */
function crossing(p1, p2, p3, p4) {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (d1 * d2 >= 0 || d3 * d4 >= 0) return null;
  const t = d1 / (d1 - d2);
  return [p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])];
}

/** Every point where a closed ring crosses itself, as [lon, lat] (an empty list for a simple ring). */
export function selfCrossings(ring) {
  if (ring.length < 4) return [];
  const plane = localPlane(ring[0]);
  const points = ring.map(plane.toXY);
  const n = points.length - 1; // segments; the ring is closed
  const found = [];
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 2; j < n; j += 1) {
      if (i === 0 && j === n - 1) continue; // first and last segments share the closing vertex
      const at = crossing(points[i], points[i + 1], points[j], points[j + 1]);
      if (at) found.push(plane.toLonLat(at));
    }
  }
  return found;
}

/**
 * Where `point` joins an open ring (no repeated closing vertex) so that the boundary grows least:
 * the index to insert at. An officer standing on the boundary adds the corner they stand on.
 */
export function insertionIndex(ring, point) {
  let best = ring.length;
  let cost = Infinity;
  for (let i = 0; i < ring.length; i += 1) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const added = distanceM(a, point) + distanceM(point, b) - distanceM(a, b);
    if (added < cost) [best, cost] = [i + 1, added];
  }
  return best;
}
