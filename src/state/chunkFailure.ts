/** Telling a part of the app that was removed by a deploy from one that is only out of reach. */

/**
 * Browsers' words for an `import()` that could not fetch its module (Chromium, Firefox, Safari; Vite
 * for CSS), and WorkerStartError's for a worker whose script did not load.
 */
const MODULE_LOAD_FAILED = /dynamically imported module|importing a module script failed|unable to preload css|worker could not be started/i;

export function isModuleLoadFailure(message: string): boolean {
  return MODULE_LOAD_FAILED.test(message);
}

/** The URL in a failed import's message ("Failed to fetch dynamically imported module: <url>"). */
export function failedUrl(error: unknown): string | null {
  const text = error instanceof Error ? error.message : String(error ?? '');
  const m = /(https?:\/\/[^\s'"]+|\.{0,2}\/?assets\/[^\s'"]+)/.exec(text);
  if (!m) return null;
  try {
    return new URL(m[1], document.baseURI).href;
  } catch {
    return null;
  }
}

/**
 * Asks the server for the file that failed: 404 or 410 means it was removed by a deploy. Offline, or
 * when the request itself fails, it is not gone, only out of reach. Without a URL in the message (some
 * browsers give none) a reachable network is taken as a deploy, as before this check existed.
 */
export async function chunkGone(error: unknown): Promise<boolean> {
  if (!navigator.onLine) return false;
  const url = failedUrl(error);
  if (!url) return true;
  try {
    const response = await fetch(url, { cache: 'no-store' });
    return response.status === 404 || response.status === 410;
  } catch {
    return false;
  }
}
