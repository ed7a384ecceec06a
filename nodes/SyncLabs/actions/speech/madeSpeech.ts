// What a run of Speech → Generate has made at Sync (speech is billed by the character), so that an error that stops
// the node leaves none of it unnamed: the node's error lists every speech job and every synchronous speech the run
// made or may have made, with what is known of each, as Generation → Create lists its generations
// (actions/generation/createdGenerations.ts). Sync has no list of jobs or speeches (docs/sync-api-2026.md#text-to-speech):
// once the run's output is lost, these ids are the only way back to what was paid for.
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
// Not an endpoint, so not in the client's index (test/api/everyEndpoint.cts calls every function it exports).
import { mayHaveBeenCarriedOut } from '../../api/madeAnswer';
import { asNodeError } from '../common/itemErrors';

export interface MadeSpeech {
	itemIndex: number;
	synthesis: 'job' | 'synchronous';
	/** Unknown when Sync gave no answer to the request that makes it. */
	id?: string;
	/** A job's last status as Sync reported it; a synchronous speech has none. */
	status?: string;
	/** The hosted audio, once known. */
	url?: string;
	/** The request got no usable answer (a 5xx, a 408, none at all): it may or may not have made the speech. */
	uncertain?: boolean;
	/** The job's key was the Idempotency Key option: a run with the same key and script returns this job. */
	keyGiven?: boolean;
}


/** Records the speech a failed request may have made, with the id Sync's error names, if any; says whether it may have. */
export function noteUncertainSpeech(ctx: IExecuteFunctions, made: MadeSpeech[], error: unknown, entry: Omit<MadeSpeech, 'uncertain'>): boolean {
	if (!mayHaveBeenCarriedOut(ctx, error)) return false;
	const body = (error as { body?: { id?: unknown; jobId?: unknown } } | null)?.body;
	const named = [body?.jobId, body?.id].find((value): value is string => typeof value === 'string' && value !== '');
	made.push({ ...entry, ...(named ? { id: named } : {}), uncertain: true });
	return true;
}

/**
 * Records the speech or job Sync made although its answer had a shape the node does not read (api/speech.ts puts
 * its id on the error's context); says whether it did, and returns what it recorded.
 */
export function noteUnreadableSpeech(made: MadeSpeech[], error: unknown, entry: Omit<MadeSpeech, 'id' | 'url'>): MadeSpeech | undefined {
	const context = (error as { context?: { speechMade?: unknown; speechId?: unknown; speechJobId?: unknown; speechUrl?: unknown } } | null)?.context;
	const id = entry.synthesis === 'job' ? context?.speechJobId : context?.speechId;
	if (context?.speechMade !== true) return undefined;
	// Made all the same when the answer names no id (then its audio url, if given, is what names it).
	const speech: MadeSpeech = { ...entry, ...(typeof id === 'string' ? { id } : {}), ...(typeof context.speechUrl === 'string' ? { url: context.speechUrl } : {}) };
	made.push(speech);
	return speech;
}

type Group = 'made' | 'running' | 'failed' | 'uncertain';

function groupOf(speech: MadeSpeech): Group {
	if (speech.uncertain) return 'uncertain';
	const status = speech.status?.toUpperCase();
	if (status === 'FAILED') return 'failed';
	if (speech.synthesis === 'synchronous' || status === 'SUCCESS') return 'made';
	return 'running';
}

function named(speech: MadeSpeech): string {
	const what = speech.synthesis === 'job' ? 'job' : 'synchronous speech';
	return speech.id === undefined ? `item ${speech.itemIndex}'s ${what} (no ID given)` : `${speech.id} (item ${speech.itemIndex}, ${what})`;
}

function label(speech: MadeSpeech): string {
	const state = { made: 'made', running: `status ${speech.status ?? 'unknown'}`, failed: 'FAILED', uncertain: 'outcome unknown' }[groupOf(speech)];
	const what = speech.synthesis === 'job' ? 'job' : 'synchronous';
	return speech.id === undefined ? `item ${speech.itemIndex}'s ${what} request (${state})` : `${speech.id} (item ${speech.itemIndex}, ${what}, ${state})`;
}

/** What to do about each kind of speech; none invites a run that would make (and bill) one again unasked. */
function advice(group: Group, members: MadeSpeech[]): string {
	const list = members.map(named).join(', ');
	const keyed = members.every((speech) => speech.keyGiven);
	const again = keyed
		? 'Running this node again with the same Idempotency Key and script returns these jobs instead of making new ones.'
		: 'Running this node again would make (and bill) them again.';
	switch (group) {
		case 'made':
			return `Made, but not output because the node stopped: ${members.map((speech) => `${named(speech)}${speech.url ? ` at ${speech.url}` : ''}`).join(', ')}. Use that audio instead of making it again.`;
		case 'running':
			return `Still being made at Sync Labs: ${list}. Each job's audio can be read with GET /v2/tts/jobs/{id}. ${again}`;
		case 'failed':
			return `Ended FAILED, without audio: ${list}.`;
		case 'uncertain':
			return `Sync Labs gave no answer about these, so they may have been made: ${list}. ${again}`;
	}
}

/**
 * The node's error, extended with every speech this run made or may have made, and what each needs; one the error
 * already names (the job that failed or ran out of time) is not named twice.
 */
export function withMadeSpeech(ctx: IExecuteFunctions, error: unknown, made: MadeSpeech[]): unknown {
	const message = (error as Error | undefined)?.message ?? '';
	const sorted = made.filter((speech) => speech.id === undefined || !message.includes(speech.id)).sort((a, b) => a.itemIndex - b.itemIndex);
	if (sorted.length === 0) return error;
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Speech already made by this node: ${sorted.map(label).join(', ')}`;
	const groups = (['made', 'running', 'failed', 'uncertain'] as const).flatMap((group) => {
		const members = sorted.filter((speech) => groupOf(speech) === group);
		return members.length > 0 ? [advice(group, members)] : [];
	});
	nodeError.description = [nodeError.description, ...groups].filter(Boolean).join(' ');
	return nodeError;
}

/**
 * The item's error, naming the speech job or synchronous speech the item made or may have made (its id, when one is
 * known), so the continue modes' error item carries it (actions/common/itemErrors.ts) as Stop Workflow's error does.
 */
export function withItemSpeech(ctx: IExecuteFunctions, error: unknown, itemIndex: number, made: MadeSpeech[]): Error {
	const nodeError = asNodeError(ctx, error as Error, itemIndex) as NodeOperationError;
	const own = made.filter((speech) => speech.itemIndex === itemIndex && speech.id !== undefined).pop();
	if (own) nodeError.context[own.synthesis === 'job' ? 'speechJobId' : 'speechId'] = own.id;
	return nodeError;
}
