// "Add a vertex here": one fresh GPS fix, its accuracy judged before it may become a corner of the boundary.
import { L } from "./leaflet.js";
import { LocateError } from "./locate.js";

/** Up to this many metres a fix is good enough for a boundary corner. */
export const GOOD_ACCURACY_M = 20;
/** From this many metres the phone has likely no GPS fix at all (a network position): a strong warning. */
export const BAD_ACCURACY_M = 500;
const FIX_OPTIONS = { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 };
const REASONS = { 1: "denied", 2: "unavailable", 3: "timeout" };

/** "good" (≤ 20 m), "poor" (> 20 m) or "bad" (≥ 500 m). */
export function accuracyLevel(accuracy) {
  if (!Number.isFinite(accuracy) || accuracy >= BAD_ACCURACY_M) return "bad";
  return accuracy > GOOD_ACCURACY_M ? "poor" : "good";
}

/** A fresh fix {lon, lat, accuracy} (never a cached one: the officer has walked to a new corner). */
export function freshFix() {
  if (!navigator.geolocation) return Promise.reject(new LocateError("unsupported"));
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ lon: coords.longitude, lat: coords.latitude, accuracy: coords.accuracy }),
      (error) => reject(new LocateError(REASONS[error.code] ?? "unavailable")),
      FIX_OPTIONS,
    );
  });
}

/** The fix on the map: a dot and a circle as wide as its accuracy, coloured by how good it is. */
export class FixMarker {
  constructor(map) {
    this.map = map;
    this.group = L.layerGroup().addTo(map);
  }

  show({ lon, lat, accuracy }) {
    this.group.clearLayers();
    const level = accuracyLevel(accuracy);
    const color = { good: "#1e88e5", poor: "#f9a825", bad: "#c62828" }[level];
    L.circle([lat, lon], { radius: accuracy, color, weight: 1, fillOpacity: 0.12, interactive: false, className: `gisapp-fix-accuracy gisapp-fix-${level}` }).addTo(this.group);
    L.circleMarker([lat, lon], { radius: 6, color: "#fff", weight: 2, fillColor: color, fillOpacity: 1, interactive: false, className: "gisapp-fix" }).addTo(this.group);
  }

  clear() {
    this.group.clearLayers();
  }

  dispose() {
    this.group.remove();
  }
}
