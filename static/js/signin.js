// Sign-in form and signed-in summary as plain DOM (no Leaflet), shared by the map control and the admin page.
import { getLang, localise, t } from "./i18n.js";
import { el } from "./dom.js";
import { signIn, signOut } from "./session.js";

/** "Cán bộ nông nghiệp" / "Agriculture officer". */
export function roleLabel(role) {
  return t(`role.${role}`);
}

/** "tỉnh Lâm Đồng", "phường Xuân Hương" / "Lâm Đồng province", "Xuân Hương commune". */
function unitText(unit) {
  if (getLang() === "vi") return `${(unit.unit_type || t(`unit.${unit.level}`)).toLowerCase()} ${unit.name}`;
  return `${unit.name} ${t(`unit.${unit.level}`)}`;
}

/** The units a user works over, e.g. "tỉnh Lâm Đồng, xã Mũi Né"; admins work nationwide. */
export function scopeText(user) {
  if (user.role === "admin" && !user.scope?.length) return t("nationwide");
  if (!user.scope?.length) return t("noScope");
  return user.scope.map(unitText).join(", ");
}

/** A message to show for a failed request: the server's own words when it sent some. */
export function errorText(error, fallbackKey) {
  return error?.description ? localise(error.description) : t(fallbackKey);
}

/** The sign-in form; `onSignedIn(user)` runs after a successful sign-in. */
export function signInForm({ idPrefix = "gisapp-signin", onSignedIn = () => {} } = {}) {
  const username = el("input", {
    id: `${idPrefix}-username`, name: "username", autocomplete: "username", required: true,
    autocapitalize: "none", spellcheck: "false", maxlength: 64,
  });
  const password = el("input", {
    id: `${idPrefix}-password`, name: "password", type: "password", autocomplete: "current-password", required: true,
  });
  const message = el("p", { class: "gisapp-signin-error", role: "alert", hidden: true });
  const submit = el("button", { type: "submit", class: "gisapp-button gisapp-primary" }, t("signIn"));
  const form = el("form", { class: "gisapp-signin-form", novalidate: true }, [
    el("label", { for: username.id }, t("username")),
    username,
    el("label", { for: password.id }, t("password")),
    password,
    message,
    submit,
  ]);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.hidden = true;
    try {
      const user = await signIn(username.value, password.value);
      password.value = "";
      onSignedIn(user);
    } catch (error) {
      message.textContent = error.status === 401 ? t("signInFailed") : errorText(error, "signInError");
      message.hidden = false;
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** Name, role and scope of the signed-in user, with a sign-out button (and the admin page link for admins). */
export function userSummary(user, { onSignedOut = () => {}, adminLink = true } = {}) {
  const level = user.level ? ` (${t(`level.${user.level}`)})` : "";
  const out = el("button", { type: "button", class: "gisapp-button gisapp-signout" }, t("signOut"));
  out.addEventListener("click", async () => {
    out.disabled = true;
    try {
      await signOut();
      onSignedOut();
    } catch (error) {
      out.disabled = false;
      console.warn("gisapp: sign-out failed", error);
    }
  });
  return el("div", { class: "gisapp-user" }, [
    el("p", { class: "gisapp-user-name" }, user.display_name),
    el("p", { class: "gisapp-user-role" }, `${roleLabel(user.role)}${level}`),
    el("p", { class: "gisapp-user-scope" }, [el("span", {}, `${t("scope")}: `), scopeText(user)]),
    adminLink && user.role === "admin" ? el("p", {}, el("a", { href: "/admin" }, t("adminPage"))) : null,
    out,
  ]);
}
