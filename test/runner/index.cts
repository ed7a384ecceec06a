// The in-process runner's one entry: test files outside test/runner/ and scripts import it from here, not
// from src/. runNode/resumeWaitingRun (the Sync Labs node in a small workflow), createPoller (the Polling
// Trigger), createWebhookContext (the Webhook Trigger's webhook()), runListSearch (list-search methods),
// createApiContext (a context to call the Sync client directly), syncLabsToolNodeType (the node as an AI Agent's tool).
export * from './src/workflowRunner.cjs';
export * from './src/pollRunner.cjs';
export * from './src/webhookContext.cjs';
export * from './src/listSearch.cjs';
export * from './src/apiContext.cjs';
export * from './src/toolVariant.cjs';
