import type { Command } from 'commander';
import type { ApiFlags } from './api.run.js';

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'];

/** Registers `api`; its implementation (api.run.ts) is loaded only when it runs, so the CLI starts fast. */
export function registerApi(program: Command): void {
  program
    .command('api')
    .description('Call any Confluence REST route with the configured auth and print the JSON answer (like `gh api`)')
    .argument('<method>', `HTTP method (${METHODS.join(', ')})`)
    .argument('<path>', 'route below /wiki/api/v2 (or /wiki/rest/api with --v1), e.g. /pages?space-id=123; a /wiki/... path is used as is')
    .option('-d, --data <json|@file>', 'JSON request body, inline or @file')
    .option('-q, --query <key=value>', 'query parameter (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('-H, --header <name:value>', 'extra request header (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--paginate', 'follow _links.next and print every result, one JSON object per line')
    .option('--v1', 'resolve the path below /wiki/rest/api')
    .addHelpText('after', '\nExamples:\n  confluence-sync api GET /spaces -q keys=DOCS\n  confluence-sync api GET /pages -q space-id=98306 --paginate\n  confluence-sync api POST /content/123/label --v1 -d \'[{"prefix":"global","name":"docs"}]\'')
    .action(async (method: string, path: string, flags: ApiFlags) => (await import('./api.run.js')).runApi(method, path, flags));
}
