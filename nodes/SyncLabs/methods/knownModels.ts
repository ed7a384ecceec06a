/** Models known to exist (SDK 0.3.0), offered when the model list cannot be loaded (no credential yet, offline). */
export const KNOWN_MODELS = ['lipsync-1.9.0-beta', 'lipsync-2', 'lipsync-2-pro', 'react-1', 'sync-3'];
