// The environment side panel (its own <aside>): one view at a time — the citizen's report form, the
// moderation queue, or a commune's summary — and the map buttons that open the first two.
import { L } from "./leaflet.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { getUser } from "./session.js";

/** Roles that moderate citizen reports (the server decides; this only hides a button others cannot use). */
export const MODERATORS = new Set(["env_officer", "admin"]);

export class EnvPanel {
  constructor({ container }) {
    this.container = container;
    this.view = null; // {title, render(body), close?}
    container.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /** Show `view`: {key, title() → text, render(body) → void, onClose?()}. */
  show(view) {
    this.view?.onClose?.();
    this.view = view;
    this.render();
  }

  close() {
    this.view?.onClose?.();
    this.view = null;
    this.container.hidden = true;
    this.container.replaceChildren();
    document.body.classList.remove("gisapp-env-open");
  }

  /** Rebuild after a language change (the view keeps its state). */
  render() {
    if (!this.view) return;
    const close = el("button", { type: "button", class: "gisapp-env-close", "aria-label": t("close"), title: t("close") }, "×");
    close.addEventListener("click", () => this.close());
    const body = el("div", { class: "gisapp-env-body" });
    this.container.replaceChildren(
      el("header", { class: "gisapp-env-header" }, [el("h2", { id: "gisapp-env-title" }, this.view.title()), close]),
      body,
    );
    this.container.dataset.view = this.view.key;
    this.container.hidden = false;
    document.body.classList.add("gisapp-env-open");
    this.view.render(body);
  }
}

/** Map buttons: "Báo cáo ô nhiễm" for everyone, "Hàng chờ báo cáo" for environment staff. */
export const EnvButtons = L.Control.extend({
  options: { position: "topleft", onReport: () => {}, onQueue: () => {} },

  onAdd() {
    const report = el("button", { type: "button", class: "gisapp-env-button gisapp-report-button" }, t("reportButton"));
    report.addEventListener("click", () => this.options.onReport());
    const children = [report];
    if (MODERATORS.has(getUser()?.role)) {
      const queue = el("button", { type: "button", class: "gisapp-env-button gisapp-queue-button" }, t("queueButton"));
      queue.addEventListener("click", () => this.options.onQueue());
      children.push(queue);
    }
    const box = el("div", { class: "leaflet-control gisapp-env-buttons" }, children);
    L.DomEvent.disableClickPropagation(box);
    return box;
  },
});
