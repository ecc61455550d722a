import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { classicOnly, fingerprint, presented, validAccessToken, validApiToken, validMatonKey, type Credentials } from './auth.js';
import { ApiError, errors, v1ErrorBody, v2ErrorBody } from './errors.js';
import { Faults, noFaults, type FaultOptions } from './faults.js';
import type { ApiFamily, ApiRequest, ApiResponse, Mount } from './http-types.js';
import { MEDIA_PREFIX, serveMedia } from './media.js';
import { RequestCounters } from './metrics.js';
import { isMultipart } from './multipart.js';
import type { User } from './model.js';
import { defaultFidelity, type Fidelity } from './options.js';
import { Router } from './router.js';
import { registerAdmin } from './routes/admin.js';
import { registerDownloads } from './routes/downloads.js';
import { registerV1, registerV2 } from './routes/index.js';
import type { Seed } from './seed.js';
import { applySeed } from './seed-apply.js';
import { Site } from './site.js';

export interface SiteConfig {
  readonly cloudId: string;
  readonly name: string;
  /** The site URL shown in `_links.base`; the first site defaults to the emulator's own address. */
  readonly url?: string;
}

/** A Maton connection: one OAuth grant to one or more sites. Without `Maton-Connection`, the oldest is used. */
export interface MatonConnection {
  readonly id: string;
  readonly cloudIds: readonly string[];
  readonly createdAt: string;
}

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  readonly credentials: Credentials;
  /** The sites; the first is served on `/wiki`. Default: one site named "emulator". */
  readonly sites?: readonly SiteConfig[];
  /** Maton connections; default: one connection to every site. */
  readonly connections?: readonly MatonConnection[];
  readonly fidelity?: Partial<Fidelity>;
  readonly faults?: Partial<FaultOptions>;
  /** Seed for generated ids (macro ids, account ids) and for faults. */
  readonly seed?: number;
  /** The single user every credential acts as. */
  readonly user?: Partial<User>;
  /** Unknown cloud ID through api.atlassian.com or Maton: answered 404 (default) or 401. */
  readonly unknownCloudIdStatus?: 404 | 401;
  /** Called after every request that changed data (persistence hooks in here). */
  readonly onChange?: (emulator: Emulator) => void;
  /** Data loaded into the first site at start, and again by the admin `POST /reset` (seed.ts). */
  readonly initialData?: Seed;
}

export const DEFAULT_CLOUD_ID = '2a1c3b4d-0000-4000-8000-00000000c0de';

/** A running emulator: a Confluence Cloud on 127.0.0.1. */
export class Emulator {
  readonly sites: Site[];
  readonly connections: MatonConnection[];
  readonly faults: Faults;
  readonly counters = new RequestCounters();
  readonly user: User;
  private readonly v2 = new Router();
  private readonly v1 = new Router();
  private readonly admin = new Router();
  /** `/wiki/download/…`: attachment bytes, authenticated like the site. */
  private readonly downloads = new Router();
  private server: Server | undefined;
  private sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(readonly options: EmulatorOptions) {
    const fidelity: Fidelity = { ...defaultFidelity, ...options.fidelity };
    const seed = options.seed ?? 1;
    const configs = options.sites && options.sites.length > 0 ? options.sites : [{ cloudId: DEFAULT_CLOUD_ID, name: 'emulator' }];
    this.sites = configs.map((c, i) => new Site(c.cloudId, c.name, c.url ?? `https://${c.name}.atlassian.net`, fidelity, seed + i));
    this.connections = [
      ...(options.connections ?? [{ id: 'default-connection', cloudIds: this.sites.map((s) => s.cloudId), createdAt: '2026-01-01T00:00:00.000Z' }]),
    ];
    const primary = options.credentials.apiTokens[0];
    this.user = {
      accountId: options.user?.accountId ?? '557058:0f1e2d3c-4b5a-4697-8a1b-2c3d4e5f6a7b',
      email: options.user?.email ?? primary?.email ?? 'emulator@example.com',
      displayName: options.user?.displayName ?? 'Emulator User',
    };
    for (const site of this.sites) site.users.set(this.user.accountId, this.user);
    this.faults = new Faults({ ...noFaults, seed, ...options.faults });
    registerV2(this.v2);
    registerV1(this.v1);
    registerDownloads(this.downloads);
    registerAdmin(this.admin, this);
    if (options.initialData) applySeed(this.defaultSite, this.user, options.initialData, 'start data');
  }

