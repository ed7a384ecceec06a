// Editor screenshots for the README, taken from a real n8n 2.41.1 with Debian's Chromium through
// puppeteer-core (shared/reference/real-n8n.md §14): docs/canvas.png (the route-webhook-events example:
// the Sync Labs Trigger and the Sync Labs node with their icons) and docs/create-panel.png (the Sync Labs
// node's parameters for Generation → Create). Runs on 2.41.1 only; the browser is installed by
// install-chromium.sh (apt) and the test is skipped with a message only where that is impossible.
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { type Emulator, startEmulator } from '../emulator';
import { type N8nInstance, OWNER, REPO_ROOT, startN8n, type WorkflowFixture } from './harness';

const VERSION = process.env.N8N_E2E_VERSION ?? '2.41.1';
const DOCS_DIR = join(REPO_ROOT, 'docs');
const CANVAS_PNG = join(DOCS_DIR, 'canvas.png');
const PANEL_PNG = join(DOCS_DIR, 'create-panel.png');
const VIEWPORT = { width: 1400, height: 900 };

function example(file: string, id: string): WorkflowFixture {
	const workflow = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as Omit<WorkflowFixture, 'id'>;
	return { ...workflow, id, active: workflow.nodes.some((n) => String(n.type).endsWith('syncLabsTrigger')) };
}
const ROUTER = example('route-webhook-events.json', 'SyncLabsShotRout');
const FROM_URLS = example('lip-sync-from-urls.json', 'SyncLabsShotUrls');

/** Path of a Chromium to use, or a reason to skip (exit code 3 of install-chromium.sh: cannot install here). */
function ensureChromium(): { path?: string; skip?: string } {
	try {
		const out = execFileSync('bash', [join(__dirname, 'install-chromium.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			timeout: 300_000,
		});
		return { path: out.trim().split('\n').pop() };
	} catch (error) {
		const status = (error as { status?: number }).status;
		if (status === 3) return { skip: 'Chromium is not installed and cannot be installed here (no apt-get or no root)' };
		throw error;
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let n8n: N8nInstance | undefined;
let emulator: Emulator | undefined;
let browser: Browser | undefined;
let page: Page;
let skipReason: string | undefined;

const suite = VERSION === '2.41.1' ? describe : describe.skip;

suite(`editor screenshots on n8n ${VERSION}`, () => {
	beforeAll(async () => {
		const chromium = ensureChromium();
		if (!chromium.path) {
			skipReason = chromium.skip;
			process.stderr.write(`[e2e] screenshots SKIPPED: ${skipReason}\n`);
			return;
		}
		emulator = await startEmulator();
		n8n = await startN8n({
			workflows: [ROUTER, FROM_URLS],
			credentials: [
				{
					id: 'syncLabsCredential',
					name: 'Sync Labs account',
					type: 'syncLabsApi',
					data: { apiKey: 'sk-screenshot', signingSecret: 'whsec_screenshotSecret0123456789ab', baseUrl: emulator.url },
				},
			],
		});
		const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
		browser = await puppeteer.launch({
			executablePath: process.env.CHROMIUM_PATH || chromium.path,
			headless: true,
			defaultViewport: VIEWPORT,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-dev-shm-usage',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
			],
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
		await Promise.all([
			page.waitForResponse((r) => r.url().includes('/rest/login') && r.request().method() === 'POST'),
			page.keyboard.press('Enter'),
		]);
		mkdirSync(DOCS_DIR, { recursive: true });
	}, 400_000);

	afterAll(async () => {
		await browser?.close().catch(() => undefined);
		await n8n?.stop();
		await emulator?.stop();
	});

	async function openWorkflow(workflow: WorkflowFixture): Promise<string[]> {
		await page.goto(`${n8n!.baseUrl}/workflow/${workflow.id}`, { waitUntil: 'networkidle0' });
		await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 30_000 });
		await sleep(1500); // fit-to-view animation
		await page.keyboard.press('Escape'); // 2.41's "Production Checklist" popover over published workflows
		await sleep(300);
		return await page.$$eval('[data-test-id="canvas-node"]', (els) =>
			els.map((e) => e.getAttribute('data-node-name') || (e.textContent ?? '').trim()),
		);
	}

	test('canvas with the Sync Labs Trigger and the Sync Labs node → docs/canvas.png', async () => {
		if (skipReason) return;
		const names = await openWorkflow(ROUTER);
		expect(names).toEqual(expect.arrayContaining(['Sync Labs Trigger', 'Completed?', 'Download video', 'Handle failure']));
		// both package icons are served and rendered (file:syncLabs.svg)
		// (runs in the page; typed loosely because the test tsconfig has no DOM lib)
		const icons = await page.$$eval('[data-test-id="canvas-node"] img', (imgs) =>
			imgs.map((i) => ({ src: String((i as unknown as { src: string }).src), ok: (i as unknown as { naturalWidth: number }).naturalWidth > 0 })),
		);
		const packageIcons = icons.filter((i) => i.src.includes('n8n-nodes-synclabs'));
		expect(packageIcons.length).toBeGreaterThanOrEqual(2);
		expect(packageIcons.every((i) => i.ok)).toBe(true);
		await page.screenshot({ path: CANVAS_PNG as `${string}.png` });
		expect(statSync(CANVAS_PNG).size).toBeGreaterThan(10_000);
	});

	test('Generation → Create parameter panel → docs/create-panel.png', async () => {
		if (skipReason) return;
		const names = await openWorkflow(FROM_URLS);
		expect(names).toContain('Lip-sync video');
		const node = await page.$('[data-test-id="canvas-node"][data-node-name="Lip-sync video"]');
		const target = node ?? (await page.$$('[data-test-id="canvas-node"]'))[names.indexOf('Lip-sync video')];
		const box = await target!.boundingBox();
		await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2, { clickCount: 2 });
		await page.waitForSelector('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]', { timeout: 30_000 });
		// the parameters of Generation → Create are on screen
		await page.waitForFunction(
			() => {
				const text = String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
				return ['Visual Source', 'Audio Source', 'Completion'].every((t) => text.includes(t));
			},
			{ timeout: 30_000 },
		);
		await sleep(1500); // model list (loadOptions from the emulator) and layout settle
		await page.screenshot({ path: PANEL_PNG as `${string}.png` });
		expect(statSync(PANEL_PNG).size).toBeGreaterThan(10_000);
	});
});
