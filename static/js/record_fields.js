// A growing-area record as tables: every property the API returned (public and private), and the households.
import { pick, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatHa, statusBadge } from "./format.js";

/** Shown first, in this order; anything else the API sends follows under its catalog title or name. */
const ORDER = [
  "code", "export_code", "status", "name", "crop", "variety", "standard", "area_ha", "commune_code",
  "issued_commune_code", "issued_year", "last_inspected_on", "markets", "representative_name",
  "representative_phone", "representative_id_number",
];
// Status and code head the panel; households get their own table.
const HIDDEN = new Set(["status", "code", "households", "row_version", "search_text", "geom", "is_demo"]);
const DATES = new Set(["last_inspected_on", "document_date", "created_at", "updated_at"]);

function isEmpty(value) {
  return value == null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** "Trung Quốc — QĐ 12/BVTV, 05/03/2025" for each approved market. */
function marketsList(markets) {
  return el("ul", { class: "gisapp-markets" }, markets.map((item) => {
    if (typeof item !== "object" || item === null) return el("li", {}, String(item));
    const documentText = [item.document_number, formatDate(item.document_date)].filter(Boolean).join(", ");
    return el("li", {}, [item.market ?? "", documentText ? ` — ${documentText}` : ""]);
  }));
}

function valueNode(name, value) {
  if (name === "status") return statusBadge(value);
  if (name === "markets" && Array.isArray(value)) return marketsList(value);
  if (name === "area_ha") return formatHa(value);
  if (DATES.has(name) || name.endsWith("_at")) return formatDate(value);
  if (typeof value === "boolean") return t(value ? "yes" : "no");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** A title for a property: the catalog's, else the UI's `field.<name>`, else the name itself. */
export function titleOf(name, titles) {
  if (titles[name]) return pick(titles[name]);
  const key = `field.${name}`;
  const text = t(key);
  return text === key ? name : text;
}

/** The record's properties as a two-column table; `titles` maps property names to catalog titles. */
export function propertiesTable(properties, titles = {}) {
  const names = [...ORDER.filter((name) => name in properties), ...Object.keys(properties).filter((name) => !ORDER.includes(name))];
  const rows = names
    .filter((name) => !HIDDEN.has(name) && !isEmpty(properties[name]))
    .map((name) => el("tr", { "data-property": name }, [el("th", { scope: "row" }, titleOf(name, titles)), el("td", {}, valueNode(name, properties[name]))]));
  return el("table", { class: "gisapp-record-fields" }, el("tbody", {}, rows));
}

const HOUSEHOLD_COLUMNS = ["name", "phone", "id_number", "address"];

/** The member households (private) as a table, or a line saying there are none. */
export function householdsSection(households) {
  const list = Array.isArray(households) ? households : [];
  const title = el("h3", {}, `${t("households")} (${list.length})`);
  if (!list.length) return el("section", { class: "gisapp-record-section gisapp-households" }, [title, el("p", {}, t("noHouseholds"))]);
  const head = el("tr", {}, HOUSEHOLD_COLUMNS.map((column) => el("th", { scope: "col" }, t(`household.${column}`))));
  const rows = list.map((household) => el("tr", {}, HOUSEHOLD_COLUMNS.map((column) => el("td", {}, household?.[column] ?? ""))));
  return el("section", { class: "gisapp-record-section gisapp-households" }, [
    title,
    el("div", { class: "gisapp-table-scroll" }, el("table", { class: "gisapp-households-table" }, [el("thead", {}, head), el("tbody", {}, rows)])),
  ]);
}
