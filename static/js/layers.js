// Turns layer catalog entries into Leaflet layers: SVG vector-tile overlays with catalog styles, and basemaps.
import { L } from "./leaflet.js";
import { escapeHtml } from "./dom.js";

/** Pane for the vector overlays: above basemap tiles (tilePane, 200), below popups. */
export const VECTOR_PANE = "gisapp-vectors";

const STYLE_KEYS = {
  fill_color: "fillColor",
  fill_opacity: "fillOpacity",
  stroke_color: "color",
  stroke_width: "weight",
  stroke_opacity: "opacity",
  radius: "radius",
};

/** "point" | "line" | "polygon" from a catalog geometry_type such as "MultiPolygon". */
export function geometryKind(geometryType) {
  const type = String(geometryType ?? "").toLowerCase();
  if (type.includes("point")) return "point";
  if (type.includes("line")) return "line";
  return "polygon";
}

/** Catalog style keys of `base`, overridden by the non-null ones of `override` (a class or legend item). */
export function mergeStyle(base, override) {
  const merged = {};
  for (const key of Object.keys(STYLE_KEYS)) {
    const value = override?.[key] ?? base?.[key];
    if (value != null) merged[key] = value;
  }
  return merged;
}

/** The CSS class every path of this layer gets (tests and styling select on it). */
export function layerClassName(layerId) {
  return `gisapp-feature gisapp-layer-${String(layerId).replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function toPathOptions(spec, kind, className) {
  const options = { className, interactive: true, stroke: true, fill: kind !== "line" };
  for (const [key, leafletKey] of Object.entries(STYLE_KEYS)) {
    if (spec[key] != null) options[leafletKey] = spec[key];
  }
  return options;
}

/** A VectorGrid style function for one entry; each class's options are built once, then looked up. */
export function styleFunction(entry) {
  const style = entry.style ?? {};
  const base = style.default ?? {};
  const kind = geometryKind(entry.geometry_type);
  const className = layerClassName(entry.id);
  const fallback = toPathOptions(base, kind, className);
  if (!style.property) return () => fallback;
  const byValue = new Map();
  for (const cls of style.classes ?? []) {
    byValue.set(String(cls.value), toPathOptions(mergeStyle(base, cls), kind, className));
  }
  return (properties) => {
    const value = properties?.[style.property];
    return (value != null && byValue.get(String(value))) || fallback;
  };
}

// VectorGrid.Protobuf with two repairs for Leaflet 1.9:
// - a failed tile fetch becomes an empty tile plus a "tileerror" event, not an unhandled rejection;
//   a 204 (empty tile) already decodes to a tile with no layers;
// - point symbolizers inherit CircleMarker.getLatLng but have no latlng, and Leaflet 1.9's map
//   calls getLatLng on a clicked "marker", which would throw; without it the click position is used;
// - each drawn path carries `featureId` (the tile feature's id), so a click can open that record.
const CatalogVectorGrid = L.VectorGrid.Protobuf.extend({
  _getVectorTilePromise(coords) {
    return L.VectorGrid.Protobuf.prototype._getVectorTilePromise.call(this, coords).catch((error) => {
      this.fire("tileerror", { coords, error });
      return { layers: {} };
    });
  },

  _createLayer(feature, pxPerExtent) {
    const layer = L.VectorGrid.Protobuf.prototype._createLayer.call(this, feature, pxPerExtent);
    if (layer && feature.type === 1) layer.getLatLng = null;
    // VectorGrid keeps the tile feature's id only in its own index; click handlers need it on the path.
    if (layer) layer.featureId = this.options.getFeatureId(feature);
    return layer;
  },
});

/**
 * A vector-tile overlay for a catalog entry. Tiles are only requested inside the entry's
 * minzoom..maxzoom (the server answers 404 outside it); above maxzoom the last tiles are scaled up.
 * `index` is the entry's place in the drawing order (0 = bottom).
 */
export function createVectorLayer(entry, { index, maxZoom }) {
  const idProperty = entry.id_property;
  return new CatalogVectorGrid(entry.tiles, {
    pane: VECTOR_PANE,
    zIndex: index + 1,
    rendererFactory: L.svg.tile,
    interactive: true,
    vectorTileLayerStyles: { [entry.source_layer ?? entry.id]: styleFunction(entry) },
    getFeatureId: (feature) => feature.id ?? feature.properties?.[idProperty],
    minZoom: entry.minzoom ?? 0,
    maxNativeZoom: entry.maxzoom ?? undefined,
    maxZoom,
  });
}

/** A raster basemap from the catalog's `basemaps` list: XYZ tiles, or a WMS drawn tile by tile. */
export function createBasemap(basemap, { maxZoom }) {
  const options = {
    attribution: escapeHtml(basemap.attribution ?? ""),
    maxNativeZoom: basemap.max_zoom ?? 19,
    maxZoom,
    className: `gisapp-basemap-${String(basemap.id).replace(/[^A-Za-z0-9_-]/g, "-")}`,
  };
  if (basemap.kind === "wms") {
    return L.tileLayer.wms(basemap.url, { ...options, layers: basemap.wms_layers, format: basemap.wms_format ?? "image/jpeg", transparent: false });
  }
  return L.tileLayer(basemap.url, options);
}
