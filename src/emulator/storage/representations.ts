import type { Site } from '../site.js';
import { escapeAttribute, escapeText } from './serialize.js';
import { parseStorage, type XmlElement, type XmlNode } from './xml-tree.js';

/**
 * The read-only representations Confluence derives from storage. The emulator renders a plain,
 * readable HTML `view` (macros as the HTML Confluence uses for them, simplified) and a basic ADF
 * document. Neither is what a sync tool should compare or write back; docs/emulator.md says so.
 */
export function renderView(storage: string, site: Site): string {
  let nodes: XmlNode[];
  try {
    nodes = parseStorage(storage);
  } catch {
    return escapeText(storage);
  }
  return nodes.map((n) => renderNode(n, site)).join('');
}

function attr(element: XmlElement, name: string): string | undefined {
  return element.attributes.find(([n]) => n === name)?.[1];
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => c.type === 'element' && c.name === name);
}

function parameter(element: XmlElement, name: string): string | undefined {
  const p = element.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'ac:parameter' && attr(c, 'ac:name') === name);
  return p ? textOf(p) : undefined;
}

function textOf(node: XmlNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value;
  if (node.type === 'comment') return '';
  return node.children.map(textOf).join('');
}

function renderChildren(element: XmlElement, site: Site): string {
  return element.children.map((n) => renderNode(n, site)).join('');
}

function renderNode(node: XmlNode, site: Site): string {
  switch (node.type) {
    case 'text':
    case 'cdata':
      return escapeText(node.value);
    case 'comment':
      return '';
    case 'element':
      return renderElement(node, site);
  }
}

function renderElement(element: XmlElement, site: Site): string {
  switch (element.name) {
    case 'ac:structured-macro':
    case 'ac:macro': {
      const name = attr(element, 'ac:name') ?? '';
      if (name === 'code' || name === 'noformat') {
        const body = child(element, 'ac:plain-text-body');
        return `<pre class="syntaxhighlighter-pre" data-syntaxhighlighter-params="brush: ${escapeAttribute(parameter(element, 'language') ?? 'java')}">${escapeText(body ? textOf(body) : '')}</pre>`;
      }
      const rich = child(element, 'ac:rich-text-body');
      const title = parameter(element, 'title');
      return `<div class="confluence-macro confluence-macro-${escapeAttribute(name)}">${title ? `<p class="title">${escapeText(title)}</p>` : ''}${rich ? renderChildren(rich, site) : ''}</div>`;
    }
    case 'ac:parameter':
    case 'ac:placeholder':
    case 'ac:adf-fallback':
      return '';
    case 'ac:link': {
      const page = child(element, 'ri:page');
      const body = child(element, 'ac:link-body') ?? child(element, 'ac:plain-text-link-body');
      const title = page ? attr(page, 'ri:content-title') : undefined;
      const text = body ? renderChildren(body, site) : escapeText(title ?? attr(element, 'ac:anchor') ?? '');
      const anchor = attr(element, 'ac:anchor');
      return `<a href="${escapeAttribute(`${title ? `${site.base}/display/${encodeURIComponent(title)}` : ''}${anchor ? `#${anchor}` : ''}`)}">${text}</a>`;
    }
    case 'ac:image': {
      const attachment = child(element, 'ri:attachment');
      const url = child(element, 'ri:url');
      const src = url ? attr(url, 'ri:value') : `${site.base}/download/attachments/0/${encodeURIComponent(attachment ? attr(attachment, 'ri:filename') ?? '' : '')}`;
      return `<img class="confluence-embedded-image" src="${escapeAttribute(src ?? '')}" alt="${escapeAttribute(attr(element, 'ac:alt') ?? '')}" />`;
    }
    case 'ac:task-list':
      return `<ul class="inline-task-list">${renderChildren(element, site)}</ul>`;
    case 'ac:task': {
      const body = child(element, 'ac:task-body');
      const status = child(element, 'ac:task-status');
      return `<li data-task-status="${escapeAttribute(status ? textOf(status) : 'incomplete')}">${body ? renderChildren(body, site) : ''}</li>`;
    }
    case 'ac:emoticon':
      return escapeText(attr(element, 'ac:emoji-fallback') ?? `(${attr(element, 'ac:name') ?? ''})`);
    default: {
      if (element.name.includes(':')) return renderChildren(element, site);
      const attributes = element.attributes
        .filter(([n]) => !n.includes(':'))
        .map(([n, v]) => ` ${n}="${escapeAttribute(v)}"`)
        .join('');
      const inner = renderChildren(element, site);
      return inner === '' && element.selfClosing ? `<${element.name}${attributes} />` : `<${element.name}${attributes}>${inner}</${element.name}>`;
    }
  }
}

/** A basic ADF document: one paragraph per top-level block, text only. */
export function storageToAdf(storage: string): string {
  let nodes: XmlNode[];
  try {
    nodes = parseStorage(storage);
  } catch {
    nodes = [{ type: 'text', value: storage }];
  }
  const content = nodes
    .map(textOf)
    .filter((text) => text.trim().length > 0)
    .map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  return JSON.stringify({ type: 'doc', version: 1, content });
}
