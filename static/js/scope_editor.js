// Role, level and scope fields for the admin page: provinces as checkboxes, communes picked province by province.
import { fetchAdminUnits } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { roleLabel } from "./signin.js";

export const ROLES = ["admin", "agri_officer", "env_officer", "viewer"];
const LEVELS = ["", "commune", "province"];
let provincesPromise = null;

/** The 34 provinces, fetched once per page. */
function provinces() {
  provincesPromise ??= fetchAdminUnits();
  return provincesPromise;
}

function select(name, id, options, value) {
  const node = el("select", { name, id });
  for (const [optionValue, label] of options) {
    node.append(el("option", { value: optionValue, selected: optionValue === (value ?? "") }, label));
  }
  return node;
}

function field(label, control) {
  return el("div", { class: "admin-field" }, [el("label", { for: control.id }, label), control]);
}

function checkbox(id, name, label, checked, onChange) {
  const box = el("input", { type: "checkbox", id, name, checked });
  box.addEventListener("change", () => onChange(box.checked));
  return el("label", { class: "admin-check", for: id }, [box, el("span", {}, label)]);
}

/** Checkboxes of the provinces, kept in `chosen` (a Set of codes). */
function provinceBoxes(prefix, chosen) {
  const box = el("div", { class: "admin-checks", role: "group", "aria-label": t("provinces") }, t("loading"));
  provinces().then((units) => {
    box.replaceChildren(
      ...units.map((unit) =>
        checkbox(`${prefix}-p-${unit.code}`, "provinces", unit.name, chosen.has(unit.code), (on) =>
          on ? chosen.add(unit.code) : chosen.delete(unit.code),
        ),
      ),
    );
  });
  return box;
}

/** Chosen communes as removable chips; `names` maps code to name. */
function renderChips(list, chosen, names) {
  list.replaceChildren(
    ...[...chosen].sort().map((code) => {
      const remove = el("button", { type: "button", class: "admin-chip-remove", "aria-label": `${t("remove")} ${names.get(code) ?? code}` }, "×");
      remove.addEventListener("click", () => {
        chosen.delete(code);
        list.dispatchEvent(new Event("change"));
      });
      return el("li", { class: "admin-chip" }, [`${names.get(code) ?? code} (${code})`, remove]);
    }),
  );
}

/** A province picker that lists its communes as checkboxes, plus chips of every chosen commune. */
function communePicker(prefix, chosen, names) {
  const chips = el("ul", { class: "admin-chips" });
  const boxes = el("div", { class: "admin-checks", role: "group", "aria-label": t("communes") });
  const refresh = () => {
    renderChips(chips, chosen, names);
    for (const input of boxes.querySelectorAll("input")) input.checked = chosen.has(input.value);
  };
  chips.addEventListener("change", refresh);
  const picker = el("select", { id: `${prefix}-commune-province`, name: "commune-province" }, [
    el("option", { value: "" }, t("chooseProvince")),
  ]);
  provinces().then((units) => picker.append(...units.map((u) => el("option", { value: u.code }, u.name))));
  picker.addEventListener("change", async () => {
    boxes.replaceChildren(picker.value ? t("loading") : "");
    if (!picker.value) return;
    let communes;
    try {
      communes = await fetchAdminUnits(picker.value);
    } catch (error) {
      boxes.replaceChildren(t("requestFailed"));
      console.warn("gisapp: could not list communes", error);
      return;
    }
    boxes.replaceChildren(
      ...communes.map((unit) => {
        names.set(unit.code, unit.name);
        const item = checkbox(`${prefix}-c-${unit.code}`, "communes", unit.name, chosen.has(unit.code), (on) => {
          if (on) chosen.add(unit.code);
          else chosen.delete(unit.code);
          renderChips(chips, chosen, names);
        });
        item.querySelector("input").value = unit.code;
        return item;
      }),
    );
  });
  refresh();
  return el("div", { class: "admin-communes" }, [chips, picker, boxes]);
}

/**
 * Fields for role, level, provinces and communes, filled from `account` (or empty); `value()`
 * returns {role, level, provinces, communes} as the admin API takes them.
 */
export function scopeEditor(prefix, account = {}) {
  const chosenProvinces = new Set(account.provinces ?? []);
  const chosenCommunes = new Set(account.communes ?? []);
  const names = new Map((account.scope ?? []).filter((u) => u.level === "commune").map((u) => [u.code, u.name]));
  const role = select("role", `${prefix}-role`, ROLES.map((r) => [r, roleLabel(r)]), account.role ?? "viewer");
  const level = select(
    "level",
    `${prefix}-level`,
    LEVELS.map((l) => [l, l ? t(`level.${l}`) : t("noLevel")]),
    account.level ?? "",
  );
  const node = el("fieldset", { class: "admin-scope" }, [
    field(t("role"), role),
    field(t("level"), level),
    el("div", { class: "admin-field" }, [el("span", { class: "admin-label" }, t("provinces")), provinceBoxes(prefix, chosenProvinces)]),
    el("div", { class: "admin-field" }, [el("span", { class: "admin-label" }, t("communes")), communePicker(prefix, chosenCommunes, names)]),
  ]);
  return {
    node,
    value: () => ({
      role: role.value,
      level: level.value || null,
      provinces: [...chosenProvinces].sort(),
      communes: [...chosenCommunes].sort(),
    }),
  };
}
