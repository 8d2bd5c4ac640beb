// A record panel section that lists records (seasons, inspections, files) and folds open a form to add one.
import { t } from "./i18n.js";
import { el } from "./dom.js";

/** "Label: value", or nothing when there is no value. */
export function line(label, value) {
  if (value == null || value === "") return null;
  return el("p", { class: "gisapp-records-line" }, [el("span", { class: "gisapp-records-label" }, `${label}: `), String(value)]);
}

/**
 * A button that folds open the form `build(close)` makes (built when first opened, so it can load what
 * it lists), with a cancel button; `close()` folds it away again and gives the focus back.
 */
export function foldable(label, build, { primary = false } = {}) {
  const button = el("button", { type: "button", class: `gisapp-button gisapp-records-toggle${primary ? " gisapp-primary" : ""}`, "aria-expanded": "false" }, label);
  const holder = el("div", { class: "gisapp-records-fold", hidden: true });
  const close = () => {
    holder.hidden = true;
    holder.replaceChildren();
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    if (button.isConnected) button.focus();
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    const form = await build(close);
    button.disabled = false;
    const cancel = el("button", { type: "button", class: "gisapp-button gisapp-records-cancel" }, t("cancel"));
    cancel.addEventListener("click", close);
    holder.replaceChildren(form, cancel);
    holder.hidden = false;
    button.hidden = true;
    button.setAttribute("aria-expanded", "true");
    form.querySelector("input, select, textarea")?.focus();
  });
  return el("div", { class: "gisapp-records-adder" }, [button, holder]);
}

/**
 * The section: `title`, a status line, the list `load()` answers (each record drawn by
 * `item(record, onSaved)`), `empty` when there is none, and `adder` ({label, form(close, onSaved)})
 * for those who may add. `onSaved(message)` reloads the list and says `message`.
 */
export function recordsList({ name, title, empty, load, item, adder = null, failed }) {
  const status = el("p", { class: "gisapp-records-status", role: "status", tabindex: -1, hidden: true });
  const list = el("div", { class: "gisapp-records-body" }, el("p", {}, t("loading")));
  const section = el("section", { class: `gisapp-record-section gisapp-records gisapp-${name}`, "aria-label": title }, [el("h3", {}, title), status, list]);
  const onSaved = (message) => refresh(message);
  const refresh = async (message = "") => {
    try {
      const records = await load();
      list.replaceChildren(records.length ? el("ol", { class: "gisapp-records-list" }, records.map((record) => item(record, onSaved))) : el("p", {}, empty));
    } catch (error) {
      list.replaceChildren(el("p", { class: "gisapp-form-error" }, failed(error)));
    }
    status.textContent = message;
    status.hidden = !message;
    if (message) status.focus();
  };
  if (adder) section.append(foldable(adder.label, (close) => adder.form(close, onSaved), { primary: true }));
  refresh();
  return section;
}
