// What a farmer types in the search box becomes a code lookup or a name search (GET /api/lookup).
import { lookup } from "./api.js";

export const MAX_QUERY_LENGTH = 200;

/**
 * True when the text reads as a growing-area code: it starts with "VN" and goes on with hyphens or
 * digits ("VN-68-24848-12-23", "vn - dnor - 0269"); names are searched by words instead.
 */
export function looksLikeCode(text) {
  const value = String(text ?? "").trim();
  return /^vn[\s-]*[-\d]/i.test(value) || (/^vn[\s-]/i.test(value) && /\d/.test(value));
}

/** The lookup parameters for the typed text: {code} or {q}; null when there is nothing to search. */
export function searchParams(text) {
  const value = String(text ?? "").normalize("NFC").trim().slice(0, MAX_QUERY_LENGTH);
  if (!value) return null;
  return looksLikeCode(value) ? { code: value } : { q: value };
}

/**
 * Run the search: {kind: "code"|"q", features}. An unknown code may answer 404: that is "no match",
 * not an error.
 */
export async function search(text) {
  const params = searchParams(text);
  if (!params) return { kind: null, features: [] };
  const kind = params.code ? "code" : "q";
  try {
    const collection = await lookup(params);
    return { kind, features: collection?.features ?? [] };
  } catch (error) {
    if (error.status === 404) return { kind, features: [] };
    throw error;
  }
}
