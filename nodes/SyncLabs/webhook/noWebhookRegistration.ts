// Sync Labs takes webhook URLs per request and has no registration API, so the webhook lifecycle that n8n
// runs on activation has nothing to create, check or delete.
import type { IHookFunctions } from 'n8n-workflow';

export const noWebhookRegistration = {
	default: {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async create(this: IHookFunctions): Promise<boolean> {
			return true;
		},
		async delete(this: IHookFunctions): Promise<boolean> {
			return true;
		},
	},
};
