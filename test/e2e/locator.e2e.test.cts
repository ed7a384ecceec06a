// The Generation ID locator (action node version 2) as the editor shows it, from a real n8n 2.41.1 with
// Debian's Chromium: the From List dropdown filled from the emulator's generations → docs/id-locator.png.
// Browser start and sign-in as in screenshots.e2e.test.cts; skipped with a message where Chromium cannot be
// installed, and on other n8n versions.
import { execFileSync } from 'child_process';
import { mkdirSync, statSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { ACTION_NAME, actionWorkflow } from './fixtures/action.cjs';
import { CREDENTIAL, SIGNING_SECRET } from './fixtures/trigger.cjs';
import { type N8nInstance, OWNER, REPO_ROOT, startN8n } from './harness/index.cjs';

const VERSION = process.env.N8N_E2E_VERSION ?? '2.41.1';
const PNG = join(REPO_ROOT, 'docs', 'id-locator.png');
const VIEWPORT = { width: 1400, height: 900 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pageText = () => String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);

const WORKFLOW = actionWorkflow({
	id: 'SyncLabsShotLoc1',
	path: 'e2e-locator-shot',
	name: 'Get a generation',
	parameters: { resource: 'generation', operation: 'get', generationId: { __rl: true, mode: 'list', value: '' } },
});
const syncNode = WORKFLOW.nodes.find((n) => n.name === ACTION_NAME)!;
syncNode.typeVersion = 2;
delete (syncNode.parameters as Record<string, unknown>).model;
WORKFLOW.active = false;

let n8n: N8nInstance | undefined;
let emulator: Emulator | undefined;
let browser: Browser | undefined;
let page: Page;
let skipReason: string | undefined;

const suite = VERSION === '2.41.1' ? describe : describe.skip;

suite(`Generation ID locator in the editor of n8n ${VERSION}`, () => {
	beforeAll(async () => {
		let chromium: string | undefined;
		try {
			chromium = execFileSync('bash', [join(__dirname, 'install-chromium.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 })
				.trim()
				.split('\n')
				.pop();
		} catch (error) {
			if ((error as { status?: number }).status !== 3) throw error;
			skipReason = 'Chromium is not installed and cannot be installed here (no apt-get or no root)';
			process.stderr.write(`[e2e] locator screenshot SKIPPED: ${skipReason}\n`);
			return;
		}
		emulator = await startEmulator({ webhookSecret: SIGNING_SECRET, pendingMs: 20, processingMs: 50 });
		for (const [i, name] of ['interview-take-1', 'product-demo', 'welcome-message'].entries()) {
			await fetch(`${emulator.url}/v2/generate`, {
				method: 'POST',
				headers: { 'x-api-key': 'sk-e2e-not-a-real-key', 'content-type': 'application/json' },
				body: JSON.stringify({
					model: i === 1 ? 'lipsync-2-pro' : 'lipsync-2',
					input: [
						{ type: 'video', url: `https://cdn.example/v${i}.mp4` },
						{ type: 'audio', url: `https://cdn.example/a${i}.wav` },
					],
					outputFileName: name,
				}),
			});
		}
		n8n = await startN8n({ credentials: [CREDENTIAL], workflows: [WORKFLOW], vars: { SYNC_BASE_URL: emulator.url } });
		const puppeteer = await import('puppeteer-core');
		browser = await puppeteer.launch({
			executablePath: process.env.CHROMIUM_PATH || chromium,
			headless: true,
			defaultViewport: VIEWPORT,
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', `--window-size=${VIEWPORT.width},${VIEWPORT.height}`],
		});
		page = await browser.newPage();
		page.setDefaultTimeout(30_000);
		await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'networkidle0' });
		await page.waitForSelector('input[type=email], input[name=emailOrLdapLoginId], input[name=email]');
		for (const selector of ['input[name=emailOrLdapLoginId]', 'input[name=email]', 'input[type=email]']) {
			if (await page.$(selector)) {
				await page.type(selector, OWNER.email);
				break;
			}
		}
		await page.type('input[type=password]', OWNER.password);
		await Promise.all([page.waitForResponse((r) => r.url().includes('/rest/login') && r.request().method() === 'POST'), page.keyboard.press('Enter')]);
		mkdirSync(join(REPO_ROOT, 'docs'), { recursive: true });
	}, 400_000);

	afterAll(async () => {
		await browser?.close().catch(() => undefined);
		await n8n?.stop();
		await emulator?.stop();
	});

	it('From List shows the account’s generations by output name, model and status → docs/id-locator.png', async () => {
		if (skipReason) return;
		await page.goto(`${n8n!.baseUrl}/workflow/${WORKFLOW.id}`, { waitUntil: 'networkidle0' });
		await page.waitForSelector(`[data-test-id="canvas-node"][data-node-name="${ACTION_NAME}"]`);
		await sleep(1500); // fit-to-view animation
		const box = await (await page.$(`[data-test-id="canvas-node"][data-node-name="${ACTION_NAME}"]`))!.boundingBox();
		await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2, { clickCount: 2 });
		await page.waitForFunction((t: string) => String((globalThis as any).document.body.innerText).includes(t), {}, 'Generation ID');
		// A click on the locator's input opens the From List dropdown (test ids of n8n-editor-ui 2.41's
		// ResourceLocator component: rlc-input-container, resource-locator-dropdown, rlc-item).
		const input = await page.waitForSelector('[data-test-id="rlc-input-container"]');
		await input!.click();
		await page.waitForSelector('[data-test-id="rlc-item"]');
		await page.waitForFunction((t: string) => String((globalThis as any).document.body.innerText).includes(t), {}, 'interview-take-1');
		await sleep(800);
		const text = await page.evaluate(pageText);
		for (const name of ['interview-take-1', 'product-demo', 'welcome-message']) expect(text).toContain(name);
		expect(text).toMatch(/product-demo · (PENDING|PROCESSING|COMPLETED) · lipsync-2-pro/);
		await page.screenshot({ path: PNG as `${string}.png` });
		expect(statSync(PNG).size).toBeGreaterThan(10_000);
	});
});
