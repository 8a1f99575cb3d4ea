// Process boundaries and security rules. Only main/index.ts, main/shell/ and preload/ may
// import electron; the renderer never imports main/ or the search engine (common/search/);
// common/ imports neither.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import security from 'eslint-plugin-security';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronBan = {
  name: 'electron',
  message: 'Only main/index.ts, main/shell/ and preload/ may import electron; inject what you need instead.',
};
const electronPatterns = [{ group: ['electron/*'], message: electronBan.message }];

/** common/ is shared by every process, so it may not reach into one. */
const PROCESSES_BAN = { group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**'], message: 'common/ imports nothing from the processes.' };
/** The search engine runs in main and the server only (Node APIs, FlexSearch; it must not ship in the renderer). */
const SEARCH_ENGINE_BAN = 'The search engine (common/search/) is for main and the server only; the renderer asks main over window.cuecard.';

/** main/application/. */
const APPLICATION = ['**/application/*'];
/** Adapters (IPC, the Electron shell, the CLI, OS paste, the log file) and the composition root (main/core/). */
const ADAPTERS = ['**/ipc/*', '**/shell/*', '**/shell/**', '**/cli/*', '**/cli/**', '**/paste/*', '**/log/*', '**/core/*'];
/** What every layer may use from main/core/: the contracts between layers. */
const SHARED_CONTRACTS = ['!**/core/ports', '!**/core/domain-error'];

/**
 * `no-restricted-imports` for `files`: the electron ban plus `patterns`. Flat config keeps only
 * the last setting of a rule per file, so every block that restricts imports goes through here.
 */
function restrictImports(files, patterns, paths = [electronBan], extra = {}) {
  return { files, ...extra, rules: { 'no-restricted-imports': ['error', { paths, patterns: [...electronPatterns, ...patterns] }] } };
}

function mainLayer(files, layer, forbidden) {
  const message = `This file is ${layer}; it may not import an outer layer. Take a port (main/core/ports.ts) instead.`;
  return restrictImports(files, [{ group: [...forbidden, ...SHARED_CONTRACTS], message }]);
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'coverage/', 'tests/e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  security.configs.recommended,
  {
    rules: {
      // Object lookups by validated keys are everywhere in a search engine; the rule only guesses.
      'security/detect-object-injection': 'off',
      // Every file path here is computed from the data dir or a CLI argument the user typed; the
      // rule cannot tell those from attacker input. The one place a page asks for a file
      // (app:// protocol) resolves and confines the path explicitly, and is tested for it.
      'security/detect-non-literal-fs-filename': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='sendSync']",
          message: 'IPC is invoke-only: sendSync blocks the renderer.',
        },
      ],
    },
  },
  restrictImports(['**/*.{ts,tsx,js,mjs}'], [], [electronBan], { ignores: ['main/index.ts', 'main/shell/**', 'preload/**'] }),
  // Tests build fake Electron objects against Electron's types; a type import needs no binary.
  restrictImports(['tests/**/*.ts'], [], [{ ...electronBan, allowTypeImports: true }]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'no-unsanitized': noUnsanitized, 'react-hooks': reactHooks },
    rules: {
      ...noUnsanitized.configs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
  restrictImports(['renderer/**/*.{ts,tsx}'], [
    { group: ['**/main/**', '**/server/**', '**/preload/**'], message: 'The renderer talks to main over window.cuecard only.' },
    { group: ['**/common/search', '**/common/search/**'], message: SEARCH_ENGINE_BAN },
    { group: ['zod', 'zod/*'], message: 'zod must not ship in the renderer.' },
    {
      group: ['**/common/ipc-contract', '**/common/knowledge'],
      allowTypeImports: true,
      message: 'Import the contract as types only: zod must not ship in the renderer.',
    },
  ]),
  restrictImports(['common/**/*.ts'], [PROCESSES_BAN, { group: ['**/search', '**/search/**'], message: SEARCH_ENGINE_BAN }], [electronBan], {
    ignores: ['common/search/**'],
  }),
  // The search engine (shared by the app's main process and the server) is plain Node.
  restrictImports(['common/search/**/*.ts'], [PROCESSES_BAN]),
  // Layers inside main/ (docs/architecture.md): domain → application → adapters, wired by the
  // composition root (main/index.ts, main/core/). An inner layer never imports an outer one; all
  // of them may use main/core/ports.ts and main/core/domain-error.ts, the contracts between layers.
  mainLayer(['main/store/**', 'main/search/**', 'main/review/**', 'main/templates/**', 'main/sync/**', 'main/settings/**', 'main/sample-kb/**', 'main/paths.ts'], 'domain', [
    ...APPLICATION,
    ...ADAPTERS,
  ]),
  mainLayer(['main/application/**'], 'application', ADAPTERS),
  mainLayer(['main/ipc/**', 'main/log/**', 'main/paste/**'], 'an adapter', ['**/shell/*', '**/shell/**', '**/cli/*', '**/cli/**', '**/core/*']),
  {
    files: ['main/**/*.ts', 'server/**/*.ts', 'tests/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.{js,ts,mjs}', 'preload/**/*.ts', 'docs/examples/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
