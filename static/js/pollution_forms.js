// Environment staff's forms in a pollution source's popup: a monitoring sample (date, lab, sampling
// point, one row per parameter) and an inspection (findings, violation, penalty, follow-up). The server
// checks and judges; its problems land beside the fields they are about.
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { postPollutionInspection, postPollutionSample } from "./api.js";
import { sendForm } from "./field_problems.js";
import { areaField, controlsOf, dateField, textField } from "./record_inputs.js";

/** The rows offered at first: what an effluent permit usually asks for. */
const FIRST_ROWS = [["ph", "-"], ["bod5", "mg/L"], ["cod", "mg/L"], ["tss", "mg/L"]];
const EXTRA_ROWS = 4;

function today() {
  return new Date().toISOString().slice(0, 10);
}

function resultRow(position, [parameter, unit] = ["", ""]) {
  const path = (name) => `results.${position}.${name}`;
  return el("div", { class: "gisapp-result-row" }, [
    textField(t("pollution.parameter"), path("parameter"), { value: parameter }),
    textField(t("pollution.value"), path("value"), { inputmode: "decimal" }),
    textField(t("pollution.unit"), path("unit"), { value: unit }),
  ]);
}

function sampleBody(form) {
  const controls = controlsOf(form);
  const results = [];
  for (let position = 1; controls[`results.${position}.parameter`]; position += 1) {
    const value = (name) => controls[`results.${position}.${name}`].value.trim();
    if (value("parameter") && value("value")) {
      results.push({ parameter: value("parameter"), value: value("value"), unit: value("unit") });
    }
  }
  return {
    sampled_on: controls.sampled_on.value,
    lab: controls.lab.value,
    sampling_point: controls.sampling_point.value,
    results,
  };
}

/** Server problems of a result ({field, result}) go to that row's control. */
function resultPaths(problems) {
  return problems.map((p) => (p.result ? { ...p, field: `results.${p.result}.${p.field}` } : p));
}

function sampleForm(id, onSaved) {
  const rows = [...FIRST_ROWS.map((row, i) => resultRow(i + 1, row))];
  for (let i = 0; i < EXTRA_ROWS; i += 1) rows.push(resultRow(FIRST_ROWS.length + i + 1));
  const box = el("div", { class: "gisapp-form-errors", role: "alert", hidden: true });
  const button = el("button", { type: "submit" }, t("pollution.saveSample"));
  const form = el("form", { class: "gisapp-pollution-sample-form" }, [
    dateField(t("pollution.sampledOn"), "sampled_on", { value: today(), max: today(), required: true }),
    textField(t("pollution.lab"), "lab", { required: true }),
    textField(t("pollution.samplingPoint"), "sampling_point", { required: true }),
    ...rows,
    box,
    button,
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let saved = null;
    sendForm(form, box, button, async () => { saved = await postPollutionSample(id, sampleBody(form)); },
      () => onSaved(saved), resultPaths);
  });
  return form;
}

function inspectionBody(form) {
  const c = controlsOf(form);
  const text = (name) => c[name].value.trim() || null;
  const penalty = (c.penalty_vnd.value || "").replace(/[.\s,]/g, "");
  return {
    inspected_on: c.inspected_on.value,
    inspector: c.inspector.value,
    findings: c.findings.value,
    violation: c.violation.checked,
    violation_description: text("violation_description"),
    penalty_vnd: penalty ? Number(penalty) : null,
    penalty_decision: text("penalty_decision"),
    follow_up: text("follow_up"),
  };
}

function inspectionForm(id, onSaved) {
  const box = el("div", { class: "gisapp-form-errors", role: "alert", hidden: true });
  const button = el("button", { type: "submit" }, t("pollution.saveInspection"));
  const violation = el("input", { type: "checkbox", name: "violation", "data-path": "violation" });
  const form = el("form", { class: "gisapp-pollution-inspection-form" }, [
    dateField(t("pollution.inspectedOn"), "inspected_on", { value: today(), max: today(), required: true }),
    textField(t("pollution.inspector"), "inspector", { required: true }),
    areaField(t("pollution.findings"), "findings", { required: true }),
    el("label", { class: "gisapp-check" }, [violation, t("pollution.violation")]),
    areaField(t("pollution.violationDescription"), "violation_description"),
    textField(t("pollution.penalty"), "penalty_vnd", { inputmode: "numeric" }),
    textField(t("pollution.penaltyDecision"), "penalty_decision"),
    areaField(t("pollution.followUp"), "follow_up"),
    box,
    button,
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendForm(form, box, button, () => postPollutionInspection(id, inspectionBody(form)), () => onSaved(null));
  });
  return form;
}

/** Both forms, folded, for signed-in staff; `onSaved(sample|null)` after a save. */
export function pollutionStaffForms(id, onSaved) {
  return el("div", { class: "gisapp-pollution-forms" }, [
    el("details", {}, [el("summary", {}, t("pollution.newSample")), sampleForm(id, onSaved)]),
    el("details", {}, [el("summary", {}, t("pollution.newInspection")), inspectionForm(id, onSaved)]),
  ]);
}
