// The staff's registry table: filters, sortable columns, pages, CSV download; a row opens the record on the map.
import { fetchRegistryTable, registryCsvUrl, sheetUrl } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage } from "./form_fields.js";
import { formatDate, formatHa, statusBadge } from "./format.js";
import { registryFilters } from "./registry_filters.js";

const PAGE_SIZE = 50;
/** Columns in order; `sort` is the server's sort key (every column sorts). */
const COLUMNS = ["code", "export_code", "name", "crop", "commune", "area_ha", "status", "last_inspected_on", "next_inspection_due"];

function cellValue(column, row) {
  switch (column) {
    case "code":
      return row.code ? el("span", { class: "gisapp-code" }, row.code) : el("span", { class: "gisapp-muted" }, t("tbl.noCode"));
    case "export_code":
      return row.export_code ?? "";
    case "commune":
      return row.commune_name ? `${row.commune_name} (${row.commune_code})` : (row.commune_code ?? "");
    case "area_ha":
      return formatHa(row.area_ha);
    case "status":
      return statusBadge(row.status);
    case "last_inspected_on":
      return formatDate(row.last_inspected_on);
    case "next_inspection_due":
      return [
        formatDate(row.next_inspection_due),
        row.overdue ? el("span", { class: "gisapp-overdue" }, t(`overdue.${row.overdue_reason}`)) : null,
      ];
    default:
      return row[column] ?? "";
  }
}

export class RegistryTable {
  /** `onPick(row)`: a row was chosen (open its record); `user()`: the signed-in user. */
  constructor({ onPick, user }) {
    this.onPick = onPick;
    this.user = user;
    this.query = { sort: "code", filters: {} };
    this.offset = 0;
    this.page = null;
    this.error = "";
    this.root = el("div", { class: "gisapp-registry-list" });
    this.results = el("div", { class: "gisapp-registry-results", "aria-live": "polite" });
  }

  /** (Re)build in the current language, keeping the filters, sort and page (first called once signed in). */
  build() {
    this.filters = registryFilters({
      user: this.user(),
      values: this.query,
      onChange: (query) => {
        this.query = query;
        this.offset = 0;
        this.load();
      },
    });
    this.root.replaceChildren(this.filters.element, this.results);
    this.render();
  }

  params() {
    return { ...this.query.filters, sort: this.query.sort, limit: PAGE_SIZE, offset: this.offset };
  }

  async load() {
    const params = this.params();
    this.pending = params;
    this.results.setAttribute("aria-busy", "true");
    try {
      const page = await fetchRegistryTable(params);
      if (this.pending !== params) return;
      this.page = page;
      this.error = "";
    } catch (error) {
      if (this.pending !== params) return;
      this.error = failureMessage(error, "tbl.loadFailed");
    }
    this.results.removeAttribute("aria-busy");
    this.render();
  }

  sortBy(column) {
    const [current, descending] = this.query.sort.startsWith("-") ? [this.query.sort.slice(1), true] : [this.query.sort, false];
    this.query = { ...this.query, sort: current === column && !descending ? `-${column}` : column };
    this.filters.setSort(this.query.sort);
    this.offset = 0;
    this.focusSort = column;
    this.load();
  }

  header(column) {
    const sort = this.query.sort;
    const state = sort === column ? "ascending" : sort === `-${column}` ? "descending" : "none";
    const arrow = { ascending: " ▲", descending: " ▼", none: "" }[state];
    const button = el("button", { type: "button", class: "gisapp-sort", "data-sort": column }, [t(`tbl.col.${column}`), arrow]);
    button.addEventListener("click", () => this.sortBy(column));
    return el("th", { scope: "col", "aria-sort": state, "data-column": column }, button);
  }

  row(item) {
    const cells = COLUMNS.map((column) => {
      const value = column === "name" ? this.openButton(item) : cellValue(column, item);
      const empty = value == null || value === "" || (Array.isArray(value) && value.every((part) => part == null || part === ""));
      return el("td", { "data-column": column, "data-label": t(`tbl.col.${column}`), class: empty ? "gisapp-empty-cell" : null }, value);
    });
    const sheet = el("a", { href: sheetUrl(item.id), target: "_blank", rel: "noopener", class: "gisapp-sheet-link", title: t("tbl.sheetHint") }, t("tbl.sheet"));
    cells.push(el("td", { class: "gisapp-row-actions" }, sheet));
    const tr = el("tr", { "data-id": item.id, "data-status": item.status, class: item.overdue ? "gisapp-row-overdue" : null }, cells);
    tr.addEventListener("click", (event) => {
      if (!event.target.closest("a, button")) this.onPick(item);
    });
    return tr;
  }

  openButton(item) {
    const button = el("button", { type: "button", class: "gisapp-row-open", title: t("tbl.open") }, item.name);
    button.addEventListener("click", () => this.onPick(item));
    return button;
  }

  pager(page) {
    const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
    const current = Math.floor(page.offset / PAGE_SIZE) + 1;
    const step = (delta) => {
      this.offset = Math.max(0, page.offset + delta * PAGE_SIZE);
      this.load();
    };
    const previous = el("button", { type: "button", class: "gisapp-button", disabled: current <= 1 }, t("tbl.previous"));
    const next = el("button", { type: "button", class: "gisapp-button", disabled: current >= pages }, t("tbl.next"));
    previous.addEventListener("click", () => step(-1));
    next.addEventListener("click", () => step(1));
    const label = t("tbl.page").replace("{page}", current).replace("{pages}", pages);
    return el("nav", { class: "gisapp-pager", "aria-label": label }, [previous, el("span", {}, label), next]);
  }

  toolbar(page) {
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.items.length;
    const summary = t("tbl.shown").replace("{from}", from).replace("{to}", to).replace("{total}", page.total);
    const csv = el("a", { href: registryCsvUrl(this.params()), class: "gisapp-button gisapp-csv", download: "", title: t("tbl.csvHint") }, t("tbl.csv"));
    return el("div", { class: "gisapp-registry-toolbar" }, [el("p", { class: "gisapp-registry-summary", role: "status" }, summary), csv]);
  }

  render() {
    const { page, error } = this;
    if (error) return this.results.replaceChildren(el("p", { class: "gisapp-form-error", role: "alert" }, error));
    if (!page) return this.results.replaceChildren(el("p", { role: "status" }, t("loading")));
    const table = el("table", { class: "gisapp-registry-table" }, [
      el("caption", { class: "gisapp-visually-hidden" }, t("tbl.title")),
      el("thead", {}, el("tr", {}, [...COLUMNS.map((column) => this.header(column)), el("td", {})])),
      el("tbody", {}, page.items.map((item) => this.row(item))),
    ]);
    const body = page.items.length ? el("div", { class: "gisapp-registry-scroll" }, table) : el("p", { class: "gisapp-registry-empty" }, t("tbl.none"));
    this.results.replaceChildren(this.toolbar(page), body, page.total > PAGE_SIZE ? this.pager(page) : null);
    if (this.focusSort) this.results.querySelector(`button[data-sort="${this.focusSort}"]`)?.focus();
    this.focusSort = null;
  }
}
