// Unit and emulator-integration tests. The real-n8n end-to-end suite has its own config (test/e2e).
const os = require('os');
const path = require('path');

// n8n-core's InstanceSettings writes a config file into N8N_USER_FOLDER when it loads.
process.env.N8N_USER_FOLDER = process.env.N8N_USER_FOLDER || path.join(os.tmpdir(), 'n8n-nodes-synclabs-jest');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 30000,
};
