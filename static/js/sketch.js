// One growing-area boundary being drawn or edited on the map with Leaflet-Geoman: draw it, move,
// add and remove vertices, cut holes, draw a cutting line, add vertices from GPS fixes.
import { L, loadGeoman } from "./leaflet.js";
import { geodesicAreaM2, insertionIndex } from "./geo_math.js";

const SNAP_PX = 20;
const STYLE = { color: "#e65100", weight: 3, fillColor: "#ff9800", fillOpacity: 0.25, className: "gisapp-sketch" };
const LINE_STYLE = { color: "#b71c1c", weight: 3, dashArray: "8 6", className: "gisapp-split-line" };
const PENDING_STYLE = { color: "#e65100", weight: 2, dashArray: "4 4", interactive: false, className: "gisapp-sketch-pending" };
const SHARED = { snappable: true, snapDistance: SNAP_PX, allowSelfIntersection: false };
/** Geoman's drawing shape for each of our drawing modes. */
const DRAW_SHAPES = { draw: "Polygon", cut: "Cut", line: "Line" };
// While sketching, taps go to the map (Geoman), not to the growing areas drawn by the vector tiles.
const SKETCHING = "gisapp-sketching";

/** [lon, lat] from a Leaflet LatLng, and back. */
const lonLat = (latlng) => [latlng.lng, latlng.lat];
const toLatLng = ([lon, lat]) => L.latLng(lat, lon);

/** Leaflet latlngs of `geometry` with `position` joined to the outer ring of its first polygon. */
function withVertex(geometry, position) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const [first, ...others] = polygons;
  const outer = first[0].slice(0, -1);
  outer.splice(insertionIndex(outer, position), 0, position);
  const changed = [[outer, ...first.slice(1)], ...others].map((rings) => rings.map((ring) => ring.map(toLatLng)));
  return changed.length === 1 ? changed[0] : changed;
}

export class Sketch {
  /** Load Geoman, then a sketch on `map`; `onChange()` follows every change of shape or mode. */
  static async create(map, { onChange = () => {} } = {}) {
    await loadGeoman(map);
    return new Sketch(map, onChange);
  }

  constructor(map, onChange) {
    this.map = map;
    this.onChange = onChange;
    this.layer = null; // the L.Polygon being edited
    this.pending = []; // GPS vertices before there are three of them
    this.pendingLayer = L.polyline([], PENDING_STYLE).addTo(map);
    this.line = null; // the cutting line, in split mode
    this.mode = "idle"; // idle | draw | edit | cut | line
    this.working = null;
    this.editWhenDrawn = false; // Geoman is mid-way through finishing a shape: edit once it is done
    this.handlers = {
      "pm:create": (event) => this.created(event),
      "pm:cut": (event) => this.cut(event),
      "pm:drawstart": (event) => this.drawStarted(event),
      "pm:drawend": () => this.drawEnded(),
    };
    map.on(this.handlers);
    map.getContainer().classList.add(SKETCHING);
  }

  /** The boundary as a GeoJSON Polygon or MultiPolygon, or null while there is none. */
  geometry() {
    return this.layer ? this.layer.toGeoJSON(9).geometry : null;
  }

  /** Area in m² of the boundary, or of what is being drawn (closed on its first vertex). */
  areaM2() {
    if (this.mode === "draw" && this.working) {
      const ring = this.working.getLatLngs().map(lonLat);
      return geodesicAreaM2({ type: "Polygon", coordinates: [ring] });
    }
    if (!this.layer && this.pending.length >= 3) return geodesicAreaM2({ type: "Polygon", coordinates: [this.pending] });
    return geodesicAreaM2(this.geometry());
  }

  /** Vertices placed so far (pending GPS vertices, the drawing, or the outer ring of the boundary). */
  vertexCount() {
    if (this.mode === "draw" && this.working) return this.working.getLatLngs().length;
    const geometry = this.geometry();
    if (!geometry) return this.pending.length;
    const rings = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return rings.reduce((sum, polygon) => sum + polygon[0].length - 1, 0);
  }

  /** Show `geometry` (GeoJSON Polygon or MultiPolygon) as the boundary, replacing any other. */
  setGeometry(geometry, { edit = false } = {}) {
    this.stopModes();
    const single = geometry?.type === "MultiPolygon" && geometry.coordinates.length === 1;
    const shown = single ? { type: "Polygon", coordinates: geometry.coordinates[0] } : geometry;
    this.setLayer(shown ? L.geoJSON(shown).getLayers()[0].getLatLngs() : null);
    if (edit) this.startEdit();
    this.changed();
  }

  setLayer(latlngs) {
    this.layer?.off();
    this.layer?.remove();
    this.layer = latlngs ? L.polygon(latlngs, { ...STYLE, pmIgnore: false }).addTo(this.map) : null;
    this.layer?.on("pm:markerdrag pm:edit pm:vertexadded pm:vertexremoved pm:change", () => this.changed());
    this.pending = [];
    this.pendingLayer.setLatLngs([]);
  }

