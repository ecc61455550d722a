import type {
  AttachmentRecord,
  CommentRecord,
  ContentRecord,
  CustomContentRecord,
  LabelRecord,
  SpaceRecord,
  TaskRecord,
  User,
} from './model.js';
import type { Fidelity } from './options.js';
import { Random } from './random.js';

/**
 * One Confluence Cloud site: its identity (cloud ID, name, URL) and everything stored in it.
 * All content types share one numeric ID sequence, as in Confluence.
 */
export class Site {
  readonly spaces = new Map<string, SpaceRecord>();
  readonly content = new Map<string, ContentRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  /** Labels by id; `labelIdsByName` finds the one label of a name. */
  readonly labels = new Map<string, LabelRecord>();
  readonly labelIdsByName = new Map<string, string>();
  readonly comments = new Map<string, CommentRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly customContent = new Map<string, CustomContentRecord>();
  /** Users known to the site, by account ID. */
  readonly users = new Map<string, User>();
  /** Ids of purged pages and blog posts: a GET of one answers the bare 404 "Not Found" (notes §4.6). */
  readonly purged = new Set<string>();
  private lastId: number;
  readonly random: Random;

  constructor(
    readonly cloudId: string,
    readonly name: string,
    /** The site URL as users know it (`https://acme.atlassian.net`); `_links.base` is this plus `/wiki`. */
    public url: string,
    readonly fidelity: Fidelity,
    seed: number,
    firstId = 65_537,
  ) {
    this.random = new Random(seed);
    this.lastId = firstId - 1;
  }

  get base(): string {
    return `${this.url}/wiki`;
  }

  nextId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }

  /** The last id handed out (persistence saves it; `restoreIdCounter` sets it back). */
  get lastIssuedId(): number {
    return this.lastId;
  }

  restoreIdCounter(lastId: number): void {
    this.lastId = lastId;
  }

  /** Keeps the ID sequence ahead of ids loaded from a seed or a data file. */
  reserveId(id: string): void {
    const n = Number(id.replace(/^att/, ''));
    if (Number.isSafeInteger(n) && n > this.lastId) this.lastId = n;
  }

  now(): string {
    return new Date().toISOString();
  }

  uuid(): string {
    return this.random.uuid();
  }

  spaceByKey(key: string): SpaceRecord | undefined {
    const wanted = key.toLowerCase();
    for (const space of this.spaces.values()) if (space.key.toLowerCase() === wanted) return space;
    return undefined;
  }
}
