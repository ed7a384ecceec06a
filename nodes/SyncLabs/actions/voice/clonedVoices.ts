// What a run of Voice → Clone has cloned, so that an error that stops the node (On Error = Stop Workflow) leaves no
// clone unnamed: each took one of the hour's 10 clones and a clone slot, and its name is now taken, so cloning it
// again is refused. The node's error lists every voice the run cloned, as Generation → Create lists its
// generations (actions/generation/createdGenerations.ts) and Speech → Generate its speech (actions/speech/madeSpeech.ts).
import type { IExecuteFunctions, NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../common/itemErrors';

export interface ClonedVoice {
	id: string;
	name: string;
	itemIndex: number;
}

/** How the error names a cloned voice: its ID, or, for one Sync lists without an ID yet, that it has none. */
function named(voice: ClonedVoice): string {
	return voice.id === '' ? `"${voice.name}" (no ID listed yet, item ${voice.itemIndex})` : `${voice.id} ("${voice.name}", item ${voice.itemIndex})`;
}

/** The node's error, extended with every voice this run cloned; one the error already names by its ID is not named twice. */
export function withClonedVoices(ctx: IExecuteFunctions, error: unknown, cloned: ClonedVoice[]): unknown {
	const message = (error as Error | undefined)?.message ?? '';
	const unnamed = cloned.filter((voice) => voice.id === '' || !message.includes(voice.id)).sort((a, b) => a.itemIndex - b.itemIndex);
	if (unnamed.length === 0) return error;
	const list = unnamed.map(named).join(', ');
	const nodeError = asNodeError(ctx, error as Error, 0) as NodeOperationError;
	nodeError.message = `${nodeError.message}. Voices already cloned by this node: ${list}`;
	const advice = `Cloned, but not output because the node stopped: ${list}. Use these voices' IDs instead of cloning them again: Sync Labs would refuse their names as taken.`;
	nodeError.description = [nodeError.description, advice].filter(Boolean).join(' ');
	return nodeError;
}
