// Every request the page makes to the gisapp server goes through here (vector tiles excepted: VectorGrid fetches those).
// The CSRF token of the signed-in session lives here, in memory only, and goes out on every unsafe request.

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
let csrfToken = null;
/** The ETag each answer body came with (a record's version, for If-Match), kept beside the body. */
const etags = new WeakMap();

/**
 * Thrown when the server answers with an error status; `status` is the HTTP status, `description`
 * the server's message (meant for people) and `parameter` the field it names, if any.
 */
export class ApiError extends Error {
  constructor(message, status, { description = "", parameter = null, code = null, problems = [] } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.description = description;
    this.parameter = parameter;
    this.code = code;
    this.problems = Array.isArray(problems) ? problems : [];
  }
}

/** Remember (or forget, with null) the CSRF token that cookie-session writes must echo. */
export function setCsrfToken(token) {
  csrfToken = token ?? null;
}

async function errorOf(method, path, response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    /* not JSON: keep the status alone */
  }
  return new ApiError(`${method} ${path} answered ${response.status}`, response.status, {
    description: body.description ?? "",
    parameter: body.parameter ?? null,
    code: body.code ?? null,
    problems: body.problems ?? [],
  });
}

/** The ETag an answer body came with (e.g. a growing area's `"v3"`), or null (a past version has none). */
export function etagOf(body) {
  return (body && typeof body === "object" && etags.get(body)) || null;
}

async function request(method, path, body, extraHeaders = {}) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(path, {
    method,
    headers: { ...headers, ...extraHeaders },
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await errorOf(method, path, response);
  if (response.status === 204) return null;
  const answer = await response.json();
  const etag = response.headers.get("ETag");
  if (etag && answer && typeof answer === "object") etags.set(answer, etag);
  return answer;
}

function getJson(path) {
  return request("GET", path);
}

/** The layer catalog: {demo, view, basemaps, layers}. */
export function fetchCatalog() {
  return getJson("/api/layers");
}

/** The current sign-in or null (always a 200, so a signed-out page logs no error). */
export async function fetchSession() {
  const { session } = await getJson("/api/auth/session");
  setCsrfToken(session?.csrf_token);
  return session;
}

/** Sign in with a cookie session: {user, csrf_token, via}; throws ApiError 401 on refusal. */
export async function signIn(username, password) {
  const session = await request("POST", "/api/auth/login", { username, password });
  setCsrfToken(session.csrf_token);
  return session;
}

/** Sign out; an already expired session counts as signed out. */
export async function signOut() {
  try {
    await request("POST", "/api/auth/logout");
  } catch (error) {
    if (error.status !== 401) throw error;
  }
  setCsrfToken(null);
}

/** Accounts (admins only). */
export async function fetchUsers() {
  return (await getJson("/api/users")).users;
}

export function createUser(account) {
  return request("POST", "/api/users", account);
}

export function updateUser(id, changes) {
  return request("PATCH", `/api/users/${encodeURIComponent(id)}`, changes);
}

/** Provinces in force, or the communes of one province: [{level, code, name}]. */
export async function fetchAdminUnits(province = null) {
  const query = province ? `?province=${encodeURIComponent(province)}` : "";
  return (await getJson(`/api/admin-units${query}`)).units;
}

/**
 * Public lookup of growing areas: {code}, {q} or {lon, lat}. A GeoJSON FeatureCollection of areas that
 * hold a code (issued, suspended, revoked), with commune_name, verify_url and distance_m or score.
 */
export function lookup(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== "") query.set(key, String(value));
  return getJson(`/api/lookup?${query}`);
}

const AREAS = "/api/growing-areas";

/** One growing area as a GeoJSON Feature (private fields and households for staff in scope); `at` = "YYYY-MM-DD". */
export function fetchGrowingArea(id, { at = null } = {}) {
  const query = at ? `?at=${encodeURIComponent(at)}` : "";
  return getJson(`${AREAS}/${encodeURIComponent(id)}${query}`);
}

/**
 * Change a growing area: `patch` is a JSON Merge Patch Feature ({type, properties} with only what
 * changed), `etag` the version it was edited from (If-Match). Resolves to the changed Feature;
 * a 412 means someone else changed the record since `etag`.
 */
export function patchGrowingArea(id, patch, etag) {
  const headers = { "Content-Type": "application/merge-patch+json", ...(etag ? { "If-Match": etag } : {}) };
  return request("PATCH", `${AREAS}/${encodeURIComponent(id)}`, patch, headers);
}

/** The crop catalogue: [{name, name_en, lifecycle, min_area_ha}]. */
export async function fetchCrops() {
  return (await getJson("/api/crops")).crops;
}

/** Decide on a dossier: {action, reason, document_number, document_date, authority} -> the changed Feature. */
export function postTransition(id, decision) {
  return request("POST", `${AREAS}/${encodeURIComponent(id)}/transitions`, decision);
}

/** Status changes of one area, oldest first as the server sends them. */
export function fetchTransitions(id) {
  return getJson(`${AREAS}/${encodeURIComponent(id)}/transitions`);
}

/** Stored versions of one area: [{row_version, status, valid_from, valid_to, recorded_by}]. */
export function fetchVersions(id) {
  return getJson(`${AREAS}/${encodeURIComponent(id)}/versions`);
}

/** Dry-run the registry checks on a Feature (with "id" when it is an existing area): {ok, problems}. */
export function runChecks(feature) {
  return request("POST", `${AREAS}/checks`, feature);
}

const HOUSES = "/api/packing-houses";

/** One packing house as a GeoJSON Feature (operator and suppliers for staff in scope). */
export function fetchPackingHouse(id) {
  return getJson(`${HOUSES}/${encodeURIComponent(id)}`);
}

/** The growing areas supplying a packing house, with a flag when their code is suspended or revoked (staff in scope). */
export function fetchPackingSuppliers(id) {
  return getJson(`${HOUSES}/${encodeURIComponent(id)}/suppliers`);
}

/** A packing house's lots, newest first, each with its mass balance in kg and its flags (staff in scope). */
export function fetchPackingLots(id, { limit = 20 } = {}) {
  return getJson(`${HOUSES}/${encodeURIComponent(id)}/lots?limit=${encodeURIComponent(limit)}`);
}
