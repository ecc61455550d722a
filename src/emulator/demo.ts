import type { Seed } from './seed.js';

/**
 * The data `confluence-sync serve` starts with when given neither `--seed` nor `--data`: a space
 * `DEMO` with a small page tree that shows the storage constructs a sync tool meets (headings, a
 * code macro, an info panel, a table, a task list, labels, an image attachment, a folder), so a
 * newcomer has something to pull, edit and push. It is an ordinary seed: it loads through the same
 * rules as the API.
 */

const architectureSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="80" viewBox="0 0 360 80">
  <rect x="5" y="20" width="100" height="40" rx="6" fill="#deebff" stroke="#0052cc"/>
  <text x="55" y="45" font-family="sans-serif" font-size="13" text-anchor="middle">Markdown</text>
  <rect x="130" y="20" width="100" height="40" rx="6" fill="#e3fcef" stroke="#00875a"/>
  <text x="180" y="45" font-family="sans-serif" font-size="13" text-anchor="middle">sync</text>
  <rect x="255" y="20" width="100" height="40" rx="6" fill="#fffae6" stroke="#ff8b00"/>
  <text x="305" y="45" font-family="sans-serif" font-size="13" text-anchor="middle">Confluence</text>
  <path d="M105 40h25M230 40h25" stroke="#172b4d" stroke-width="2"/>
