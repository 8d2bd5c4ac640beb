// The part of a pollution source's popup that needs more than the tile: its latest samples with their
// verdicts (the parameters that exceed and the regulation version applied) and the growing areas and
// water-supply works within its risk distance, the areas outlined on the map while the popup is open.
// Filled in when the answers arrive.
import { L } from "./leaflet.js";
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { fetchPollutionNearby, fetchPollutionSamples } from "./api.js";
import { getUser } from "./session.js";
import { pollutionStaffForms } from "./pollution_forms.js";

const SAMPLES_SHOWN = 3;
const AFFECTED_PANE = "gisapp-affected";
const AFFECTED_STYLE = { color: "#d84315", weight: 3, opacity: 1, fillColor: "#ff7043", fillOpacity: 0.35 };

/** Outline the growing areas at risk until the popup closes (one source's areas at a time). */
function outlineAffected(map, areas) {
  if (!map || !areas.length) return;
  if (!map.getPane(AFFECTED_PANE)) map.createPane(AFFECTED_PANE).style.zIndex = 410;
  const features = areas.map((a) => ({ type: "Feature", id: a.id, geometry: a.geometry, properties: {} }));
  const layer = L.geoJSON(features, {
    pane: AFFECTED_PANE,
    interactive: false,
    style: () => ({ ...AFFECTED_STYLE, className: "gisapp-affected-area" }),
  }).addTo(map);
  map.once("popupclose", () => layer.remove());
}

function sampleItem(sample) {
  const exceeding = sample.results.filter((r) => r.judgement.verdict === "exceed").map((r) => r.parameter);
  const detail = [sample.version ?? sample.regulation, exceeding.length ? exceeding.join(", ") : null]
    .filter(Boolean)
    .join(" · ");
  return el("li", { class: `gisapp-sample gisapp-verdict-${sample.verdict}` }, [
    el("strong", {}, `${sample.sampled_on}: ${t(`verdict.${sample.verdict}`)}`),
    detail ? el("span", {}, ` (${detail})`) : null,
  ]);
}

function listOr(items, empty) {
  return items.length ? el("ul", {}, items) : el("p", {}, empty);
}

/** Staff get the forms; a saved sample reloads the list so its verdict shows at once. */
function staffForms(id, box) {
  if (!getUser()) return null;
  return pollutionStaffForms(id, () => load(id, box, null));
}

function fill(box, id, samples, nearby, map) {
  outlineAffected(map, nearby.growing_areas.filter((a) => a.geometry));
  const metres = String(nearby.within_m ?? "");
  const areas = nearby.growing_areas.map((a) =>
    el("li", { class: "gisapp-nearby-area" }, `${a.code ?? a.name ?? a.id} – ${Math.round(a.distance_m)} m`),
  );
  const works = nearby.water_works.map((w) => el("li", {}, `${w.name} – ${Math.round(w.distance_m)} m`));
  box.replaceChildren(
    el("h3", {}, t("pollutionSamples")),
    listOr(samples.map(sampleItem), t("pollutionNoSamples")),
    el("h3", {}, t("pollutionNearby").replace("{metres}", metres)),
    listOr(areas, t("pollutionNoNearby")),
    works.length ? el("h3", {}, t("pollutionWorks")) : null,
    works.length ? el("ul", {}, works) : null,
    staffForms(id, box),
  );
}

/** A box that fills itself with the source's latest samples and what lies near it. */
export function pollutionDetails(id, map = null) {
  const box = el("div", { class: "gisapp-pollution-details", "data-source-id": String(id) }, "…");
  load(id, box, map);
  return box;
}

/** Fetch and show; with `map` the affected growing areas are outlined on it. */
function load(id, box, map) {
  Promise.all([fetchPollutionSamples(id, SAMPLES_SHOWN), fetchPollutionNearby(id)])
    .then(([samples, nearby]) => fill(box, id, samples, nearby, map))
    .catch(() => box.replaceChildren(el("p", { class: "gisapp-error" }, t("pollutionLoadFailed"))));
}
