// A new growing area drawn by an agriculture officer: boundary, name, crop and commune, saved as a draft
// through POST /api/growing-areas (the registry checks answer there, drawn on the map).
import { L } from "./leaflet.js";
import { createGrowingArea, runChecks } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage, field, uid } from "./form_fields.js";
import { cropLabel, loadCrops, sortedCrops } from "./crops.js";
import { getUser, onUserChange } from "./session.js";
import { mayEdit } from "./record_edit.js";
import { BoundaryTools } from "./boundary_tools.js";

function input(name, attrs = {}) {
  return el("input", { id: uid(`new-${name}`), name, type: "text", ...attrs });
}

export class NewAreaForm {
  /** `checks` (ChecksLayer) draws problems; `onCreated(feature)` gets the saved draft; `onCancel()` leaves. */
  constructor(map, { checks, onCreated, onCancel }) {
    this.checks = checks;
    this.options = { onCreated, onCancel };
    this.values = { name: "", crop: "", variety: "", issued_commune_code: "" };
    this.crops = [];
    this.failure = null; // {text, problems}
    this.saving = false;
    this.boundary = new BoundaryTools(map, { onCheck: (geometry) => this.check(geometry) });
  }

  /** Load the crop catalogue and the drawing tools. */
  async prepare() {
    try {
      this.crops = await loadCrops();
    } catch (error) {
      this.failure = { text: `${t("cropsFailed")} ${failureMessage(error)}` };
    }
    await this.boundary.start();
  }

  bound(control, name) {
    control.value = this.values[name];
    control.dataset.path = name;
    control.addEventListener(control.tagName === "SELECT" ? "change" : "input", () => {
      this.values[name] = control.value;
    });
    return control;
  }

  cropSelect() {
    const select = el("select", { id: uid("new-crop"), name: "crop", required: true });
    select.append(el("option", { value: "" }, t("chooseCrop")));
    for (const crop of sortedCrops(this.crops)) select.append(el("option", { value: crop.name }, cropLabel(crop)));
    return this.bound(select, "crop");
  }

  /** The form, built afresh from the values typed (a language change keeps them). */
  form() {
    this.errorBox = el("div", { class: "gisapp-form-error gisapp-edit-error", role: "alert", hidden: true });
    this.showFailure();
    const save = el("button", { type: "submit", class: "gisapp-button gisapp-primary gisapp-save", disabled: this.saving }, t("saveDraft"));
    const cancel = el("button", { type: "button", class: "gisapp-button gisapp-cancel-edit" }, t("cancel"));
    cancel.addEventListener("click", () => this.options.onCancel());
    const commune = input("issued_commune_code", { inputmode: "numeric", maxlength: 5, pattern: "[0-9]{5}", autocomplete: "off" });
    const form = el("form", { class: "gisapp-edit-form gisapp-new-area-form", novalidate: true, "aria-label": t("newArea") }, [
      this.boundary.section(),
      field(t("areaName"), this.bound(input("name", { maxlength: 300, required: true, autocomplete: "off" }), "name"), t("nameHint")),
      field(t("areaCrop"), this.cropSelect(), t("cropHint")),
      field(t("areaVariety"), this.bound(input("variety", { maxlength: 100, autocomplete: "off" }), "variety")),
      field(t("communeFiled"), this.bound(commune, "issued_commune_code"), t("newCommuneHint")),
      this.errorBox,
      el("div", { class: "gisapp-edit-actions" }, [save, cancel]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save(save);
    });
    return form;
  }

  /** The Feature to send: trimmed values, empty ones left out. */
  feature(geometry) {
    const properties = {};
    for (const [name, value] of Object.entries(this.values)) if (value.trim()) properties[name] = value.trim();
    return { type: "Feature", geometry, properties };
  }

  localProblem() {
    const boundary = this.boundary.problem();
    if (boundary) return boundary;
    if (!this.values.name.trim()) return "nameRequired";
    if (!this.values.crop) return "cropRequired";
    const commune = this.values.issued_commune_code.trim();
    if (commune && !/^[0-9]{5}$/.test(commune)) return "communeCodeFormat";
    return null;
  }

  async save(button) {
    const local = this.localProblem();
    if (local) {
      this.say({ text: t(local) });
      return;
    }
    this.saving = true;
    button.disabled = true;
    this.say(null);
    this.checks.clear();
    try {
      const created = await createGrowingArea(this.feature(this.boundary.geometry()));
      this.options.onCreated(created);
    } catch (error) {
      this.refused(error);
    } finally {
      this.saving = false;
      button.disabled = false;
    }
  }

  /** Registry problems are listed and drawn (the overlap in red, the commune the plot lies in). */
  refused(error) {
    if (error.code === "registry_check_failed" && error.problems.length) {
      this.checks.draw(error.problems);
      this.say({ text: t("editChecksFailed").replace("{n}", error.problems.length), problems: error.problems });
      return;
    }
    this.say({ text: failureMessage(error) });
  }

  async check(geometry) {
    const { properties } = this.feature(geometry);
    if (!properties.crop) {
      this.say({ text: t("cropRequired") });
      return;
    }
    try {
      const { ok, problems = [] } = await runChecks({ type: "Feature", geometry, properties });
      this.checks.draw(problems);
      this.say(ok ? { text: t("checksOk"), ok: true } : { text: t("checksFailed").replace("{n}", problems.length), problems });
    } catch (error) {
      this.refused(error);
    }
  }

  say(failure) {
    this.failure = failure;
    this.showFailure();
  }

  showFailure() {
    const box = this.errorBox;
    if (!box) return;
    const failure = this.failure;
    box.hidden = !failure;
    box.classList.toggle("gisapp-edit-note", Boolean(failure?.ok));
    box.setAttribute("role", failure?.ok ? "status" : "alert");
    box.replaceChildren(...(failure ? [el("p", {}, failure.text), this.checks.problemList(failure.problems) ?? ""] : []));
  }

  dispose() {
    this.boundary.dispose();
  }
}

/** "+ Vùng trồng mới": shown to agriculture officers and admins only. */
export const NewAreaControl = L.Control.extend({
  options: { position: "topleft", onStart: () => {} },

  onAdd() {
    this._container = el("div", { class: "leaflet-bar leaflet-control gisapp-new-area" });
    L.DomEvent.disableClickPropagation(this._container);
    this._stopListening = onUserChange(() => this._render());
    this._render();
    return this._container;
  },

  onRemove() {
    this._stopListening?.();
  },

  _render() {
    const allowed = mayEdit(getUser());
    this._container.hidden = !allowed;
    if (!allowed) {
      this._container.replaceChildren();
      return;
    }
    const button = el("button", { type: "button", class: "gisapp-new-area-button", title: t("newAreaHint") }, t("newAreaButton"));
    button.addEventListener("click", () => this.options.onStart());
    this._container.replaceChildren(button);
  },
});
