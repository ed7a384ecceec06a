// Editor screenshots for the README, taken from a real n8n 2.41.1 with Debian's Chromium through
// puppeteer-core (docs/real-n8n.md#editor-screenshots): docs/canvas.png (the route-webhook-events example:
// the Sync Labs Trigger and the Sync Labs node with their icons) and docs/create-panel.png (the Sync Labs
// node's parameters for Generation → Create), docs/trigger-panel.png (the trigger's notice and its empty
// Events field) and docs/create-options-tts.png / docs/create-options-video-audio.png (Create's "Add Option"
// list with text to speech and with a video and an audio URL), docs/dub-panel.png (Generation → Dub with three
// target languages, from examples/dub-into-languages.json), docs/voice-picker.png (text to speech on action node
// version 3: the Voice ID field's From List open on the emulator's voices), docs/ai-agent-canvas.png (the AI agent
// example: an AI Agent with the OpenAI Chat Model and two Sync Labs tool nodes). Runs on 2.41.1 only; the browser is installed by
// install-chromium.sh (apt) and the test is skipped with a message only where that is impossible.
import { execFileSync } from 'child_process';
import { mkdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { type Emulator, startEmulator } from '../emulator/index.cjs';
import { type N8nInstance, OWNER, REPO_ROOT, startN8n, type WorkflowFixture } from './harness/index.cjs';
import { AGENT_NAME, MODEL_NODE_NAME, OPENAI_CREDENTIAL } from './fixtures/agent.cjs';

const VERSION = process.env.N8N_E2E_VERSION ?? '2.41.1';
const DOCS_DIR = join(REPO_ROOT, 'docs');
const CANVAS_PNG = join(DOCS_DIR, 'canvas.png');
const PANEL_PNG = join(DOCS_DIR, 'create-panel.png');
const TRIGGER_PNG = join(DOCS_DIR, 'trigger-panel.png');
const OPTIONS_TTS_PNG = join(DOCS_DIR, 'create-options-tts.png');
const OPTIONS_AV_PNG = join(DOCS_DIR, 'create-options-video-audio.png');
const DUB_PNG = join(DOCS_DIR, 'dub-panel.png');
const VOICES_PNG = join(DOCS_DIR, 'voice-picker.png');
const AGENT_CANVAS_PNG = join(DOCS_DIR, 'ai-agent-canvas.png');
const VIEWPORT = { width: 1400, height: 900 };

function example(file: string, id: string): WorkflowFixture {
	const workflow = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', file), 'utf8')) as Omit<WorkflowFixture, 'id'>;
	return { ...workflow, id, active: workflow.nodes.some((n) => String(n.type).endsWith('syncLabsTrigger')) };
}
const ROUTER = example('route-webhook-events.json', 'SyncLabsShotRout');
const FROM_URLS = example('lip-sync-from-urls.json', 'SyncLabsShotUrls');
/** The same Create node speaking a script (text to speech) on react-1, with no options set yet. */
const TTS: WorkflowFixture = {
	...FROM_URLS,
	id: 'SyncLabsShotTtsA',
	name: 'Screenshot: text to speech',
	nodes: FROM_URLS.nodes.map((n) =>
		n.name === 'Lip-sync video'
			? { ...n, parameters: { ...n.parameters, model: 'react-1', audioSource: 'text', voiceId: 'voice_demo', script: 'Hello from n8n.', options: {} } }
			: n,
	),
};
/** Video and audio URLs on lipsync-2, Return Immediately, no options set yet. */
const VIDEO_AUDIO: WorkflowFixture = {
	...FROM_URLS,
	id: 'SyncLabsShotVidA',
	name: 'Screenshot: video and audio',
	nodes: FROM_URLS.nodes.map((n) =>
		n.name === 'Lip-sync video' ? { ...n, parameters: { ...n.parameters, completion: 'immediately', options: {} } } : n,
	),
};
/** The dub example's Dub node with its languages chosen in the panel instead of read from the Set node. */
const DUB_EXAMPLE = example('dub-into-languages.json', 'SyncLabsShotDubA');
const DUB: WorkflowFixture = {
	...DUB_EXAMPLE,
	nodes: DUB_EXAMPLE.nodes.map((n) =>
		n.name === 'Dub video'
			? { ...n, parameters: { ...n.parameters, visualUrl: 'https://assets.sync.so/docs/example-video.mp4', targetLanguages: ['es', 'de', 'pt-BR'] } }
			: n,
	),
};
/** Create speaking a script on node version 3 (the default), where Voice ID is a From List / By ID locator, no voice picked yet. */
const VOICE_PICKER: WorkflowFixture = {
	...FROM_URLS,
	id: 'SyncLabsShotVoiA',
	name: 'Screenshot: voice picker',
	nodes: FROM_URLS.nodes.map((n) =>
		n.name === 'Lip-sync video'
			? {
					...n,
					typeVersion: 3,
					parameters: {
						...n.parameters,
						audioSource: 'text',
						voiceId: { __rl: true, mode: 'list', value: '' },
						script: 'Hello from n8n.',
						options: {},
					},
				}
			: n,
	),
};
/** The AI agent example, its OpenAI Chat Model given a credential as a user gives it after importing. */
const AGENT_EXAMPLE = example('ai-agent-lip-sync.json', 'SyncLabsShotAgnt');
const AGENT_CANVAS: WorkflowFixture = {
	...AGENT_EXAMPLE,
	nodes: AGENT_EXAMPLE.nodes.map((n) => (n.name === MODEL_NODE_NAME ? { ...n, credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: 'OpenAI account' } } } : n)),
};
const bodyText = () => String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);

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
			workflows: [ROUTER, FROM_URLS, TTS, VIDEO_AUDIO, DUB, VOICE_PICKER, AGENT_CANVAS],
			credentials: [
				{
					id: 'syncLabsCredential',
					name: 'Sync Labs account',
					type: 'syncLabsApi',
					data: { apiKey: 'sk-screenshot', signingSecret: 'whsec_screenshotSecret0123456789ab', baseUrl: emulator.url },
				},
				{ ...OPENAI_CREDENTIAL, name: 'OpenAI account', data: { apiKey: 'sk-screenshot', url: 'http://127.0.0.1:9/v1', header: false } },
			],
		});
		const puppeteer = await import('puppeteer-core');
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

	async function openNode(workflow: WorkflowFixture, nodeName: string, expectTexts: string[]): Promise<void> {
		const names = await openWorkflow(workflow);
		expect(names).toContain(nodeName);
		const node = await page.$(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		const target = node ?? (await page.$$('[data-test-id="canvas-node"]'))[names.indexOf(nodeName)];
		const box = await target!.boundingBox();
		await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2, { clickCount: 2 });
		await page.waitForSelector('[data-test-id="ndv"], .ndv-wrapper, [data-test-id="node-parameters"]', { timeout: 30_000 });
		await page.waitForFunction((texts: string[]) => {
			const text = String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
			return texts.every((t) => text.includes(t));
		}, { timeout: 30_000 }, expectTexts);
		await sleep(1500); // loadOptions and layout settle
	}

	/** Opens Create's "Add Option" list and returns the page text while it is open. */
	async function openAddOption(): Promise<string> {
		const clicked = await page.evaluate(() => {
			const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ innerText: string; click(): void; scrollIntoView(): void }> } }).document;
			const candidates = Array.from(doc.querySelectorAll('button, [role=button], .el-select, input, span, div'));
			const hit = candidates.find((e) => /^add option$/i.test((e.innerText ?? '').trim()))
				?? candidates.find((e) => /^add option$/i.test(String((e as unknown as { placeholder?: string }).placeholder ?? '')));
			if (!hit) return false;
			hit.scrollIntoView();
			hit.click();
			return true;
		});
		expect(clicked).toBe(true);
		await page.waitForFunction(() => String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText).includes('Idempotency Key'), { timeout: 15_000 });
		await sleep(800);
		const text = await page.evaluate(bodyText);
		// The list scrolls; show its end, where the voice settings and Webhook URL sort.
		await page.evaluate(() => {
			type El = { innerText: string; scrollHeight: number; clientHeight: number; scrollTop: number };
			const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<El> } }).document;
			const lists = Array.from(doc.querySelectorAll('*')).filter(
				(e) => (e.innerText ?? '').includes('Idempotency Key') && e.scrollHeight > e.clientHeight + 5 && e.clientHeight > 0 && e.clientHeight < 600,
			);
			lists.sort((a, b) => a.clientHeight - b.clientHeight);
			if (lists[0]) lists[0].scrollTop = lists[0].scrollHeight;
		});
		await sleep(500);
		return text;
	}

	it('Sync Labs Trigger panel: notice with n8n 2.41\'s button names, Events empty = All events → docs/trigger-panel.png', async () => {
		if (skipReason) return;
		await openNode(ROUTER, 'Sync Labs Trigger', ['Events', 'All events start this workflow', 'Execute step']);
		const text = await page.evaluate(bodyText);
		// the buttons and tabs the notice names are on screen
		for (const label of ['Execute step', 'Webhook URLs', 'Test this trigger']) expect(text).toContain(label);
		// open "Webhook URLs" so its Test URL / Production URL switch is in the picture, on Production URL
		await page.evaluate(() => {
			const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ innerText: string; click(): void }> } }).document;
			// the innermost element with that text: the click handler is on it, not on its wrappers
			Array.from(doc.querySelectorAll('div, span, a, button')).reverse().find((e) => (e.innerText ?? '').trim() === 'Webhook URLs')?.click();
		});
		await page.waitForFunction(() => String((globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText).includes('/webhook-test/'), { timeout: 15_000 });
		await page.evaluate(() => {
			const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ innerText: string; click(): void }> } }).document;
			Array.from(doc.querySelectorAll('label, span, div, button')).reverse().find((e) => (e.innerText ?? '').trim() === 'Production URL')?.click();
		});
		await sleep(800);
		expect(await page.evaluate(bodyText)).toContain('/webhook/');
		await page.screenshot({ path: TRIGGER_PNG as `${string}.png` });
		expect(statSync(TRIGGER_PNG).size).toBeGreaterThan(10_000);
	});

	it('Create\'s Options list for text to speech on react-1 vs video and audio URLs → docs/create-options-*.png', async () => {
		if (skipReason) return;
		await openNode(TTS, 'Lip-sync video', ['Voice ID', 'Script', 'Completion']);
		const tts = await openAddOption();
		for (const shown of ['Voice Stability', 'Voice Similarity Boost', 'Model Mode', 'Emotion', 'Max Poll Interval']) expect(tts).toContain(shown);
		for (const hidden of ['Upload Threshold', 'Webhook Timestamp Tolerance']) expect(tts).not.toContain(hidden);
		await page.screenshot({ path: OPTIONS_TTS_PNG as `${string}.png` });

		await openNode(VIDEO_AUDIO, 'Lip-sync video', ['Audio URL', 'Completion']);
		const av = await openAddOption();
		for (const hidden of ['Voice Stability', 'Model Mode', 'Emotion', 'Upload Threshold', 'Max Poll Interval', 'Download Output']) {
			expect(av).not.toContain(hidden);
		}
		expect(av).toContain('Webhook URL');
		await page.screenshot({ path: OPTIONS_AV_PNG as `${string}.png` });
		expect(statSync(OPTIONS_AV_PNG).size).toBeGreaterThan(10_000);
	});

	it('Generation → Dub parameter panel: a video, target languages as chips, Source Language on auto → docs/dub-panel.png', async () => {
		if (skipReason) return;
		await openNode(DUB, 'Dub video', ['Video Source', 'Target Languages', 'Source Language', 'Allow Other Language Codes', 'Completion']);
		const text = await page.evaluate(bodyText);
		for (const shown of ['Spanish (es)', 'German (de)', 'Portuguese (Brazil) (pt-BR)']) expect(text).toContain(shown);
		// a dropdown shows its value in its input, not in the page text
		const values = await page.$$eval('input', (inputs) => inputs.map((i) => String((i as unknown as { value: string }).value)));
		expect(values).toContain('Detect Automatically');
		// a dub takes no audio, text or image input
		for (const hidden of ['Audio Source', 'Visual Input Type', 'Script']) expect(text).not.toContain(hidden);
		await page.screenshot({ path: DUB_PNG as `${string}.png` });
		expect(statSync(DUB_PNG).size).toBeGreaterThan(10_000);
	});

	it('Voice ID\'s From List on node version 3 lists the account\'s voices by name, the one that cannot speak last → docs/voice-picker.png', async () => {
		if (skipReason) return;
		await openNode(VOICE_PICKER, 'Lip-sync video', ['Voice ID', 'Script', 'Completion']);
		// A click on the locator's input opens its From List dropdown (test ids of n8n-editor-ui 2.41's
		// ParameterInputFull and ResourceLocator: parameter-input-<name>, rlc-input-container, rlc-item).
		const input = await page.waitForSelector('[data-test-id="parameter-input-voiceId"] [data-test-id="rlc-input-container"]');
		await input!.click();
		// the list is read from the emulator's GET /v2/voices (nodes/SyncLabs/methods/voiceSearch.ts)
		await page.waitForFunction(
			(expected: number) => (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document.querySelectorAll('[data-test-id="rlc-item"]').length >= expected,
			{ timeout: 30_000 },
			5,
		);
		await sleep(800); // dropdown open animation
		const items = await page.$$eval('[data-test-id="rlc-item"]', (els) => els.map((e) => String((e as unknown as { innerText: string }).innerText).trim()));
		for (const [i, name] of ['Rachel', 'Adam', 'Antoni', 'Elli'].entries()) expect(items[i]).toContain(name);
		expect(items[4]).toContain('Josh (cannot speak at the moment)');
		await page.screenshot({ path: VOICES_PNG as `${string}.png` });
		expect(statSync(VOICES_PNG).size).toBeGreaterThan(10_000);
	});

	it('canvas with the Sync Labs Trigger and the Sync Labs node → docs/canvas.png', async () => {
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

	it('the AI agent example: AI Agent with the OpenAI Chat Model and the Sync Labs tools Create and Get → docs/ai-agent-canvas.png', async () => {
		if (skipReason) return;
		const names = await openWorkflow(AGENT_CANVAS);
		expect(names).toEqual(expect.arrayContaining(['Chat', AGENT_NAME, MODEL_NODE_NAME, 'Lip-sync video', 'Get lip-sync generation']));
		// both tool nodes carry the package icon, rendered (file:syncLabs.svg)
		const icons = await page.$$eval('[data-test-id="canvas-node"] img', (imgs) =>
			imgs.map((i) => ({ src: String((i as unknown as { src: string }).src), ok: (i as unknown as { naturalWidth: number }).naturalWidth > 0 })),
		);
		const packageIcons = icons.filter((i) => i.src.includes('n8n-nodes-synclabs'));
		expect(packageIcons.length).toBeGreaterThanOrEqual(2);
		expect(packageIcons.every((i) => i.ok)).toBe(true);
		await page.screenshot({ path: AGENT_CANVAS_PNG as `${string}.png` });
		expect(statSync(AGENT_CANVAS_PNG).size).toBeGreaterThan(10_000);
	});

	it('Generation → Create parameter panel → docs/create-panel.png', async () => {
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
