/**
 * Code-fence languages → the names the Confluence Cloud code macro highlights
 * (confluence-api-notes §10.2, the Cloud editor list). The pull converter reads the same table
 * backwards through {@link CONFLUENCE_CODE_LANGUAGES}.
 */

/** Every language name the Cloud code macro is known to highlight. */
export const CONFLUENCE_CODE_LANGUAGES: ReadonlySet<string> = new Set([
  'abap', 'actionscript3', 'ada', 'applescript', 'arduino', 'autoit', 'bash', 'c', 'c#', 'clojure',
  'coffeescript', 'coldfusion', 'cpp', 'css', 'cuda', 'd', 'dart', 'diff', 'docker', 'elixir', 'erl',
  'fortran', 'foxpro', 'go', 'graphql', 'groovy', 'handlebars', 'haskell', 'haxe', 'hcl', 'html', 'java',
  'javafx', 'js', 'json', 'jsx', 'julia', 'kotlin', 'livescript', 'lua', 'markdown', 'mathematica',
  'matlab', 'nginx', 'none', 'objective-c', 'objective-j', 'ocaml', 'octave', 'pas', 'perl', 'php',
  'powershell', 'prolog', 'protobuf', 'puppet', 'python', 'qbs', 'r', 'racket', 'restructuredtext',
  'ruby', 'rust', 'sass', 'scala', 'scheme', 'smalltalk', 'splunk-spl', 'sql', 'standardml', 'swift',
  'tcl', 'tex', 'toml', 'tsx', 'typescript', 'vala', 'vb', 'vbnet', 'verilog', 'vhdl', 'xml', 'xquery',
  'yaml',
]);

/** Aliases people write in fences, lower-cased, → a name from {@link CONFLUENCE_CODE_LANGUAGES}. */
const ALIASES: Readonly<Record<string, string>> = {
  // plain text
  text: 'none', txt: 'none', plain: 'none', plaintext: 'none', nohighlight: 'none', 'no-highlight': 'none',
  // shells
  sh: 'bash', shell: 'bash', zsh: 'bash', ksh: 'bash', console: 'bash', 'shell-session': 'bash',
  shellsession: 'bash', terminal: 'bash', ps: 'powershell', ps1: 'powershell', pwsh: 'powershell',
  // JavaScript family
  javascript: 'js', mjs: 'js', cjs: 'js', node: 'js', ecmascript: 'js', ts: 'typescript', mts: 'typescript',
  cts: 'typescript', jsonc: 'json', json5: 'json', coffee: 'coffeescript', ls: 'livescript',
  // C family
  h: 'c', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', hxx: 'cpp', 'h++': 'cpp', cs: 'c#',
  csharp: 'c#', objc: 'objective-c', objectivec: 'objective-c', 'obj-c': 'objective-c', cu: 'cuda',
  // scripting
  py: 'python', python3: 'python', py3: 'python', gyp: 'python', rb: 'ruby', pl: 'perl', perl5: 'perl',
  // JVM and others
  kt: 'kotlin', kts: 'kotlin', gradle: 'groovy', clj: 'clojure', cljs: 'clojure', golang: 'go',
  rs: 'rust', hs: 'haskell', ex: 'elixir', exs: 'elixir', erlang: 'erl', jl: 'julia', ml: 'ocaml',
  rkt: 'racket', scm: 'scheme', sml: 'standardml', hx: 'haxe', pascal: 'pas', delphi: 'pas',
  vba: 'vb', 'visual-basic': 'vb', 'vb.net': 'vbnet', ino: 'arduino', f90: 'fortran', f95: 'fortran',
  // markup, data and config
  yml: 'yaml', htm: 'html', xhtml: 'html', svg: 'xml', xsd: 'xml', xsl: 'xml', xslt: 'xml', plist: 'xml',
  rss: 'xml', atom: 'xml', md: 'markdown', mdown: 'markdown', mkd: 'markdown', rst: 'restructuredtext',
  rest: 'restructuredtext', latex: 'tex', scss: 'sass', hbs: 'handlebars', mustache: 'handlebars',
  dockerfile: 'docker', containerfile: 'docker', tf: 'hcl', terraform: 'hcl', proto: 'protobuf',
  gql: 'graphql', patch: 'diff', udiff: 'diff', mysql: 'sql', pgsql: 'sql', postgres: 'sql',
  postgresql: 'sql', plsql: 'sql', tsql: 'sql', sqlite: 'sql', spl: 'splunk-spl', splunk: 'splunk-spl',
  cfm: 'coldfusion', as3: 'actionscript3', actionscript: 'actionscript3', m: 'matlab', pp: 'puppet',
  nginxconf: 'nginx', v: 'verilog', sv: 'verilog', systemverilog: 'verilog', vhd: 'vhdl',
};

/**
 * The Confluence language name for a fence's language, or `undefined` when none is known: then
 * the macro gets no `language` parameter (Confluence shows it as plain text and never rejects it).
 */
export function confluenceCodeLanguage(fenceLanguage: string): string | undefined {
  const key = fenceLanguage.toLowerCase();
  if (CONFLUENCE_CODE_LANGUAGES.has(key)) return key;
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}
