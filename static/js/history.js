// The record's history: its status decisions as a timeline, its stored versions, and any past day to view.
import { fetchTransitions, fetchVersions } from "./api.js";
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatDateTime, isoDay, statusLabel, today } from "./format.js";
import { failureMessage, field, uid } from "./form_fields.js";

/** A list from an answer that is a list, or holds one under `key`. */
function listOf(answer, key) {
  if (Array.isArray(answer)) return answer;
  return Array.isArray(answer?.[key]) ? answer[key] : [];
}

function newestFirst(items, key) {
  return [...items].sort((a, b) => String(b[key] ?? "").localeCompare(String(a[key] ?? "")));
}

function line(label, value) {
  return value ? el("p", {}, [el("span", { class: "gisapp-history-label" }, `${label}: `), String(value)]) : null;
}

/** One decision: when, what (from → to), the code, reason, document, authority and who recorded it. */
function transitionItem(item) {
  const change = item.from_status ? `${statusLabel(item.from_status)} → ${statusLabel(item.to_status)}` : statusLabel(item.to_status);
  const documentText = [item.document_number, item.document_date ? formatDate(item.document_date) : null].filter(Boolean).join(`, ${t("dated")} `);
  return el("li", { class: "gisapp-history-item", "data-action": item.action ?? "" }, [
    el("p", { class: "gisapp-history-when" }, [el("time", { datetime: item.at ?? "" }, formatDateTime(item.at)), ` · ${t(`action.${item.action}`)}`]),
    el("p", { class: "gisapp-history-change" }, change),
    line(t("code"), item.code),
    line(t("reason"), item.reason ? localise(item.reason) : ""),
    line(t("document"), documentText),
    line(t("authority"), item.authority),
    line(t("recordedBy"), item.username),
  ]);
}

/**
 * One stored version. `?at=` answers with the last version of a day, so only a version that was still
 * in force at the end of its day can be viewed; an earlier one of the same day says so.
 */
function versionItem(version, onView) {
  const span = `${formatDateTime(version.valid_from)} – ${version.valid_to ? formatDateTime(version.valid_to) : t("now")}`;
  const day = isoDay(version.valid_from);
  const lastOfDay = !version.valid_to || isoDay(version.valid_to) !== day;
  let view = el("p", { class: "gisapp-history-when" }, t("replacedSameDay"));
  if (lastOfDay) {
    view = el("button", { type: "button", class: "gisapp-link-button gisapp-view-version" }, t("viewVersion"));
    view.addEventListener("click", () => onView(day, version));
  }
  return el("li", { class: "gisapp-version-item", "data-version": version.row_version ?? "" }, [
    el("p", {}, [el("strong", {}, `${t("version")} ${version.row_version ?? ""}`), ` · ${statusLabel(version.status)}`]),
    el("p", { class: "gisapp-history-when" }, span),
    line(t("recordedBy"), version.recorded_by),
    view,
  ]);
}

/** "View the record as of [date]" for any day, not only the days a version began. */
function dayPicker(onView) {
  const date = el("input", { id: uid("at"), type: "date", max: today(), value: today() });
  const go = el("button", { type: "submit", class: "gisapp-button" }, t("viewDay"));
  const form = el("form", { class: "gisapp-day-picker" }, [field(t("asOfDay"), date), go]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (date.value) onView(date.value, null);
  });
  return form;
}

/**
 * The history section for area `id`; it fills itself in when the answers arrive. `onView(day, version)`
 * asks the panel to show the record as it was at the end of that day.
 */
export function historySection(id, { onView }) {
  const body = el("div", { class: "gisapp-history-body" }, el("p", {}, t("loadingHistory")));
  const section = el("section", { class: "gisapp-record-section gisapp-history" }, [el("h3", {}, t("historyTitle")), body]);
  Promise.allSettled([fetchTransitions(id), fetchVersions(id)]).then(([transitions, versions]) => {
    const parts = [];
    if (transitions.status === "fulfilled") {
      const items = newestFirst(listOf(transitions.value, "transitions"), "at");
      parts.push(el("h4", {}, t("decisions")));
      parts.push(items.length ? el("ol", { class: "gisapp-timeline" }, items.map(transitionItem)) : el("p", {}, t("noDecisions")));
    } else {
      parts.push(el("p", { class: "gisapp-form-error" }, failureMessage(transitions.reason)));
    }
    if (versions.status === "fulfilled") {
      const items = newestFirst(listOf(versions.value, "versions"), "valid_from");
      parts.push(el("h4", {}, t("versions")));
      if (items.length) parts.push(el("ol", { class: "gisapp-versions" }, items.map((v) => versionItem(v, onView))));
    } else {
      parts.push(el("p", { class: "gisapp-form-error" }, failureMessage(versions.reason)));
    }
    parts.push(dayPicker(onView));
    body.replaceChildren(...parts);
  });
  return section;
}
