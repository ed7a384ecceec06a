// The one output rule for a generation (actions/generation/generationOutput.ts), used by Create, Get, Wait for Completion,
// Get Many, Delete, Download Output and the webhook resume: Sync's "" for no error becomes null, as in the trigger.
import { normalizedGeneration } from '../../../nodes/SyncLabs/actions/generation/generationOutput';
import { DOCS_GENERATION_STATUS_UPDATE } from '../../fixtures/syncDocsWebhooks.cjs';

describe('normalizedGeneration', () => {
	it('outputs the docs-example COMPLETED generation with error and errorCode null, keeping every other field', () => {
		const json = normalizedGeneration(DOCS_GENERATION_STATUS_UPDATE);
		expect({ error: json.error, errorCode: json.errorCode }).toEqual({ error: null, errorCode: null });
		expect(json).toMatchObject({ id: 'asdas12312ada', outputUrl: 'https://example.com/output.mp4', segmentOutputUrl: 'https://example.com/segment_output.mp4' });
	});

	it('keeps a real error and reads errorCode from either spelling', () => {
		expect(normalizedGeneration({ status: 'FAILED', error: 'Bad video', error_code: 'generation_input_video_inaccessible' })).toMatchObject({
			error: 'Bad video',
			errorCode: 'generation_input_video_inaccessible',
		});
		expect(normalizedGeneration({ status: 'FAILED', errorCode: '', error_code: '' })).toMatchObject({ errorCode: null });
		expect(normalizedGeneration({ status: 'FAILED', errorCode: '', error_code: 'x' })).toMatchObject({ errorCode: 'x' });
	});

	it('adds no error field a response did not have', () => {
		expect(normalizedGeneration({ id: 'g', status: 'PENDING' })).toEqual({ id: 'g', status: 'PENDING' });
	});
});
