// Replaces the process-wide n8n Logger and ErrorReporter in the @n8n/di container with recorders, so a run
// prints nothing and its result can show what the node logged (this.logger in every node context is
// Container.get(Logger)) and what n8n-core reported as an error (WorkflowExecute reports node failures).
// Both are process-wide: overlapping runs see each other's entries.
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';

export interface RunnerLogEntry {
	level: 'error' | 'warn' | 'info' | 'debug' | 'report';
	message: string;
	meta?: unknown;
}

const collectors = new Set<RunnerLogEntry[]>();

function record(entry: RunnerLogEntry): void {
	for (const collector of collectors) collector.push(entry);
}

function recordingLogger(): Logger {
	const logger = {
		error: (message: string, meta?: unknown) => record({ level: 'error', message, meta }),
		warn: (message: string, meta?: unknown) => record({ level: 'warn', message, meta }),
		info: (message: string, meta?: unknown) => record({ level: 'info', message, meta }),
		debug: (message: string, meta?: unknown) => record({ level: 'debug', message, meta }),
		scoped: () => logger,
	};
	return logger as unknown as Logger;
}

function recordingErrorReporter(): ErrorReporter {
	const report = (error: unknown, options?: unknown) =>
		record({ level: 'report', message: error instanceof Error ? error.message : String(error), meta: options });
	return { error: report, warn: report, info: report } as unknown as ErrorReporter;
}

let installed = false;

/** Starts collecting into a fresh array; call the returned stop() when the run ends. */
export function collectLogs(): { entries: RunnerLogEntry[]; stop(): void } {
	if (!installed) {
		Container.set(Logger, recordingLogger());
		Container.set(ErrorReporter, recordingErrorReporter());
		installed = true;
	}
	const entries: RunnerLogEntry[] = [];
	collectors.add(entries);
	return { entries, stop: () => collectors.delete(entries) };
}
