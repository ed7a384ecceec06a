// The read-only calls of every endpoint the node uses, through the node's own client (nodes/SyncLabs/api), each
// read the way the node reads it: strictly where an operation reads it (Get, Get Many: must match), and also
// tolerantly where the Polling Trigger or the editor's lists read it (their rows say what they tolerated). Gets
// take the first object their list named. Nothing here creates, changes or bills anything.
import type { IDataObject } from 'n8n-workflow';
import * as api from '../../nodes/SyncLabs/api';
import type { SyncContext } from '../../nodes/SyncLabs/transport';
import { generationSchema } from '../../nodes/SyncLabs/schemas/generation';
import { batchSchema } from '../../nodes/SyncLabs/schemas/batch';
import { assetSchema } from '../../nodes/SyncLabs/schemas/asset';
import { voiceIdOf, voiceSchema } from '../../nodes/SyncLabs/schemas/voice';
import { projectSchema } from '../../nodes/SyncLabs/schemas/project';
import { skip, type Recorder } from './recorder.cjs';
import { toleratedOne, toleratedSummary } from './tolerance.cjs';
import { asDocumented, documentedAccount, documentedCost, documentedUsageEnvelope, documentedUsageRow } from './documentedShapes.cjs';

/** One page of each list: enough to read every field shape, little enough to be quick. */
const PAGE = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Batches need the Scale plan (docs/sync-api.md#plan-limits): a refusal there says nothing about the node. */
const NO_BATCH_PLAN = { statuses: [402, 403], reason: 'the plan has no batches' };

export interface ReadOnlyFindings {
	/** The plan `GET /v2/account` names, for the row of docs/testing.md. */
	plan: string | undefined;
}

/** The strict read, after the tolerant one: when the strict one fails, its error also says what the tolerant read kept. */
async function strictAfterTolerant<T>(tolerantSummary: string, strict: () => Promise<T>): Promise<T> {
	try {
		return await strict();
	} catch (error) {
		if (error instanceof Error) error.message = `strict: ${error.message}; ${tolerantSummary}`;
		throw error;
	}
}

function count(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function idOf(raw: IDataObject | undefined): string | undefined {
	return typeof raw?.id === 'string' && raw.id !== '' ? raw.id : undefined;
}

function planName(plan: unknown): string | undefined {
	if (typeof plan === 'string') return plan;
	if (plan && typeof plan === 'object' && typeof (plan as IDataObject).name === 'string') return (plan as IDataObject).name as string;
	return undefined;
}

export async function readOnlyChecks(ctx: SyncContext, rec: Recorder): Promise<ReadOnlyFindings> {
	await rec.check('GET /v2/models', async () => {
		const models = await api.listModels(ctx);
		return { value: models, checked: `strict: ${count(models.length, 'model')} (${models.map((m) => m.name).slice(0, 6).join(', ')})` };
	});

	// Generations: Get Many reads strictly, the Polling Trigger tolerantly. The ids are taken from the tolerant
	// read, so the gets still run when the strict list fails.
	let generationIds: { first?: string; completed?: string } = {};
	await rec.check('GET /v2/generations', async () => {
		const tolerant = await api.listGenerations(ctx, { limit: PAGE }, { parse: 'tolerant' });
		generationIds = { first: idOf(tolerant[0]?.raw), completed: idOf(tolerant.find((g) => g.raw.status === 'COMPLETED')?.raw) };
		const summary = toleratedSummary(generationSchema, tolerant);
		const page = await strictAfterTolerant(summary, async () => await api.listGenerations(ctx, { limit: PAGE }));
		return { value: page, checked: `strict: a page of ${count(page.length, 'generation')} (limit ${PAGE}); ${summary}` };
	});
	await rec.check('GET /v2/generate/{id}', async () => {
		const id = generationIds.first ?? skip('no generation listed: nothing to get');
		const tolerant = await api.getGeneration(ctx, id, { parse: 'tolerant' });
		const summary = toleratedOne(generationSchema, tolerant);
		const generation = await strictAfterTolerant(summary, async () => await api.getGeneration(ctx, id, { includeProgress: true }));
		return { value: generation, checked: `strict: the first listed generation, ${generation.status}, with include=progress; ${summary}` };
	});
	await rec.check('GET /v2/generations/{id}/download', async () => {
		const id = generationIds.completed ?? skip(`no COMPLETED generation among the first ${PAGE} listed`);
		const url = await api.getGenerationDownloadUrl(ctx, id);
		if (url === undefined) throw new Error('the answer is no http(s) URL');
		// The signed URL itself is not printed: it gives access to the video.
		return { value: url, checked: `an ${new URL(url).protocol.replace(':', '')} URL for the first listed COMPLETED generation` };
	});
	await rec.check('GET /v2/generate/{id}/costs', async () => {
		const id = generationIds.completed ?? generationIds.first ?? skip('no generation listed: no costs to read');
		const cost = asDocumented(documentedCost, await api.getGenerationCost(ctx, id), 'cost');
		if (cost.generationId !== id) throw new Error(`the cost names generation ${cost.generationId}, not the one asked for`);
		const parts = cost.components.map((c) => (c && typeof c === 'object' ? String((c as IDataObject).type ?? '?') : '?'));
		return {
			value: cost,
			checked: `strict, and as documented: cost object, availability ${cost.availability}, total ${cost.totalCostUsd === null ? 'null' : 'a decimal string'}, parts ${parts.join(', ') || 'none'}`,
		};
	});
	await rec.check('GET /v2/usage/generations', async () => {
		const end = new Date();
		const page = await api.listUsage(ctx, { startTime: new Date(end.getTime() - DAY_MS).toISOString(), endTime: end.toISOString(), limit: 100 });
		// The client also reads a bare array and a missing cursor; the docs promise the envelope, which paging needs.
		asDocumented(documentedUsageEnvelope, rec.lastAnswer(), 'usage answer');
		page.items.forEach((row, index) => asDocumented(documentedUsageRow, row, `usage row ${index}`));
		return {
			value: page,
			checked: `strict, and as documented: usage page for the last day, ${count(page.items.length, 'finished generation')}, ${page.nextCursor === undefined ? 'no further page' : 'a next cursor'}`,
		};
	});
	await rec.check('POST /v2/generations/estimate', async () => {
		const estimate = await api.estimateCostByDuration(ctx, { model: 'lipsync-2', duration: 10, fps: 25 });
		const figures = Object.entries(estimate).filter(([, v]) => v !== null && v !== undefined).map(([k]) => k);
		return { value: estimate, checked: `an estimate for 10 s of lipsync-2 (nothing billed), figures: ${figures.join(', ') || 'none'}` };
	});

	// Batches: Get Many strictly, the Polling Trigger tolerantly.
	let batchId: string | undefined;
	await rec.check(
		'GET /v2/batch',
		async () => {
			const tolerant = await api.listBatches(ctx, {}, { parse: 'tolerant' });
			batchId = idOf(tolerant[0]?.raw);
			const summary = toleratedSummary(batchSchema, tolerant);
			const batches = await strictAfterTolerant(summary, async () => await api.listBatches(ctx, {}));
			return { value: batches, checked: `strict: ${count(batches.length, 'batch', 'batches')}; ${summary}` };
		},
		{ skipOn: NO_BATCH_PLAN },
	);
	await rec.check(
		'GET /v2/batch/{id}',
		async () => {
			const id = batchId ?? skip('no batch listed: nothing to get');
			const tolerant = await api.getBatch(ctx, id, { parse: 'tolerant' });
			const summary = toleratedOne(batchSchema, tolerant);
			const batch = await strictAfterTolerant(summary, async () => await api.getBatch(ctx, id));
			return { value: batch, checked: `strict: the first listed batch, ${batch.status}; ${summary}` };
		},
		{ skipOn: NO_BATCH_PLAN },
	);

	// Assets: Get Many strictly, the editor's list tolerantly.
	let assetId: string | undefined;
	await rec.check('GET /v2/assets', async () => {
		const tolerant = await api.listAssets(ctx, { limit: PAGE }, { parse: 'tolerant' });
		assetId = idOf(tolerant.items[0]?.raw);
		const summary = toleratedSummary(assetSchema, tolerant.items);
		const page = await strictAfterTolerant(summary, async () => await api.listAssets(ctx, { limit: PAGE }));
		return { value: page, checked: `strict: a page of ${count(page.items.length, 'asset')} (limit ${PAGE}), ${page.nextCursor ? 'a next cursor' : 'no further page'}; ${summary}` };
	});
	await rec.check('GET /v2/assets/{id}', async () => {
		const id = assetId ?? skip('no asset listed: nothing to get');
		const asset = await api.getAsset(ctx, id);
		return { value: asset, checked: `strict: the first listed asset, ${String(asset.type ?? 'no type')}` };
	});

	// Voices: Get Many strictly, the voice picker tolerantly.
	let voiceId: string | undefined;
	await rec.check('GET /v2/voices', async () => {
		const tolerant = await api.listVoices(ctx, { parse: 'tolerant' });
		const first = tolerant.find((v) => v.value !== null)?.value;
		voiceId = first ? voiceIdOf(first) : undefined;
		const summary = toleratedSummary(voiceSchema, tolerant);
		const voices = await strictAfterTolerant(summary, async () => await api.listVoices(ctx));
		return { value: voices, checked: `strict: ${count(voices.length, 'voice')}; ${summary}` };
	});
	await rec.check('GET /v2/voices/{id}', async () => {
		const id = voiceId ?? skip('no voice listed: nothing to get');
		const voice = await api.getVoice(ctx, id);
		return { value: voice, checked: `strict: the first listed voice${voice.provider ? `, provider ${voice.provider}` : ''}` };
	});

	// Projects: Get Many strictly, the project picker tolerantly.
	let projectId: string | undefined;
	await rec.check('GET /v2/projects', async () => {
		const tolerant = await api.listProjects(ctx, { limit: PAGE }, { parse: 'tolerant' });
		projectId = idOf(tolerant.items[0]?.raw);
		const summary = toleratedSummary(projectSchema, tolerant.items);
		const page = await strictAfterTolerant(summary, async () => await api.listProjects(ctx, { limit: PAGE }));
		return { value: page, checked: `strict: a page of ${count(page.items.length, 'project')} (limit ${PAGE}), ${page.nextCursor ? 'a next cursor' : 'no further page'}; ${summary}` };
	});
	await rec.check('GET /v2/projects/{id}', async () => {
		const id = projectId ?? skip('no project listed: nothing to get');
		const project = await api.getProject(ctx, id);
		return { value: project, checked: 'strict: the first listed project' };
	});

	const account = await rec.check('GET /v2/account', async () => {
		const found = asDocumented(documentedAccount, await api.getAccount(ctx), 'account');
		const present = ['plan', 'limits', 'balance'].filter((k) => found[k] !== undefined && found[k] !== null);
		return {
			value: found,
			checked: `strict, and as documented: account, credentialType ${found.credentialType}, billingModel ${found.billingModel ?? 'absent'}, ${present.length ? `with ${present.join(', ')}` : 'no plan, limits or balance'}`,
		};
	});
	return { plan: planName(account?.plan) ?? account?.billingModel };
}
