import { fixtureBody } from './pull-helpers.js';

/** Two tiny PNG images (2×2 red, 3×1 blue). */
export const RED_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg==';
export const BLUE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAABCAIAAACUgoPjAAAADUlEQVR4nGNgYPgPQQAL/gL+kc2Z/gAAAABJRU5ErkJggg==';

/** Titles no file name can hold as they are. */
export const HOSTILE = {
  traversal: '../../etc/passwd',
  dots: '..',
  reserved: 'CON',
  windows: 'a\\b: c*?|<>"',
  emojiOnly: '🎉',
  index: 'Index',
} as const;

/**
 * A space as teams have them: the converter's storage fixtures as bodies (macros, tables, images,
 * links, tasks, layouts, footnotes, mentions), pages nested four levels deep, labels, attachments,
 * titles with `/`, `..`, emoji, Windows reserved names and characters, titles that slug alike, and
 * a blog post.
 */
export function realisticSeed(key = 'PULL'): unknown {
  return {
    spaces: [
      {
        key,
        name: 'Pull test',
        homepage: { title: 'Pull Home', body: fixtureBody('headings-and-paragraphs') },
        pages: [
          {
            title: 'Guide',
            body: fixtureBody('links-to-pages'),
            labels: ['guide', 'how-to'],
            children: [
              {
                title: 'Getting Started',
                body: fixtureBody('code-macro'),
                children: [
                  {
                    title: 'Level 3 / Deep',
                    body: fixtureBody('table-simple'),
                    children: [{ title: HOSTILE.traversal, body: fixtureBody('task-list-cloud'), labels: ['deep'] }],
                  },
                ],
              },
              {
                title: 'Images',
                body: fixtureBody('images-attachment'),
                attachments: [
                  { filename: 'arch.png', base64: RED_PNG, mediaType: 'image/png' },
                  { filename: 'flow.png', base64: BLUE_PNG, mediaType: 'image/png' },
                ],
              },
              { title: 'Macros', body: fixtureBody('expand-macro') },
            ],
          },
          { title: 'FAQ', body: fixtureBody('callouts-default-titles') },
          { title: HOSTILE.reserved, body: fixtureBody('lists-loose-cloud') },
          { title: '🚀 Launch plan', body: fixtureBody('emoticons') },
          { title: HOSTILE.emojiOnly, body: fixtureBody('table-merged-cells') },
          { title: 'Hello World', body: fixtureBody('links-external') },
          { title: 'Hello, World!', body: fixtureBody('status-lozenges') },
          { title: HOSTILE.index, body: fixtureBody('mentions-and-dates') },
          { title: HOSTILE.dots, body: fixtureBody('footnotes') },
          { title: HOSTILE.windows, body: fixtureBody('unknown-macros') },
          { title: 'Tables', body: fixtureBody('table-cloud-paragraph-cells'), children: [{ title: 'Layout', body: fixtureBody('layout-two-columns') }] },
          { title: 'Jira', body: fixtureBody('jira-macros') },
          { title: 'Tasks', body: fixtureBody('task-with-mention-and-date') },
        ],
        blogposts: [{ title: 'Launch day', body: fixtureBody('inline-formatting'), createdAt: '2026-01-02T09:00:00.000Z', labels: ['news'] }],
      },
    ],
  };
}

/** What the first pull of `realisticSeed()` writes under docs/ (page files and attachments). */
export const REALISTIC_TREE = [
  'a-b-c.md',
  'con-page.md',
  'faq.md',
  'guide/getting-started/index.md',
  'guide/getting-started/level-3-deep/etc-passwd.md',
  'guide/getting-started/level-3-deep/index.md',
  'guide/images.assets/arch.png',
  'guide/images.assets/flow.png',
  'guide/images.md',
  'guide/index.md',
  'guide/macros.md',
  'hello-world-2.md',
  'hello-world.md',
  'index-page.md',
  'jira.md',
  'launch-plan.md',
  'tables/index.md',
  'tables/layout.md',
  'tasks.md',
];