  get defaultSite(): Site {
    return this.sites[0]!;
  }

  siteByCloudId(cloudId: string): Site | undefined {
    return this.sites.find((s) => s.cloudId === cloudId);
  }

  /** Starts listening on 127.0.0.1. The first site's URL becomes the emulator's own address unless configured. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { 'content-type': 'text/plain' }, `emulator error: ${String(error)}`);
        else res.destroy();
      });
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    if (!this.options.sites?.[0]?.url) this.defaultSite.url = this.url;
    return this.url;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);

    if (path.startsWith('/__emulator/')) {
      const match = this.admin.match(method, path.slice('/__emulator'.length));
      if (match.kind !== 'found') return send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ error: `no admin route ${method} ${path}` }));
      const response = await match.handler(this.request(req, rawBody, url, { path, params: match.params, api: 'v2', mount: 'site', site: this.defaultSite, prefix: '' }));
      return this.write(res, response, 'v2');
    }

    // The media service stand-in: no Authorization, the token is in the query (media.ts).
    if (path.startsWith(MEDIA_PREFIX)) {
      this.counters.record(method, `${MEDIA_PREFIX}file/{fileId}/binary`);
      return this.write(res, serveMedia(this.sites, method, url), 'v2');
    }

    const target = this.route(path);
    this.counters.record(method, target.kind === 'api' ? `${target.familyPrefix}${this.patternOf(target, method)}` : target.kind === 'other' ? path : target.kind);
    if (target.kind === 'other') return this.write(res, { status: 404 }, 'v2', errors.noRoute());

    await this.injectLatency();
    const decision = this.faults.decide(fingerprint(req.headers));
    if (decision.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    // 'reset-after': the request is carried out below, but its answer is never sent.
    const dropAnswer = decision.kind === 'reset-after';
    if (decision.kind === 'error') {
      const error = new ApiError(decision.status, decision.status === 503 ? 'Service Unavailable' : 'Internal Server Error', {
        headers: decision.status === 503 ? { 'retry-after': '1' } : {},
      });
      return this.write(res, { status: decision.status }, target.kind === 'api' ? target.api : 'v2', error);
    }
    if (decision.kind === 'rate-limited') {
      return send(res, 429, { 'content-type': 'application/json;charset=UTF-8', ...decision.headers }, JSON.stringify({ message: 'Rate limit exceeded' }));
    }
    // Rate-limit headers of normal responses (X-RateLimit-NearLimit, Beta-RateLimit*): merged by writeHead.
    for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);

    if (target.kind === 'tenant-info') {
      return this.write(res, { status: 200, body: { cloudId: this.defaultSite.cloudId } }, 'v2');
    }
    if (target.kind === 'accessible-resources') return this.accessibleResources(req, res, target.gateway);

    // API request: resolve the site and authenticate as the mount does.
    let site: Site;
    try {
      site = this.authenticate(req, target);
    } catch (error) {
      if (error instanceof ApiError) return this.write(res, { status: error.status }, target.api, error);
      throw error;
    }
    // Multipart uploads are limited per file by the attachment routes (maxAttachmentBytes).
    if (rawBody.length > site.fidelity.maxBodyBytes && !isMultipart(req.headers['content-type'])) {
      return this.write(res, { status: 413 }, target.api, new ApiError(413, 'Request entity too large: the limit is 5 MB.'));
    }
    const router = this.routerOf(target);
    const match = router.match(method, target.path);
    try {
      if (match.kind === 'none') throw target.api === 'v1' ? new ApiError(404, 'null', { v1Message: `No resource found for ${target.path}` }) : errors.noRoute();
      if (match.kind === 'method-not-allowed') {
        throw new ApiError(405, 'Method Not Allowed', { headers: { allow: match.allow.join(',') } });
      }
      const apiRequest = this.request(req, rawBody, url, { path: target.path, params: match.params, api: target.api, mount: target.mount, site, prefix: target.prefix });
      const response = await match.handler(apiRequest);
      if (method !== 'GET' && method !== 'HEAD' && response.status < 300) this.options.onChange?.(this);
      if (dropAnswer) {
        req.socket.destroy();
        return;
      }
      return this.write(res, response, target.api);
    } catch (error) {
      if (error instanceof ApiError) return this.write(res, { status: error.status }, target.api, error);
      throw error;
    }
  }

  private patternOf(target: ApiTarget, method: string): string {
    const match = this.routerOf(target).match(method, target.path);
    return match.kind === 'none' ? target.path : match.pattern;
  }

  private routerOf(target: ApiTarget): Router {
    return target.familyPrefix === '/wiki/download' ? this.downloads : target.api === 'v2' ? this.v2 : this.v1;
  }

  private async injectLatency(): Promise<void> {
    const delay = this.faults.delayMs();
    if (delay > 0) await sleep(delay);
  }

  private route(path: string): Target {
    if (path === '/_edge/tenant_info') return { kind: 'tenant-info' };
    if (path === '/oauth/token/accessible-resources') return { kind: 'accessible-resources', gateway: 'atlassian-gateway' };
    if (path === '/confluence/oauth/token/accessible-resources') return { kind: 'accessible-resources', gateway: 'maton-gateway' };
    const m = /^(?:(\/confluence)?\/ex\/confluence\/([^/]+))?\/wiki(\/api\/v2|\/rest\/api|\/download)(\/.*)?$/.exec(path);
    if (!m) return { kind: 'other' };
    const [, maton, cloudId, family, rest] = m;
    const mount: Mount = cloudId === undefined ? 'site' : maton ? 'maton-gateway' : 'atlassian-gateway';
    return {
      kind: 'api',
      api: family === '/api/v2' ? 'v2' : 'v1',
      familyPrefix: `/wiki${family}`,
      mount,
      cloudId,
      prefix: cloudId === undefined ? '' : `${maton ?? ''}/ex/confluence/${cloudId}`,
      path: rest ?? '/',
    };
  }

  /** Authenticates an API request the way its mount does; returns the site it addresses. */
  private authenticate(req: IncomingMessage, target: ApiTarget): Site {
    const creds = this.options.credentials;
    const p = presented(req.headers);
    if (target.mount === 'site') {
      if (p.kind === 'bearer') {
        // An OAuth token (or Maton key) sent to the site domain: 401 with Tomcat's HTML page.
        throw new ApiError(401, 'Unauthorized', { raw: { contentType: 'text/html;charset=utf-8', body: tomcatPage(401, 'Unauthorized') } });
      }
      if (!validApiToken(creds, p)) throw this.authFailure(target.api, target.path);
      return this.defaultSite;
    }
    if (target.mount === 'atlassian-gateway') {
      if (!validAccessToken(creds, p) && !validApiToken(creds, p)) {
        throw new ApiError(401, 'Unauthorized', { raw: { contentType: 'application/json', body: JSON.stringify({ code: 401, message: 'Unauthorized' }) } });
      }
      if (target.api === 'v2' && classicOnly(creds, p)) throw scopeMismatch();
      const site = this.siteByCloudId(target.cloudId ?? '');
      if (!site) throw this.unknownCloudId();
      return site;
    }
    // Maton gateway
    if (!validMatonKey(creds, p)) throw matonError(401, 'Invalid API key. Check MATON_API_KEY (maton.ai/settings).');
    const connection = this.connection(req);
    if (!connection.cloudIds.includes(target.cloudId ?? '')) throw this.unknownCloudId();
    const site = this.siteByCloudId(target.cloudId ?? '');
    if (!site) throw this.unknownCloudId();
    return site;
  }

