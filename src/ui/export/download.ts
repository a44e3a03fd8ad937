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
