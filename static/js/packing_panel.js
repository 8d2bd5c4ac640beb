// The packing-house panel for signed-in staff: code, status, markets, operator, supplying growing areas,
// and recent lots with their mass-balance flags. Read-only; it shares the record panel's <aside>.
import { fetchPackingHouse, fetchPackingLots, fetchPackingSuppliers, packingSheetUrl } from "./api.js";
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, formatKg, statusBadge } from "./format.js";
import { failureMessage } from "./form_fields.js";
import { clearOfPanels } from "./map_room.js";
import { propertiesTable } from "./record_fields.js";

const OPERATOR = ["operator_name", "operator_phone", "operator_address"];

function section(className, title, children) {
  return el("section", { class: `gisapp-record-section ${className}` }, [el("h3", {}, title), ...children]);
}

function marketsSection(markets) {
  if (!Array.isArray(markets) || !markets.length) return section("gisapp-packing-markets", t("markets"), [el("p", {}, t("noMarkets"))]);
  return section("gisapp-packing-markets", t("markets"), [propertiesTable({ markets }).querySelector("ul")]);
}

function operatorSection(properties) {
  const shown = Object.fromEntries(OPERATOR.filter((name) => properties[name]).map((name) => [name, properties[name]]));
  return Object.keys(shown).length ? section("gisapp-packing-operator", t("operator"), [propertiesTable(shown)]) : null;
}

function supplierItem(area) {
  return el("li", { "data-area": area.growing_area_id }, [
    el("span", { class: "gisapp-record-code" }, area.code || area.export_code || `#${area.growing_area_id}`),
    ` ${area.name ?? ""} `,
    statusBadge(area.status),
    area.flag ? el("p", { class: "gisapp-packing-flag" }, localise(area.flag.message)) : null,
  ]);
}

function suppliersSection(suppliers) {
  const body = suppliers.length ? el("ul", { class: "gisapp-packing-suppliers" }, suppliers.map(supplierItem)) : el("p", {}, t("noSuppliers"));
  return section("gisapp-packing-suppliers-section", `${t("suppliers")} (${suppliers.length})`, [body]);
}

/** One lot: day, lot number and weight on a line with its verdict, then the numbers and every flag. */
function lotItem(lot) {
  const total = lot.balance?.total ?? {};
  const numbers = t("lotNumbers")
    .replace("{capacity}", formatKg(total.capacity_kg))
    .replace("{used}", formatKg(total.used_kg))
    .replace("{lot}", formatKg(total.this_lot_kg))
    .replace("{excess}", formatKg(total.excess_kg));
  const flags = (lot.balance?.flags ?? []).map((flag) => el("li", { "data-kind": flag.kind }, localise(flag.message)));
  const heading = [formatDate(lot.packed_on), lot.lot_number ? `${t("lot.number")} ${lot.lot_number}` : null, formatKg(lot.total_weight_kg)];
  return el("li", { class: "gisapp-lot", "data-lot": lot.id, "data-flagged": String(lot.flagged) }, [
    el("p", { class: "gisapp-lot-heading" }, [
      el("span", {}, heading.filter(Boolean).join(" · ")),
      el("span", { class: `gisapp-lot-badge ${lot.flagged ? "gisapp-lot-flagged" : "gisapp-lot-ok"}` }, t(lot.flagged ? "lotFlagged" : "lotOk")),
    ]),
    el("p", { class: "gisapp-lot-numbers" }, numbers),
    flags.length ? el("ul", { class: "gisapp-lot-flags" }, flags) : null,
  ]);
}

function lotsSection(lots) {
  const body = lots.length ? el("ul", { class: "gisapp-lots" }, lots.map(lotItem)) : el("p", {}, t("noLots"));
  return section("gisapp-packing-lots", t("lots"), [body]);
}

export class PackingPanel {
  /** `container`: the record panel's <aside>, shared (one panel shows at a time). */
  constructor({ container, map }) {
    this.container = container;
    this.map = map;
    this.state = null; // {id, house, suppliers, lots, restricted, error}
    container.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Load packing house `id` with its suppliers and lots; `keepInView` (the tapped latlng) stays visible. */
  async open(id, { keepInView = null } = {}) {
    this.state = { id, house: null, suppliers: [], lots: [], restricted: false, error: "" };
    this.render();
    try {
      const house = await fetchPackingHouse(id);
      const [suppliers, lots] = await Promise.all([fetchPackingSuppliers(id), fetchPackingLots(id)]).catch((error) => {
        if (error.status === 403) return [null, null];
        throw error;
      });
      if (this.state?.id !== id) return;
      Object.assign(this.state, { house, suppliers: suppliers ?? [], lots: lots ?? [], restricted: suppliers === null });
    } catch (error) {
      if (this.state?.id !== id) return;
      this.state.error = error.status === 404 ? t("recordNotFound") : failureMessage(error);
    }
    this.render();
    if (keepInView) this.map.panInside(keepInView, { ...clearOfPanels(), animate: false });
    this.container.querySelector(".gisapp-record-title")?.focus();
  }

  close() {
    if (!this.state) return;
    this.state = null;
    this.render();
    this.map.getContainer().focus();
  }

  relabel() {
    if (this.state) this.render();
  }

  body() {
    const { house, suppliers, lots, restricted } = this.state;
    const properties = house.properties ?? {};
    const parts = [
      el("p", { class: "gisapp-record-summary" }, [statusBadge(properties.status), el("span", { class: "gisapp-record-code" }, properties.code || t("noCode"))]),
      el("p", {}, el("a", { href: packingSheetUrl(house.id), target: "_blank", rel: "noopener", class: "gisapp-sheet-link" }, t("tbl.sheet"))),
      marketsSection(properties.markets),
      operatorSection(properties),
    ];
    if (restricted) return [...parts, el("p", { role: "note" }, t("outOfScope"))];
    return [...parts, suppliersSection(suppliers), lotsSection(lots)];
  }

  render() {
    this.container.hidden = !this.state;
    document.body.classList.toggle("gisapp-record-open", Boolean(this.state));
    if (!this.state) {
      this.container.replaceChildren();
      return;
    }
    const { house, error } = this.state;
    const close = el("button", { type: "button", class: "gisapp-record-close", "aria-label": t("closePanel"), title: t("closePanel") }, "×");
    close.addEventListener("click", () => this.close());
    const header = el("header", { class: "gisapp-record-header" }, [
      el("h2", { class: "gisapp-record-title", id: "gisapp-record-title", tabindex: -1 }, house?.properties?.name ?? t("packingHouse")),
      close,
    ]);
    let content;
    if (error) content = [el("p", { class: "gisapp-form-error", role: "alert" }, error)];
    else if (!house) content = [el("p", { role: "status" }, t("loading"))];
    else content = this.body();
    this.container.replaceChildren(header, el("div", { class: "gisapp-record-body gisapp-packing-body" }, content));
  }
}
