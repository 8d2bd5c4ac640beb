// Neighbouring growing areas as plain vector shapes Geoman can snap to (it cannot snap to vector tiles),
// loaded for the view from the OGC items endpoint and refreshed when the map moves.
import { L } from "./leaflet.js";
import { fetchItemsInBox } from "./api.js";

/** Published areas, and the dossiers signed-in staff see; both may be neighbours to snap to. */
const COLLECTIONS = ["growing_areas", "growing_area_dossiers"];
/** Below this zoom a view holds too many plots to load, and a snap of 20 px is tens of metres. */
export const SNAP_MIN_ZOOM = 14;
const STYLE = { color: "#6a1b9a", weight: 1.5, dashArray: "2 4", fill: false, interactive: false, className: "gisapp-snap-neighbour" };

export class NeighbourLayer {
  /** `excludeId`: the area being edited (not its own neighbour); `onChange(state)` after each load. */
  constructor(map, { excludeId = null, onChange = () => {} } = {}) {
    this.map = map;
    this.excludeId = excludeId;
    this.onChange = onChange;
    this.state = { status: "idle", count: 0 }; // idle | zoomIn | loading | ready | failed
    // snapIgnore: false puts these shapes in Geoman's snap list although they are not editable.
    this.group = L.geoJSON(null, { style: () => STYLE, snapIgnore: false, pmIgnore: true, interactive: false }).addTo(map);
    this.request = 0;
    this.refresh = () => this.load();
    map.on("moveend", this.refresh);
    this.load();
  }

  async load() {
    const token = (this.request += 1);
    if (this.map.getZoom() < SNAP_MIN_ZOOM) {
      this.group.clearLayers();
      this.set({ status: "zoomIn", count: 0 });
      return;
    }
    this.set({ status: "loading", count: this.state.count });
    const bounds = this.map.getBounds().pad(0.25);
    const bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    try {
      const answers = await Promise.all(COLLECTIONS.map((id) => fetchItemsInBox(id, bbox).catch((error) => {
        if (error.status === 404) return { features: [] }; // a staff-only collection after the sign-in expired
        throw error;
      })));
      if (token !== this.request) return; // the map moved again meanwhile
      const features = answers.flatMap((answer) => answer.features ?? []).filter((feature) => feature.id !== this.excludeId);
      this.group.clearLayers();
      this.group.addData(features);
      this.set({ status: "ready", count: features.length });
    } catch (error) {
      if (token !== this.request) return;
      console.warn("gisapp: could not load the neighbouring areas to snap to", error);
      this.set({ status: "failed", count: 0 });
    }
  }

  set(state) {
    this.state = state;
    this.onChange(state);
  }

  dispose() {
    this.request += 1;
    this.map.off("moveend", this.refresh);
    this.group.remove();
  }
}
