// @ts-check
// ESLint with typescript-eslint's type-checked rules, for the TypeScript sources and the JavaScript
// (simulator, scripts, bench, tests' helpers) that tsconfig.json checks with checkJs.
// Formatting is Prettier's business (.prettierrc.json); no rule here is about layout.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  // recommendedTypeChecked, not strictTypeChecked: strict adds ~200 findings here that are mostly
  // style (numbers in template literals, `() => void call()` shorthands), not bugs.
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // The project service reads tsconfig.json, so ESLint sees the types tsc sees.
        projectService: { allowDefaultProject: ['eslint.config.js', 'jest.config.js'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    rules: {
      // The code's convention, which tsc's noUnusedParameters follows too: a leading _ marks a name
      // kept on purpose (a parameter a signature needs, a property split off with ...rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }]
    }
  }
)
