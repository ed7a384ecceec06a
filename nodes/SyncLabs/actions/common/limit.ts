import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { readerFor } from '../../parameters';

/** The "Return All" / "Limit" pair of a Get Many operation (declared among `declarations`): undefined means all. */
export function resultLimit(ctx: IExecuteFunctions, itemIndex: number, declarations: INodeProperties[]): number | undefined {
	const read = readerFor(ctx, itemIndex, declarations);
	return read.switch('returnAll') ? undefined : read.number('limit');
}
