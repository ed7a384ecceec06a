import type { IExecuteFunctions } from 'n8n-workflow';

/** The "Return All" / "Limit" pair of a Get Many operation: undefined means all. */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, 50) as number);
}
