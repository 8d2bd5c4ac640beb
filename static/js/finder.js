// The farmer's bar above the map: search by code or name, "where am I", a message line and the results list.
import { L } from "./leaflet.js";
import { t } from "./i18n.js";
import { el, svgEl } from "./dom.js";
import { failureMessage } from "./form_fields.js";
import { areaPopup, resultLines, verifyUrl } from "./area_card.js";
import { formatMetres } from "./format.js";
import { LocateError, PositionMarker, locateAndLookup } from "./locate.js";
import { MAX_QUERY_LENGTH, search } from "./search.js";

function locateIcon() {
  const svg = svgEl("svg", { width: 22, height: 22, viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" });
  svg.append(
    svgEl("circle", { cx: 12, cy: 12, r: 7, fill: "none", stroke: "currentColor", "stroke-width": 2 }),
    svgEl("circle", { cx: 12, cy: 12, r: 3, fill: "currentColor" }),
    svgEl("path", { d: "M12 1v4M12 19v4M1 12h4M19 12h4", stroke: "currentColor", "stroke-width": 2 }),
  );
  return svg;
}

/** A message for a failed search or lookup: what to do about the position or the network, or the server's words. */
function failureText(error) {
  if (error instanceof LocateError) return t(`locate.${error.reason}`);
  if (!error?.status) console.warn("gisapp: lookup failed", error);
  return failureMessage(error);
}

export class Finder {
  /** `container`: the (empty) header element; `highlighter`: a Highlighter on `map`. */
  constructor({ container, map, highlighter }) {
    this.container = container;
    this.map = map;
    this.highlighter = highlighter;
    this.marker = new PositionMarker(map);
    this.view = null; // what the panel shows: {message, kind, features, collapsed}; re-rendered on relabel
    this.build();
  }

  /** (Re)build the bar in the current language, keeping the typed text and the results. */
  build() {
    const typed = this.input?.value ?? "";
    this.input = el("input", {
      id: "gisapp-search-input", type: "search", name: "q", maxlength: MAX_QUERY_LENGTH, autocomplete: "off",
      spellcheck: "false", enterkeyhint: "search", placeholder: t("searchPlaceholder"),
    });
    this.input.value = typed;
    const form = el("form", { class: "gisapp-search-form", role: "search", "aria-label": t("searchLabel") }, [
      el("label", { for: this.input.id, class: "gisapp-visually-hidden" }, t("searchLabel")),
      this.input,
      el("button", { type: "submit", class: "gisapp-finder-button gisapp-search-submit" }, t("search")),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.runSearch();
    });
    this.locateButton = el("button", { type: "button", class: "gisapp-finder-button gisapp-locate", title: t("locateHint") }, [
      locateIcon(), el("span", { class: "gisapp-locate-label" }, t("locate")),
    ]);
    this.locateButton.addEventListener("click", () => this.runLocate());
    this.message = el("p", { class: "gisapp-finder-message", role: "status", "aria-live": "polite" });
    this.panel = el("div", { class: "gisapp-finder-panel", hidden: true });
    L.DomEvent.disableScrollPropagation(this.panel);
    const dismiss = el("button", { type: "button", class: "gisapp-finder-dismiss", "aria-label": t("closeResults"), title: t("closeResults") }, "×");
    dismiss.addEventListener("click", () => {
      this.show(null);
      this.input.focus();
    });
    this.drop = el("div", { class: "gisapp-finder-drop", hidden: true }, [dismiss, this.message, this.panel]);
    this.container.replaceChildren(el("div", { class: "gisapp-finder-bar" }, [form, this.locateButton]), this.drop);
    this.render();
  }

  /** Show a message (and results); `kind` "error" styles it as a problem. */
  show(view) {
    this.view = view;
    this.render();
  }

  render() {
    const view = this.view;
    this.message.textContent = view ? view.message() : "";
    this.message.classList.toggle("gisapp-finder-error", view?.kind === "error");
    this.message.hidden = !view;
    this.drop.hidden = !view;
    const features = view?.features ?? [];
    this.panel.hidden = features.length === 0;
    if (!features.length) return;
    const toggle = el("button", { type: "button", class: "gisapp-link-button gisapp-results-toggle", "aria-expanded": String(!view.collapsed) },
      view.collapsed ? `${t("showResults")} (${features.length})` : t("hideResults"));
    toggle.addEventListener("click", () => this.show({ ...view, collapsed: !view.collapsed }));
    const list = el("ol", { class: "gisapp-results", hidden: view.collapsed }, features.map((feature) => this.resultItem(feature)));
    this.panel.replaceChildren(toggle, list);
  }

  resultItem(feature) {
    const button = el("button", { type: "button", class: "gisapp-result" }, resultLines(feature.properties));
    button.addEventListener("click", () => this.select(feature));
    const url = verifyUrl(feature.properties);
    return el("li", { class: "gisapp-result-item", "data-code": feature.properties?.code ?? "" }, [
      button,
      url ? el("a", { class: "gisapp-result-verify", href: url }, t("openVerify")) : null,
    ]);
  }

  /** Zoom to a result, outline it and open its popup; the list folds away first, so the map shows
   * and the popup is placed clear of what is left of it. */
  select(feature, { include = null } = {}) {
    if (this.view && !this.view.collapsed) this.show({ ...this.view, collapsed: true });
    this.highlighter.show(feature, { popup: areaPopup(feature.properties), include });
  }

  async runSearch() {
    const text = this.input.value.trim();
    if (!text) {
      this.show({ message: () => t("searchEmpty"), kind: "error" });
      this.input.focus();
      return;
    }
    this.show({ message: () => t("searching") });
    try {
      const { kind, features } = await search(text);
      if (!features.length) {
        this.show({ message: () => t(kind === "code" ? "noCodeMatch" : "noNameMatch").replace("{text}", text), kind: "error" });
        return;
      }
      this.show({ message: () => t("foundAreas").replace("{n}", features.length), features, collapsed: false });
      if (kind === "code" && features.length === 1) this.select(features[0]); // an exact code: go straight there
    } catch (error) {
      this.show({ message: () => failureText(error), kind: "error" });
    }
  }

  async runLocate() {
    this.locateButton.disabled = true;
    this.show({ message: () => t("locating") });
    try {
      const { position, features } = await locateAndLookup(this.marker);
      const accuracy = `±${formatMetres(position.accuracy)}`;
      if (!features.length) {
        this.highlighter.clear();
        this.show({ message: () => t("noAreaHere").replace("{accuracy}", accuracy), kind: "error" });
        return;
      }
      const distance = Number(features[0].properties?.distance_m);
      const inside = !(distance > 0);
      const message = () => (inside ? t("insideArea") : t("nearestArea").replace("{distance}", formatMetres(distance))).replace("{accuracy}", accuracy);
      this.show({ message, features, collapsed: false });
      this.select(features[0], { include: [position.lat, position.lon] });
    } catch (error) {
      this.show({ message: () => failureText(error), kind: "error" });
    } finally {
      this.locateButton.disabled = false;
    }
  }
}
