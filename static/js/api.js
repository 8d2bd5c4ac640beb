// Every request the page makes to the gisapp server goes through here (vector tiles excepted: VectorGrid fetches those).

/** Thrown when the server answers with an error status; `status` is the HTTP status. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new ApiError(`GET ${path} answered ${response.status}`, response.status);
  }
  return response.json();
}

/** The layer catalog: {demo, view, basemaps, layers}. */
export function fetchCatalog() {
  return getJson("/api/layers");
}
