/**
 * The plan card file: one HTML document with the viewer's script and style inline and the plan file
 * as a JSON data block. Its Content-Security-Policy allows exactly those two inline texts (by their
 * SHA-256) and nothing else: no other script, no network, no frames, no forms. The plan is data in
 * every way: inside the JSON block `<` is written \u003c, so no name can close the block and start
 * markup, and the viewer puts text on screen with textContent only.
 */

export interface PlanCardParts {
  /** The viewer's script, exactly as built. */
  script: string;
  /** The viewer's style sheet. */
  style: string;
  /** The plan file's text (`*.cmplan.json`), checked again by the viewer before it shows anything. */
  planFile: string;
  /** Language the card opens in (the exporter's). */
  locale: string;
  /** Title of the page (the plan's name; escaped here). */
  title: string;
  /** Shown by browsers that run no script. */
  noscript: string;
  /** When the card was written (ms since 1970), shown by the viewer. */
  exportedAt: number;
}

/** Text of an inline element as the HTML parser hands it to CSP: line breaks are normalised to \n. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Base64 SHA-256 of the UTF-8 bytes of a text, as a CSP source expression's hash. */
export async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * JSON text that is safe inside <script type="application/json">: `<` (so no `</script>` or `<!--`
 * can appear), `>` and `&` as \u escapes, and the line and paragraph separators escaped too.
 * JSON.parse reads the escapes back to the same characters (they can only occur inside strings).
 */
export function embedJson(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for an HTML text node or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An inline script or style must not contain its own end tag (or a comment opening that changes how
 * the end tag is found): its text could not be written as is, and any change would break its hash.
 */
function assertInlineSafe(text: string, tag: 'script' | 'style'): void {
  if (new RegExp(`</${tag}|<!--`, 'i').test(text)) throw new Error(`the viewer's ${tag} contains an end tag and cannot be inlined`);
}

export interface PlanCardHtml {
  html: string;
  scriptHash: string;
  styleHash: string;
}

export async function planCardHtml(parts: PlanCardParts): Promise<PlanCardHtml> {
  const script = normaliseNewlines(parts.script);
  const style = normaliseNewlines(parts.style);
  assertInlineSafe(script, 'script');
  assertInlineSafe(style, 'style');
  const [scriptHash, styleHash] = await Promise.all([sha256Base64(script), sha256Base64(style)]);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    `style-src 'sha256-${styleHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(parts.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="cmp-exported" content="${new Date(parts.exportedAt).toISOString()}">`,
    `<title>${escapeHtml(parts.title)}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    `<noscript><p>${escapeHtml(parts.noscript)}</p></noscript>`,
    '<main id="card"></main>',
    `<script type="application/json" id="plan">${embedJson(normaliseNewlines(parts.planFile))}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, scriptHash, styleHash };
}
