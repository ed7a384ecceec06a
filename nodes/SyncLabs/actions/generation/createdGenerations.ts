// What a run of Generation → Create (or Dub) has created, so that no error of the run leaves a billed generation unnamed:
// the node's error (On Error = Stop Workflow) lists every generation with what is known of it, and each item's
// error (the continue modes) carries its own generation's id (actions/common/itemErrors.ts reads it).
import type { IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { isTerminalGenerationStatus } from '../../schemas/generation';
import { generationIdOf } from '../../transport';
import { asNodeError } from '../common/itemErrors';
import { NodeRunMemory } from '../common/nodeRunMemory';

export interface CreatedGeneration {
	/** Empty when Sync created it but answered without its id. */
	id: string;
	itemIndex: number;
	/** Named by Sync's 503 IDEMPOTENCY_OUTCOME_UNKNOWN: it may exist (docs/sync-api.md#idempotency-keys). */
	uncertain?: boolean;
	/** The last status Sync reported for it (the create's answer, then the polls). */
	status?: string;
	/** Dub: the language this generation dubs into (one item makes one generation per language). */
	targetLanguage?: string;
}

/**
 * What every attempt of this node run created (n8n's Retry On Fail runs the node again, common/oncePerRun.ts): a later
 * attempt can stop before it reaches an item (another item refused at once), and its error must still name what an
 * earlier attempt created for that item.
 */
const createdInRun = new NodeRunMemory<CreatedGeneration[]>();

/** The list of what this node run created or may have created, shared by all its attempts. */
export function createdGenerationsOfRun(ctx: IExecuteFunctions): CreatedGeneration[] {
	let list = createdInRun.get(ctx, 0, 'created generations');
	if (list === undefined) {
		list = [];
		createdInRun.set(ctx, 0, list, 'created generations');
	}
	return list;
}

/**
 * Records the generation a failed create made or may have made: 503 IDEMPOTENCY_OUTCOME_UNKNOWN names one that may
 * exist; a 201 whose generation had an unexpected shape (api/generations.ts) one that does, and when that answer
 * gave no id the error's description says it was created all the same; a create that got no usable answer at all
 * (a 5xx, a 408, a lost connection) may have made one, and its description says so.
 */
export function noteUncertainGeneration(created: CreatedGeneration[], error: unknown, itemIndex: number, targetLanguage?: string): void {
	const maybe = generationIdOf(error);
	const certain = (error as { context?: { generationCreated?: unknown } } | null)?.context?.generationCreated === true;
	const language = targetLanguage !== undefined ? { targetLanguage } : {};
	if (maybe) created.push(certain ? { id: maybe, itemIndex, ...language } : { id: maybe, itemIndex, uncertain: true, ...language });
	else if (certain) {
		created.push({ id: '', itemIndex, ...language });
		addAdvice(
			error,
			`Sync Labs created a generation for ${where({ id: '', itemIndex, ...language })} all the same, but its answer gave no ID: find it with "Get Many" (newest first) instead of creating it again.`,
		);
	} else if ((error as NodeApiError | null)?.context?.generationMayBeCreated === true) {
		// No answer of the create itself told (a 5xx on every attempt, a lost connection): it may have been carried out.
		// A failed upload before it (submitGeneration.ts) sent no create.
		created.push({ id: '', itemIndex, uncertain: true, ...language });
		addAdvice(
			error,
			`Sync Labs may have created the generation of ${where({ id: '', itemIndex, ...language })} before this failure: look for it with "Get Many" (newest first) before running this node again, which could create it a second time (unless its Idempotency Key is one you set).`,
		);
	}
}

function addAdvice(error: unknown, advice: string): void {
	const nodeError = error as NodeOperationError;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
}

/** An error thrown after the item's generation was created, carrying that generation's id for the item's error. */
export function withItemGeneration(ctx: IExecuteFunctions, error: unknown, itemIndex: number, generationId: string): Error {
	const nodeError = asNodeError(ctx, error as Error, itemIndex) as NodeOperationError | NodeApiError;
	if (!generationIdOf(nodeError)) nodeError.context.generationId = generationId;
	return nodeError;
}

type Group = 'running' | 'uncertain' | 'completed' | 'ended';

function groupOf(generation: CreatedGeneration): Group {
	if (generation.uncertain) return 'uncertain';
	const status = generation.status?.toUpperCase();
	if (status === undefined || !isTerminalGenerationStatus(status)) return 'running';
	return status === 'COMPLETED' ? 'completed' : 'ended';
}

/** Its id, or, for one Sync answered without an id, that it has none. */
function named(generation: CreatedGeneration): string {
	if (generation.id !== '') return generation.id;
	return generation.uncertain ? 'a generation that may exist (no ID known)' : 'a generation without an ID';
}

function label(generation: CreatedGeneration): string {
	const group = groupOf(generation);
	const state =
		group === 'uncertain'
			? 'outcome unknown: check it with "Get"'
			: group === 'running'
				? 'running'
				: group === 'completed'
					? 'completed'
					: `ended ${generation.status?.toUpperCase()}`;
	return `${named(generation)} (${where(generation)}, ${state})`;
}

/** "item 2", or "item 2, es" for a dub. */
function where(generation: CreatedGeneration): string {
	return generation.targetLanguage === undefined ? `item ${generation.itemIndex}` : `item ${generation.itemIndex}, ${generation.targetLanguage}`;
}

/**
 * What to do about each kind of generation; none says "keeps running" of one that has ended. A run again creates
 * anew only with the automatic key, which is new in every execution (submitGeneration.ts defaultIdempotencyKey).
 */
const ADVICE: Record<Group, (list: string) => string> = {
	running: (list) =>
		`Still running at Sync Labs: ${list}. Continue with "Get" or "Wait for Completion" instead of running this node again, which would create them again (unless their Idempotency Key is one you set: Sync then returns them).`,
	uncertain: (list) =>
		`Sync Labs could not say whether these were created: ${list}. Check each with "Get" (one without an ID with "Get Many", newest first) before running this node again for its item, which could create it a second time (unless its Idempotency Key is one you set).`,
	completed: (list) =>
		`Completed, but not output because the node stopped: ${list}. Read each with "Get" instead of creating it again.`,
	ended: (list) =>
		`Ended without a result, so nothing keeps running for them: ${list}. "Get" shows Sync's reason; fix those items' input before creating them again.`,
};

/** The node's error, extended with every generation this run created or may have created, and what each needs. */
export function withCreatedGenerations(ctx: IExecuteFunctions, error: unknown, created: CreatedGeneration[]): unknown {
	if (created.length === 0) return error;
	// Attempts of one run repeat a create under the same key, so Sync answers with the same generation: the latest
	// entry of each says what is known now. One without an id (no answer told it) is that same generation once
	// another attempt learnt its id.
	const latest = new Map<string, CreatedGeneration>();
	const create = (generation: CreatedGeneration) => `item ${generation.itemIndex} ${generation.targetLanguage ?? ''}`;
	for (const generation of created) latest.set(generation.id === '' ? create(generation) : `${generation.id} ${generation.targetLanguage ?? ''}`, generation);
	const known = new Set([...latest.values()].filter((generation) => generation.id !== '').map(create));
	const sorted = [...latest.values()].filter((generation) => generation.id !== '' || !known.has(create(generation))).sort((a, b) => a.itemIndex - b.itemIndex);
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Generations already created by this node: ${sorted.map(label).join(', ')}`;
	const advice = (['running', 'uncertain', 'completed', 'ended'] as const)
		.map((group) => {
			const members = sorted.filter((generation) => groupOf(generation) === group);
			return members.length > 0 ? ADVICE[group](members.map((g) => `${named(g)} (${where(g)})`).join(', ')) : undefined;
		})
		.filter(Boolean);
	nodeError.description = [nodeError.description, ...advice].filter(Boolean).join(' ');
	return nodeError;
}
