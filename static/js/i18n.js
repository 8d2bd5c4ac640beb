// Vietnamese/English strings and the current language (Vietnamese first; ?lang= overrides, the choice persists).

const LANGS = ["vi", "en"];
const STORAGE_KEY = "gisapp.lang";

const STRINGS = {
  vi: {
    title: "Bản đồ nông nghiệp số",
    noBasemap: "Không dùng bản đồ nền",
    legend: "Chú giải",
    other: "Khác",
    demo: "Dữ liệu minh họa",
    demoHint: "Số liệu trên bản đồ là dữ liệu mẫu, không phải số liệu chính thức.",
    zoomIn: "Phóng to",
    zoomOut: "Thu nhỏ",
    switchTo: "Switch to English",
    loadError: "Không tải được danh mục lớp bản đồ. Vui lòng tải lại trang.",
    yes: "Có",
    no: "Không",
  },
  en: {
    title: "Digital agricultural map",
    noBasemap: "No basemap",
    legend: "Legend",
    other: "Other",
    demo: "Demo data",
    demoHint: "The data on this map are samples, not official records.",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    switchTo: "Chuyển sang tiếng Việt",
    loadError: "Could not load the layer catalogue. Please reload the page.",
    yes: "Yes",
    no: "No",
  },
};

function readStored() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, file://)
  }
}

function initialLang() {
  const fromUrl = new URLSearchParams(window.location.search).get("lang");
  if (LANGS.includes(fromUrl)) return fromUrl;
  const stored = readStored();
  return LANGS.includes(stored) ? stored : "vi";
}

let current = initialLang();

export function getLang() {
  return current;
}

/** The language the toggle button switches to. */
export function otherLang() {
  return current === "vi" ? "en" : "vi";
}

/** Switch language, remember it, and keep ?lang= in the address (if present) in step. */
export function setLang(lang) {
  if (!LANGS.includes(lang)) throw new Error(`unknown language ${lang}`);
  current = lang;
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not persisted; fine */
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has("lang")) {
    url.searchParams.set("lang", lang);
    window.history.replaceState(null, "", url);
  }
  applyToDocument();
}

/** A UI string in the current language. */
export function t(key) {
  return STRINGS[current][key] ?? STRINGS.vi[key] ?? key;
}

/** Pick the current language from a catalog {vi, en} object (a plain string is returned as is). */
export function pick(text) {
  if (text == null) return "";
  if (typeof text !== "object") return String(text);
  return text[current] ?? text.vi ?? text.en ?? Object.values(text)[0] ?? "";
}

export function applyToDocument() {
  document.documentElement.lang = current;
  document.title = t("title");
}
