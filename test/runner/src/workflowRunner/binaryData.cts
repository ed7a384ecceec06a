// n8n-core's real BinaryDataService, registered in the @n8n/di container the node helpers read from
// (prepareBinaryData, getBinaryStream, getBinaryMetadata, getBinaryDataBuffer all call Container.get).
//
// One service per module registry (i.e. per jest test file), switched per run between:
//  - 'default':    no manager for the active mode, so the service keeps bytes base64 in the item
//                  (`binary.data`, no `binary.id`) — n8n's historical in-memory mode;
//  - 'filesystem': the service's own filesystem manager (FsByteStore) under a private temp directory, so
//                  items carry `binary.id = 'filesystem-v2:…'` and getBinaryStream() streams from disk.
// The mode is service-wide state, so runs of different modes must not overlap; the guard below refuses it.
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type BinaryMode = 'default' | 'filesystem';

type ServiceArgs = ConstructorParameters<typeof BinaryDataService>;

/** Private fields of BinaryDataService the runner switches (n8n-core 2.41: `mode`, `managers`). */
interface ServiceInternals {
	mode: string;
	managers: Record<string, unknown>;
}

interface State {
	service: BinaryDataService;
	storagePath: string;
	filesystemReady?: Promise<void>;
	active: Record<BinaryMode, number>;
	errors: Error[];
}

let state: State | undefined;

function quietLogger(): ServiceArgs[2] {
	const noop = () => undefined;
	const logger = { debug: noop, info: noop, warn: noop, error: noop, scoped: () => logger };
	return logger as unknown as ServiceArgs[2];
}

function create(): State {
	// Under jest, inside the run's folder that test/runner/src/jestGlobalTeardown.js removes (an 'exit' listener
	// on a test's `process` never fires: see test/runner/src/jestGlobalSetup.js); elsewhere, removed at exit.
	const jestRoot = process.env.SYNCLABS_JEST_TMP;
	const storagePath = mkdtempSync(path.join(jestRoot ?? tmpdir(), 'synclabs-runner-binary-'));
	if (!jestRoot) process.once('exit', () => rmSync(storagePath, { recursive: true, force: true }));
	const errors: Error[] = [];
	// Shaped like n8n-core's BinaryDataConfig after env parsing.
	const config = {
		mode: 'filesystem',
		availableModes: ['filesystem'],
		localStoragePath: storagePath,
		signingSecret: randomBytes(32).toString('base64'),
		dbMaxFileSize: 512,
	} as unknown as ServiceArgs[0];
	const errorReporter = { error: (error: unknown) => errors.push(error as Error) } as unknown as ServiceArgs[1];
	const service = new BinaryDataService(config, errorReporter, quietLogger());
	return { service, storagePath, active: { default: 0, filesystem: 0 }, errors };
}

export interface BinaryLease {
	mode: BinaryMode;
	service: BinaryDataService;
	storagePath: string;
	release(): void;
}

/** Makes the container's BinaryDataService work in `mode` for one run; call release() when the run ends. */
export async function acquireBinaryMode(mode: BinaryMode): Promise<BinaryLease> {
	state ??= create();
	const current = state;
	const other: BinaryMode = mode === 'default' ? 'filesystem' : 'default';
	if (current.active[other] > 0) {
		throw new Error(
			`workflowRunner: a run in binaryMode "${other}" is still in progress; runs with different binary modes cannot overlap (the BinaryDataService mode is process-wide)`,
		);
	}
	if (mode === 'filesystem') {
		current.filesystemReady ??= current.service.init();
		await current.filesystemReady;
	}
	(current.service as unknown as ServiceInternals).mode = mode === 'filesystem' ? 'filesystem-v2' : 'default';
	Container.set(BinaryDataService, current.service);
	current.active[mode] += 1;
	let released = false;
	return {
		mode,
		service: current.service,
		storagePath: current.storagePath,
		release() {
			if (released) return;
			released = true;
			current.active[mode] -= 1;
		},
	};
}

/** The bytes of a binary value, whether it lives in the item (base64) or in the store (by id). */
export async function readBinaryData(service: BinaryDataService, binary: IBinaryData): Promise<Buffer> {
	return await service.getAsBuffer(binary);
}

/** Deletes the files one execution stored (filesystem mode); a no-op for in-memory data. */
export async function deleteExecutionBinaryData(service: BinaryDataService, workflowId: string, executionId: string): Promise<void> {
	const internals = service as unknown as ServiceInternals;
	if (!internals.managers.filesystem) return;
	const previousMode = internals.mode;
	internals.mode = 'filesystem-v2';
	try {
		await service.deleteMany([{ type: 'execution', workflowId, executionId }]);
	} finally {
		internals.mode = previousMode;
	}
}
