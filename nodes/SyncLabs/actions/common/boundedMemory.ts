// In-process memory of what one node run did, for n8n's Retry On Fail, which runs the node again in the same
// process: an upload held from its start, a request whose outcome is unknown, a speech already made. Bounded, so a
// long-lived worker does not grow without end: the oldest entries go first.
const MEMORY_LIMIT = 1000;

/** Sets `key` to `value` as the newest entry of `memory`, and drops the oldest beyond the bound. */
export function remember<V>(memory: Map<string, V>, key: string, value: V): void {
	memory.delete(key);
	memory.set(key, value);
	while (memory.size > MEMORY_LIMIT) memory.delete(memory.keys().next().value as string);
}
