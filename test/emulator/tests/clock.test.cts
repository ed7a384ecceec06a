// The emulator's injectable clock: Sync's time is the test's, for createdAt, progress, lists and webhooks.
import { createServer } from 'http';
import { startEmulator } from '../index.cjs';

const T0 = Date.parse('2026-11-27T06:00:00Z');
const input = [{ type: 'video', url: 'https://media.example.com/v.mp4?sync_processing_ms=60000' }, { type: 'audio', url: 'https://media.example.com/a.wav' }];

describe('emulator clock', () => {
	it('stamps, advances and lists generations and batches by the injected clock, with created_after strict or inclusive', async () => {
		let now = T0;
		const emu = await startEmulator({ now: () => now, pendingMs: 1000 });
		try {
			const headers = { 'x-api-key': 'k', 'content-type': 'application/json' };
			const g = (await (await fetch(`${emu.url}/v2/generate`, { method: 'POST', headers, body: JSON.stringify({ model: 'lipsync-2', input }) })).json()) as { id: string; createdAt: string };
			expect(g.createdAt).toBe(new Date(T0).toISOString());
			now += 30_000;
			expect(emu.getGeneration(g.id)).toMatchObject({ status: 'PROCESSING' });
			now += 31_000;
			const listed = (await (await fetch(`${emu.url}/v2/generations?limit=10`, { headers })).json()) as Array<{ status: string }>;
			expect(listed.map((x) => x.status)).toEqual(['COMPLETED']);

			const rows = Array.from({ length: 20 }, (_, i) => ({ request_id: `r${i}`, endpoint: '/v2/generate', payload: { model: 'lipsync-2', input } }));
			const b = (await (await fetch(`${emu.url}/v2/batch`, { method: 'POST', headers, body: JSON.stringify({ rows }) })).json()) as { id: string; created_at: string };
			const after = encodeURIComponent(b.created_at);
			expect(await (await fetch(`${emu.url}/v2/batch?created_after=${after}`, { headers })).json()).toEqual([]);
			emu.config.batchCreatedAfterInclusive = true;
			expect(((await (await fetch(`${emu.url}/v2/batch?created_after=${after}`, { headers })).json()) as Array<{ id: string }>).map((x) => x.id)).toEqual([b.id]);
		} finally {
			await emu.stop();
		}
	});

	it('sends a scheduled webhook only when the test moves the clock past it and runs the due timers', async () => {
		let now = T0;
		const received: string[] = [];
		const receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString()));
			req.on('end', () => {
				received.push(body);
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const port = (receiver.address() as { port: number }).port;
		const emu = await startEmulator({ now: () => now, pendingMs: 1000 });
		try {
			const body = { model: 'lipsync-2', input, webhookUrl: `http://127.0.0.1:${port}/hook` };
			await fetch(`${emu.url}/v2/generate`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: JSON.stringify(body) });
			expect(emu.runDueTimers()).toBe(0);
			now += 61_000;
			expect(emu.runDueTimers()).toBe(1);
			await emu.waitForWebhooks(1);
			expect(JSON.parse(received[0])).toMatchObject({ status: 'COMPLETED' });
		} finally {
			await emu.stop();
			await new Promise((resolve) => receiver.close(resolve));
		}
	});
});
