// The wire check of the Sync client itself (nodes/SyncLabs/api): every client function, called directly against
// the emulator, sends requests and gets answers of the @sync.so/sdk 0.3.0 types, apart from the exceptions in
// test/wire/exceptions.cts; and the client and the wire check know the same endpoints. fidelity.test.cts
// checks what the nodes' operations send through it.
import { startEmulator, type Emulator } from '../emulator/index.cjs';
import { createApiContext } from '../runner/index.cjs';
import { callEveryEndpoint, ENDPOINT_FUNCTIONS, type EndpointCall, type EndpointFunction } from '../api/everyEndpoint.cjs';
import { checkRequests, ENDPOINTS, kindOf } from './wireCheck.cjs';

let emulator: Emulator;
let calls: Record<EndpointFunction, EndpointCall>;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, pendingMs: 5, processingMs: 20 });
	calls = await callEveryEndpoint(createApiContext({ apiKey: 'key-wire-client', baseUrl: emulator.url }), emulator);
}, 60_000);
afterAll(() => emulator.stop());

describe('wire fidelity of the Sync client against the @sync.so/sdk 0.3.0 types', () => {
	it('sends every request and gets every answer in the SDK\'s shape, apart from the listed exceptions', () => {
		const report = checkRequests(ENDPOINT_FUNCTIONS.flatMap((name) => calls[name].requests));
		expect(report.failures).toEqual([]);
	});

	it('checks every function\'s requests: each is an endpoint the wire check knows', () => {
		for (const name of ENDPOINT_FUNCTIONS) {
			const kinds = calls[name].requests.map((r) => kindOf(r));
			expect(kinds.length).toBeGreaterThan(0);
			expect(kinds.filter((k) => !k.endpoint).map((k) => `${name}: ${k.kind}`)).toEqual([]);
		}
	});

	it('reaches every endpoint the wire check knows, so no endpoint is checked only through the operations', () => {
		const reached = new Set(ENDPOINT_FUNCTIONS.flatMap((name) => calls[name].requests.map((r) => kindOf(r).endpoint?.name)));
		// The PUT of an upload goes to storage through transport/signedUrl.ts, not through the client.
		const apiEndpoints = ENDPOINTS.map((e) => e.name).filter((name) => name !== 'PUT <presigned upload URL>');
		expect(apiEndpoints.filter((name) => !reached.has(name))).toEqual([]);
	});
});
