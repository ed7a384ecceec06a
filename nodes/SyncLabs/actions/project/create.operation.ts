import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { createProject, type CreateProjectRequest } from '../../api';
import { runAfterCheckingEveryItem } from '../common/everyItemFirst';
import { readerFor } from '../../parameters';
import type { ProjectMode, ProjectVisibility } from '../../schemas/project';
import { requireText } from '../common/validation';
import { saidPlainly, syncRefusal } from '../common/plainSyncError';
import { checkedProjectId, derivedProjectId } from './projectId';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Spring campaign',
		description: 'Name of the project',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Default Workflow',
				name: 'defaultWorkflow',
				type: 'options',
				// The values Sync's docs show; their list is cut off (docs/sync-api-2026.md#projects).
				options: [
					{ name: 'Change Appearance', value: 'change_appearance' },
					{ name: 'Edit Dialogue', value: 'edit_dialogue' },
					{ name: 'Image to Video', value: 'image_to_video' },
					{ name: 'Lip Sync', value: 'lipsync' },
					{ name: 'Translate and Dub', value: 'translate_and_dub' },
				],
				default: 'lipsync',
				description: 'The Sync Studio workflow the project opens with; it does not change what the API generates',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'What the project is for',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Creator', value: 'CREATOR' },
					{ name: 'Developer', value: 'DEVELOPER' },
				],
				default: 'CREATOR',
				description: 'The project mode Sync Studio shows',
			},
			{
				displayName: 'Project ID',
				name: 'projectId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 6533643b-aceb-4c40-967e-d9ba9baac39e',
				description:
					'A UUID of your choice for the project. Creating with an ID that exists returns that project unchanged. Leave empty for an ID that is the same for this execution and item, so a repeated request never creates a second project.',
			},
			{
				displayName: 'Visibility',
				name: 'visibility',
				type: 'options',
				options: [
					{ name: 'Organization', value: 'ORGANIZATION', description: 'All members of the organization see the project' },
					{ name: 'User', value: 'USER', description: 'Only the owner of the API key sees the project' },
				],
				default: 'USER',
				description: 'Who sees the project',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['create'] } }, properties);

interface CreateOptions {
	defaultWorkflow?: string;
	description?: string;
	mode?: ProjectMode;
	projectId?: string;
	visibility?: ProjectVisibility;
}

/** One item's project as read and checked before any request. */
type PreparedProject = CreateProjectRequest;

function prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedProject {
	const read = readerFor(ctx, itemIndex, properties);
	const name = requireText(ctx, itemIndex, 'Name', read.text('name'));
	const options = read.collection<CreateOptions>('options');
	const id = checkedProjectId(ctx, itemIndex, 'Project ID', options.projectId) ?? derivedProjectId(ctx, itemIndex);
	return { id, name, description: options.description || undefined, visibility: options.visibility, mode: options.mode, defaultWorkflow: options.defaultWorkflow };
}

async function create(ctx: IExecuteFunctions, itemIndex: number, request: PreparedProject, stop: AbortSignal): Promise<INodeExecutionData[]> {
	try {
		return [{ json: await createProject(ctx, request, { itemIndex, stop }) }];
	} catch (error) {
		throw plainly(error, request.id, itemIndex);
	}
}

// Projects cost nothing, but an id derived from this execution is new in the next one: a run stopped by item 2's
// bad input after items 0 and 1 were created would leave two projects a rerun creates again. So every item is
// checked first, as for the operations that spend (common/everyItemFirst.ts).
export async function executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runAfterCheckingEveryItem(
		this,
		items,
		async (itemIndex) => prepare(this, itemIndex),
		async (itemIndex, request, stop) => await create(this, itemIndex, request, stop),
	);
}

/** A 409 said plainly: the id is taken by another user or organization, or was a deleted project's. */
function plainly(error: unknown, id: string, itemIndex: number): unknown {
	const taken = syncRefusal(error, 409);
	if (!taken) return error;
	return saidPlainly(
		taken,
		`Project ID ${id} cannot be used: it belongs to another user or organization, or to a deleted project (item ${itemIndex})`,
		'Choose another UUID in "Project ID", or leave it empty for an automatic one.',
	);
}
