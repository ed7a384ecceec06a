export * from './n8n.cjs';
export * from './pack.cjs';
export * from './paths.cjs';
export * from './ports.cjs';
export * from './deliver.cjs';
