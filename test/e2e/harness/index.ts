export * from './n8n';
export * from './pack';
export * from './paths';
export * from './ports';
export * from './deliver';