  private connection(req: IncomingMessage): MatonConnection {
    const header = req.headers['maton-connection'];
    const wanted = Array.isArray(header) ? header[0] : header;
    if (wanted) {
      const found = this.connections.find((c) => c.id === wanted);
      if (!found) throw matonError(400, `No active connection '${wanted}' found for app 'confluence'.`);
      return found;
    }
    const oldest = [...this.connections].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))[0];
    if (!oldest) throw matonError(400, "No active connection found for app 'confluence'. Create one at maton.ai.");
    return oldest;
  }

  private unknownCloudId(): ApiError {
    const status = this.options.unknownCloudIdStatus ?? 404;
    return new ApiError(status, status === 404 ? 'Not Found' : 'Unauthorized', {
      raw: { contentType: 'application/json', body: JSON.stringify({ code: status, message: status === 404 ? 'Not Found' : 'Unauthorized' }) },
    });
  }

  private authFailure(api: ApiFamily, path: string): ApiError {
    if (api === 'v1') {
      return new ApiError(403, 'Forbidden', {
        v1Message: path === '/user/current' ? 'caller cannot access Confluence' : 'Current user not permitted to use Confluence',
      });
    }
    return this.defaultSite.fidelity.v2AuthFailure === 401 ? new ApiError(401, 'Unauthorized') : new ApiError(404, 'Not Found');
  }

  private accessibleResources(req: IncomingMessage, res: ServerResponse, gateway: 'atlassian-gateway' | 'maton-gateway'): void {
    const creds = this.options.credentials;
    const p = presented(req.headers);
    try {
      let sites: Site[];
      if (gateway === 'atlassian-gateway') {
        if (!validAccessToken(creds, p)) throw new ApiError(401, 'Unauthorized', { raw: { contentType: 'application/json', body: JSON.stringify({ code: 401, message: 'Unauthorized' }) } });
        sites = this.sites;
      } else {
        if (!validMatonKey(creds, p)) throw matonError(401, 'Invalid API key. Check MATON_API_KEY (maton.ai/settings).');
        const connection = this.connection(req);
        sites = this.sites.filter((s) => connection.cloudIds.includes(s.cloudId));
      }
      const body = sites.map((s) => ({
        id: s.cloudId,
        name: s.name,
        url: s.url,
        scopes: ['read:confluence-content.all', 'write:confluence-content', 'read:page:confluence', 'write:page:confluence', 'read:space:confluence'],
        avatarUrl: `https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/rocket.png`,
      }));
      this.write(res, { status: 200, body }, 'v2');
    } catch (error) {
      if (error instanceof ApiError) this.write(res, { status: error.status }, 'v2', error);
      else throw error;
    }
  }

  private request(
    req: IncomingMessage,
    rawBody: Buffer,
    url: URL,
    where: { path: string; params: Record<string, string>; api: ApiFamily; mount: Mount; site: Site; prefix: string },
  ): ApiRequest {
    return {
      method: (req.method ?? 'GET').toUpperCase(),
      path: where.path,
      params: where.params,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      api: where.api,
      mount: where.mount,
      site: where.site,
      user: this.user,
      prefix: where.prefix,
      json: () => {
        if (rawBody.length === 0) throw new ApiError(400, 'A request body is required');
        try {
          return JSON.parse(rawBody.toString('utf8')) as unknown;
        } catch (error) {
          throw new ApiError(400, `Unable to parse the request body as JSON: ${(error as Error).message}`);
        }
      },
    };
  }

  private write(res: ServerResponse, response: ApiResponse, api: ApiFamily, error?: ApiError): void {
    const headers: Record<string, string> = {
      server: 'AtlassianEdge',
      'atl-request-id': randomUUID(),
      'cache-control': 'no-cache, no-store, must-revalidate',
      ...response.headers,
      ...error?.headers,
    };
    if (error?.raw) {
      headers['content-type'] = error.raw.contentType;
      return send(res, error.status, headers, error.raw.body);
    }
    const body = error ? (api === 'v2' ? v2ErrorBody(error) : v1ErrorBody(error)) : response.body;
    if (error?.status === 405 && api === 'v1') return send(res, 405, headers, '');
    if (body === undefined) return send(res, response.status, headers, '');
    if (Buffer.isBuffer(body)) return send(res, response.status, headers, body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
    send(res, error ? error.status : response.status, headers, JSON.stringify(body));
  }
}

