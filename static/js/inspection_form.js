// The inspection record form (QĐ 3156): what an inspector writes in the field, read into the API's body.
import { t } from "./i18n.js";
import { today } from "./format.js";
import { rowList } from "./row_list.js";
import { areaField, controlsOf, dateField, numberField, numberProblems, readNumber, readText, readYesNo, selectField, textField, yesNoField } from "./record_inputs.js";

export const PESTICIDE_LISTS = ["pesticides_permitted_vn", "pesticides_permitted_importer", "pesticides_other"];
export const CONCLUSIONS = ["compliant", "compliant_with_conditions", "non_compliant"];
const LISTS = {
  pesticide: { columns: ["product", "active_ingredient", "dose", "applied_on"], required: "product" },
  pests: { columns: ["pest", "density", "unit"], required: "pest" },
  samples: { columns: ["sample", "analysis", "lab", "result"], required: "sample" },
};
const COLUMN_LABELS = {
  product: "inspections.product", active_ingredient: "inspections.activeIngredient", dose: "inspections.dose",
  applied_on: "inspections.appliedOn", pest: "inspections.pest", density: "inspections.density", unit: "inspections.unit",
  sample: "inspections.sample", analysis: "inspections.analysis", lab: "inspections.lab", result: "inspections.result",
};
const COLUMN_ATTRS = {
  product: { maxlength: 200, autocomplete: "off" }, active_ingredient: { maxlength: 200, autocomplete: "off" },
  dose: { maxlength: 100, autocomplete: "off" }, applied_on: { type: "date", max: today() },
  pest: { maxlength: 200, autocomplete: "off" }, density: { inputmode: "decimal", autocomplete: "off" },
  unit: { maxlength: 50, autocomplete: "off" }, sample: { maxlength: 200, autocomplete: "off" },
  analysis: { maxlength: 200, autocomplete: "off" }, lab: { maxlength: 200, autocomplete: "off" }, result: { maxlength: 500, autocomplete: "off" },
};

/** Rows of the form's lists, kept outside the DOM so a row can be added or removed without losing text. */
export function blankLists() {
  return Object.fromEntries([...PESTICIDE_LISTS, "pests", "samples"].map((name) => [name, []]));
}

function listFor(path, rows, kind, { legend, item, add, empty }) {
  const { columns } = LISTS[kind];
  return rowList({
    rows,
    columns: columns.map((name) => ({ name, label: t(COLUMN_LABELS[name]), attrs: COLUMN_ATTRS[name], hint: name === "unit" ? t("inspections.unitHint") : "" })),
    legend,
    itemLabel: (n) => `${t(item)} ${n}`,
    addLabel: t(add),
    blank: () => Object.fromEntries(columns.map((name) => [name, ""])),
    path,
    empty: t(empty),
  });
}

/** The form's controls; `who` is the signed-in user (the inspector by default), `lists` from blankLists(). */
export function inspectionControls(feature, who, lists) {
  const properties = feature.properties ?? {};
  const households = Array.isArray(properties.households) ? String(properties.households.length || "") : "";
  const pesticides = PESTICIDE_LISTS.map((name) =>
    listFor(name, lists[name], "pesticide", { legend: t(`inspections.${name}`), item: "inspections.pesticide", add: "inspections.addPesticide", empty: "inspections.noPesticides" }),
  );
  const conclusions = [["", t("records.unset")], ...CONCLUSIONS.map((value) => [value, t(`conclusion.${value}`)])];
  return [
    dateField(t("inspections.date"), "inspected_on", { value: today(), max: today(), required: true }),
    textField(t("inspections.inspector"), "inspector_name", { maxlength: 200, required: true, value: who?.display_name ?? "" }),
    textField(t("inspections.position"), "inspector_position", { maxlength: 200 }),
    numberField(t("inspections.area"), "area_ha", { value: properties.area_ha ?? "" }),
    numberField(t("inspections.households"), "households", { inputmode: "numeric", value: households }),
    numberField(t("inspections.treeAge"), "tree_age_years"),
    textField(t("inspections.stage"), "growth_stage", { maxlength: 200 }),
    dateField(t("inspections.expectedHarvest"), "expected_harvest_on"),
    numberField(t("inspections.expectedYield"), "expected_yield_t_per_ha"),
    ...pesticides,
    yesNoField(t("inspections.diaryPresent"), "farm_diary_present"),
    yesNoField(t("inspections.diaryComplete"), "farm_diary_complete"),
    listFor("pests", lists.pests, "pests", { legend: t("inspections.pests"), item: "inspections.pestItem", add: "inspections.addPest", empty: "inspections.noPests" }),
    areaField(t("inspections.pestManagement"), "pest_management", { maxlength: 2000 }),
    listFor("samples", lists.samples, "samples", { legend: t("inspections.samples"), item: "inspections.sampleItem", add: "inspections.addSample", empty: "inspections.noSamples" }),
    yesNoField(t("inspections.weeds"), "weeds_residue_cleared"),
    yesNoField(t("inspections.packaging"), "packaging_collected"),
    selectField(t("inspections.conclusion"), "conclusion", conclusions),
    areaField(t("inspections.conclusionNote"), "conclusion_note", { maxlength: 2000, hint: t("inspections.conclusionNoteHint") }),
    dateField(t("inspections.nextDue"), "next_inspection_due"),
  ];
}

