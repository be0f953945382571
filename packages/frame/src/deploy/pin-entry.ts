/**
 * Pins the built HTML's scripts and styles with SRI: every `<script src>` and
 * `<link rel=stylesheet|modulepreload href>` naming a file of the build gets
 * the `integrity` of that file, so a changed file on the frame origin (or on
 * a CDN in front of it) is refused by the browser. Inline scripts and styles
 * are refused instead of hashed: the frame's CSP allows `'self'` only (JSON
 * data blocks, which are never run, are left as they are).
 */
export function pinEntry(html: string, integrityOf: (path: string) => string | undefined): string {
  // A `type="application/json"` block (the inline config) is data the browser never runs, so the CSP has nothing to refuse.
  if (/<script(?![^>]*\ssrc=)(?![^>]*\stype="application\/json")[^>]*>/i.test(html) || /<style[\s>]/i.test(html) || /\sstyle=/i.test(html)) {
    throw new Error('the frame HTML has inline script or style, which its CSP refuses');
  }
  return html.replace(/<(script|link)\b([^>]*)>/gi, (tag, name: string, attributes: string) => {
    if (/\sintegrity=/i.test(attributes)) return tag;
    const isScript = name.toLowerCase() === 'script';
    if (!isScript && !/\srel="(?:stylesheet|modulepreload)"/i.test(attributes)) return tag;
    const url = /\s(?:src|href)="([^"]+)"/i.exec(attributes)?.[1];
    if (!url || !url.startsWith('/')) return tag;
    const integrity = integrityOf(url);
    if (!integrity) throw new Error(`the frame HTML loads ${url}, which is not in the build`);
    return `<${name}${attributes.replace(/\s*\/$/, '')} integrity="${integrity}">`;
  });
}

/** Every same-origin file the HTML names in a `src` or `href`. */
export function referencedPaths(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="(\/[^"]*)"/gi)].map((match) => match[1]!);
}
