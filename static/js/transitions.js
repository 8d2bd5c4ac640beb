// The officer's decision form: the transitions open from the record's status, with reason and document.
import { postTransition } from "./api.js";
import { t } from "./i18n.js";
import { el } from "./dom.js";
import { today } from "./format.js";
import { failureMessage, field, problemList, textInput, uid } from "./form_fields.js";

/**
 * Actions the lifecycle offers from each status (the server still decides: role, level, scope and
 * separation of duties are its to judge, and its 403/409/422 answers are shown as they come).
 */
export const ACTIONS_BY_STATUS = {
  draft: ["submit"],
  submitted: ["issue", "return"],
  issued: ["suspend", "revoke"],
  suspended: ["reissue", "revoke"],
  revoked: ["reissue"],
};

/** Actions that decide on a code: they need the deciding document. */
const DECISIONS = new Set(["issue", "suspend", "revoke", "reissue"]);

/** Roles that may propose or decide; viewers and environment officers only read. */
export function mayDecide(user) {
  return user?.role === "agri_officer" || user?.role === "admin";
}

function actionChoice(name, action, checked) {
  const input = el("input", { type: "radio", name, value: action, id: uid(`action-${action}`), checked });
  return el("label", { class: "gisapp-action-choice", for: input.id }, [input, el("span", {}, t(`action.${action}`))]);
}

/** The decision's text inputs: reason, then the deciding document's number, date and authority. */
function decisionInputs() {
  return {
    reason: el("textarea", { id: uid("reason"), name: "reason", rows: 3, required: true, maxlength: 2000 }),
    number: textInput("docnum", "document_number", { maxlength: 100, autocomplete: "off" }),
    date: el("input", { id: uid("docdate"), name: "document_date", type: "date", value: today(), max: today() }),
    authority: textInput("authority", "authority", { maxlength: 300, autocomplete: "organization" }),
  };
}

/** The body of POST .../transitions; empty optional fields are left out. */
function readDecision(action, { reason, number, date, authority }) {
  const decision = { action, reason: reason.value.trim() };
  if (number.value.trim()) decision.document_number = number.value.trim();
  if (date.value) decision.document_date = date.value;
  if (authority.value.trim()) decision.authority = authority.value.trim();
  return decision;
}

/**
 * The form for `feature` (a growing area Feature) or null when its status offers no action.
 * `onDone(feature, action)` gets the changed Feature; `onProblems(problems)` the registry problems of
 * a 422, which `listProblems(problems)` turns into the list shown under the refusal.
 */
export function transitionForm(feature, { onDone, onProblems = () => {}, listProblems = problemList }) {
  const actions = ACTIONS_BY_STATUS[feature.properties?.status] ?? [];
  if (!actions.length) return null;
  const group = uid("action");
  const choices = el("fieldset", { class: "gisapp-actions" }, [
    el("legend", {}, t("chooseAction")),
    ...actions.map((action, index) => actionChoice(group, action, index === 0)),
  ]);
  const inputs = decisionInputs();
  const error = el("div", { class: "gisapp-form-error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "gisapp-button gisapp-primary gisapp-transition-submit" });
  const form = el("form", { class: "gisapp-transition-form", novalidate: true }, [
    choices,
    field(t("reason"), inputs.reason),
    field(t("documentNumber"), inputs.number),
    field(t("documentDate"), inputs.date),
    field(t("authority"), inputs.authority, t("authorityHint")),
    error,
    submit,
  ]);
  const chosen = () => form.querySelector(`input[name="${group}"]:checked`)?.value ?? actions[0];
  const relabel = () => {
    submit.textContent = t(`action.${chosen()}`);
    for (const input of [inputs.number, inputs.date, inputs.authority]) input.required = DECISIONS.has(chosen());
  };
  choices.addEventListener("change", relabel);
  relabel();
  const say = (message, problems = []) => {
    error.replaceChildren(el("p", {}, message), listProblems(problems) ?? "");
    error.hidden = !message;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const missing = Object.values(inputs).find((input) => input.required && !input.value.trim());
    if (missing) {
      say(t(DECISIONS.has(chosen()) ? "fillRequired" : "fillReason"));
      missing.focus();
      return;
    }
    submit.disabled = true;
    say("");
    try {
      const decision = readDecision(chosen(), inputs);
      onDone(await postTransition(feature.id, decision), decision.action);
    } catch (failure) {
      say(failureMessage(failure), failure.problems);
      if (failure.problems?.length) onProblems(failure.problems);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
