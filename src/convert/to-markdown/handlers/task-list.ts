import type { Element } from 'hast';
import type { BlockContent, ListItem } from 'mdast';
import { elementChildren, hasOnlyAttributes, textOf } from '../elements.js';
import type { PullState } from '../state.js';
import { fitsTight, itemContent, itemParts, startsWithStorageTag } from './list.js';

/** Children of `ac:task` that Confluence generates (ids); the status and body are the content. */
const GENERATED = new Set(['ac:task-id', 'ac:task-uuid']);

function task(state: PullState, element: Element): ListItem | undefined {
  if (element.tagName !== 'ac:task' || !hasOnlyAttributes(element)) return undefined;
  const children = elementChildren(element);
  if (!children) return undefined;
  let status: string | undefined;
  let body: Element | undefined;
  for (const child of children) {
    if (GENERATED.has(child.tagName)) continue;
    if (child.tagName === 'ac:task-status' && status === undefined && hasOnlyAttributes(child)) status = textOf(child.children);
    else if (child.tagName === 'ac:task-body' && body === undefined && hasOnlyAttributes(child)) body = child;
    else return undefined;
  }
  if ((status !== 'complete' && status !== 'incomplete') || !body) return undefined;
  const parts = itemParts(body.children);
  if (!fitsTight(parts)) return undefined;
  const content = itemContent(state, parts);
  // GFM needs content after `[ ]` to see a task.
  if (!content || content.length === 0 || content[0]?.type !== 'paragraph' || startsWithStorageTag(content)) return undefined;
  return { type: 'listItem', spread: false, checked: status === 'complete', children: content };
}

/**
 * `ac:task-list` → a GFM task list (`- [ ]` / `- [x]`). Task ids and uuids are left out (Confluence
 * assigns them); bodies are tight item content, as the push writes them.
 */
export function taskList(state: PullState, element: Element): BlockContent[] | undefined {
  if (!hasOnlyAttributes(element, [])) return undefined;
  const tasks = elementChildren(element);
  if (!tasks || tasks.length === 0) return undefined;
  const items: ListItem[] = [];
  for (const child of tasks) {
    const item = task(state, child);
    if (!item) return undefined;
    items.push(item);
  }
  return [{ type: 'list', ordered: false, spread: false, children: items }];
}