type ApiTarget = {
  readonly kind: 'api';
  readonly api: ApiFamily;
  readonly familyPrefix: string;
  readonly mount: Mount;
  readonly cloudId: string | undefined;
  readonly prefix: string;
  readonly path: string;
};

type Target =
  | ApiTarget
  | { readonly kind: 'tenant-info' }
  | { readonly kind: 'accessible-resources'; readonly gateway: 'atlassian-gateway' | 'maton-gateway' }
  | { readonly kind: 'other' };

function scopeMismatch(): ApiError {
  return new ApiError(401, 'Unauthorized; scope does not match', {
    raw: { contentType: 'application/json', body: JSON.stringify({ code: 401, message: 'Unauthorized; scope does not match' }) },
  });
}

/** Maton's own errors. Their body format is not documented (docs/emulator.md); this one is a guess. */
function matonError(status: number, message: string): ApiError {
  return new ApiError(status, message, { raw: { contentType: 'application/json', body: JSON.stringify({ error: { status, message } }) } });
}

function tomcatPage(status: number, reason: string): string {
  return `<!doctype html><html lang="en"><head><title>HTTP Status ${status} – ${reason}</title></head><body><h1>HTTP Status ${status} – ${reason}</h1></body></html>`;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Starts an emulator on 127.0.0.1 (a free port unless `port` is given). */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const emulator = new Emulator(options);
  await emulator.listen();
  return emulator;
}
