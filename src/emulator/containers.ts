import { ApiError } from './errors.js';
import type { Site } from './site.js';
import { current, documentLinks } from './views.js';

/**
 * What comments and custom content hang off: a page, a blog post, an attachment or a custom
 * content. Comments and custom content store only the container's id; this module finds the
 * container again, its kind (for `pageId` / `blogPostId` / … in the JSON) and its space.
 */

export type ContainerKind = 'page' | 'blogpost' | 'attachment' | 'customContent';

export interface Container {
  readonly kind: ContainerKind;
  /** The id as stored (attachments without their `att` prefix if they were stored so). */
  readonly id: string;
  readonly spaceId: string;
  readonly title: string;
  readonly status: string;
  /** The web UI path of the container, used to build comment links. */
  readonly webui: string;
}

/** The JSON field naming a container of this kind in comment and custom content bodies. */
export const containerField: Readonly<Record<ContainerKind, string>> = {
  page: 'pageId',
  blogpost: 'blogPostId',
  attachment: 'attachmentId',
  customContent: 'customContentId',
};

/** The id as the API shows it: attachments carry `att`. */
export function publicContainerId(container: Container): string {
  return container.kind === 'attachment' && !container.id.startsWith('att') ? `att${container.id}` : container.id;
}

function attachmentOf(site: Site, id: string) {
  const bare = id.replace(/^att/, '');
  return site.attachments.get(bare) ?? site.attachments.get(`att${bare}`);
}

/** The container with this stored id, whatever its kind; undefined once it is gone (purged). */
export function containerOf(site: Site, id: string, depth = 0): Container | undefined {
  const record = site.content.get(id);
  if (record && (record.kind === 'page' || record.kind === 'blogpost')) {
    return { kind: record.kind, id: record.id, spaceId: record.spaceId, title: current(record).title, status: record.status, webui: documentLinks(site, record).webui ?? '' };
  }
  const custom = site.customContent.get(id);
  if (custom) {
    const space = site.spaces.get(custom.spaceId);
    return { kind: 'customContent', id: custom.id, spaceId: custom.spaceId, title: custom.title, status: custom.status, webui: `/spaces/${space?.key ?? ''}/customcontent/${custom.id}` };
  }
  const attachment = attachmentOf(site, id);
  if (attachment && depth < 3) {
    const holder = containerOf(site, attachment.containerId, depth + 1);
    if (!holder) return undefined;
    return { kind: 'attachment', id: attachment.id, spaceId: holder.spaceId, title: attachment.title, status: attachment.status, webui: holder.webui };
  }
  return undefined;
}

const nouns: Readonly<Record<ContainerKind, string>> = {
  page: 'a page',
  blogpost: 'a blog post',
  attachment: 'an attachment',
  customContent: 'a custom content',
};

/**
 * The container of that kind that can take new children (current or archived); otherwise the 404
 * Confluence gives for a missing one (`Cannot find a page with id [N]`, …).
 */
export function requireContainer(site: Site, kind: ContainerKind, id: string): Container {
  const found = kind === 'attachment' ? (attachmentOf(site, id) ? containerOf(site, attachmentOf(site, id)!.id) : undefined) : containerOf(site, id);
  if (!found || found.kind !== kind || (found.status !== 'current' && found.status !== 'archived')) {
    throw new ApiError(404, `Cannot find ${nouns[kind]} with id [${id}]`);
  }
  return found;
}
