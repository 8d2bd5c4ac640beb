// The moderation queue of environment staff: open citizen reports in their scope, each shown on the map
// on request, linked to a pollution source (chosen among nearby ones when that layer exists, else by id)
// or dismissed with a note the reporter will read.
import { L } from "./leaflet.js";
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDateTime } from "./format.js";
import { failureMessage, field, textInput, uid } from "./form_fields.js";
import { fetchItemsInBox } from "./api.js";
import { fetchReportQueue, moderateReport } from "./api_environment.js";
import { centreInView } from "./map_room.js";

const SOURCES = "pollution_sources";
const NEARBY_DEG = 0.02; // about 2 km around the report

export class ReportQueue {
  /** `hasSources()`: whether the catalog offers the pollution-source layer to this caller. */
  constructor({ map, hasSources }) {
    this.map = map;
    this.hasSources = hasSources;
    this.key = "queue";
    this.marker = null;
    this.notice = "";
  }

  title() {
    return t("queueTitle");
  }

  onClose() {
    this.marker?.remove();
    this.marker = null;
  }

  async render(body) {
    this.body = body;
    body.replaceChildren(el("p", { role: "status" }, t("loading")));
    try {
      const reports = await fetchReportQueue("open");
      const notice = this.notice ? el("p", { class: "gisapp-env-notice", role: "status" }, this.notice) : null;
      const list = reports.length ? el("ul", { class: "gisapp-queue" }, reports.map((report) => this.item(report))) : el("p", {}, t("queueEmpty"));
      body.replaceChildren(...[notice, list].filter(Boolean));
    } catch (error) {
      body.replaceChildren(el("p", { class: "gisapp-env-error", role: "alert" }, failureMessage(error)));
    }
  }

  show(report) {
    const latlng = L.latLng(report.lat, report.lon);
    this.marker?.remove();
    this.marker = L.circleMarker(latlng, { radius: 10, color: "#e65100", weight: 3, fillOpacity: 0.3 }).addTo(this.map);
    centreInView(this.map, latlng, 15);
  }

  item(report) {
    const showButton = el("button", { type: "button", class: "gisapp-queue-show" }, t("queueShow"));
    showButton.addEventListener("click", () => this.show(report));
    const message = el("div", { class: "gisapp-queue-message" });
    return el("li", { class: "gisapp-queue-item", "data-report": report.id, "data-receipt": report.receipt }, [
      el("p", { class: "gisapp-queue-heading" }, [el("strong", {}, report.receipt), ` · ${formatDateTime(report.created_at)}`, report.category ? ` · ${t(`category.${report.category}`)}` : ""]),
      el("p", { class: "gisapp-queue-text" }, report.description),
      report.contact ? el("p", {}, `${t("queueContact")}: ${report.contact}`) : null,
      report.photo_url ? el("a", { href: report.photo_url, target: "_blank", rel: "noopener" }, t("queuePhoto")) : null,
      showButton,
      this.linkForm(report, message),
      this.dismissForm(report, message),
      message,
    ]);
  }

  linkForm(report, message) {
    const id = textInput("source", "pollution_source_id", { inputmode: "numeric", pattern: "[0-9]*" });
    const choices = el("select", { id: uid("nearby"), class: "gisapp-queue-nearby", hidden: true }, [el("option", { value: "" }, t("queueNearby"))]);
    choices.addEventListener("change", () => {
      if (choices.value) id.value = choices.value;
    });
    if (this.hasSources()) this.fillNearby(report, choices);
    const link = el("button", { type: "submit" }, t("queueLink"));
    const form = el("form", { class: "gisapp-queue-link" }, [choices, field(t("queueSourceId"), id), link]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.decide(report, { action: "link", pollution_source_id: Number(id.value) || null }, message);
    });
    return form;
  }

  async fillNearby(report, select) {
    const box = [report.lon - NEARBY_DEG, report.lat - NEARBY_DEG, report.lon + NEARBY_DEG, report.lat + NEARBY_DEG];
    try {
      const found = await fetchItemsInBox(SOURCES, box, 50);
      for (const feature of found.features ?? []) {
        select.append(el("option", { value: feature.id }, `${feature.properties?.name ?? ""} (#${feature.id})`));
      }
      select.hidden = !(found.features ?? []).length;
    } catch (error) {
      console.warn("gisapp: could not list nearby pollution sources", error);
    }
  }

  dismissForm(report, message) {
    const note = textInput("note", "public_note", { maxlength: 1000 });
    const dismiss = el("button", { type: "submit" }, t("queueDismiss"));
    const form = el("form", { class: "gisapp-queue-dismiss" }, [field(t("queueNote"), note), dismiss]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.decide(report, { action: "dismiss", public_note: note.value }, message);
    });
    return form;
  }

  async decide(report, decision, message) {
    message.replaceChildren();
    try {
      await moderateReport(report.id, decision);
      this.notice = `${t("queueDone")}: ${report.receipt}`;
      this.render(this.body);
    } catch (error) {
      const problems = (error.problems ?? []).map((problem) => el("li", {}, localise(problem.message)));
      message.replaceChildren(el("div", { class: "gisapp-env-error", role: "alert" }, [el("p", {}, failureMessage(error)), problems.length ? el("ul", {}, problems) : null]));
    }
  }
}
