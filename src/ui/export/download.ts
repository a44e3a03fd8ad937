/** Saves a file on the user's device (no network): a hidden link with the `download` attribute. */
function clickDownload(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = safeFileName(name);
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  clickDownload(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadDataUrl(name: string, dataUrl: string): void {
  clickDownload(dataUrl, name);
}

/** Plan and scenario names become file names: keep them, but drop what file systems refuse. */
export function safeFileName(name: string): string {
  // Control characters are not allowed in file names either.
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned.slice(0, 150) || 'export';
}

/**
 * The name of an exported version of a plan: the plan's name, the day it was exported (local date,
 * as the user reads it) and, for a signed file, who signed it — so two colleagues' files of the same
 * plan, or this week's and last week's, do not arrive under one name.
 */
export function planVersionFileName(planName: string, now: Date, signer: string | null, extension: string): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const who = signer ? ` ${signer}` : '';
  return `${safeFileName(`${planName} ${day}${who}`)}${extension}`;
}
