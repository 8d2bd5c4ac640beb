// "Walk the boundary": the phone's track while the officer walks round the plot, fixes too inaccurate to
// use dropped (and said so), then the track as a closed, lightly simplified ring, self-crossings found.
import { L } from "./leaflet.js";
import { selfCrossings, trackToRing } from "./geo_math.js";
import { GOOD_ACCURACY_M } from "./gps_vertex.js";

/** A fix less accurate than this is dropped from the track. */
export const WALK_MAX_ACCURACY_M = GOOD_ACCURACY_M;
/** Points closer than this (metres) to the line through their neighbours are dropped: jitter, straight stretches. */
export const SIMPLIFY_M = 1;
const WATCH_OPTIONS = { enableHighAccuracy: true, maximumAge: 0 };

export class BoundaryWalk {
  /** `onUpdate(walk)` after every fix, dropped fix or GPS error. */
  constructor(map, { onUpdate = () => {} } = {}) {
    this.map = map;
    this.onUpdate = onUpdate;
    this.track = []; // [lon, lat] of the fixes kept
    this.dropped = []; // accuracies (m) of the fixes dropped
    this.last = null; // {accuracy, kept} of the latest fix
    this.error = null; // "denied" | "unavailable" | "timeout" | "unsupported" (the latest GPS complaint)
    this.watch = null;
    this.layers = L.layerGroup().addTo(map);
    this.path = L.polyline([], { color: "#1565c0", weight: 3, interactive: false, className: "gisapp-walk-track" }).addTo(this.layers);
    this.accuracy = null;
  }

  start() {
    if (!navigator.geolocation) {
      this.error = "unsupported";
      this.onUpdate(this);
      return;
    }
    this.watch = navigator.geolocation.watchPosition((position) => this.fix(position.coords), (error) => this.failed(error), WATCH_OPTIONS);
  }

  get walking() {
    return this.watch !== null;
  }

  fix({ longitude, latitude, accuracy }) {
    const kept = accuracy <= WALK_MAX_ACCURACY_M;
    this.error = null;
    this.last = { accuracy, kept };
    if (kept) {
      this.track.push([longitude, latitude]);
      this.path.addLatLng([latitude, longitude]);
    } else {
      this.dropped.push(accuracy);
    }
    this.accuracy?.remove();
    this.accuracy = L.circle([latitude, longitude], { radius: accuracy, color: kept ? "#1e88e5" : "#c62828", weight: 1, fillOpacity: 0.1, interactive: false, className: "gisapp-walk-accuracy" }).addTo(this.layers);
    this.onUpdate(this);
  }

  /** A refused permission ends the walk; a lost signal or a slow fix is waited out (the track is kept). */
  failed(error) {
    this.error = { 1: "denied", 2: "unavailable", 3: "timeout" }[error.code] ?? "unavailable";
    if (this.error === "denied") this.stop();
    this.onUpdate(this);
  }

  stop() {
    if (this.watch !== null) navigator.geolocation.clearWatch(this.watch);
    this.watch = null;
  }

  /** Stop and turn the track into {ring, crossings}; ring is null when fewer than three corners remain. */
  finish() {
    this.stop();
    const ring = trackToRing(this.track, SIMPLIFY_M);
    return { ring, crossings: ring ? selfCrossings(ring) : [] };
  }

  dispose() {
    this.stop();
    this.layers.remove();
  }
}
