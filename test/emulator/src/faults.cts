// Fault injection: rules matched in order before normal handling; each hit decrements `times`. Rules with
// `omitFields` instead shape a successful JSON answer (objects listed lacking fields).
import { ApiError, ERROR_CATALOG } from './errors.cjs';
import type { FaultRule } from './types.cjs';

interface ActiveRule extends FaultRule {
	remaining: number;
}

export interface FaultDecision {
	delayMs: number;
	reset: boolean;
	error?: ApiError;
	afterHandling: boolean;
}

const DEFAULT_CODES: Record<number, string> = { 429: 'rate_limit_exceeded' };

function pathMatches(rule: FaultRule, pathname: string): boolean {
	if (rule.path === undefined) return true;
	if (rule.path instanceof RegExp) return rule.path.test(pathname);
	if (rule.path.endsWith('*')) return pathname.startsWith(rule.path.slice(0, -1));
	return pathname === rule.path;
}

export class Faults {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		this.rules.push({ ...rule, remaining: rule.times ?? 1 });
	}

	clear(): void {
		this.rules = [];
	}

	private matching(method: string, pathname: string): ActiveRule[] {
		return this.rules.filter((r) => r.remaining > 0 && (!r.method || r.method.toUpperCase() === method.toUpperCase()) && pathMatches(r, pathname));
	}

	/** The first matching rule with hits left (omitFields rules aside), consumed; undefined when none matches. */
	take(method: string, pathname: string): FaultDecision | undefined {
		const rule = this.matching(method, pathname).find((r) => !r.omitFields);
		if (!rule) return undefined;
		rule.remaining -= 1;
		if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
		let error: ApiError | undefined;
		if (rule.status !== undefined) {
			const errorCode = rule.errorCode ?? DEFAULT_CODES[rule.status];
			const headers: Record<string, string> = {};
			if (rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(rule.retryAfterSeconds);
			const message =
				(errorCode && ERROR_CATALOG[errorCode]?.message) ??
				(rule.status >= 500 ? 'Internal server error' : `Injected fault ${rule.status}`);
			error = new ApiError(rule.status, message, { errorCode, extra: rule.body, headers });
		}
		return { delayMs: rule.delayMs ?? 0, reset: rule.reset === true, error, afterHandling: rule.afterHandling === true };
	}

	/** A 2xx JSON answer with the fields of every matching omitFields rule dropped from the objects its `where` accepts. */
	shape(method: string, pathname: string, body: unknown): unknown {
		let shaped = body;
		for (const rule of this.matching(method, pathname).filter((r) => r.omitFields)) {
			rule.remaining -= 1;
			if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
			shaped = Array.isArray(shaped) ? shaped.map((o) => withoutFields(rule, o)) : withoutFields(rule, shaped);
		}
		return shaped;
	}
}

function withoutFields(rule: FaultRule, value: unknown): unknown {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
	const object = value as Record<string, unknown>;
	if (rule.where && !rule.where(object)) return object;
	const copy = { ...object };
	for (const field of rule.omitFields ?? []) delete copy[field];
	return copy;
}
