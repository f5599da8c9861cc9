// Jest runs the TypeScript sources as native ESM (the @actions/* packages are ESM-only).
// ts-jest only transpiles here; `npm run build` does the type check.
export default {
  testEnvironment: '<rootDir>/__tests__/environment/test-environment.js',
  // The run's own temporary folder, checked empty at the end (see test-environment.js).
  globalSetup: '<rootDir>/__tests__/environment/run-folder.js',
  globalTeardown: '<rootDir>/__tests__/environment/run-folder-check.js',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  reporters: ['default', '<rootDir>/scripts/plain-summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2
}
