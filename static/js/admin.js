// The account admin page (/admin): sign in, list accounts, create, edit role and scope, disable/enable, reset passwords.
import { createUser, fetchUsers, updateUser } from "./api.js";
import { applyToDocument, getLang, otherLang, setLang, t } from "./i18n.js";
import { el } from "./dom.js";
import { getUser, onUserChange, restoreSession } from "./session.js";
import { errorText, roleLabel, scopeText, signInForm, userSummary } from "./signin.js";
import { scopeEditor } from "./scope_editor.js";

const main = document.getElementById("admin-main");
const status = el("p", { class: "admin-status", role: "status", "aria-live": "polite", hidden: true });

function say(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("admin-error", isError);
  status.hidden = !text;
}

/** Run a request; show its error (the server's words) instead of throwing. True when it worked. */
async function attempt(action) {
  try {
    await action();
    return true;
  } catch (error) {
    say(errorText(error, "requestFailed"), true);
    if (!error.status) console.warn("gisapp admin:", error);
    return false;
  }
}

function input(id, name, attrs = {}) {
  return el("input", { id, name, ...attrs });
}

function field(label, control) {
  return el("div", { class: "admin-field" }, [el("label", { for: control.id }, label), control]);
}

function buttons(...items) {
  return el("div", { class: "admin-actions" }, items);
}

function button(label, onClick, cls = "") {
  const node = el("button", { type: "button", class: `gisapp-button ${cls}`.trim() }, label);
  node.addEventListener("click", onClick);
  return node;
}

function submitButton(label) {
  return el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, label);
}

/** A form whose submit runs `action(form)` and, when it worked, `after()`. */
function actionForm(cls, children, action, after) {
  const form = el("form", { class: cls }, children);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    if (await attempt(() => action(form))) await after();
    submit.disabled = false;
  });
  return form;
}

function newAccountForm(reload) {
  const username = input("new-username", "username", { required: true, autocapitalize: "none", spellcheck: "false", maxlength: 64 });
  const name = input("new-display-name", "display_name", { required: true, maxlength: 200 });
  const password = input("new-password", "password", { type: "password", autocomplete: "new-password", required: true, minlength: 10 });
  const scope = scopeEditor("new");
  let created = "";
  const form = actionForm(
    "admin-form",
    [field(t("username"), username), field(t("displayName"), name), field(t("newPassword"), password), scope.node, submitButton(t("create"))],
    async () => {
      const body = { username: username.value, display_name: name.value, password: password.value, ...scope.value() };
      created = (await createUser(body)).username;
    },
    async () => {
      await reload();
      say(`${t("created")} ${created}.`);
    },
  );
  return el("details", { class: "admin-new" }, [el("summary", {}, t("newAccount")), form]);
}

function stateText(account) {
  if (!account.is_active) return t("inactive");
  if (account.locked_until) return `${t("lockedUntil")} ${new Date(account.locked_until).toLocaleString(getLang())}`;
  return t("active");
}

function editForm(account, reload, close) {
  const prefix = `edit-${account.id}`;
  const name = input(`${prefix}-display-name`, "display_name", { required: true, maxlength: 200, value: account.display_name });
  const scope = scopeEditor(prefix, account);
  return actionForm(
    "admin-form",
    [field(t("displayName"), name), scope.node, buttons(submitButton(t("save")), button(t("cancel"), close))],
    () => updateUser(account.id, { display_name: name.value, ...scope.value() }),
    async () => {
      await reload();
      say(`${t("saved")} ${account.username}.`);
    },
  );
}

function passwordForm(account, reload, close) {
  const password = input(`pw-${account.id}`, "password", { type: "password", autocomplete: "new-password", required: true, minlength: 10 });
  return actionForm(
    "admin-form",
    [field(t("newPassword"), password), buttons(submitButton(t("resetPassword")), button(t("cancel"), close))],
    () => updateUser(account.id, { password: password.value }),
    async () => {
      await reload();
      say(`${t("passwordChanged")} ${account.username}.`);
    },
  );
}

function accountCard(account, reload) {
  const panel = el("div", { class: "admin-panel" });
  const close = () => panel.replaceChildren();
  const open = (form) => {
    panel.replaceChildren(form);
    form.querySelector("input")?.focus();
  };
  const toggleActive = button(account.is_active ? t("disable") : t("enable"), async () => {
    toggleActive.disabled = true;
    if (await attempt(() => updateUser(account.id, { is_active: !account.is_active }))) await reload();
    toggleActive.disabled = false;
  });
  const level = account.level ? ` (${t(`level.${account.level}`)})` : "";
  return el("article", { class: `admin-account${account.is_active ? "" : " admin-disabled"}`, "data-username": account.username }, [
    el("h3", {}, [account.display_name, " ", el("small", {}, account.username)]),
    el("p", {}, `${roleLabel(account.role)}${level} · ${scopeText(account)}`),
    el("p", { class: "admin-state" }, stateText(account)),
    buttons(
      toggleActive,
      button(t("edit"), () => open(editForm(account, reload, close))),
      button(t("resetPassword"), () => open(passwordForm(account, reload, close))),
    ),
    panel,
  ]);
}

async function renderAdmin(user) {
  const list = el("div", { class: "admin-list" }, t("loading"));
  const reload = async () => {
    const accounts = await fetchUsers();
    list.replaceChildren(...accounts.map((account) => accountCard(account, reload)));
  };
  main.replaceChildren(
    el("section", { class: "admin-me" }, userSummary(user, { adminLink: false })),
    status,
    newAccountForm(reload),
    el("h2", {}, t("accounts")),
    list,
  );
  if (!(await attempt(reload))) list.replaceChildren(t("loadFailed"));
}

function render() {
  const user = getUser();
  say("");
  if (!user) {
    main.replaceChildren(el("section", { class: "admin-signin" }, [el("h2", {}, t("signIn")), signInForm({ idPrefix: "admin-signin" })]));
  } else if (user.role !== "admin") {
    main.replaceChildren(el("section", { class: "admin-me" }, userSummary(user, { adminLink: false })), el("p", { class: "admin-status admin-error" }, t("adminOnly")));
  } else {
    renderAdmin(user);
  }
  document.body.dataset.state = "ready";
}

function renderChrome() {
  applyToDocument();
  document.title = t("adminPage");
  document.getElementById("admin-title").textContent = t("adminPage");
  const back = document.getElementById("admin-back");
  back.textContent = `← ${t("backToMap")}`;
  const lang = document.getElementById("admin-lang");
  lang.textContent = otherLang().toUpperCase();
  lang.title = t("switchTo");
}

function start() {
  renderChrome();
  document.getElementById("admin-lang").addEventListener("click", () => {
    setLang(otherLang());
    renderChrome();
    render();
  });
  onUserChange(render);
  restoreSession().catch((error) => {
    console.warn("gisapp admin: could not restore the sign-in", error);
    render();
  });
}

start();
