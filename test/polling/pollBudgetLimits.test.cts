// What each request of a poll carries (nodes/SyncLabs/polling/pollBudget.ts limits): with both kinds watched it
// waits at most half the time left, so a hanging listing leaves the other kind's later steps the rest; with one kind
// watched it may use all the time up to the poll's deadline, as a slow but answering listing needs.
import type { IPollFunctions } from 'n8n-workflow';
import { PollBudget } from '../../nodes/SyncLabs/polling/pollBudget';

const BUDGET_MS = 10_000;
const pollContext = { getPollBudgetMs: () => BUDGET_MS } as unknown as IPollFunctions;

describe('the time a poll gives one request', () => {
	it('is all of it up to the deadline (90 % of the budget) with one kind watched', () => {
		const budget = new PollBudget(pollContext);
		expect(budget.limits.answerBy).toBe(budget.startedAt + BUDGET_MS * 0.9);
	});

	it('is half the time left with both kinds watched, read when the request is sent', () => {
		const budget = new PollBudget(pollContext);
		budget.sharedByKinds = true;
		const { answerBy } = budget.limits;
		const now = Date.now();
		const deadline = budget.startedAt + BUDGET_MS * 0.9;
		// A few milliseconds may pass between reading the limits and Date.now() here.
		expect(Math.abs((answerBy ?? Number.NaN) - (now + (deadline - now) / 2))).toBeLessThanOrEqual(5);
	});
});
