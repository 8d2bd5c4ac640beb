// Draws the selected growing area's boundary above the tiles, zooms to it, and can open a popup on it.
import { L } from "./leaflet.js";
import { clearOfPanels, popupPadding } from "./map_room.js";

export const HIGHLIGHT_PANE = "gisapp-highlight";

const POPUP_WIDTH = 300;

const STYLES = {
  current: { color: "#1565c0", weight: 4, opacity: 1, fillColor: "#42a5f5", fillOpacity: 0.12 },
  version: { color: "#6a1b9a", weight: 3, opacity: 1, dashArray: "8 6", fillOpacity: 0.05 },
};

/** One highlighted feature at a time (a second `show` replaces the first). */
export class Highlighter {
  constructor(map) {
    this.map = map;
    if (!map.getPane(HIGHLIGHT_PANE)) map.createPane(HIGHLIGHT_PANE).style.zIndex = 420;
    this.layer = null;
  }

  /**
   * Outline `feature` (GeoJSON with a geometry); `kind` is "current" or "version" (a past version is dashed).
   * With `fit` the map zooms to it (and to the [lat, lon] `include`, e.g. the user's position); with
   * `popup` (DOM node) a popup opens on it. Returns the Leaflet layer.
   */
  show(feature, { kind = "current", fit = true, popup = null, include = null, maxZoom = 17 } = {}) {
    if (this.layer && this.feature === feature && this.kind === kind) {
      // Already outlined (e.g. picked again from the list): reopen its popup instead of drawing it twice.
      if (popup && !this.layer.isPopupOpen()) this.openPopup(popup);
      return this.layer;
    }
    this.clear();
    if (!feature?.geometry) return null;
    this.feature = feature;
    this.kind = kind;
    const className = `gisapp-highlight gisapp-highlight-${kind}`;
    this.layer = L.geoJSON(feature, {
      pane: HIGHLIGHT_PANE,
      interactive: Boolean(popup),
      style: () => ({ ...STYLES[kind], className }),
    }).addTo(this.map);
    const bounds = L.latLngBounds([]).extend(this.layer.getBounds());
    if (include) bounds.extend(include);
    if (fit && bounds.isValid()) this.map.fitBounds(bounds, { ...clearOfPanels(), maxZoom, animate: false });
    if (popup) this.openPopup(popup);
    return this.layer;
  }

  /** Open a popup with `content` on the highlighted feature (at the centre of its bounds). */
  openPopup(content) {
    if (!this.layer) return;
    const bounds = this.layer.getBounds();
    if (!bounds.isValid()) return;
    const options = { className: "gisapp-popup", maxWidth: POPUP_WIDTH, ...popupPadding(this.map, POPUP_WIDTH) };
    this.layer.bindPopup(content, options);
    this.layer.openPopup(bounds.getCenter());
  }

  clear() {
    if (this.layer) this.layer.remove();
    this.layer = null;
    this.feature = null;
  }
}
