// Models, the error catalog, and generation output files.
import { ApiError, ERROR_CATALOG } from '../errors.cjs';
import type { Ctx, Route } from '../context.cjs';
import type { Reply } from '../http.cjs';
import { json } from '../http.cjs';
import { TINY_MP4 } from '../media.cjs';
import { generationStatus } from '../state.cjs';

export const MODEL_INFO = [
	{ id: '3f1c2b9e-6a0d-4f5e-9b1a-0c2d3e4f5a61', name: 'lipsync-2', type: 'lipsync', version: '2.0.0', description: 'Zero-shot lipsync that keeps the speaker\'s style.' },
	{ id: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c02', name: 'lipsync-2-pro', type: 'lipsync', version: '2.1.0', description: 'Higher-fidelity lipsync for close-ups and detail.' },
	{ id: 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d03', name: 'lipsync-1.9.0-beta', type: 'lipsync', version: '1.9.0', description: 'Previous-generation lipsync model.' },
	{ id: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e04', name: 'react-1', type: 'react', version: '1.0.0', description: 'Performance editing: emotion and head movement.' },
	{ id: 'd7e8f9a0-b1c2-4d3e-9f4a-5b6c7d8e9f05', name: 'sync-3', type: 'lipsync', version: '3.0.0', description: 'Newest model; also animates still images.' },
];

async function models() {
	return json(200, MODEL_INFO);
}

async function errors() {
	return json(
		200,
		Object.entries(ERROR_CATALOG).map(([code, e]) => ({ code, message: e.message, suggestion: e.suggestion })),
	);
}

/** Output file of a COMPLETED generation (unauthenticated, like a signed S3 URL). */
async function outputFile(ctx: Ctx): Promise<Reply> {
	const g = ctx.core.state.generations.get(ctx.params[0]);
	if (!g || generationStatus(g, ctx.core.now()) !== 'COMPLETED') {
		return { status: 404, headers: { 'Content-Type': 'application/xml' }, text: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>' };
	}
	const name = g.outputFileName ? `${g.outputFileName}.mp4` : `${g.id}.mp4`;
	return { status: 200, raw: TINY_MP4, headers: { 'Content-Type': 'video/mp4', 'Content-Disposition': `inline; filename="${name}"` } };
}

async function notFound(ctx: Ctx): Promise<never> {
	throw new ApiError(404, `Cannot ${ctx.method} ${ctx.pathname}`);
}

export const miscRoutes: Route[] = [
	{ method: 'GET', pattern: /^\/v2\/models$/, auth: true, handler: models },
	{ method: 'GET', pattern: /^\/v2\/errors$/, auth: false, handler: errors },
	{ method: 'GET', pattern: /^\/files\/([^/]+)\.mp4$/, auth: false, raw: true, handler: outputFile },
];
export { notFound };