const blank = (row) => Object.values(row).every((value) => !String(value).trim());

/**
 * A list's rows as the API takes them: blank rows dropped, empty values null, density a number.
 * `renames` learns where each sent row sits in the form ("pests.0" → "pests.2"), for the problems.
 */
function readRows(name, rows, columns, renames) {
  const kept = [];
  rows.forEach((row, index) => {
    if (blank(row)) return;
    renames[`${name}.${kept.length}`] = `${name}.${index}`;
    kept.push(Object.fromEntries(columns.map((column) => {
      const value = String(row[column] ?? "").trim();
      if (column === "density") return [column, value ? readNumber({ value }) : null];
      return [column, value || null];
    })));
  });
  return kept;
}

/** Problems of the sent body, with list rows named as the form numbers them. */
export function inFormPaths(problems, renames) {
  return problems.map((problem) => {
    const [list, index, ...rest] = String(problem.field ?? "").split(".");
    const moved = renames[`${list}.${index}`];
    return moved && rest.length ? { ...problem, field: [moved, ...rest].join(".") } : problem;
  });
}

/** The body of POST …/inspections from the form's controls and lists, and the rows' form paths. */
export function readInspection(form, lists) {
  const renames = {};
  const c = controlsOf(form);
  const body = {
    inspected_on: c.inspected_on.value || null,
    inspector_name: readText(c.inspector_name),
    conclusion: c.conclusion.value || null,
    area_ha: readNumber(c.area_ha),
    households: readNumber(c.households),
    tree_age_years: readNumber(c.tree_age_years),
    expected_yield_t_per_ha: readNumber(c.expected_yield_t_per_ha),
    farm_diary_present: readYesNo(c.farm_diary_present),
    farm_diary_complete: readYesNo(c.farm_diary_complete),
    weeds_residue_cleared: readYesNo(c.weeds_residue_cleared),
    packaging_collected: readYesNo(c.packaging_collected),
  };
  for (const name of ["inspector_position", "growth_stage", "pest_management", "conclusion_note"]) body[name] = readText(c[name]);
  for (const name of ["expected_harvest_on", "next_inspection_due"]) body[name] = c[name].value || null;
  for (const name of PESTICIDE_LISTS) body[name] = readRows(name, lists[name], LISTS.pesticide.columns, renames);
  body.pests = readRows("pests", lists.pests, LISTS.pests.columns, renames);
  body.samples = readRows("samples", lists.samples, LISTS.samples.columns, renames);
  return { body, renames };
}

/** The form's own checks ([{field, message}]); the server judges everything again. */
export function inspectionProblems(body) {
  const numbers = { area_ha: body.area_ha, households: body.households, tree_age_years: body.tree_age_years, expected_yield_t_per_ha: body.expected_yield_t_per_ha };
  const problems = numberProblems(numbers, { positive: ["area_ha"] });
  const need = (field, ok, key = "records.required") => ok || problems.push({ field, message: t(key) });
  need("inspected_on", body.inspected_on);
  if (body.inspected_on) need("inspected_on", body.inspected_on <= today(), "records.future");
  need("inspector_name", body.inspector_name);
  need("conclusion", body.conclusion);
  if (body.conclusion && body.conclusion !== "compliant") need("conclusion_note", body.conclusion_note);
  for (const name of ["expected_harvest_on", "next_inspection_due"]) {
    if (body[name] && body.inspected_on) need(name, body[name] >= body.inspected_on, "records.beforeInspection");
  }
  const rows = (name, required) => body[name].forEach((row, index) => need(`${name}.${index}.${required}`, row[required]));
  for (const name of PESTICIDE_LISTS) rows(name, "product");
  rows("pests", "pest");
  rows("samples", "sample");
  body.pests.forEach((row, index) => {
    if (Number.isNaN(row.density)) problems.push({ field: `pests.${index}.density`, message: t("records.number") });
  });
  return problems;
}
