// Builds the map page from the layer catalog: overlays, basemaps, switcher, legend, popups and language toggle.
import { L } from "./leaflet.js";
import { fetchCatalog } from "./api.js";
import { applyToDocument, getLang, otherLang, setLang, t } from "./i18n.js";
import { VECTOR_PANE, createBasemap, createVectorLayer } from "./layers.js";
import { Legend } from "./legend.js";
import { openFeaturePopup } from "./popup.js";
import { AuthControl, DemoBadge, LangToggle, NARROW_SCREEN, layerSwitcher } from "./controls.js";
import { restoreSession } from "./session.js";

const MIN_ZOOM = 3;
const MAX_ZOOM = 19;
const VIETNAM_BOUNDS = [102.1, 8.2, 109.5, 23.4]; // until the catalog says otherwise

function createMap(container) {
  const map = L.map(container, { zoomControl: false, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM });
  map.createPane(VECTOR_PANE).style.zIndex = 350;
  return map;
}

/** Fit the catalog's `view`: {bounds: [west, south, east, north]} or {center: [lon, lat], zoom}. */
function fitView(map, view) {
  if (Array.isArray(view?.center) && view.zoom != null) {
    map.setView([view.center[1], view.center[0]], view.zoom);
    return;
  }
  const [west, south, east, north] = view?.bounds ?? VIETNAM_BOUNDS;
  map.fitBounds([[south, west], [north, east]]);
}

/** (Re)build every control whose labels depend on the language. */
function buildControls(app) {
  for (const control of app.controls) control.remove();
  app.controls = [
    L.control.zoom({ zoomInTitle: t("zoomIn"), zoomOutTitle: t("zoomOut") }),
    new LangToggle({ onToggle: () => toggleLanguage(app) }),
    new AuthControl(),
    layerSwitcher(app),
    L.control.scale({ imperial: false }),
  ];
  if (app.catalog?.demo) app.controls.push(new DemoBadge());
  for (const control of app.controls) control.addTo(app.map);
  updateLegend(app);
}

/** Legend for the overlays that are switched on and drawn at the current zoom, top-most first. */
function updateLegend(app) {
  const zoom = Math.round(app.map.getZoom());
  const shown = app.overlays.filter(
    ({ entry, layer }) => app.map.hasLayer(layer) && zoom >= (entry.minzoom ?? 0),
  );
  const entries = shown.reverse().map(({ entry }) => entry);
  const key = entries.map((entry) => entry.id).join();
  if (key === app.legendKey && app.legendLang === getLang()) return;
  app.legendKey = key;
  app.legendLang = getLang();
  app.legend.setEntries(entries);
}

function toggleLanguage(app) {
  setLang(otherLang());
  app.map.closePopup();
  buildControls(app);
}

function addCatalogLayers(app, catalog) {
  app.catalog = catalog;
  app.basemaps = (catalog.basemaps ?? []).map((entry) => ({
    entry,
    layer: createBasemap(entry, { maxZoom: MAX_ZOOM }),
  }));
  const vectors = (catalog.layers ?? []).filter((entry) => entry.kind === "vector");
  app.overlays = vectors.map((entry, index) => {
    const layer = createVectorLayer(entry, { index, maxZoom: MAX_ZOOM });
    layer.on("click", (event) => openFeaturePopup(app.map, entry, event));
    layer.on("tileerror", ({ coords, error }) => console.warn(`tile ${entry.id} ${coords.z}/${coords.y}/${coords.x}`, error));
    if (entry.visible) layer.addTo(app.map);
    app.layers[entry.id] = layer;
    return { entry, layer };
  });
  fitView(app.map, catalog.view);
  buildControls(app);
}

function showError(error) {
  document.body.dataset.state = "error";
  const box = document.getElementById("gisapp-error");
  if (box) {
    box.textContent = t("loadError");
    box.hidden = false;
  }
  console.error("gisapp: could not start the map", error);
}

function start() {
  applyToDocument();
  const map = createMap("map");
  const app = {
    map,
    catalog: null,
    layers: {},
    overlays: [],
    basemaps: [],
    noBasemap: L.layerGroup().addTo(map),
    controls: [],
    legend: new Legend({ open: !window.matchMedia(NARROW_SCREEN).matches }).addTo(map),
  };
  fitView(map, null);
  map.on("overlayadd overlayremove zoomend", () => updateLegend(app));

  const ready = fetchCatalog().then((catalog) => {
    addCatalogLayers(app, catalog);
    document.body.dataset.state = "ready";
    return window.gisapp;
  });
  ready.catch(showError);
  const session = restoreSession().catch((error) => console.warn("gisapp: could not restore the sign-in", error));
  window.gisapp = { map, layers: app.layers, ready, session };
}

start();
