// Jest runs the TypeScript sources as native ESM (the @actions/* packages are ESM-only).
// ts-jest only transpiles here; `npm run build` does the type check.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/remove-runs.ts'],
  reporters: ['default', '<rootDir>/scripts/plain-summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2
}
