// The record form's data, with no DOM: the draft an officer edits, what it changes (a JSON Merge Patch),
// and the cheap checks made before sending (the server still judges everything).

/** Text properties of the growing-area layer's `editing.properties` (layers/growing_areas.yaml). */
export const PUBLIC_FIELDS = ["name", "crop", "variety", "standard", "export_code", "issued_commune_code", "last_inspected_on"];
export const PRIVATE_FIELDS = ["representative_name", "representative_phone", "representative_id_number"];
export const MARKET_COLUMNS = ["market", "document_number", "document_date"];
export const HOUSEHOLD_COLUMNS = ["name", "phone", "id_number", "address"];
/** The standards the registry knows; "" is "none" (sent as null). */
export const STANDARDS = ["", "VietGAP", "GlobalGAP", "organic"];
/** The commune a dossier is filed under may change only before a code is issued (then the API answers 409). */
export const REFILE_STATUSES = new Set(["draft", "submitted"]);

// The same patterns the server applies to households (gisapp/services/households.py).
const PHONE = /^\+?[0-9 .()-]{6,30}$/;
const ID_NUMBER = /^[0-9]{9}$|^[0-9]{12}$/;
const COMMUNE_CODE = /^[0-9]{5}$/;

const text = (value) => (value == null ? "" : String(value));

function rowsOf(list, columns) {
  return (Array.isArray(list) ? list : []).map((item) => Object.fromEntries(columns.map((c) => [c, text(item?.[c])])));
}

/**
 * The draft of `feature`: every editable property as text ("" for none), markets and households as
 * lists of rows. Private fields and households are in it only when the record carries them (the
 * server sends them to staff whose scope holds the area).
 */
export function draftOf(feature) {
  const properties = feature.properties ?? {};
  const withPrivate = "households" in properties;
  const draft = { withPrivate, markets: rowsOf(properties.markets, MARKET_COLUMNS) };
  for (const name of [...PUBLIC_FIELDS, ...(withPrivate ? PRIVATE_FIELDS : [])]) draft[name] = text(properties[name]).trim();
  if (withPrivate) draft.households = rowsOf(properties.households, HOUSEHOLD_COLUMNS);
  return draft;
}

const isBlank = (row) => Object.values(row).every((value) => !value.trim());

/** Rows as the API takes them: trimmed, empty fields null, rows left wholly empty dropped. */
function cleanRows(rows, columns) {
  return rows
    .filter((row) => !isBlank(row))
    .map((row) => Object.fromEntries(columns.map((c) => [c, row[c].trim() || null])));
}

/**
 * The JSON Merge Patch Feature that turns `feature` into `draft`: only the changed properties (a
 * cleared one as null; markets and households as whole lists), or null when nothing changed.
 */
export function mergePatch(feature, draft) {
  const before = draftOf(feature);
  const properties = {};
  for (const name of [...PUBLIC_FIELDS, ...(draft.withPrivate ? PRIVATE_FIELDS : [])]) {
    const value = draft[name].trim();
    if (value !== before[name]) properties[name] = value || null;
  }
  const lists = [["markets", MARKET_COLUMNS]];
  if (draft.withPrivate) lists.push(["households", HOUSEHOLD_COLUMNS]);
  for (const [name, columns] of lists) {
    const rows = cleanRows(draft[name], columns);
    if (JSON.stringify(rows) !== JSON.stringify(cleanRows(before[name], columns))) properties[name] = rows;
  }
  return Object.keys(properties).length ? { type: "Feature", properties } : null;
}

/**
 * What the form can tell before sending: [{path, key, list, row}], `path` naming the control ("name",
 * "households.2.phone"), `key` the message's string key, and for a row its list ("household",
 * "market") and number from 1. Rows left wholly empty are ignored.
 */
export function draftProblems(draft) {
  const problems = [];
  if (!draft.name.trim()) problems.push({ path: "name", key: "nameRequired" });
  if (!draft.crop.trim()) problems.push({ path: "crop", key: "cropRequired" });
  const commune = draft.issued_commune_code.trim();
  if (commune && !COMMUNE_CODE.test(commune)) problems.push({ path: "issued_commune_code", key: "communeCodeFormat" });
  draft.markets.forEach((row, index) => {
    if (!isBlank(row) && !row.market.trim()) problems.push({ path: `markets.${index}.market`, key: "marketRequired", list: "market", row: index + 1 });
  });
  (draft.households ?? []).forEach((row, index) => {
    if (isBlank(row)) return;
    const at = (column, key) => problems.push({ path: `households.${index}.${column}`, key, list: "household", row: index + 1 });
    if (!row.name.trim()) at("name", "householdNameRequired");
    if (row.phone.trim() && !PHONE.test(row.phone.trim())) at("phone", "phoneFormat");
    if (row.id_number.trim() && !ID_NUMBER.test(row.id_number.trim())) at("id_number", "idNumberFormat");
  });
  return problems;
}
