// The registry table's filter bar: status, crop, province and commune in the user's scope, code or name,
// overdue only, and a sort picker (the column headers sort too, but phones show rows as cards).
import { fetchAdminUnits } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { uid } from "./form_fields.js";
import { loadCrops, sortedCrops } from "./crops.js";
import { statusLabel } from "./format.js";

const STATUSES = ["draft", "submitted", "issued", "suspended", "revoked"];
const SORTS = ["code", "name", "crop", "commune", "area_ha", "status", "last_inspected_on", "next_inspection_due", "updated_at"];

function select(name, label, options, value) {
  const control = el("select", { id: uid(`gisapp-filter-${name}`), name }, options.map(([optionValue, text]) => el("option", { value: optionValue }, text)));
  control.value = value ?? "";
  return { control, block: el("div", { class: `gisapp-filter gisapp-filter-${name}` }, [el("label", { for: control.id }, label), control]) };
}

function fill(control, first, units, keep) {
  control.replaceChildren(el("option", { value: "" }, first), ...units.map((unit) => el("option", { value: unit.code }, `${unit.name} (${unit.code})`)));
  control.value = units.some((unit) => unit.code === keep) ? keep : "";
}

/** Provinces the user may pick from (admins: all), and communes named in their scope. */
function scopeUnits(user) {
  const scope = user?.scope ?? [];
  return {
    provinces: scope.filter((unit) => unit.level === "province"),
    communes: scope.filter((unit) => unit.level === "commune"),
  };
}

/**
 * The form; `values` = {sort, filters}; `onChange({sort, filters})` after every change (text on submit).
 * Returns {element, setSort}.
 */
export function registryFilters({ user, values, onChange }) {
  const filters = values.filters ?? {};
  const status = select("status", t("tbl.status"), [["", t("tbl.allStatuses")], ...STATUSES.map((s) => [s, statusLabel(s)])], filters.status);
  const crop = select("crop", t("tbl.crop"), [["", t("tbl.allCrops")]], "");
  const province = select("province", t("tbl.province"), [["", t("tbl.allProvinces")]], "");
  const commune = select("commune", t("tbl.commune"), [["", t("tbl.allCommunes")]], "");
  const sortOptions = SORTS.flatMap((key) => [[key, `${t(`tbl.col.${key}`)} (${t("tbl.ascending")})`], [`-${key}`, `${t(`tbl.col.${key}`)} (${t("tbl.descending")})`]]);
  const sort = select("sort", t("tbl.sort"), sortOptions, values.sort);
  const text = el("input", { id: uid("gisapp-filter-q"), name: "q", type: "search", maxlength: 100, placeholder: t("tbl.textPlaceholder"), autocomplete: "off" });
  text.value = filters.q ?? "";
  const overdue = el("input", { id: uid("gisapp-filter-overdue"), name: "overdue", type: "checkbox" });
  overdue.checked = Boolean(filters.overdue);
  const apply = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("tbl.apply"));
  const clear = el("button", { type: "button", class: "gisapp-button" }, t("tbl.clear"));
  const form = el("form", { class: "gisapp-registry-filters", role: "search", "aria-label": t("tbl.filters") }, [
    status.block, crop.block, province.block, commune.block,
    el("div", { class: "gisapp-filter gisapp-filter-q" }, [el("label", { for: text.id }, t("tbl.text")), text]),
    el("label", { class: "gisapp-filter-check", for: overdue.id }, [overdue, t("tbl.overdue")]),
    sort.block,
    el("div", { class: "gisapp-filter-buttons" }, [apply, clear]),
  ]);

  const current = () => ({
    sort: sort.control.value || "code",
    filters: {
      status: status.control.value, crop: crop.control.value, province: province.control.value,
      commune: commune.control.value, q: text.value.trim(), overdue: overdue.checked,
    },
  });
  const changed = () => onChange(current());
  const { provinces, communes } = scopeUnits(user);
  const admin = user?.role === "admin";

  async function loadCommunes() {
    const chosen = province.control.value || (!admin && provinces.length === 1 ? provinces[0].code : "");
    let units = communes;
    if (chosen) units = [...communes, ...(await fetchAdminUnits(chosen).catch(() => []))];
    const unique = [...new Map(units.map((unit) => [unit.code, unit])).values()];
    fill(commune.control, t("tbl.allCommunes"), unique, filters.commune);
    commune.block.hidden = unique.length === 0;
  }

  async function loadProvinces() {
    const units = admin ? await fetchAdminUnits().catch(() => []) : provinces;
    fill(province.control, t("tbl.allProvinces"), units, filters.province);
    province.block.hidden = units.length < 2 && !admin;
    await loadCommunes();
  }

  loadCrops()
    .then((crops) => {
      crop.control.replaceChildren(el("option", { value: "" }, t("tbl.allCrops")), ...sortedCrops(crops).map((c) => el("option", { value: c.name }, c.name)));
      crop.control.value = filters.crop ?? "";
    })
    .catch(() => {});
  loadProvinces();

  for (const control of [status.control, crop.control, commune.control, sort.control, overdue]) control.addEventListener("change", changed);
  province.control.addEventListener("change", async () => {
    filters.commune = "";
    await loadCommunes();
    changed();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    changed();
  });
  clear.addEventListener("click", () => {
    for (const control of [status.control, crop.control, province.control, commune.control]) control.value = "";
    text.value = "";
    overdue.checked = false;
    changed();
  });
  return { element: form, setSort: (value) => (sort.control.value = value) };
}