</svg>
`;

const home = [
  '<h1>Welcome to the demo space</h1>',
  '<p>This space lives in the <strong>confluence-sync</strong> emulator on your machine: nothing here reaches a real Confluence site. Pull it, edit it, push it back, break it.</p>',
  '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Where to start</ac:parameter><ac:rich-text-body>',
  '<p>Read <ac:link><ri:page ri:content-title="Getting started" /></ac:link>, then look at how the pages below are stored with <code>GET /wiki/api/v2/pages?body-format=storage</code>.</p>',
  '</ac:rich-text-body></ac:structured-macro>',
  '<h2>In this space</h2>',
  '<ac:structured-macro ac:name="children"><ac:parameter ac:name="all">true</ac:parameter></ac:structured-macro>',
].join('');

const gettingStarted = [
  '<h1>Getting started</h1>',
  '<p>confluence-sync publishes a tree of Markdown files as a tree of Confluence pages, and pulls pages back into Markdown.</p>',
  '<h2>Point it at this emulator</h2>',
  '<p>Start the emulator and use the credentials it prints:</p>',
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter><ac:parameter ac:name="title">Terminal</ac:parameter>',
  '<ac:plain-text-body><![CDATA[npx confluence-sync serve --port 8090\ncurl -u "$EMAIL:$TOKEN" "http://127.0.0.1:8090/wiki/api/v2/spaces?keys=DEMO"]]></ac:plain-text-body></ac:structured-macro>',
  '<ac:structured-macro ac:name="note"><ac:rich-text-body><p>The emulator keeps its data in memory unless you start it with <code>--data FILE</code>.</p></ac:rich-text-body></ac:structured-macro>',
  '<h2>Next steps</h2>',
  '<ul><li><p>Read <ac:link><ri:page ri:content-title="Architecture" /></ac:link>.</p></li><li><p>Work through the <ac:link><ri:page ri:content-title="Release checklist" /><ac:plain-text-link-body><![CDATA[release checklist]]></ac:plain-text-link-body></ac:link>.</p></li></ul>',
].join('');

const install = [
  '<h1>Install</h1>',
  '<p>confluence-sync needs Node.js 20.19 or later.</p>',
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter>',
  '<ac:plain-text-body><![CDATA[npm install --save-dev confluence-sync\nnpx confluence-sync --help]]></ac:plain-text-body></ac:structured-macro>',
].join('');

const configuration = [
  '<h1>Configuration</h1>',
  '<p>Settings come from <code>confluence-sync.config.json</code> and from the environment.</p>',
  '<table><tbody>',
  '<tr><th><p>Variable</p></th><th><p>Meaning</p></th></tr>',
  '<tr><td><p><code>CONFLUENCE_EMAIL</code></p></td><td><p>The account of an API token</p></td></tr>',
  '<tr><td><p><code>CONFLUENCE_API_TOKEN</code></p></td><td><p>An Atlassian API token (Basic auth)</p></td></tr>',
  '<tr><td><p><code>CONFLUENCE_ACCESS_TOKEN</code></p></td><td><p>An OAuth 2.0 access token (Bearer, through api.atlassian.com)</p></td></tr>',
  '</tbody></table>',
  '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">json</ac:parameter>',
  '<ac:plain-text-body><![CDATA[{\n  "space": "DEMO",\n  "root": "docs"\n}]]></ac:plain-text-body></ac:structured-macro>',
].join('');

const architecture = [
  '<h1>Architecture</h1>',
  '<p>Three parts, one direction at a time:</p>',
  '<ac:image ac:alt="Markdown to sync to Confluence"><ri:attachment ri:filename="architecture.svg" /></ac:image>',
  '<table><tbody>',
  '<tr><th><p>Part</p></th><th><p>Job</p></th><th><p>Talks to</p></th></tr>',
  '<tr><td><p>Converter</p></td><td><p>Markdown ⇄ storage format</p></td><td><p>nothing (pure)</p></td></tr>',
  '<tr><td><p>Planner</p></td><td><p>Decides what to create, update, move or delete</p></td><td><p>the lockfile</p></td></tr>',
  '<tr><td><p>Client</p></td><td><p>Calls the REST API with retries and pagination</p></td><td><p>Confluence Cloud</p></td></tr>',
  '</tbody></table>',
  '<ac:structured-macro ac:name="warning"><ac:parameter ac:name="title">Never compare storage text</ac:parameter><ac:rich-text-body>',
  '<p>Confluence rewrites a body when it saves it. Compare version numbers and hashes of what you sent.</p>',
  '</ac:rich-text-body></ac:structured-macro>',
].join('');

const checklist = [
  '<h1>Release checklist</h1>',
  '<ac:task-list>',
  '<ac:task><ac:task-status>complete</ac:task-status><ac:task-body>Run <code>npm test</code></ac:task-body></ac:task>',
  '<ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Update the changelog</ac:task-body></ac:task>',
  '<ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Publish the docs with <code>confluence-sync push</code></ac:task-body></ac:task>',
  '</ac:task-list>',
].join('');

const planning = [
  '<h2>Attendees</h2>',
  '<ul><li><p>Ada</p></li><li><p>Grace</p></li></ul>',
  '<h2>Decisions</h2>',
  '<p>Ship the emulator first; everything else is tested against it.</p>',
  '<h2>Action items</h2>',
  '<ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Write the seed file format down</ac:task-body></ac:task></ac:task-list>',
].join('');

export const demoSeed: Seed = {
  spaces: [
    {
      key: 'DEMO',
      name: 'Demo',
      description: 'A demo space served by the confluence-sync emulator.',
      homepage: { title: 'Demo Home', body: home, labels: ['start-here'] },
      pages: [
        {
          title: 'Getting started',
          body: gettingStarted,
          labels: ['howto', 'getting-started'],
          children: [
            { title: 'Install', body: install, labels: ['howto'] },
            { title: 'Configuration', body: configuration, labels: ['howto', 'reference'] },
          ],
        },
        {
          title: 'Architecture',
          body: architecture,
          labels: ['architecture'],
          properties: { 'content-appearance-published': 'full-width', 'content-appearance-draft': 'full-width' },
          attachments: [{ filename: 'architecture.svg', mediaType: 'image/svg+xml', text: architectureSvg, comment: 'Overview diagram' }],
        },
        { title: 'Release checklist', body: checklist, labels: ['checklist'] },
        {
          type: 'folder',
          title: 'Meeting notes',
          children: [{ title: '2026-01-12 Planning', body: planning, labels: ['meeting-notes'] }],
        },
      ],
      blogposts: [
        {
          title: 'Hello from the emulator',
          body: '<p>Blog posts live beside the page tree. This one exists so that a sync tool can see how they are listed.</p>',
          labels: ['announcement'],
        },
      ],
    },
  ],
};
