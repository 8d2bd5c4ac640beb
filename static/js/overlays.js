// The catalog's vector overlays on the map, updated when the catalog changes (staff layers come and go with sign-in).
import { createBasemap, createVectorLayer } from "./layers.js";

/**
 * Put the catalog's basemaps and overlays on the map in place of earlier ones. A layer whose entry
 * is unchanged is kept as it is (its drawn tiles, its visibility, its handlers): signing in only adds
 * staff layers, and re-creating the public ones made the map fetch every visible tile again. A
 * changed or new overlay keeps the visibility the user gave it, else starts as its entry says.
 * `onClick(entry, event)` handles clicks on features. Returns {basemaps, overlays} ([{entry, layer}]).
 */
export function placeCatalogLayers(app, catalog, { maxZoom, onClick }) {
  const earlierOverlays = byEntryId(app.overlays);
  const earlierBasemaps = byEntryId(app.basemaps);
  const shown = (earlier, entry) => (earlier.has(entry.id) ? app.map.hasLayer(earlier.get(entry.id).layer) : null);
  const basemaps = (catalog.basemaps ?? []).map((entry) => {
    const kept = takeUnchanged(earlierBasemaps, entry);
    if (kept) return kept;
    const layer = createBasemap(entry, { maxZoom });
    if (shown(earlierBasemaps, entry)) layer.addTo(app.map);
    return { entry, layer };
  });
  const vectors = (catalog.layers ?? []).filter((entry) => entry.kind === "vector");
  for (const id of Object.keys(app.layers)) delete app.layers[id];
  const overlays = vectors.map((entry, index) => {
    const kept = takeUnchanged(earlierOverlays, entry);
    if (kept) {
      kept.layer.setZIndex(index + 1); // staff layers may have come in below it
      app.layers[entry.id] = kept.layer;
      return kept;
    }
    const layer = createVectorLayer(entry, { index, maxZoom });
    layer.on("click", (event) => onClick(entry, event));
    layer.on("tileerror", ({ coords, error }) => console.warn(`tile ${entry.id} ${coords.z}/${coords.y}/${coords.x}`, error));
    if (shown(earlierOverlays, entry) ?? entry.visible) layer.addTo(app.map);
    app.layers[entry.id] = layer;
    return { entry, layer };
  });
  for (const { layer } of [...earlierOverlays.values(), ...earlierBasemaps.values()]) {
    if (app.map.hasLayer(layer)) layer.remove(); // gone from the catalog, or replaced above
  }
  return { basemaps, overlays };
}

/** Earlier {entry, layer} pairs by entry id, each with its entry as JSON to tell an unchanged one. */
function byEntryId(pairs) {
  return new Map(pairs.map(({ entry, layer }) => [entry.id, { entry, layer, json: JSON.stringify(entry) }]));
}

/** The earlier pair for an entry the catalog still describes the same way, taken out of `earlier`. */
function takeUnchanged(earlier, entry) {
  const found = earlier.get(entry.id);
  if (!found || found.json !== JSON.stringify(entry)) return null;
  earlier.delete(entry.id);
  return { entry: found.entry, layer: found.layer };
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
