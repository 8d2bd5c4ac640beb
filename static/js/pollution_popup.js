// The part of a pollution source's popup that needs more than the tile: its latest samples with their
// verdicts (the parameters that exceed and the regulation version applied) and the growing areas and
// water-supply works within its risk distance. Filled in when the answers arrive.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { fetchPollutionNearby, fetchPollutionSamples } from "./api.js";
import { getUser } from "./session.js";
import { pollutionStaffForms } from "./pollution_forms.js";

const SAMPLES_SHOWN = 3;

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
  return pollutionStaffForms(id, () => load(id, box));
}

function fill(box, id, samples, nearby) {
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
export function pollutionDetails(id) {
  const box = el("div", { class: "gisapp-pollution-details", "data-source-id": String(id) }, "…");
  load(id, box);
  return box;
}

function load(id, box) {
  Promise.all([fetchPollutionSamples(id, SAMPLES_SHOWN), fetchPollutionNearby(id)])
    .then(([samples, nearby]) => fill(box, id, samples, nearby))
    .catch(() => box.replaceChildren(el("p", { class: "gisapp-error" }, t("pollutionLoadFailed"))));
}
