// Which project ids exist for the organization: those created with POST /v2/projects and those the projectIds
// option names (docs/sync-api-2026.md#projects). Shared by the project routes and the projectId checks on
// generations and assets.
import type { Core } from './context.cjs';
import type { ProjectRecord } from './surfaces-state.cjs';

export function projectExists(core: Core, id: string): boolean {
	return core.config.projectIds.includes(id) || core.state.surfaces.projects.has(id);
}

/** Makes each id of the projectIds option a stored project (organization-visible), so it can be read and listed. */
export function materializeConfiguredProjects(core: Core): void {
	const { projects } = core.state.surfaces;
	for (const id of core.config.projectIds) {
		if (projects.has(id)) continue;
		const now = core.now();
		projects.set(id, {
			id,
			seq: core.state.surfaces.nextProjectSeq(),
			name: `Project ${id.slice(0, 8)}`,
			visibility: 'ORGANIZATION',
			mode: 'DEVELOPER',
			defaultWorkflow: null,
			createdAtMs: now,
			updatedAtMs: now,
			apiKey: '',
		});
	}
}

/** USER projects are seen only by the key that made them; ORGANIZATION ones by every key. */
export function visibleTo(p: ProjectRecord, apiKey: string): boolean {
	return p.visibility === 'ORGANIZATION' || p.apiKey === apiKey || p.apiKey === '';
}

export function projectView(p: ProjectRecord): Record<string, unknown> {
	const v: Record<string, unknown> = {
		id: p.id,
		createdAt: new Date(p.createdAtMs).toISOString(),
		updatedAt: new Date(p.updatedAtMs).toISOString(),
		visibility: p.visibility,
		mode: p.mode,
		name: p.name,
		defaultWorkflow: p.defaultWorkflow,
	};
	if (p.description !== undefined) v.description = p.description;
	return v;
}
