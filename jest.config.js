// Unit and emulator-integration tests. The real-n8n end-to-end suite has its own config (test/e2e).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.cts'],
  // Test code is CommonJS TypeScript (.cts, see docs/layout.md#why-the-tests-are-cts-files); its imports name
  // each other with .cjs specifiers, as TypeScript's own resolution does.
  moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
  resolver: '<rootDir>/test/cjsToCtsResolver.js',
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  // one temp folder per run (N8N_USER_FOLDER, binary-data stores), removed at the end: nothing left in /tmp
  globalSetup: '<rootDir>/test/runner/src/jestGlobalSetup.js',
  globalTeardown: '<rootDir>/test/runner/src/jestGlobalTeardown.js',
  testTimeout: 30000,
  // Three workers on two cores: part of the suite's time is tests waiting (emulator timers, Max Wait Times, real
  // HTTP, child processes), which a third worker fills. Measured side by side on the 2-core machine, same commit:
  // 2 workers 133 s, 3 workers 109 s (docs/testing.md). With jest's default (one fewer than the cores) a
  // 2-core machine runs every file one after the other. A number: jest 29 reads '150%' as 150 workers.
  maxWorkers: Math.max(1, Math.round(require('os').cpus().length * 1.5)),
};
