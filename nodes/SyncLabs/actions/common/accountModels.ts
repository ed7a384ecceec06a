// The model of every create of a run, checked against the account's models before the first create. Items whose
// models differ can otherwise be billed in part: Sync creates item 0 and then refuses item 1's model
// (docs/sync-api.md#models-check). The list is read at most once per node run, and only when a model can differ
// between creates or is not one of the models known to exist (methods/knownModels.ts): a single known model for
// every create is either accepted for all of them or refused for all, before anything is billed.
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { KNOWN_MODELS } from '../../methods/knownModels';
import { listModels } from '../../api';
import { isSetByExpression } from '../../parameters';
import { invalidInput } from './validation';

export interface ModelUse {
	itemIndex: number;
	model: string;
}

/** Why a use's model is refused: not on the account, or the account's list could not be read. */
export type ModelProblem = { kind: 'notOnAccount'; accountModels: string[] } | { kind: 'listUnavailable'; reason: string };

/**
 * Whether Generation → Create's Model parameter is an expression, so each item may resolve to another model.
 * The raw value as saved in the workflow (an expression starts with "="); a plain value is the same for every item.
 */
export function isModelSetPerItem(ctx: IExecuteFunctions): boolean {
	return isSetByExpression(ctx, 'model');
}

/** The names of the models the account can use: one `GET /v2/models` (docs/sync-api.md#quirks, 17). */
async function accountModelNames(ctx: IExecuteFunctions): Promise<string[]> {
	return (await listModels(ctx, { itemIndex: 0 })).map((model) => model.name);
}

/**
 * The uses whose model the account does not have, each with its problem; empty when every model is fine. With
 * `perItem` false and a single known model for all uses, nothing is requested. When the list cannot be read
 * (after the transport's retries), every use is refused: the check runs exactly where an unchecked create may
 * bill some items and refuse others, and a read the API fails is no reason to think its creates will fare better
 * (docs/sync-api.md#models-check).
 */
export async function modelProblems<U extends ModelUse>(ctx: IExecuteFunctions, uses: U[], perItem: boolean): Promise<Array<{ use: U; problem: ModelProblem }>> {
	const distinct = new Set(uses.map((use) => use.model));
	const allKnown = [...distinct].every((model) => KNOWN_MODELS.includes(model));
	if (uses.length === 0 || (!perItem && distinct.size <= 1 && allKnown)) return [];
	let names: string[];
	try {
		names = await accountModelNames(ctx);
	} catch (error) {
		const problem: ModelProblem = { kind: 'listUnavailable', reason: (error as Error).message };
		return uses.map((use) => ({ use, problem }));
	}
	const problem: ModelProblem = { kind: 'notOnAccount', accountModels: names };
	return uses.filter((use) => !names.includes(use.model)).map((use) => ({ use, problem }));
}

/** A model as an error message shows it: quoted, at most 80 characters. */
export function shownModel(model: string): string {
	return `"${model.slice(0, 80)}"`;
}

/**
 * The error of one refused use, before any create: `${field} ${lead}, which ...`, where `lead` says where the model
 * is, e.g. `is "lipsync-9"` (Model) or `has model "lipsync-9" (row 4)` (a batch row).
 */
export function modelProblemError(ctx: IExecuteFunctions, itemIndex: number, field: string, lead: string, problem: ModelProblem): NodeOperationError {
	if (problem.kind === 'notOnAccount') {
		return invalidInput(ctx, itemIndex, field, `${lead}, which is not one of this account's models (${problem.accountModels.join(', ') || 'Sync Labs listed none'})`);
	}
	return new NodeOperationError(
		ctx.getNode(),
		`${field} ${lead}, which could not be checked against this account's models: Sync Labs' model list (GET /v2/models) failed (item ${itemIndex})`,
		{
			itemIndex,
			description: `${problem.reason}. Nothing was created: the models of this run's creates differ or include one the node does not know, so an unchecked run could bill some items and have the others refused. Run the node again once Sync Labs answers.`,
		},
	);
}
