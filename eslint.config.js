import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // French typography puts a non-breaking space before « : ; ! ? » in what users read.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      // Domain code takes time and randomness from the injected Clock and Random.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Utilisez le Random injecté (src/kernel/random.ts).' },
      ],
    },
  },
  {
    // Page scripts run in the browser.
    files: ['src/**/static/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'indexedDB', 'crypto', 'btoa', 'TextEncoder', 'fetch', 'setInterval', 'FormData'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
  {
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
