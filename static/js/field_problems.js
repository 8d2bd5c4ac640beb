// Messages beside the fields they are about: the form's own checks and the server's 422 `problems`.
import { localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { failureMessage, uid } from "./form_fields.js";

/** Remove every message and mark shown by `showProblems`. */
export function clearProblems(form) {
  form.querySelectorAll(".gisapp-field-error").forEach((node) => node.remove());
  form.querySelectorAll("[aria-invalid]").forEach((node) => {
    node.removeAttribute("aria-invalid");
    const described = (node.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.startsWith("problem-"));
    if (described.length) node.setAttribute("aria-describedby", described.join(" "));
    else node.removeAttribute("aria-describedby");
  });
}

function controlFor(form, path) {
  return path ? form.querySelector(`[data-path="${CSS.escape(path)}"]`) : null;
}

/**
 * Show `problems` ([{field, message}], messages "tiếng Việt / English" or already in the UI's language)
 * next to the control whose `data-path` is the field; the others, and a summary, go to `box`.
 * The first marked control takes the focus.
 */
export function showProblems(form, box, problems) {
  clearProblems(form);
  const loose = [];
  let first = null;
  for (const problem of problems) {
    const control = controlFor(form, problem.field);
    const message = localise(problem.message ?? "");
    if (!control) {
      loose.push(problem.field ? `${problem.field}: ${message}` : message);
      continue;
    }
    const note = el("p", { class: "gisapp-field-error", id: uid("problem") }, message);
    const place = control.closest(".gisapp-field") ?? control.parentElement;
    place.append(note);
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", [control.getAttribute("aria-describedby"), note.id].filter(Boolean).join(" "));
    first ??= control;
  }
  const items = loose.map((text) => el("li", { class: "gisapp-problem" }, text));
  box.replaceChildren(el("p", {}, t("records.fix")), items.length ? el("ul", { class: "gisapp-problems" }, items) : "");
  box.hidden = false;
  first?.focus();
}

/**
 * What a refused save shows: field problems beside their fields (`rename` turns the sent body's paths
 * into the form's), anything else in `box`.
 */
export function showFailure(form, box, error, rename = (problems) => problems) {
  if (error?.problems?.length && error.problems.every((problem) => "field" in problem)) {
    showProblems(form, box, rename(error.problems));
    return;
  }
  clearProblems(form);
  box.replaceChildren(el("p", {}, failureMessage(error)));
  box.hidden = false;
}

/** Hide the box and every mark (before a new try, or after a success). */
export function clearFailure(form, box) {
  clearProblems(form);
  box.replaceChildren();
  box.hidden = true;
}

/** Send with the button disabled meanwhile; `done()` after a success, a refusal lands beside the fields. */
export async function sendForm(form, box, button, send, done, rename = undefined) {
  clearFailure(form, box);
  button.disabled = true;
  try {
    await send();
    done();
  } catch (error) {
    showFailure(form, box, error, rename);
  } finally {
    button.disabled = false;
  }
}
