// Builds the map page from the layer catalog: overlays, basemaps, switcher, legend, popups and language toggle,
// the farmer's search bar, and the officer's record panel; the catalog is reloaded when the sign-in changes.
import { L } from "./leaflet.js";
import { fetchCatalog } from "./api.js";
import { applyToDocument, getLang, otherLang, setLang, t } from "./i18n.js";
import { VECTOR_PANE } from "./layers.js";
import { Legend } from "./legend.js";
import { openFeaturePopup } from "./popup.js";
import { AuthControl, DemoBadge, LangToggle, NARROW_SCREEN, layerSwitcher } from "./controls.js";
import { getUser, onUserChange, restoreSession } from "./session.js";
import { Highlighter } from "./highlight.js";
import { Finder } from "./finder.js";
import { RecordPanel } from "./record_panel.js";
import { RegistryView } from "./registry_view.js";
import { PackingPanel } from "./packing_panel.js";
import { placeCatalogLayers, propertyTitles, redrawOverlays } from "./overlays.js";
import { NewAreaControl } from "./new_area.js";
import { EnvButtons, EnvPanel } from "./env_panel.js";
import { ReportForm } from "./report_form.js";
import { ReportQueue } from "./report_queue.js";
import { CommuneSummary } from "./commune_summary.js";

const MIN_ZOOM = 3;
const MAX_ZOOM = 19;
const VIETNAM_BOUNDS = [102.1, 8.2, 109.5, 23.4]; // until the catalog says otherwise
/** Layers whose features are growing-area records: signed-in staff open the record panel on a click. */
const RECORD_LAYERS = new Set(["growing_areas", "growing_area_dossiers"]);
const REGISTRY_LAYERS = ["growing_areas", "growing_area_dossiers", "overlap_conflicts"];
/** Packing houses: signed-in staff open the packing-house panel (suppliers, lots and their flags). */
const PACKING_LAYER = "packing_houses";
/** A tap on a commune also opens its environment summary (public counts). */
const COMMUNE_LAYER = "communes";

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
    new NewAreaControl({ onStart: () => app.record.startNew() }),
    (app.envButtons = envButtons(app)),
    (app.switcher = layerSwitcher(app)),
    L.control.scale({ imperial: false }),
  ];
  if (app.catalog?.demo) app.controls.push(new DemoBadge());
  for (const control of app.controls) control.addTo(app.map);
  updateLegend(app);
}

/** "Báo cáo ô nhiễm" for everyone, the moderation queue for environment staff. */
function envButtons(app) {
  const hasSources = () => app.catalog?.layers?.some((layer) => layer.id === "pollution_sources") ?? false;
  return new EnvButtons({
    onReport: () => app.env.show(app.reportForm),
    onQueue: () => app.env.show(new ReportQueue({ map: app.map, hasSources })),
  });
}

/** After the catalog changed: a new layer switcher (the sign-in control stays as it is, open or not). */
function replaceLayerSwitcher(app) {
  const index = app.controls.indexOf(app.switcher);
  app.switcher?.remove();
  app.switcher = layerSwitcher(app).addTo(app.map);
  if (index >= 0) app.controls[index] = app.switcher;
  const buttons = app.controls.indexOf(app.envButtons); // the queue button follows the sign-in
  app.envButtons?.remove();
  app.envButtons = envButtons(app).addTo(app.map);
  if (buttons >= 0) app.controls[buttons] = app.envButtons;
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
  app.finder.build();
  app.record.relabel();
  app.registry.relabel();
  app.packing.relabel();
  app.env.render();
}

/** A click on a feature: staff open a record (or a packing house) in the panel; everyone else gets the popup. */
function onFeatureClick(app, entry, event) {
  const id = event.layer?.featureId;
  if (app.reportForm.picking) return; // the tap places the citizen's report; the map's click handler takes it
  if (RECORD_LAYERS.has(entry.id) && id != null && getUser()) {
    app.map.closePopup();
    app.packing.close();
    app.record.open(id, { fit: false, keepInView: event.latlng });
    return;
  }
  if (entry.id === PACKING_LAYER && id != null && getUser()) {
    app.map.closePopup();
    app.record.close();
    app.packing.open(id, { keepInView: event.latlng });
    return;
  }
  if (entry.id === COMMUNE_LAYER && id != null) {
    app.env.show(new CommuneSummary({ code: String(id), name: event.layer?.properties?.name }));
  }
  openFeaturePopup(app.map, entry, event);
}

function addCatalogLayers(app, catalog) {
  const { basemaps, overlays } = placeCatalogLayers(app, catalog, {
    maxZoom: MAX_ZOOM,
    onClick: (entry, event) => onFeatureClick(app, entry, event),
  });
  const first = app.catalog === null;
  app.catalog = catalog;
  app.basemaps = basemaps;
  app.overlays = overlays;
  app.legendKey = null;
  if (first) buildControls(app);
  else replaceLayerSwitcher(app);
}

/**
 * Staff-only layers are listed to signed-in staff only, so the catalog is fetched again when the
 * sign-in changes (the record panel, which may show private fields, closes).
 */
function followSignIn(app, user) {
  const key = user?.id ?? null;
  if (key === app.catalogUser) return;
  app.catalogUser = key;
  app.record.close();
  app.packing.close();
  if (app.env.view?.key === "queue") app.env.close();
  const request = (app.catalogRequest = fetchCatalog());
  request
    .then((catalog) => {
      if (request === app.catalogRequest) addCatalogLayers(app, catalog);
    })
    .catch((error) => console.warn("gisapp: could not reload the layer catalog", error));
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
  const highlighter = new Highlighter(map);
  const app = {
    map,
    catalog: null,
    catalogUser: undefined,
    layers: {},
    overlays: [],
    basemaps: [],
    noBasemap: L.layerGroup().addTo(map),
    controls: [],
    legend: new Legend({ open: !window.matchMedia(NARROW_SCREEN).matches }).addTo(map),
    finder: new Finder({ container: document.getElementById("gisapp-finder"), map, highlighter }),
  };
  app.record = new RecordPanel({
    container: document.getElementById("gisapp-record"),
    map,
    highlighter,
    titles: () => propertyTitles(app.catalog, "growing_areas"),
    onChanged: () => redrawOverlays(app, REGISTRY_LAYERS),
  });
  app.registry = new RegistryView({ map, openRecord: (id) => app.record.open(id) });
  app.packing = new PackingPanel({ container: document.getElementById("gisapp-record"), map });
  app.env = new EnvPanel({ container: document.getElementById("gisapp-env") });
  app.reportForm = new ReportForm({ map });
  fitView(map, null);
  map.on("overlayadd overlayremove zoomend", () => updateLegend(app));

  const first = (app.catalogRequest = fetchCatalog());
  const ready = first.then((catalog) => {
    if (first === app.catalogRequest) addCatalogLayers(app, catalog);
    fitView(map, catalog.view);
    document.body.dataset.state = "ready";
    return window.gisapp;
  });
  ready.catch(showError);
  // The first catalog was asked with the same cookie the session answer describes: follow changes after it.
  const session = restoreSession()
    .catch((error) => console.warn("gisapp: could not restore the sign-in", error))
    .finally(() => {
      app.catalogUser = getUser()?.id ?? null;
      onUserChange((user) => followSignIn(app, user));
    });
  window.gisapp = { map, layers: app.layers, ready, session, app };
}

start();
