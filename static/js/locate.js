// "Where am I": the phone's position (navigator.geolocation), drawn with its accuracy, then the area there.
import { L } from "./leaflet.js";
import { lookup } from "./api.js";

const POSITION_OPTIONS = { enableHighAccuracy: true, timeout: 20000, maximumAge: 10000 };
const LOCATE_ZOOM = 17;

/** A failure the page explains in words: `reason` is "unsupported", "denied", "unavailable" or "timeout". */
export class LocateError extends Error {
  constructor(reason) {
    super(`geolocation: ${reason}`);
    this.name = "LocateError";
    this.reason = reason;
  }
}

const REASONS = { 1: "denied", 2: "unavailable", 3: "timeout" };

/** The device position as {lat, lon, accuracy} (metres), or a LocateError. */
export function currentPosition() {
  if (!navigator.geolocation) return Promise.reject(new LocateError("unsupported"));
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ lat: coords.latitude, lon: coords.longitude, accuracy: coords.accuracy }),
      (error) => reject(new LocateError(REASONS[error.code] ?? "unavailable")),
      POSITION_OPTIONS,
    );
  });
}

/** The position marker: a dot and a circle as wide as the reported accuracy. */
export class PositionMarker {
  constructor(map) {
    this.map = map;
    this.group = L.layerGroup();
  }

  show({ lat, lon, accuracy }) {
    this.group.clearLayers();
    const latlng = [lat, lon];
    if (accuracy > 0) {
      L.circle(latlng, { radius: accuracy, className: "gisapp-accuracy", color: "#1e88e5", weight: 1, fillOpacity: 0.12, interactive: false }).addTo(this.group);
    }
    L.circleMarker(latlng, { radius: 7, className: "gisapp-position", color: "#fff", weight: 2, fillColor: "#1e88e5", fillOpacity: 1, interactive: false }).addTo(this.group);
    this.group.addTo(this.map);
    this.map.setView(latlng, Math.max(this.map.getZoom(), LOCATE_ZOOM), { animate: false });
  }

  clear() {
    this.group.clearLayers();
    this.group.remove();
  }
}

/**
 * Locate the device, mark it on the map, and look up the area there:
 * {position, features} (the containing area, or the nearest within 50 m with distance_m).
 */
export async function locateAndLookup(marker) {
  const position = await currentPosition();
  marker.show(position);
  const lon = position.lon.toFixed(7);
  const lat = position.lat.toFixed(7);
  try {
    const collection = await lookup({ lon, lat });
    return { position, features: collection?.features ?? [] };
  } catch (error) {
    if (error.status === 404) return { position, features: [] };
    throw error;
  }
}
