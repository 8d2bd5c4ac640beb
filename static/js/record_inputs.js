// Inputs of the record panel's season and inspection forms: each carries `data-path` (the API field it
// fills, so a server problem lands beside it), and readers that turn what was typed into API values.
import { getLang, t } from "./i18n.js";
import { el } from "./dom.js";
import { field, uid } from "./form_fields.js";

function control(tag, path, attrs = {}) {
  return el(tag, { id: uid(path.replaceAll(".", "-")), name: path, "data-path": path, ...attrs });
}

export function textField(label, path, { hint = "", ...attrs } = {}) {
  return field(label, control("input", path, { type: "text", autocomplete: "off", ...attrs }), hint);
}

export function areaField(label, path, { hint = "", ...attrs } = {}) {
  return field(label, control("textarea", path, { rows: 2, ...attrs }), hint);
}

/** A number typed the Vietnamese way or the English way ("12,5" or "12.5"), with a decimal keypad. */
export function numberField(label, path, { hint = "", value = "", ...attrs } = {}) {
  const shown = value === "" || value == null ? "" : asTyped(value);
  return field(label, control("input", path, { type: "text", inputmode: "decimal", autocomplete: "off", value: shown, ...attrs }), hint);
}

/** A stored number as an officer would type it: "19,3298" in Vietnamese. */
function asTyped(value) {
  const text = String(value);
  return getLang() === "vi" ? text.replace(".", ",") : text;
}

export function dateField(label, path, { hint = "", ...attrs } = {}) {
  return field(label, control("input", path, { type: "date", ...attrs }), hint);
}

/** A select of `[value, label]` pairs. */
export function selectField(label, path, options, { hint = "", value = "" } = {}) {
  const select = control("select", path);
  for (const [optionValue, text] of options) select.append(el("option", { value: optionValue, selected: optionValue === value }, text));
  return field(label, select, hint);
}

/** Yes / no / not recorded (null), for the inspection's checks. */
export function yesNoField(label, path) {
  return selectField(label, path, [["", t("records.unset")], ["true", t("records.yes")], ["false", t("records.no")]]);
}

/** The form's controls by path. */
export function controlsOf(form) {
  return Object.fromEntries([...form.querySelectorAll("[data-path]")].map((node) => [node.dataset.path, node]));
}

export function readText(node) {
  const value = node?.value.trim() ?? "";
  return value || null;
}

/** null when empty, NaN when not a number. */
export function readNumber(node) {
  const value = (node?.value ?? "").trim().replace(/\s/g, "");
  if (!value) return null;
  return /^-?\d+([.,]\d+)?$/.test(value) ? Number(value.replace(",", ".")) : Number.NaN;
}

export function readYesNo(node) {
  return node?.value === "" || node == null ? null : node.value === "true";
}

/**
 * The form's own number checks: [{field, message}] for fields that are not numbers, negative, or
 * (with `positive`) zero; `required` fields must be there.
 */
export function numberProblems(values, { required = [], positive = [] } = {}) {
  const problems = [];
  for (const [path, value] of Object.entries(values)) {
    if (value === null) {
      if (required.includes(path)) problems.push({ field: path, message: t("records.required") });
    } else if (Number.isNaN(value)) problems.push({ field: path, message: t("records.number") });
    else if (value < 0) problems.push({ field: path, message: t("records.notNegative") });
    else if (value === 0 && positive.includes(path)) problems.push({ field: path, message: t("records.positive") });
  }
  return problems;
}

/** A message box for a form (hidden until something is to be said). */
export function messageBox() {
  return el("div", { class: "gisapp-form-error", role: "alert", hidden: true });
}