  changed() {
    this.onChange();
  }

  /** Draw a new boundary by tapping its corners (snapping to neighbours); replaces any other. */
  startDraw() {
    this.stopModes();
    this.setLayer(null);
    this.map.pm.enableDraw("Polygon", { ...SHARED, tooltips: false, pathOptions: { ...STYLE, pmIgnore: false } });
  }

  drawStarted({ workingLayer, shape }) {
    if (shape !== "Polygon" && shape !== "Line" && shape !== "Cut") return;
    this.mode = shape === "Polygon" ? "draw" : shape === "Line" ? "line" : "cut";
    this.working = workingLayer;
    workingLayer?.on("pm:change pm:vertexadded pm:vertexremoved", () => this.changed());
    this.changed();
  }

  drawEnded() {
    this.working = null;
    this.mode = "idle";
    if (this.editWhenDrawn) {
      this.editWhenDrawn = false;
      this.startEdit();
    }
    this.changed();
  }

  /** Close the polygon being drawn (as tapping its first vertex does); false while it has < 3 vertices. */
  finishDraw() {
    const draw = this.map.pm.Draw[DRAW_SHAPES[this.mode]];
    if (!this.working || this.working.getLatLngs().length < (this.mode === "line" ? 2 : 3)) return false;
    draw._finishShape();
    return true;
  }

  removeLastVertex() {
    const draw = this.map.pm.Draw[DRAW_SHAPES[this.mode]];
    if (this.working?.getLatLngs().length) draw._removeLastVertex();
  }

  created({ shape, layer }) {
    if (shape === "Line") {
      this.line?.remove();
      this.line = layer.setStyle(LINE_STYLE);
    } else if (shape === "Polygon") {
      layer.remove();
      this.setLayer(layer.getLatLngs());
      this.editWhenDrawn = true;
    }
    this.changed();
  }

  /** Move, add (the middle handles) and remove (right-click or long press) vertices, snapping to neighbours. */
  startEdit() {
    if (!this.layer) return;
    this.stopModes();
    this.layer.pm.enable({ ...SHARED, draggable: false, removeVertexOn: "contextmenu" });
    this.mode = "edit";
    this.changed();
  }

  /** Cut a hole (or a bite) out of the boundary by drawing the part to remove. */
  startCut() {
    if (!this.layer) return;
    this.stopModes();
    this.map.pm.enableDraw("Cut", { ...SHARED, tooltips: false, layersToCut: [this.layer] });
  }

  cut({ layer, originalLayer }) {
    if (originalLayer !== this.layer) return;
    const latlngs = layer.getLatLngs?.();
    layer.remove();
    this.setLayer(latlngs?.length ? latlngs : null);
    this.editWhenDrawn = Boolean(this.layer);
  }

  /** Draw the line to split the boundary along (the server cuts; see boundary_tools.js). */
  startLine() {
    this.stopModes();
    this.clearLine();
    this.map.pm.enableDraw("Line", { ...SHARED, tooltips: false, pathOptions: { ...LINE_STYLE, pmIgnore: false } });
  }

  /** The cutting line as a GeoJSON LineString, or null. */
  lineGeometry() {
    return this.line ? this.line.toGeoJSON(9).geometry : null;
  }

  clearLine() {
    this.line?.remove();
    this.line = null;
  }

  /**
   * Add a vertex at [lon, lat] (a GPS fix): into the boundary where it lengthens it least, or, before
   * there is a boundary, to the pending corners (three make the polygon).
   */
  addVertex(position) {
    if (this.mode === "draw" && this.working) {
      this.pending = this.working.getLatLngs().map(lonLat);
      this.map.pm.disableDraw();
    }
    const editing = this.mode === "edit";
    this.stopModes();
    if (this.layer) {
      this.setLayer(withVertex(this.geometry(), position));
    } else {
      this.pending.push(position);
      if (this.pending.length >= 3) this.setLayer([this.pending.map(toLatLng)]);
      else this.pendingLayer.setLatLngs(this.pending.map(toLatLng));
    }
    if (editing || this.layer) this.startEdit();
    this.changed();
  }

  /** Leave any Geoman mode (a drawing in progress is dropped). */
  stopModes() {
    if (this.map.pm.globalDrawModeEnabled()) this.map.pm.disableDraw();
    this.layer?.pm?.disable();
    this.working = null;
    this.mode = "idle";
  }

  cancelMode() {
    this.stopModes();
    this.changed();
  }

  dispose() {
    this.stopModes();
    this.map.off(this.handlers);
    this.setLayer(null);
    this.clearLine();
    this.pendingLayer.remove();
    this.map.getContainer().classList.remove(SKETCHING);
  }
}
