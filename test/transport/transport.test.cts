import http from 'http';
import type { AddressInfo } from 'net';
import { runNode } from '../runner/index.cjs';

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
	return new Promise((resolve) => {
		const server = http.createServer(handler).listen(0, '127.0.0.1', () => {
			resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
		});
	});
}

describe('transport', () => {
	it('never follows a redirect away from the API, so the API key cannot leak to another host', async () => {
		const seenByOtherHost: Array<string | string[] | undefined> = [];
		const other = await listen((req, res) => {
			seenByOtherHost.push(req.headers['x-api-key']);
			res.end('{}');
		});
		const api = await listen((_req, res) => {
			res.writeHead(302, { location: `${other.url.replace('127.0.0.1', 'localhost')}/steal` }).end();
		});
		try {
			const result = await runNode({
				parameters: { resource: 'generation', operation: 'get', generationId: 'g1' },
				credentials: { apiKey: 'secret-key-value', baseUrl: api.url },
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('HTTP 302');
			expect(seenByOtherHost).toEqual([]);
		} finally {
			api.server.close();
			other.server.close();
		}
	});
});
