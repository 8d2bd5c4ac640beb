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

export async function request(method, path, body, extraHeaders = {}) {
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

/** Query text of the registry table's filters and sort: empty values (and false) are left out. */
function registryQuery(params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null && value !== "" && value !== false) query.set(key, String(value));
  return query;
}

/** The staff's registry table: {items, total, limit, offset, sort, today}; `params`: filters, sort, limit, offset. */
export function fetchRegistryTable(params) {
  return getJson(`/api/registry/areas?${registryQuery(params)}`);
}

/** Where the same filtered list downloads as CSV (a plain link: the browser sends the session cookie). */
export function registryCsvUrl(params) {
  const { limit, offset, ...rest } = params;
  return `/api/registry/areas.csv?${registryQuery(rest)}`;
}

/** "Waiting for me": {today, queues: [{id, count, items}]} (no queue for roles that act on nothing). */
export function fetchWorkQueue() {
  return getJson("/api/registry/queue");
}

/** The printable sheet of a growing area (a self-contained HTML page). */
export function sheetUrl(id) {
  return `/api/growing-areas/${encodeURIComponent(id)}/sheet.html`;
}

/** The printable sheet of one packing house (a self-contained HTML file that opens offline). */
export function packingSheetUrl(id) {
  return `/api/packing-houses/${encodeURIComponent(id)}/sheet.html`;
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

/** Create a growing area (a draft dossier) from a GeoJSON Feature; resolves to the created Feature. */
export function createGrowingArea(feature) {
  return request("POST", AREAS, feature);
}

/**
 * Cut area `id` along `line` (GeoJSON LineString) at version `etag`: {kept, created}, the larger part
 * kept by the record and the other a new draft (`properties` may name the new draft's fields).
 */
export function splitGrowingArea(id, line, etag, properties = undefined) {
  const headers = etag ? { "If-Match": etag } : {};
  return request("POST", `${AREAS}/${encodeURIComponent(id)}/split`, { line, ...(properties ? { properties } : {}) }, headers);
}

/**
 * Features of an OGC collection inside `bbox` ([west, south, east, north]), at most `limit`; with the
 * sign-in cookie, so staff get the staff-only collections (dossiers) too.
 */
export function fetchItemsInBox(collection, bbox, limit = 500) {
  const box = bbox.map((value) => value.toFixed(6)).join(",");
  return getJson(`/ogc/collections/${encodeURIComponent(collection)}/items?bbox=${box}&limit=${limit}`);
}

/** One commune in force (GeoJSON Feature with its boundary), by its 5-digit code. */
export function fetchCommune(code) {
  return getJson(`/ogc/collections/communes/items/${encodeURIComponent(code)}`);
}

/** Seasons of one area, newest first: [{id, crop, area_ha, started_on, expected_yield_t_per_ha, …}]. */
export function fetchSeasons(id) {
  return getJson(`${AREAS}/${encodeURIComponent(id)}/seasons`);
}

/** Record a season's plan; a 422 carries `problems` [{field, message}]. */
export function postSeason(id, season) {
  return request("POST", `${AREAS}/${encodeURIComponent(id)}/seasons`, season);
}

/** Record the end of a season: {harvested_on, actual_yield_t, note} (only what is sent changes). */
export function patchSeason(id, seasonId, end) {
  return request("PATCH", `${AREAS}/${encodeURIComponent(id)}/seasons/${encodeURIComponent(seasonId)}`, end);
}

/** Inspection records of one area, newest first. */
export function fetchInspections(id) {
  return getJson(`${AREAS}/${encodeURIComponent(id)}/inspections`);
}

/** Record an inspection (the area's last_inspected_on may move forward: reload the record after). */
export function postInspection(id, inspection) {
  return request("POST", `${AREAS}/${encodeURIComponent(id)}/inspections`, inspection);
}

/** Files attached to one area: [{id, kind, original_filename, size_bytes, url, public_url, …}]. */
export function fetchAttachments(id) {
  return getJson(`${AREAS}/${encodeURIComponent(id)}/attachments`);
}

/**
 * Upload a file (`form`: FormData with file, kind, caption, transition_id or inspection_id, public).
 * XMLHttpRequest, not fetch: only it reports upload progress, as `onProgress(fraction)`.
 */
export function uploadAttachment(id, form, onProgress = () => {}) {
  const path = `${AREAS}/${encodeURIComponent(id)}/attachments`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    if (csrfToken) xhr.setRequestHeader("X-CSRF-Token", csrfToken);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      let body = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON: keep the status alone */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(`POST ${path} answered ${xhr.status}`, xhr.status, { description: body.description ?? "", parameter: body.parameter ?? null, code: body.code ?? null, problems: body.problems ?? [] }));
    });
    xhr.addEventListener("error", () => reject(new ApiError(`POST ${path} failed`, 0)));
    xhr.send(form);
  });
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

const SOURCES = "/api/pollution-sources";

/** A pollution source's latest monitoring samples, newest first, each result judged (public). */
export function fetchPollutionSamples(id, limit = 3) {
  return getJson(`${SOURCES}/${encodeURIComponent(id)}/samples?limit=${encodeURIComponent(limit)}`);
}

/** Growing areas and water-supply works within the source's risk distance (public fields). */
export function fetchPollutionNearby(id) {
  return getJson(`${SOURCES}/${encodeURIComponent(id)}/nearby`);
}

/** Record a monitoring sample; answers it with each result judged (environment staff in scope). */
export function postPollutionSample(id, sample) {
  return request("POST", `${SOURCES}/${encodeURIComponent(id)}/samples`, sample);
}

/** Record an inspection of a source (environment staff in scope). */
export function postPollutionInspection(id, inspection) {
  return request("POST", `${SOURCES}/${encodeURIComponent(id)}/inspections`, inspection);
}
