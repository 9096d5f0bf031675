// ESLint: the type-aware rules that catch real bugs in this code base (promises nobody awaits, promises passed where a
// plain callback is expected, switches that miss a case) and the layer rule of docs/architecture.md: data flows one way,
// adapters → app → domain. `npm run check` runs it with Prettier and the type checker.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** domain/ is pure: its own files, zod, date-holidays and node:crypto — no app/, adapters/, SDK, I/O or clock. */
const DOMAIN_MAY_IMPORT = String.raw`^(?!\./|zod$|date-holidays$|node:crypto$)`;
/** app/ (use cases) imports domain/ and its own files only: no adapters/, cli/, composition root or npm package. */
const APP_MUST_NOT_IMPORT = String.raw`(^|/)(adapters|cli)/|(^|/)(main|config|create-app-context)\.js$|^(?!\.{1,2}/)`;

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'manifest/build/', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: DOMAIN_MAY_IMPORT,
              message:
                'domain/ is pure: import only domain files, zod, date-holidays or node:crypto (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: APP_MUST_NOT_IMPORT,
              message:
                'app/ depends on domain/ and its own ports only: no adapters/, cli/ or npm package (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benches index Teams-shaped JSON freely; src/ stays without `any`.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
