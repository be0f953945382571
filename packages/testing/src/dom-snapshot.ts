/**
 * What a host document holds as text, read inside the page at check time:
 * every element's own text, its whole text where it spans child elements,
 * attributes, form values, comments, across open shadow roots; plus the
 * frame's URL and web storage. Serialised into the page by Playwright, so it
 * uses nothing outside its own body.
 */

export interface DomText {
  /** `#debug textContent`, `input#name value`, `my-app >>> p:nth-of-type(2)[title]`, … */
  readonly where: string;
  readonly text: string;
  /** The element's full path from its document, to tell ancestors from descendants. */
  readonly at?: string;
  /** True for an element's whole text when it spans child elements: a sighting deeper down names the place better. */
  readonly spans?: boolean;
  /** Not the DOM but the document's URL or its web storage. */
  readonly outside?: true;
}

export function snapshotDom(): DomText[] {
  const out: DomText[] = [];
  const segment = (element: Element): string => {
    const tag = element.localName;
    if (element.id) return `#${CSS.escape(element.id)}`;
    const parent = element.parentNode;
    if (!parent) return tag;
    const same = [...parent.children].filter((sibling) => sibling.localName === tag);
    return same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(element) + 1})` : tag;
  };
  // A readable selector from the nearest ancestor with an id (else from the
  // root), and the full path that tells ancestors from descendants.
  const pathIn = (element: Element): { readable: string; full: string } => {
    const parts: string[] = [];
    let cut = -1;
    for (let node: Element | null = element; node; node = node.parentElement) {
      const part = segment(node);
      parts.unshift(part);
      if (cut < 0 && part.startsWith('#')) cut = parts.length;
    }
    return { readable: parts.slice(cut < 0 ? 0 : parts.length - cut).join(' > '), full: parts.join(' > ') };
  };
  const walk = (root: Document | ShadowRoot, prefix: string, fullPrefix: string): void => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_COMMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.COMMENT_NODE) {
        const data = (node as Comment).data;
        if (data.trim()) out.push({ where: `${prefix}${node.parentElement ? pathIn(node.parentElement).readable : 'document'} comment`, text: data });
        continue;
      }
      const element = node as Element;
      const names = pathIn(element);
      const path = prefix + names.readable;
      const at = fullPrefix + names.full;
      let own = '';
      let childElements = false;
      for (const child of element.childNodes) {
        if (child.nodeType === Node.TEXT_NODE) own += (child as Text).data;
        else if (child.nodeType === Node.ELEMENT_NODE) childElements = true;
      }
      if (own.trim()) out.push({ where: `${path} textContent`, text: own, at });
      if (childElements) {
        const full = element.textContent ?? '';
        if (full.trim() && full !== own) out.push({ where: `${path} textContent`, text: full, at, spans: true });
      }
      for (const attribute of element.attributes) out.push({ where: `${path}[${attribute.name}]`, text: attribute.value, at });
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
        if (element.value) out.push({ where: `${path} value`, text: element.value, at });
      }
      if (element.shadowRoot) walk(element.shadowRoot, `${path} >>> `, `${at} >>> `);
    }
  };
  walk(document, '', '');
  out.push({ where: 'URL', text: location.href, outside: true });
  for (const [name, storage] of [['localStorage', () => window.localStorage], ['sessionStorage', () => window.sessionStorage]] as const) {
    try {
      const store = storage();
      for (let i = 0; i < store.length; i++) {
        const key = store.key(i)!;
        out.push({ where: `${name}[${JSON.stringify(key.slice(0, 40))}]`, text: `${key}\n${store.getItem(key) ?? ''}`, outside: true });
      }
    } catch {
      // Storage blocked for this document: nothing the host could keep there either.
    }
  }
  return out;
}
