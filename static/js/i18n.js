// Vietnamese/English strings and the current language (Vietnamese first; ?lang= overrides, the choice persists).
import { REGISTRY_STRINGS } from "./strings_registry.js";
import { TABLE_STRINGS } from "./strings_table.js";
import { DRAW_STRINGS } from "./strings_draw.js";
import { RECORDS_STRINGS } from "./strings_records.js";
import { PACKING_STRINGS } from "./strings_packing.js";
import { ENV_STRINGS } from "./strings_env.js";
import { POLLUTION_STRINGS } from "./strings_pollution.js";

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
    zoomToSee: "phóng to để xem",
    switchTo: "Switch to English",
    loadError: "Không tải được danh mục lớp bản đồ. Vui lòng tải lại trang.",
    yes: "Có",
    no: "Không",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
    username: "Tên đăng nhập",
    password: "Mật khẩu",
    signInFailed: "Sai tên đăng nhập hoặc mật khẩu.",
    signInError: "Không đăng nhập được. Vui lòng thử lại.",
    signedInAs: "Đang đăng nhập",
    account: "Tài khoản",
    role: "Vai trò",
    level: "Cấp",
    scope: "Phạm vi",
    "role.admin": "Quản trị viên",
    "role.agri_officer": "Cán bộ nông nghiệp",
    "role.env_officer": "Cán bộ môi trường",
    "role.viewer": "Người xem",
    "level.commune": "cấp xã",
    "level.province": "cấp tỉnh",
    "unit.province": "tỉnh",
    "unit.commune": "xã",
    nationwide: "Toàn quốc",
    noScope: "Chưa có phạm vi",
    adminPage: "Quản lý tài khoản",
    backToMap: "Về bản đồ",
    adminOnly: "Chỉ quản trị viên được quản lý tài khoản.",
    accounts: "Tài khoản",
    newAccount: "Thêm tài khoản",
    displayName: "Tên hiển thị",
    newPassword: "Mật khẩu mới (ít nhất 10 ký tự)",
    create: "Tạo tài khoản",
    save: "Lưu",
    cancel: "Hủy",
    edit: "Sửa vai trò và phạm vi",
    resetPassword: "Đặt lại mật khẩu",
    disable: "Vô hiệu hóa",
    enable: "Kích hoạt lại",
    active: "Đang hoạt động",
    inactive: "Đã vô hiệu hóa",
    lockedUntil: "Tạm khóa đến",
    noLevel: "— không —",
    provinces: "Tỉnh trong phạm vi",
    communes: "Xã trong phạm vi",
    chooseProvince: "Chọn tỉnh để xem các xã…",
    remove: "Bỏ",
    created: "Đã tạo tài khoản",
    saved: "Đã lưu thay đổi của",
    passwordChanged: "Đã đặt lại mật khẩu của",
    loading: "Đang tải…",
    loadFailed: "Không tải được danh sách tài khoản.",
    requestFailed: "Không thực hiện được. Vui lòng thử lại.",
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
    zoomToSee: "zoom in to see",
    switchTo: "Chuyển sang tiếng Việt",
    loadError: "Could not load the layer catalogue. Please reload the page.",
    yes: "Yes",
    no: "No",
    signIn: "Sign in",
    signOut: "Sign out",
    username: "Username",
    password: "Password",
    signInFailed: "Wrong username or password.",
    signInError: "Could not sign in. Please try again.",
    signedInAs: "Signed in",
    account: "Account",
    role: "Role",
    level: "Level",
    scope: "Scope",
    "role.admin": "Administrator",
    "role.agri_officer": "Agriculture officer",
    "role.env_officer": "Environment officer",
    "role.viewer": "Viewer",
    "level.commune": "commune level",
    "level.province": "province level",
    "unit.province": "province",
    "unit.commune": "commune",
    nationwide: "Nationwide",
    noScope: "No scope yet",
    adminPage: "Manage accounts",
    backToMap: "Back to the map",
    adminOnly: "Only an administrator may manage accounts.",
    accounts: "Accounts",
    newAccount: "New account",
    displayName: "Display name",
    newPassword: "New password (at least 10 characters)",
    create: "Create account",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit role and scope",
    resetPassword: "Reset password",
    disable: "Disable",
    enable: "Enable again",
    active: "Active",
    inactive: "Disabled",
    lockedUntil: "Locked until",
    noLevel: "— none —",
    provinces: "Provinces in scope",
    communes: "Communes in scope",
    chooseProvince: "Choose a province to list its communes…",
    remove: "Remove",
    created: "Created account",
    saved: "Saved the changes to",
    passwordChanged: "Reset the password of",
    loading: "Loading…",
    loadFailed: "Could not load the accounts.",
    requestFailed: "That did not work. Please try again.",
  },
};
for (const lang of Object.keys(STRINGS)) Object.assign(STRINGS[lang], REGISTRY_STRINGS[lang], TABLE_STRINGS[lang], DRAW_STRINGS[lang], RECORDS_STRINGS[lang], PACKING_STRINGS[lang], ENV_STRINGS[lang], POLLUTION_STRINGS[lang]);

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

/**
 * The current language's half of a server message written "tiếng Việt / English" (the server's
 * account and sign-in messages are); other text is returned whole.
 */
export function localise(message) {
  const text = String(message ?? "");
  const at = text.indexOf(" / ");
  if (at < 0) return text;
  return current === "vi" ? text.slice(0, at).trim() : text.slice(at + 3).trim();
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
