import { readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildProgram } from '../../src/cli/program.js';
import { variablesOf } from '../../src/client/auth/settings.js';

/**
 * The CI templates in templates/: valid YAML of the expected shape, and every confluence-sync
 * command line in them names a command and options the CLI has, with their values.
 */
const read = (name: string) => readFileSync(new URL(`../../templates/${name}`, import.meta.url), 'utf8');

function parseYaml(name: string): Record<string, unknown> {
  const doc = parseDocument(read(name), { prettyErrors: true });
  expect(doc.errors.map(String)).toEqual([]);
  expect(doc.warnings.map(String)).toEqual([]);
  return doc.toJS() as Record<string, unknown>;
}

/** Every `confluence-sync …` (or `npx confluence-sync@x …`) command line in the scripts, as argv. */
function invocations(scripts: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const script of scripts) {
    for (const line of script.split('\n')) {
      const m = /(?:^|\s)confluence-sync(?:@[\w.^~-]+)?\s+([^#\n]*)/.exec(line);
      if (m) out.push(m[1]!.trim().split(/\s+/));
    }
  }
  return out;
}

/** Checks argv against the commander program: the command exists, each option is one of its own, with a value when it takes one. */
function checkAgainstProgram(argv: readonly string[]): void {
  const program = buildProgram();
  const [name, ...rest] = argv;
  const command = program.commands.find((c: Command) => c.name() === name);
  expect(command, `command ${name}`).toBeDefined();
  const options = command!.options as readonly Option[];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    if (!token.startsWith('-')) continue;
    const [flag, inline] = token.split('=', 2);
    const option = options.find((o) => o.long === flag || o.short === flag);
    expect(option, `${name} ${flag}`).toBeDefined();
    if (option!.required && inline === undefined) {
      const value = rest[i + 1];
      expect(value !== undefined && !value.startsWith('-'), `${name} ${flag} needs a value`).toBe(true);
      if (option!.argChoices) expect(option!.argChoices).toContain(value);
      i++;
    }
  }
}

const CLI_VARIABLES = new Set(Object.values(variablesOf).flat());

interface Step {
  uses?: string;
  run?: string;
  if?: string;
}
interface Job {
  if?: string;
  steps: Step[];
  permissions?: Record<string, string>;
}

describe('templates/github-action.yml', () => {
  const workflow = parseYaml('github-action.yml') as { on: Record<string, { branches?: string[] } | null>; env: Record<string, string>; jobs: Record<string, Job> };

  it('checks pull requests and publishes on merge to main', () => {
    expect(workflow.on.push?.branches).toEqual(['main']);
    expect(workflow.on).toHaveProperty('pull_request');
    const { check, publish } = workflow.jobs;
    expect(check!.if).toContain("github.event_name == 'pull_request'");
    expect(publish!.if).toContain("github.event_name != 'pull_request'");
    expect(invocations(check!.steps.flatMap((s) => s.run ?? [])).map((a) => a[0])).toEqual(['check']);
    expect(invocations(publish!.steps.flatMap((s) => s.run ?? [])).map((a) => a[0])).toEqual(['push']);
    expect(publish!.permissions).toEqual({ contents: 'write' });
    expect(check!.permissions).toEqual({ contents: 'read' });
  });

  it('passes the credentials as secrets in the variables the CLI reads, never inline', () => {
    for (const [name, value] of Object.entries(workflow.env)) {
      expect(CLI_VARIABLES.has(name), name).toBe(true);
      expect(value).toMatch(/^\$\{\{ (secrets|vars)\.[A-Z_]+ \}\}$/);
    }
    expect(workflow.env.CONFLUENCE_API_TOKEN).toBe('${{ secrets.CONFLUENCE_API_TOKEN }}');
  });

  it('calls only commands and options that exist', () => {
    const all = invocations(Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => s.run ?? [])));
    expect(all.length).toBe(2);
    for (const argv of all) checkAgainstProgram(argv);
  });
});

describe('templates/gitlab-ci.yml', () => {
  const ci = parseYaml('gitlab-ci.yml') as Record<string, { extends?: string; stage?: string; script?: string[]; rules?: Array<{ if: string }>; image?: string }>;

  it('checks merge requests and publishes the default branch, one publish at a time', () => {
    const check = ci['confluence-sync check']!;
    const publish = ci['confluence-sync publish']! as { rules: Array<{ if: string }>; resource_group?: string; script: string[] };
    expect(check.rules?.[0]?.if).toBe('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(publish.rules[0]?.if).toBe('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
    expect(publish.resource_group).toBe('confluence-sync');
    expect(invocations(check.script ?? []).map((a) => a[0])).toEqual(['check']);
    expect(invocations(publish.script).map((a) => a[0])).toEqual(['push']);
    expect(ci['.confluence-sync']!.image).toMatch(/^node:\d+$/);
  });

  it('calls only commands and options that exist', () => {
    const all = invocations(Object.values(ci).flatMap((job) => job.script ?? []));
    expect(all.length).toBe(2);
    for (const argv of all) checkAgainstProgram(argv);
  });
});

describe('the template checker', () => {
  it('catches an unknown command, an unknown option and a missing value', () => {
    expect(() => checkAgainstProgram(['publish'])).toThrow();
    expect(() => checkAgainstProgram(['push', '--no-such-flag'])).toThrow();
    expect(() => checkAgainstProgram(['push', '--json-file'])).toThrow();
    expect(() => checkAgainstProgram(['push', '--orphans', 'burn'])).toThrow();
    checkAgainstProgram(['push', '--orphans', 'delete', '--ci', '--json-file', 'x.json']);
  });
});
