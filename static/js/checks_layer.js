// Registry checks of a record (POST /api/growing-areas/checks) and their problems drawn on the map, overlaps in red.
import { L } from "./leaflet.js";
import { fetchCommune, runChecks } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatM2 } from "./format.js";
import { failureMessage, problemList } from "./form_fields.js";
import { clearOfPanels } from "./map_room.js";

export const CHECKS_PANE = "gisapp-checks";

/** The properties the checks read (status, code and history are not the record's to send back). */
const CHECKED_PROPERTIES = [
  "name", "crop", "variety", "standard", "markets", "export_code", "issued_commune_code", "last_inspected_on",
];

/** The body of a dry run for an existing area: its geometry and checked properties, with its id. */
export function checkBody(feature) {
  const properties = {};
  for (const name of CHECKED_PROPERTIES) {
    const value = feature.properties?.[name];
    if (value != null) properties[name] = value;
  }
  return { type: "Feature", id: feature.id, geometry: feature.geometry, properties };
}

export class ChecksLayer {
  constructor(map) {
    this.map = map;
    if (!map.getPane(CHECKS_PANE)) map.createPane(CHECKS_PANE).style.zIndex = 430;
    this.group = L.featureGroup().addTo(map);
    this.drawing = 0; // counts draws, so a commune outline arriving late is not added to newer problems
  }

  /** Draw the problems that carry a geometry (the overlap part of another area, a self-intersection…). */
  draw(problems) {
    this.clear();
    for (const problem of problems ?? []) {
      if (problem.check === "commune" && problem.other?.commune_code) this.drawCommune(problem.other);
      if (!problem.geometry) continue;
      L.geoJSON(problem.geometry, {
        pane: CHECKS_PANE,
        interactive: false,
        style: () => ({ className: `gisapp-check-problem gisapp-check-${problem.check ?? "other"}`, color: "#b71c1c", weight: 2, fillColor: "#d50000", fillOpacity: 0.55 }),
        pointToLayer: (_, latlng) => L.circleMarker(latlng, { pane: CHECKS_PANE, radius: 8, className: "gisapp-check-problem", color: "#b71c1c", fillColor: "#d50000", fillOpacity: 0.8 }),
      }).addTo(this.group);
    }
  }

  /** Outline the commune a plot really lies in (a commune problem names it, without its boundary). */
  async drawCommune({ commune_code: code, commune_name: name }) {
    const drawing = this.drawing;
    let commune;
    try {
      commune = await fetchCommune(code);
    } catch (error) {
      console.warn(`gisapp: could not load commune ${code} to outline it`, error);
      return;
    }
    if (drawing !== this.drawing) return;
    const label = t("communeOutline").replace("{name}", name ?? commune.properties?.name ?? "").replace("{code}", code);
    L.geoJSON(commune, {
      pane: CHECKS_PANE,
      interactive: false,
      style: () => ({ className: "gisapp-check-commune", color: "#ef6c00", weight: 3, dashArray: "10 6", fill: false }),
    }).bindTooltip(el("span", {}, label), { permanent: true, direction: "center", className: "gisapp-commune-label" }).addTo(this.group);
  }

  /** Zoom to one problem's geometry. */
  zoomTo(problem) {
    const bounds = L.geoJSON(problem.geometry).getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { ...clearOfPanels(32), maxZoom: 18, animate: false });
  }

  clear() {
    this.drawing += 1;
    this.group.clearLayers();
  }

  /** "VN-68-… · Vùng trồng … · 1.234 m²" and a button to zoom there, for an overlap problem. */
  problemExtra(problem) {
    const other = problem.other;
    const parts = [];
    if (problem.check === "commune" && other?.commune_code) {
      const share = `${Math.round((other.share ?? 0) * 100)}%`;
      const where = t("communeActual").replace("{name}", other.commune_name ?? "").replace("{code}", other.commune_code).replace("{share}", share);
      parts.push(el("span", { class: "gisapp-problem-other gisapp-problem-commune" }, where));
    } else if (other && problem.check === "overlap") {
      const label = [other.code || t("noCode"), other.name, formatM2(other.overlap_m2)].filter(Boolean).join(" · ");
      parts.push(el("span", { class: "gisapp-problem-other" }, label));
    }
    if (problem.geometry) {
      const zoom = el("button", { type: "button", class: "gisapp-link-button" }, t("showOnMap"));
      zoom.addEventListener("click", () => this.zoomTo(problem));
      parts.push(zoom);
    }
    return parts.length ? el("span", { class: "gisapp-problem-extra" }, parts) : null;
  }

  /** The list of problems (with each overlap's other code and area) for the panel. */
  problemList(problems) {
    return problemList(problems, (problem) => this.problemExtra(problem));
  }

  /**
   * The "check" section of the record panel: a button that runs the checks on `feature`, draws the
   * problems and lists them.
   */
  section(feature) {
    const result = el("div", { class: "gisapp-check-result", role: "status", "aria-live": "polite" });
    const button = el("button", { type: "button", class: "gisapp-button gisapp-run-checks" }, t("runChecks"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      result.replaceChildren(el("p", {}, t("checking")));
      try {
        const { ok, problems = [] } = await runChecks(checkBody(feature));
        this.draw(problems);
        result.replaceChildren(el("p", { class: ok ? "gisapp-check-ok" : "gisapp-check-failed" }, ok ? t("checksOk") : t("checksFailed").replace("{n}", problems.length)), this.problemList(problems) ?? "");
      } catch (error) {
        this.draw(error.problems);
        result.replaceChildren(el("p", { class: "gisapp-check-failed" }, failureMessage(error)), this.problemList(error.problems) ?? "");
      } finally {
        button.disabled = false;
      }
    });
    return el("section", { class: "gisapp-record-section gisapp-checks" }, [el("h3", {}, t("checksTitle")), button, result]);
  }
}
