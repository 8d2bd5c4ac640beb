// The map's own small controls: language toggle, demo-data badge, sign-in, and the layer switcher built from the catalog.
import { L } from "./leaflet.js";
import { otherLang, pick, t } from "./i18n.js";
import { el, escapeHtml } from "./dom.js";
import { getUser, onUserChange } from "./session.js";
import { signInForm, userSummary } from "./signin.js";

export const NARROW_SCREEN = "(max-width: 600px)";

/** A button that shows the language it switches to ("EN" while the page is Vietnamese). */
export const LangToggle = L.Control.extend({
  options: { position: "topleft", onToggle: () => {} },

  onAdd() {
    const target = otherLang();
    const button = el(
      "button",
      { type: "button", class: "gisapp-lang-toggle", lang: target, title: t("switchTo"), "aria-label": t("switchTo") },
      target.toUpperCase(),
    );
    L.DomEvent.disableClickPropagation(button);
    L.DomEvent.on(button, "click", () => this.options.onToggle());
    return el("div", { class: "leaflet-bar leaflet-control gisapp-lang" }, button);
  },
});

/** "Dữ liệu minh họa / Demo data" badge, shown when the catalog says demo: true. */
export const DemoBadge = L.Control.extend({
  options: { position: "bottomleft" },

  onAdd() {
    return el("div", { class: "leaflet-control gisapp-demo-badge", title: t("demoHint"), role: "note" }, t("demo"));
  },
});

/**
 * An overlay's name in the switcher. Leaflet greys out the checkbox of a layer the zoom hides, which on
 * its own reads as broken; the hint beside it shows only then (map.css).
 */
function overlayName(entry) {
  const hint = `<span class="gisapp-zoom-hint"> · ${escapeHtml(t("zoomToSee"))}</span>`;
  return `<span class="gisapp-layer-title">${escapeHtml(pick(entry.title))}</span>${entry.minzoom ? hint : ""}`;
}

/**
 * The layer switcher: "no basemap" plus catalog basemaps as base layers, catalog overlays as
 * checkboxes (top-most first). Names are escaped because L.Control.Layers inserts them as HTML.
 * `basemaps` and `overlays` are [{entry, layer}].
 */
export function layerSwitcher({ noBasemap, basemaps, overlays }) {
  const control = L.control.layers(null, null, {
    collapsed: window.matchMedia(NARROW_SCREEN).matches,
    sortLayers: false,
    autoZIndex: false, // drawing order comes from the catalog (layers.js sets zIndex), not the list order
  });
  control.addBaseLayer(noBasemap, escapeHtml(t("noBasemap")));
  for (const { entry, layer } of basemaps) control.addBaseLayer(layer, escapeHtml(pick(entry.title)));
  for (const { entry, layer } of [...overlays].reverse()) control.addOverlay(layer, overlayName(entry));
  return control;
}

/**
 * Sign-in control: a button ("Đăng nhập", or the signed-in user's name) that opens either the
 * sign-in form or the user's name, role and scope with a sign-out button.
 */
export const AuthControl = L.Control.extend({
  options: { position: "topright" },

  onAdd() {
    this._open = false;
    this._container = el("div", { class: "leaflet-control gisapp-auth" });
    L.DomEvent.disableClickPropagation(this._container);
    L.DomEvent.disableScrollPropagation(this._container);
    this._stopListening = onUserChange(() => this._setOpen(false));
    this._render();
    return this._container;
  },

  onRemove() {
    this._stopListening?.();
    this._stopDismissing?.();
  },

  _setOpen(open) {
    this._open = open;
    this._render();
    this._stopDismissing?.();
    this._stopDismissing = open ? this._dismissable() : null;
  },

  /** An open panel folds on Escape, and the signed-in summary also on a tap anywhere else: on a
   * phone it covers "+ Vùng trồng mới". A half-typed sign-in form stays until Escape or the button. */
  _dismissable() {
    const onKey = (event) => {
      if (event.key !== "Escape") return;
      this._setOpen(false);
      this._container.querySelector(".gisapp-auth-toggle")?.focus();
    };
    const onPointer = (event) => {
      if (getUser() && !this._container.contains(event.target)) this._setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer, true);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer, true);
    };
  },

  _render() {
    const user = getUser();
    const toggle = el(
      "button",
      {
        type: "button",
        class: `gisapp-auth-toggle${user ? " gisapp-signed-in" : ""}`,
        "aria-expanded": String(this._open),
        title: user ? `${t("signedInAs")}: ${user.display_name}` : t("signIn"),
      },
      user ? user.display_name : t("signIn"),
    );
    toggle.addEventListener("click", () => this._setOpen(!this._open));
    const children = [toggle];
    if (this._open) {
      const body = user
        ? userSummary(user)
        : signInForm({ onSignedIn: () => this._setOpen(true) });
      children.push(el("div", { class: "gisapp-auth-panel" }, body));
    }
    this._container.replaceChildren(...children);
    if (this._open && !user) this._container.querySelector("input")?.focus();
  },
});
