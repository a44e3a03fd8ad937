import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../../src/appInfo';
import { parsePlanFile, serialisePlanFile } from '../../../src/engine/planFile';
import { createPlanFromTemplate } from '../../../src/engine/templates';
import { embedJson, planCardHtml, type PlanCardParts } from '../../../src/files/planCardHtml';

const HOSTILE = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> & \u2028\u2029 "quoted" \'single\'';

function parts(over: Partial<PlanCardParts> = {}): PlanCardParts {
  const plan = createPlanFromTemplate('beauty', { id: 'p1', now: 0, locale: 'en' });
  plan.name = HOSTILE;
  plan.channels[0].name = `<b>${HOSTILE}</b>`;
  return {
    script: 'document.title = "方案 ✓";\r\nconsole.log(1 < 2 && 3 > 2);\n',
    style: 'body { font-family: "微软雅黑"; }\r\n',
    planFile: serialisePlanFile(plan, APP_INFO),
    locale: 'zh-CN',
    title: plan.name,
    noscript: 'Needs <JavaScript> & more',
    exportedAt: Date.UTC(2027, 0, 2, 3, 4, 5),
    ...over,
  };
}

/** Every inline element's text, as an HTML parser would split the document (by the first end tag). */
function elements(html: string, tag: string): { attrs: string; text: string }[] {
  return [...html.matchAll(new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi'))].map((m) => ({ attrs: m[1] ?? '', text: m[2] }));
}

const sha256 = (text: string): string => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64');

describe('plan card HTML', () => {
  it('keeps hostile names as data: two scripts only, the plan block parses back to the same file', async () => {
    const p = parts();
    const { html } = await planCardHtml(p);
    // Only the JSON block and the viewer: a name cannot open a script, a comment or an element.
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    const scripts = elements(html, 'script');
    expect(scripts.map((s) => s.attrs.trim())).toEqual(['type="application/json" id="plan"', '']);
    const block = scripts[0].text;
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    expect(block).toContain('\\u003c/script\\u003e');
    // The block is the same JSON: the plan file reader reads the hostile names back exactly.
    expect(JSON.parse(block)).toEqual(JSON.parse(p.planFile));
    const read = parsePlanFile(block);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.plan.name).toBe(HOSTILE);
      expect(read.plan.channels[0].name).toBe(`<b>${HOSTILE}</b>`);
    }
    // Title and noscript text are escaped for HTML.
    expect(elements(html, 'title')[0].text).toBe('&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;!-- &#60;img src=x onerror=alert(2)&#62; &#38; \u2028\u2029 &#34;quoted&#34; &#39;single&#39;');
    expect(html).toContain('<noscript><p>Needs &#60;JavaScript&#62; &#38; more</p></noscript>');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="cmp-exported" content="2027-01-02T03:04:05.000Z">');
  });

  it('escapes every character that could end the block or break a JavaScript string', () => {
    expect(embedJson('{"a":"</script>\u2028<!--&"}')).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u003c!--\\u0026"}');
    expect(JSON.parse(embedJson(JSON.stringify({ a: HOSTILE })))).toEqual({ a: HOSTILE });
  });

  it('allows exactly the inline script and style by their SHA-256, and nothing else', async () => {
    const { html, scriptHash, styleHash } = await planCardHtml(parts());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1].replace(/&#39;/g, "'");
    const [, viewer] = elements(html, 'script');
    const [style] = elements(html, 'style');
    // The hash is of the bytes the browser sees: UTF-8, CR LF read as LF (the HTML parser does that).
    expect(viewer.text).toBe('document.title = "方案 ✓";\nconsole.log(1 < 2 && 3 > 2);\n');
    expect(scriptHash).toBe(sha256(viewer.text));
    expect(styleHash).toBe(sha256(style.text));
    expect(csp).toBe(`default-src 'none'; script-src 'sha256-${sha256(viewer.text)}'; style-src 'sha256-${sha256(style.text)}'; img-src data:; base-uri 'none'; form-action 'none'`);
  });

  it('refuses a viewer that contains its own end tag (it could not be inlined unchanged)', async () => {
    await expect(planCardHtml(parts({ script: 'var s = "</SCRIPT>";' }))).rejects.toThrow(/end tag/);
    await expect(planCardHtml(parts({ style: 'a{}</style>' }))).rejects.toThrow(/end tag/);
  });
});
