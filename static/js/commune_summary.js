// A commune's environment at a glance, in the environment panel when a commune is picked on the map:
// the share of households served by works whose latest test passes (or "not assessable"), works by
// latest verdict, pollution sources by type with their exceedances, and open citizen reports.
import { pick, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatNumber } from "./format.js";
import { failureMessage } from "./form_fields.js";
import { fetchEnvironmentSummary } from "./api_environment.js";

const STATUSES = ["pass", "exceed", "not_assessable", "never_tested"];

function waterSection(water) {
  const share = water.share_passing == null
    ? el("p", { class: "gisapp-summary-share", "data-assessable": "false" }, t("summaryNotAssessable"))
    : el("p", { class: "gisapp-summary-share", "data-assessable": "true" }, [
        `${t("summaryShare")}: `,
        el("strong", {}, `${formatNumber(water.share_passing * 100, 1)} %`),
        ` (${water.households_served_by_passing_works}/${water.households_served})`,
      ]);
  const rows = STATUSES.map((status) => {
    const entry = water.by_latest_status[status] ?? { works: 0, households: 0 };
    return el("li", { "data-status": status }, `${t(`test.${status}`)}: ${entry.works} (${entry.households} ${t("households")})`);
  });
  return el("section", { class: "gisapp-summary-water" }, [el("h3", {}, t("summaryWater")), share, el("p", {}, t("summaryWorks")), el("ul", {}, rows)]);
}

function exceedingList(exceeding) {
  if (!exceeding?.length) return null;
  const rows = exceeding.map((source) =>
    el("li", { "data-id": source.id, "data-latest": source.latest_sample_status }, [
      el("strong", {}, source.name),
      ` — ${t("summaryLastExceedance")} ${formatDate(source.last_exceedance_on)}`,
    ]));
  return el("div", { class: "gisapp-summary-exceeding" }, [el("p", {}, t("summaryExceedingSources")), el("ul", {}, rows)]);
}

function sourcesSection(sources) {
  const body = sources.total
    ? el("ul", {}, sources.by_type.map((entry) =>
        el("li", { "data-type": entry.source_type }, `${entry.source_type}: ${entry.sources} (${entry.latest_exceeds} ${t("summaryExceeds")})`)))
    : el("p", {}, t("summaryNoSources"));
  return el("section", { class: "gisapp-summary-sources" }, [el("h3", {}, `${t("summarySources")} (${sources.total})`), body, exceedingList(sources.exceeding)]);
}

export class CommuneSummary {
  constructor({ code, name }) {
    this.key = "summary";
    this.code = code;
    this.name = name;
  }

  title() {
    return `${t("summaryTitle")}: ${pick(this.name) || this.code}`;
  }

  async render(body) {
    body.replaceChildren(el("p", { role: "status" }, t("loading")));
    try {
      const summary = await fetchEnvironmentSummary(this.code);
      body.replaceChildren(
        waterSection(summary.water_supply),
        sourcesSection(summary.pollution_sources),
        el("p", { class: "gisapp-summary-reports" }, `${t("summaryReports")}: ${summary.open_citizen_reports}`),
      );
    } catch (error) {
      body.replaceChildren(el("p", { class: "gisapp-env-error", role: "alert" }, failureMessage(error)));
    }
  }
}
