// The officer's record panel: one growing area's record, its edits, seasons, inspections, files, decisions,
// checks and history, beside the map.
import { fetchGrowingArea } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { formatDate, statusBadge } from "./format.js";
import { failureMessage } from "./form_fields.js";
import { Highlighter } from "./highlight.js";
import { clearOfPanels } from "./map_room.js";
import { ChecksLayer } from "./checks_layer.js";
import { historySection } from "./history.js";
import { householdsSection, propertiesTable } from "./record_fields.js";
import { mayDecide, transitionForm } from "./transitions.js";
import { RecordEditor, mayEdit } from "./record_edit.js";
import { getUser } from "./session.js";
import { NewAreaForm } from "./new_area.js";
import { seasonsSection } from "./seasons.js";
import { inspectionsSection } from "./inspections.js";
import { attachmentsSection } from "./attachments.js";

export class RecordPanel {
  /** `container`: the empty <aside>; `titles()`: catalog titles by property; `onChanged()`: after a decision or an edit. */
  constructor({ container, map, highlighter, titles = () => ({}), onChanged = () => {} }) {
    this.container = container;
    this.map = map;
    this.highlighter = highlighter;
    this.pastHighlighter = new Highlighter(map);
    this.checks = new ChecksLayer(map);
    this.titles = titles;
    this.onChanged = onChanged;
    this.state = null; // {id, feature, past: {day, feature} | null, editor: RecordEditor | null, flash, error}
    container.addEventListener("keydown", (event) => {
      if (event.key === "Escape") this.close();
    });
  }

  /**
   * Load area `id` and show it, zooming to it unless `fit` is false; `keepInView` (a tapped latlng)
   * is panned clear of the panel so the tapped area stays visible.
   */
  async open(id, { fit = true, keepInView = null } = {}) {
    this.disposeTools();
    this.checks.clear();
    this.pastHighlighter.clear();
    this.state = { id, feature: null, past: null, editor: null, flash: "", error: "" };
    this.render();
    try {
      const feature = await fetchGrowingArea(id);
      if (this.state?.id !== id) return; // another record was opened meanwhile
      this.state.feature = feature;
      this.highlighter.show(feature, { fit });
    } catch (error) {
      if (this.state?.id !== id) return;
      this.state.error = error.status === 404 ? t("recordNotFound") : failureMessage(error);
    }
    this.render();
    if (keepInView) this.map.panInside(keepInView, { ...clearOfPanels(), animate: false });
    this.container.querySelector(".gisapp-record-title")?.focus();
  }

  close() {
    this.disposeTools();
    this.state = null;
    this.checks.clear();
    this.pastHighlighter.clear();
    this.highlighter.clear();
    this.render();
    this.map.getContainer().focus();
  }

  /** Re-render in the current language (the language toggle calls this). */
  relabel() {
    this.render();
  }

  /** Show the record as at the end of `day`; `version` (from the versions list) names what is shown. */
  async showDay(day, version = null) {
    const { id } = this.state;
    try {
      const feature = await fetchGrowingArea(id, { at: day });
      if (this.state?.id !== id) return;
      this.state.past = { day, feature, version: version?.row_version };
      this.pastHighlighter.show(feature, { kind: "version", fit: false });
    } catch (error) {
      if (this.state?.id !== id) return;
      this.state.past = { day, feature: null, error: error.status === 404 ? t("noVersionThatDay").replace("{day}", formatDate(day)) : failureMessage(error) };
      this.pastHighlighter.clear();
    }
    this.render();
    this.container.querySelector(".gisapp-past-banner")?.focus();
  }

  showCurrent() {
    this.state.past = null;
    this.pastHighlighter.clear();
    this.render();
  }

  /** Edit mode: the form replaces the record's tables until it is saved or cancelled. */
  async edit() {
    const { id, feature } = this.state;
    const editor = new RecordEditor(feature, {
      titles: this.titles,
      checks: this.checks,
      onSaved: (changed) => this.saved(changed),
      onCancel: () => this.leaveEdit(),
      onReload: () => this.open(id, { fit: false }),
      map: this.map,
      onSplit: (kept, created) => this.afterSplit(kept, created),
    });
    await editor.prepare();
    if (this.state?.id !== id || this.state.feature !== feature) return; // another record or version meanwhile
    this.state.editor = editor;
    this.state.flash = "";
    this.render();
    this.container.querySelector(".gisapp-edit-form input")?.focus();
  }

  leaveEdit() {
    this.disposeTools();
    this.state.editor = null;
    this.checks.clear();
    this.render();
    this.container.querySelector(".gisapp-edit-button")?.focus();
  }

  saved(feature) {
    this.disposeTools();
    this.state.editor = null;
    this.state.feature = feature;
    this.state.flash = t("savedFlash");
    this.checks.clear();
    this.highlighter.show(feature, { fit: false });
    this.render();
    this.container.querySelector(".gisapp-record-flash")?.focus();
    this.onChanged(feature);
  }

  /** The drawing tools of an edit or a new area leave the map with their form. */
  disposeTools() {
    this.state?.editor?.dispose?.();
    this.state?.creator?.dispose();
  }

  /** A new area: its form (new_area.js) fills the panel until the draft is saved or abandoned. */
  async startNew() {
    this.disposeTools();
    this.checks.clear();
    this.pastHighlighter.clear();
    this.highlighter.clear();
    const creator = new NewAreaForm(this.map, { checks: this.checks, onCreated: (feature) => this.created(feature), onCancel: () => this.close() });
    this.state = { id: null, feature: null, past: null, editor: null, creator, flash: "", error: "" };
    this.render();
    await creator.prepare();
    if (this.state?.creator !== creator) return;
    this.render();
    this.container.querySelector(".gisapp-boundary .gisapp-primary")?.focus();
  }

