// Small labelled form controls and the error box shared by the officer's panel forms.
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";

let counter = 0;

/** A unique element id with a readable prefix. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** <label> + control in one block; `hint` (optional) is tied to the control with aria-describedby. */
export function field(label, control, hint = "") {
  const hintNode = hint ? el("p", { class: "gisapp-field-hint", id: uid("hint") }, hint) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return el("div", { class: "gisapp-field" }, [el("label", { for: control.id }, label), control, hintNode]);
}

export function textInput(prefix, name, attrs = {}) {
  return el("input", { id: uid(prefix), name, type: "text", ...attrs });
}

/**
 * The words to show for a failed request: the server's own message (its Vietnamese half in
 * Vietnamese, English half in English), "network" when nothing answered, else `fallbackKey`.
 */
export function failureMessage(error, fallbackKey = "requestFailed") {
  if (!error?.status) return t("networkError");
  return error.description ? localise(error.description) : t(fallbackKey);
}

/** A list of registry problems ({check, message, other}) as <ul>, or null when there are none. */
export function problemList(problems, renderExtra = () => null) {
  if (!problems?.length) return null;
  return el("ul", { class: "gisapp-problems" }, problems.map((problem) =>
    el("li", { class: "gisapp-problem", "data-check": problem.check ?? "" }, [
      el("span", {}, localise(problem.message ?? problem.check ?? "")),
      renderExtra(problem),
    ]),
  ));
}
