// Who is signed in, for every part of a page that shows it: one state, change listeners, sign in/out through api.js.
import { fetchSession, signIn as apiSignIn, signOut as apiSignOut } from "./api.js";

let currentUser = null;
const listeners = new Set();

function apply(session) {
  currentUser = session?.user ?? null;
  for (const listener of listeners) listener(currentUser);
}

/** The signed-in user ({id, username, display_name, role, level, scope}) or null. */
export function getUser() {
  return currentUser;
}

/** Call `listener(user)` whenever the sign-in changes; returns a function that stops it. */
export function onUserChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Ask the server who is signed in (the cookie is HttpOnly, so only the server knows). */
export async function restoreSession() {
  apply(await fetchSession());
  return currentUser;
}

export async function signIn(username, password) {
  apply(await apiSignIn(username, password));
  return currentUser;
}

export async function signOut() {
  await apiSignOut();
  apply(null);
}
