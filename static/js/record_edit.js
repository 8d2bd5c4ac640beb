// The record panel's edit mode: the form, its checks before sending, the PATCH and every answer to it.
import { etagOf, patchGrowingArea, runChecks, splitGrowingArea } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage } from "./form_fields.js";
import { loadCrops } from "./crops.js";
import { draftOf, draftProblems, mergePatch } from "./record_draft.js";
import { recordControls } from "./record_form.js";
import { BoundaryTools } from "./boundary_tools.js";
import { checkBody } from "./checks_layer.js";

/** Roles that may edit a record; the server still decides on scope (and answers 403 outside it). */
export function mayEdit(user) {
  return user?.role === "agri_officer" || user?.role === "admin";
}

/**
 * One edit of `feature` (as loaded, with its ETag). `checks` (ChecksLayer) draws and lists registry
 * problems; `onSaved(feature)` gets the changed record, `onCancel()` leaves without saving,
 * `onReload()` loads the record afresh (after someone else changed it); with `map` the boundary can
 * be edited there too, and `onSplit(kept, created)` follows a split.
 */
export class RecordEditor {
  constructor(feature, { titles = () => ({}), checks, onSaved, onCancel, onReload, map = null, onSplit = () => {} }) {
    this.feature = feature;
    this.etag = etagOf(feature);
    this.draft = draftOf(feature);
    this.options = { titles, checks, onSaved, onCancel, onReload, onSplit };
    this.boundary = map && feature.geometry
      ? new BoundaryTools(map, { geometry: feature.geometry, areaId: feature.id, onSplit: (line) => this.split(line), onCheck: (geometry) => this.check(geometry) })
      : null;
    this.crops = [];
    this.failure = null; // {kind: "local" | "nothing" | "stale" | "checks" | "server", ...}
    this.saving = false;
    this.errorBox = null;
  }

  /** Load what the form lists (the crop catalogue); a failure leaves the record's own crop selectable. */
  async prepare() {
    try {
      this.crops = await loadCrops();
    } catch (error) {
      this.failure = { kind: "server", message: `${t("cropsFailed")} ${failureMessage(error)}` };
    }
  }

  /** The form, built afresh from the draft (so a language change keeps what was typed). */
  form() {
    const status = this.feature.properties?.status;
    this.errorBox = el("div", { class: "gisapp-form-error gisapp-edit-error", role: "alert" });
    this.showFailure();
    const save = el("button", { type: "submit", class: "gisapp-button gisapp-primary gisapp-save", disabled: this.saving }, t("saveRecord"));
    const cancel = el("button", { type: "button", class: "gisapp-button gisapp-cancel-edit" }, t("cancel"));
    cancel.addEventListener("click", () => this.options.onCancel());
    const form = el("form", { class: "gisapp-edit-form", novalidate: true, "aria-label": t("editRecord") }, [
      this.boundary?.section(),
      ...recordControls(this.draft, { status, crops: this.crops, titles: this.options.titles() }),
      this.errorBox,
      el("div", { class: "gisapp-edit-actions" }, [save, cancel]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(form, save);
    });
    return form;
  }

  async save(form, button) {
    const boundary = this.boundary?.problem();
    if (boundary) {
      this.say({ kind: "server", message: t(boundary) });
      return;
    }
    const problems = draftProblems(this.draft);
    form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
    if (problems.length) {
      for (const { path } of problems) form.querySelector(`[data-path="${path}"]`)?.setAttribute("aria-invalid", "true");
      this.say({ kind: "local", problems });
      form.querySelector(`[data-path="${problems[0].path}"]`)?.focus();
      return;
    }
    let patch = mergePatch(this.feature, this.draft);
    if (this.boundary?.changed()) patch = { type: "Feature", properties: {}, ...patch, geometry: this.boundary.geometry() };
    if (!patch) {
      this.say({ kind: "nothing" });
      return;
    }
    this.setSaving(true, button);
    this.say(null);
    this.options.checks.clear();
    try {
      const changed = await patchGrowingArea(this.feature.id, patch, this.etag);
      this.saving = false;
      this.options.onSaved(changed);
    } catch (error) {
      this.setSaving(false);
      this.say(this.describe(error));
    }
  }

  /** Disable the save button while the request runs (the form shown now: it may have been rebuilt). */
  setSaving(saving, button = this.errorBox?.closest("form")?.querySelector(".gisapp-save")) {
    this.saving = saving;
    if (button) button.disabled = saving;
  }

  /** What a refused PATCH means to the officer; registry problems are also drawn on the map. */
  describe(error) {
    if (error.status === 412 || error.status === 428) return { kind: "stale" };
    if (error.code === "registry_check_failed" && error.problems.length) {
      this.options.checks.draw(error.problems);
      return { kind: "checks", problems: error.problems };
    }
    return { kind: "server", message: failureMessage(error) };
  }

  say(failure) {
    this.failure = failure;
    this.showFailure();
  }

  /** Cut the stored area along `line`: the record keeps the larger part, the other is a new draft. */
  async split(line) {
    this.options.checks.clear();
    try {
      const { kept, created } = await splitGrowingArea(this.feature.id, line, this.etag);
      this.options.onSplit(kept, created);
    } catch (error) {
      if (error.code === "registry_check_failed") this.options.checks.draw(error.problems);
      throw error;
    }
  }

  /** Dry-run the registry checks on the boundary as drawn, with the record's properties as typed. */
  async check(geometry) {
    const body = checkBody({ ...this.feature, geometry, properties: { ...this.feature.properties, crop: this.draft.crop, issued_commune_code: this.draft.issued_commune_code || null } });
    try {
      const { ok, problems = [] } = await runChecks(body);
      this.options.checks.draw(problems);
      this.say(ok ? { kind: "nothing", text: t("checksOk") } : { kind: "checks", problems, dryRun: true });
    } catch (error) {
      this.say(this.describe(error));
    }
  }

  dispose() {
    this.boundary?.dispose();
  }

  showFailure() {
    const box = this.errorBox;
    if (!box) return;
    const failure = this.failure;
    box.hidden = !failure;
    box.classList.toggle("gisapp-edit-note", failure?.kind === "nothing");
    box.replaceChildren(...(failure ? this.failureParts(failure) : []));
  }

  failureParts(failure) {
    if (failure.kind === "nothing") return [el("p", {}, failure.text ?? t("nothingChanged"))];
    if (failure.kind === "local") {
      const where = ({ list, row }) => (row ? ` (${t(`${list}.item`)} ${row})` : "");
      const items = failure.problems.map((problem) => el("li", { class: "gisapp-problem" }, `${t(problem.key)}${where(problem)}`));
      return [el("p", {}, t("fixFields")), el("ul", { class: "gisapp-problems" }, items)];
    }
    if (failure.kind === "stale") {
      const reload = el("button", { type: "button", class: "gisapp-button gisapp-reload-record" }, t("reloadRecord"));
      reload.addEventListener("click", () => this.options.onReload());
      return [el("p", {}, t("staleEdit")), reload];
    }
    if (failure.kind === "checks") {
      const count = t(failure.dryRun ? "checksFailed" : "editChecksFailed").replace("{n}", failure.problems.length);
      return [el("p", {}, count), this.options.checks.problemList(failure.problems) ?? ""];
    }
    return [el("p", {}, failure.message)];
  }
}
