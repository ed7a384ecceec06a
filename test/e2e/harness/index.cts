// The e2e harness's entry: scripts/ (npm start, the bench) use the harness only through here.
export * from './n8n.cjs';
export * from './pack.cjs';
export * from './paths.cjs';
export * from './ports.cjs';
export * from './deliver.cjs';
export * from './queue.cjs';
export * from './load.cjs';
