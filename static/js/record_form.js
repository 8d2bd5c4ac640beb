// The record form's controls, bound to a draft (record_draft.js): what the officer may edit, labelled.
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { today } from "./format.js";
import { field, uid } from "./form_fields.js";
import { cropLabel, sortedCrops } from "./crops.js";
import { titleOf } from "./record_fields.js";
import { HOUSEHOLD_COLUMNS, MARKET_COLUMNS, REFILE_STATUSES, STANDARDS } from "./record_draft.js";
import { rowList } from "./row_list.js";

/** Keep `draft[name]` equal to the control's value; the control carries `data-path` = name. */
function bound(control, draft, name) {
  control.value = draft[name];
  control.dataset.path = name;
  control.addEventListener(control.tagName === "SELECT" ? "change" : "input", () => {
    draft[name] = control.value;
  });
  return control;
}

function input(name, attrs = {}) {
  return el("input", { id: uid(`edit-${name}`), name, type: "text", ...attrs });
}

/** The crop catalogue as a select; the record's crop stays listed even if the catalogue failed to load. */
function cropSelect(draft, crops) {
  const select = el("select", { id: uid("edit-crop"), name: "crop", required: true });
  const known = sortedCrops(crops);
  if (draft.crop && !known.some((crop) => crop.name === draft.crop)) known.unshift({ name: draft.crop, custom: true });
  for (const crop of known) select.append(el("option", { value: crop.name }, crop.custom ? crop.name : cropLabel(crop)));
  return bound(select, draft, "crop");
}

function standardSelect(draft) {
  const select = el("select", { id: uid("edit-standard"), name: "standard" });
  for (const standard of STANDARDS) select.append(el("option", { value: standard }, t(`standard.${standard || "none"}`)));
  if (draft.standard && !STANDARDS.includes(draft.standard)) select.append(el("option", { value: draft.standard }, draft.standard));
  return bound(select, draft, "standard");
}

/** The commune filed under: editable only before issuing; afterwards shown, disabled, with the reason. */
function communeField(draft, status, label) {
  const open = REFILE_STATUSES.has(status);
  const control = bound(input("issued_commune_code", { inputmode: "numeric", maxlength: 5, pattern: "[0-9]{5}", autocomplete: "off", disabled: !open }), draft, "issued_commune_code");
  return field(label, control, t(open ? "communeCodeHint" : "communeCodeKept"));
}

function marketRows(draft, label) {
  const labels = { market: t("market.market"), document_number: t("documentNumber"), document_date: t("documentDate") };
  const attrs = { market: { maxlength: 200 }, document_number: { maxlength: 100, autocomplete: "off" }, document_date: { type: "date" } };
  return rowList({
    rows: draft.markets,
    columns: MARKET_COLUMNS.map((name) => ({ name, label: labels[name], attrs: attrs[name], hint: name === "market" ? t("market.hint") : "" })),
    legend: label,
    itemLabel: (n) => `${t("market.item")} ${n}`,
    addLabel: t("addMarket"),
    blank: () => ({ market: "", document_number: "", document_date: "" }),
    path: "markets",
    empty: t("noMarkets"),
  });
}

function householdRows(draft) {
  const attrs = {
    name: { maxlength: 200, autocomplete: "off" },
    phone: { type: "tel", maxlength: 30, autocomplete: "off" },
    id_number: { inputmode: "numeric", maxlength: 12, autocomplete: "off" },
    address: { maxlength: 300, autocomplete: "off" },
  };
  const hints = { phone: t("phoneHint"), id_number: t("idNumberHint") };
  return rowList({
    rows: draft.households,
    columns: HOUSEHOLD_COLUMNS.map((name) => ({ name, label: t(`household.${name}`), attrs: attrs[name], hint: hints[name] })),
    legend: t("households"),
    itemLabel: (n) => `${t("household.item")} ${n}`,
    addLabel: t("addHousehold"),
    blank: () => ({ name: "", phone: "", id_number: "", address: "" }),
    path: "households",
    empty: t("noHouseholds"),
  });
}

/** The representative's private fields, in their own group. */
function representative(draft, titles) {
  const name = bound(input("representative_name", { maxlength: 200, autocomplete: "off" }), draft, "representative_name");
  const phone = bound(input("representative_phone", { type: "tel", maxlength: 30, autocomplete: "off" }), draft, "representative_phone");
  const id = bound(input("representative_id_number", { maxlength: 20, autocomplete: "off" }), draft, "representative_id_number");
  return el("fieldset", { class: "gisapp-row-list gisapp-private-fields" }, [
    el("legend", {}, t("privateFields")),
    field(titleOf("representative_name", titles), name),
    field(titleOf("representative_phone", titles), phone, t("phoneHint")),
    field(titleOf("representative_id_number", titles), id, t("representativeIdHint")),
  ]);
}

/**
 * The controls for `draft` of a record in `status`: `crops` from the catalogue, `titles` the catalog's
 * property titles. Typing changes the draft at once, so the form can be rebuilt (language toggle)
 * without losing anything.
 */
export function recordControls(draft, { status, crops, titles }) {
  const label = (name) => titleOf(name, titles);
  const name = bound(input("name", { maxlength: 300, required: true, autocomplete: "off" }), draft, "name");
  const lastInspected = bound(input("last_inspected_on", { type: "date", max: today() }), draft, "last_inspected_on");
  const exportCode = bound(input("export_code", { maxlength: 40, autocomplete: "off", autocapitalize: "characters" }), draft, "export_code");
  return [
    field(label("name"), name, t("nameHint")),
    field(label("crop"), cropSelect(draft, crops), t("cropHint")),
    field(label("variety"), bound(input("variety", { maxlength: 100, autocomplete: "off" }), draft, "variety")),
    field(label("standard"), standardSelect(draft)),
    field(label("export_code"), exportCode, t("exportCodeHint")),
    communeField(draft, status, label("issued_commune_code")),
    field(label("last_inspected_on"), lastInspected),
    marketRows(draft, label("markets")),
    draft.withPrivate ? representative(draft, titles) : null,
    draft.withPrivate ? householdRows(draft) : null,
  ];
}