  async created(feature) {
    this.onChanged(feature);
    await this.open(feature.id, { fit: false });
    if (this.state?.id !== feature.id) return;
    this.state.flash = t("createdFlash");
    this.render();
  }

  /** After a split: the record again (the larger part), and a way to the new draft cut from it. */
  async afterSplit(kept, created) {
    this.onChanged(kept);
    await this.open(kept.id, { fit: false });
    if (this.state?.id !== kept.id) return;
    this.state.flash = t("splitFlash").replace("{name}", created.properties?.name ?? "");
    this.state.splitOff = created.id;
    this.render();
  }

  flashLine(flash) {
    const parts = [flash];
    const other = this.state.splitOff;
    if (other != null) {
      const open = el("button", { type: "button", class: "gisapp-link-button gisapp-open-split" }, t("openNewPart"));
      open.addEventListener("click", () => this.open(other, { fit: true }));
      parts.push(" ", open);
    }
    return el("p", { class: "gisapp-record-flash", role: "status", tabindex: -1 }, parts);
  }

  /** Load the record again after a change made beside it (an inspection moves its last inspection date). */
  async reload(flash) {
    const { id } = this.state;
    try {
      const feature = await fetchGrowingArea(id);
      if (this.state?.id !== id) return;
      this.state.feature = feature;
      this.state.flash = flash;
      this.highlighter.show(feature, { fit: false });
      this.onChanged(feature);
    } catch (error) {
      if (this.state?.id !== id) return;
      this.state.flash = failureMessage(error);
    }
    this.render();
    this.container.querySelector(".gisapp-record-flash")?.focus();
  }

  /** Seasons, inspections and files: for staff whose scope holds the area (the record then carries its households). */
  recordSections(feature, households) {
    if (households === undefined) return [];
    const canWrite = mayEdit(getUser());
    return [
      seasonsSection(feature, { canWrite }),
      inspectionsSection(feature, { canWrite, onAreaChanged: (message) => this.reload(message) }),
      attachmentsSection(feature, { canWrite }),
    ];
  }

  decided(feature, action) {
    const code = feature.properties?.code;
    this.state.feature = feature;
    this.state.flash = action === "issue" && code ? t("issuedFlash").replace("{code}", code) : t("transitionDone").replace("{action}", t(`action.${action}`));
    this.checks.clear();
    this.highlighter.show(feature, { fit: false });
    this.render();
    this.onChanged(feature);
  }

  header(title) {
    const close = el("button", { type: "button", class: "gisapp-record-close", "aria-label": t("closePanel"), title: t("closePanel") }, "×");
    close.addEventListener("click", () => this.close());
    return el("header", { class: "gisapp-record-header" }, [
      el("h2", { class: "gisapp-record-title", id: "gisapp-record-title", tabindex: -1 }, title),
      close,
    ]);
  }

  pastBanner(past) {
    const back = el("button", { type: "button", class: "gisapp-button" }, t("backToCurrent"));
    back.addEventListener("click", () => this.showCurrent());
    const version = past.version ?? past.feature?.properties?.row_version;
    const words = version == null ? t("viewingDay") : t("viewingVersion").replace("{version}", version);
    const text = past.error ?? words.replace("{day}", formatDate(past.day));
    return el("div", { class: "gisapp-past-banner", tabindex: -1, role: "note" }, [el("p", {}, text), back]);
  }

  editButton() {
    const button = el("button", { type: "button", class: "gisapp-button gisapp-edit-button" }, t("editRecord"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      await this.edit();
      button.disabled = false;
    });
    return button;
  }

  body(feature) {
    const { past, flash, editor } = this.state;
    const shown = past?.feature ?? feature;
    const properties = shown.properties ?? {};
    const households = properties.households ?? shown.households;
    const parts = [
      flash ? this.flashLine(flash) : null,
      past ? this.pastBanner(past) : null,
      el("p", { class: "gisapp-record-summary" }, [
        statusBadge(properties.status),
        el("span", { class: "gisapp-record-code" }, properties.code || t("noCode")),
        !past && !editor && mayEdit(getUser()) ? this.editButton() : null,
      ]),
    ];
    if (editor) return [...parts, el("section", { class: "gisapp-record-section gisapp-editing" }, [el("h3", {}, t("editRecord")), editor.form()])];
    parts.push(
      propertiesTable(properties, this.titles()),
      households !== undefined ? householdsSection(households) : null,
    );
    if (!past) parts.push(...this.recordSections(feature, households));
    if (!past && mayDecide(getUser())) {
      const form = transitionForm(feature, {
        onDone: (changed, action) => this.decided(changed, action),
        onProblems: (problems) => this.checks.draw(problems),
        listProblems: (problems) => this.checks.problemList(problems),
      });
      if (form) parts.push(el("section", { class: "gisapp-record-section gisapp-transitions" }, [el("h3", {}, t("decide")), form]));
      parts.push(this.checks.section(feature));
    }
    parts.push(historySection(feature.id, { onView: (day, version) => this.showDay(day, version) }));
    return parts;
  }

  render() {
    const state = this.state;
    this.container.hidden = !state;
    document.body.classList.toggle("gisapp-record-open", Boolean(state));
    if (!state) {
      this.container.replaceChildren();
      return;
    }
    const { feature, error, creator } = state;
    const title = creator ? t("newArea") : feature?.properties?.name ?? t("growingArea");
    let content;
    if (creator) content = [creator.form()];
    else if (error) content = [el("p", { class: "gisapp-form-error", role: "alert" }, error)];
    else if (!feature) content = [el("p", { role: "status" }, t("loading"))];
    else content = this.body(feature);
    this.container.replaceChildren(this.header(title), el("div", { class: "gisapp-record-body" }, content));
  }
}
