// The catalog's vector overlays on the map, replaced when the catalog changes (staff layers come and go with sign-in).
import { createBasemap, createVectorLayer } from "./layers.js";

/**
 * Put the catalog's basemaps and overlays on the map, replacing earlier ones. An overlay that was
 * already listed keeps the visibility the user gave it; a new one starts as its entry says.
 * `onClick(entry, event)` handles clicks on features. Returns {basemaps, overlays} ([{entry, layer}]).
 */
export function placeCatalogLayers(app, catalog, { maxZoom, onClick }) {
  const wasShown = new Map(app.overlays.map(({ entry, layer }) => [entry.id, app.map.hasLayer(layer)]));
  const baseShown = new Set(app.basemaps.filter(({ layer }) => app.map.hasLayer(layer)).map(({ entry }) => entry.id));
  for (const { layer } of [...app.overlays, ...app.basemaps]) {
    if (app.map.hasLayer(layer)) layer.remove();
  }
  const basemaps = (catalog.basemaps ?? []).map((entry) => {
    const layer = createBasemap(entry, { maxZoom });
    if (baseShown.has(entry.id)) layer.addTo(app.map);
    return { entry, layer };
  });
  const vectors = (catalog.layers ?? []).filter((entry) => entry.kind === "vector");
  for (const id of Object.keys(app.layers)) delete app.layers[id];
  const overlays = vectors.map((entry, index) => {
    const layer = createVectorLayer(entry, { index, maxZoom });
    layer.on("click", (event) => onClick(entry, event));
    layer.on("tileerror", ({ coords, error }) => console.warn(`tile ${entry.id} ${coords.z}/${coords.y}/${coords.x}`, error));
    if (wasShown.get(entry.id) ?? entry.visible) layer.addTo(app.map);
    app.layers[entry.id] = layer;
    return { entry, layer };
  });
  return { basemaps, overlays };
}

/** Fetch the tiles of these overlays again (after a decision changed what they draw). */
export function redrawOverlays(app, ids) {
  for (const id of ids) {
    const layer = app.layers[id];
    if (layer && app.map.hasLayer(layer)) layer.redraw();
  }
}

/** The catalog titles of a layer's properties, by name (the record panel labels its fields with them). */
export function propertyTitles(catalog, layerId) {
  const entry = (catalog?.layers ?? []).find((item) => item.id === layerId);
  return Object.fromEntries((entry?.properties ?? []).map((prop) => [prop.name, prop.title]));
}
