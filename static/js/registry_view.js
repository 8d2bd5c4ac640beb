// The staff's registry view over the map: a "Bảng hồ sơ" button (with the number waiting), and a panel with
// two tabs, the filterable table and "waiting for me". Picking a row closes the panel and opens the record.
import { L } from "./leaflet.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { getUser, onUserChange } from "./session.js";
import { RegistryTable } from "./registry_table.js";
import { WorkQueue } from "./work_queue.js";

const TABS = ["table", "queue"];

const RegistryButton = L.Control.extend({
  options: { position: "topleft", onClick: () => {}, waiting: null },

  onAdd() {
    const waiting = this.options.waiting;
    const label = waiting ? t("tbl.buttonWaiting").replace("{n}", waiting) : t("tbl.button");
    const button = el("button", { type: "button", class: "gisapp-registry-button", title: label, "aria-label": label }, [
      el("span", { "aria-hidden": "true" }, "☰"),
      el("span", { class: "gisapp-registry-button-text" }, t("tbl.button")),
      waiting ? el("span", { class: "gisapp-count", "aria-hidden": "true" }, String(waiting)) : null,
    ]);
    L.DomEvent.disableClickPropagation(button);
    L.DomEvent.on(button, "click", () => this.options.onClick());
    return el("div", { class: "leaflet-bar leaflet-control gisapp-registry-control" }, button);
  },
});

export class RegistryView {
  /** `openRecord(id)`: show a growing area's record on the map (the record panel zooms to it). */
  constructor({ map, openRecord }) {
    this.map = map;
    this.openRecord = openRecord;
    this.tab = "table";
    this.control = null;
    this.panel = el("section", { id: "gisapp-registry", class: "gisapp-registry", "aria-labelledby": "gisapp-registry-title", hidden: true });
    this.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
    document.body.append(this.panel);
    this.table = new RegistryTable({ onPick: (row) => this.pick(row), user: getUser });
    this.queue = new WorkQueue({ onPick: (item) => this.pick(item), onLoaded: () => this.refreshCounts() });
    onUserChange((user) => this.followUser(user));
    this.followUser(getUser());
  }

  /** Signed in: the button, with what waits; signed out: nothing of it stays (it showed scoped data). */
  followUser(user) {
    const key = user?.id ?? null;
    if (key === this.userKey) return;
    this.userKey = key;
    this.close({ focus: false });
    this.loaded = false;
    this.queue.clear();
    if (user) {
      this.table.build();
      this.queue.load();
    }
    this.placeButton();
  }

  placeButton() {
    this.control?.remove();
    this.control = null;
    if (!getUser()) return;
    this.control = new RegistryButton({ onClick: () => this.toggle(), waiting: this.queue.total }).addTo(this.map);
  }

  refreshCounts() {
    this.placeButton();
    if (!this.panel.hidden) this.renderTabs();
  }

  toggle() {
    if (this.panel.hidden) this.open();
    else this.close();
  }

  open(tab = this.tab) {
    this.tab = tab;
    this.panel.hidden = false;
    document.body.classList.add("gisapp-registry-open");
    if (!this.loaded) {
      this.loaded = true;
      this.table.load();
    }
    this.render();
    this.panel.querySelector(`#gisapp-registry-tab-${this.tab}`)?.focus();
  }

  close({ focus = true } = {}) {
    if (this.panel.hidden) return;
    this.panel.hidden = true;
    document.body.classList.remove("gisapp-registry-open");
    if (focus) this.control?.getContainer()?.querySelector("button")?.focus();
  }

  pick(row) {
    this.close({ focus: false });
    this.openRecord(row.id);
  }

  /** Re-render in the current language (the language toggle calls this). */
  relabel() {
    this.placeButton();
    if (getUser()) this.table.build();
    this.queue.render();
    if (!this.panel.hidden) this.render();
  }

  select(tab) {
    this.tab = tab;
    if (tab === "queue") this.queue.load();
    this.render();
    this.panel.querySelector(`#gisapp-registry-tab-${tab}`)?.focus();
  }

  tabButton(tab) {
    const waiting = tab === "queue" ? this.queue.total : null;
    const selected = this.tab === tab;
    const button = el("button", {
      type: "button", role: "tab", id: `gisapp-registry-tab-${tab}`, class: "gisapp-registry-tab",
      "aria-selected": String(selected), "aria-controls": "gisapp-registry-tabpanel", tabindex: selected ? 0 : -1,
    }, [t(tab === "table" ? "tbl.tabTable" : "tbl.tabQueue"), waiting != null ? el("span", { class: "gisapp-count" }, String(waiting)) : null]);
    button.addEventListener("click", () => this.select(tab));
    button.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      this.select(TABS[(TABS.indexOf(tab) + 1) % TABS.length]);
    });
    return button;
  }

  renderTabs() {
    this.tabs?.replaceChildren(...TABS.map((tab) => this.tabButton(tab)));
  }

  render() {
    const close = el("button", { type: "button", class: "gisapp-record-close", "aria-label": t("tbl.close"), title: t("tbl.close") }, "×");
    close.addEventListener("click", () => this.close());
    this.tabs = el("div", { class: "gisapp-registry-tabs", role: "tablist", "aria-label": t("tbl.title") });
    this.renderTabs();
    const body = el("div", { id: "gisapp-registry-tabpanel", class: "gisapp-registry-body", role: "tabpanel", "aria-labelledby": `gisapp-registry-tab-${this.tab}` },
      this.tab === "table" ? this.table.root : this.queue.root);
    this.panel.replaceChildren(
      el("header", { class: "gisapp-registry-header" }, [el("h2", { id: "gisapp-registry-title" }, t("tbl.title")), close]),
      this.tabs,
      body,
    );
  }
}
