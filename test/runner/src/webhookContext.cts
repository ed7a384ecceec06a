// A mocked IWebhookFunctions for driving a node's webhook() the way n8n's webhook pipeline does,
// in the spirit of n8n's own (unpublished) testWebhookTriggerNode helper.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

export interface FakeResponse {
	statusCode?: number;
	body?: string;
	ended: boolean;
}

export interface WebhookContextOptions {
	headers?: Record<string, string | string[] | undefined>;
	/** Bytes already read by n8n's body parser; leave undefined to force readRawBody(). */
	rawBody?: Buffer;
	/** What readRawBody() fills in; if it is an Error, readRawBody() rejects with it. */
	bodyForReadRawBody?: Buffer | Error;
	parameters?: IDataObject;
	credentials?: IDataObject | Error;
	staticData?: IDataObject;
}

export function createWebhookContext(options: WebhookContextOptions) {
	const response: FakeResponse = { ended: false };
	const logs: Array<{ level: string; message: string; meta?: unknown }> = [];
	const request = {
		headers: options.headers ?? {},
		rawBody: options.rawBody,
		readRawBody: jest.fn(async () => {
			if (options.bodyForReadRawBody instanceof Error) throw options.bodyForReadRawBody;
			request.rawBody = options.bodyForReadRawBody;
		}),
	};
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		send(body: string) {
			response.body = body;
			return res;
		},
		end() {
			response.ended = true;
			return res;
		},
	};
	const staticData = options.staticData ?? {};
	const logger = Object.fromEntries(
		['debug', 'info', 'warn', 'error'].map((level) => [
			level,
			(message: string, meta?: unknown) => logs.push({ level, message, meta }),
		]),
	);
	const parameters = options.parameters ?? {};
	const context = {
		getRequestObject: () => request,
		getResponseObject: () => res,
		getHeaderData: () => request.headers,
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => {
			if (options.credentials instanceof Error) throw options.credentials;
			return options.credentials ?? {};
		},
		getWorkflowStaticData: () => staticData,
		getNode: () => ({ name: 'Sync Labs Trigger', type: 'n8n-nodes-synclabs.syncLabsTrigger', typeVersion: 1 }),
		logger,
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	} as unknown as IWebhookFunctions;
	return { context, request, response, logs, staticData };
}
