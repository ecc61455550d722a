import type { List, ListItem, Parents } from 'mdast';
import type { State } from 'mdast-util-to-hast';
import type { Element, ElementContent } from 'hast';
import { h, text } from '../build.js';

/** A list is loose when it, or any item, is spread (blank lines between blocks). */
function isLoose(list: List): boolean {
  return Boolean(list.spread) || list.children.some((item) => Boolean(item.spread));
}

/**
 * The content of one item. In a tight list, paragraphs are unwrapped into the `<li>` (as
 * CommonMark renders them); in a loose one they stay `<p>`.
 */
export function itemContent(state: State, item: ListItem, loose: boolean): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of item.children) {
    if (child.type === 'paragraph' && !loose) {
      const inline = state.all(child);
      if (inline.length === 0) continue;
      if (out.length > 0) out.push(text('\n'));
      out.push(...inline);
      continue;
    }
    const converted = state.one(child, item);
    const nodes = converted === undefined ? [] : Array.isArray(converted) ? converted : [converted];
    for (const node of nodes) {
      if (out.length > 0) out.push(text('\n'));
      out.push(node);
    }
  }
  return out;
}

/** `<li>` for a list item met outside {@link list} (never by the pipeline; kept for callers). */
export function listItem(state: State, node: ListItem, parent: Parents | undefined): Element {
  const loose = parent?.type === 'list' ? isLoose(parent) : Boolean(node.spread);
  return h('li', {}, itemContent(state, node, loose));
}

function taskList(state: State, items: readonly ListItem[]): Element {
  const tasks: ElementContent[] = [];
  for (const item of items) {
    const body = itemContent(state, item, false);
    tasks.push(
      text('\n'),
      h('ac:task', {}, [
        h('ac:task-status', {}, [text(item.checked ? 'complete' : 'incomplete')]),
        h('ac:task-body', {}, body),
      ]),
    );
  }
  tasks.push(text('\n'));
  return h('ac:task-list', {}, tasks);
}

function plainList(state: State, list: List, items: readonly ListItem[], start: number | undefined): Element {
  const loose = isLoose(list);
  const lis: ElementContent[] = [];
  for (const item of items) lis.push(text('\n'), h('li', {}, itemContent(state, item, loose)));
  lis.push(text('\n'));
  if (list.ordered) return h('ol', start !== undefined && start !== 1 ? { start: String(start) } : {}, lis);
  return h('ul', {}, lis);
}

/**
 * `<ul>`/`<ol start>`; GFM task items become `<ac:task-list>`. A list that mixes task and plain
 * items is split into runs, because a task list can hold only tasks. An ordered list split this
 * way keeps counting: each plain run starts where the Markdown numbering is.
 */
export function list(state: State, node: List): Element[] {
  const out: Element[] = [];
  let index = 0;
  while (index < node.children.length) {
    const first = node.children[index];
    if (!first) break;
    const isTask = first.checked !== null && first.checked !== undefined;
    let end = index + 1;
    while (end < node.children.length) {
      const item = node.children[end];
      if (!item || (item.checked !== null && item.checked !== undefined) !== isTask) break;
      end += 1;
    }
    const run = node.children.slice(index, end);
    out.push(isTask ? taskList(state, run) : plainList(state, node, run, (node.start ?? 1) + index));
    index = end;
  }
  return out;
}
