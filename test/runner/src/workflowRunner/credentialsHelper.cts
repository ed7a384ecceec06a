// An in-memory ICredentialsHelper for the runner: credentials come from the test, get their type's defaults
// like n8n's CredentialsHelper applies them, and `authenticate` applies the credential type's own
// `authenticate` block (generic headers/qs/body/auth resolved as expressions against $credentials, or the
// function form) — so an emulator can assert on the real header the node would send.
import {
	ICredentials,
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

class InMemoryCredentials extends ICredentials {
	constructor(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		private values: ICredentialDataDecryptedObject,
	) {
		super(nodeCredentials, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.values };
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: JSON.stringify(this.values) };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.values = { ...data };
	}

	async updateData(toUpdate: Partial<ICredentialDataDecryptedObject>, toDelete: string[] = []): Promise<void> {
		this.values = { ...this.values, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete this.values[key];
	}
}

/** Defaults of the credential type's fields (notices excluded), overlaid with the given values. */
export function withCredentialDefaults(type: ICredentialType, values: IDataObject): ICredentialDataDecryptedObject {
	const result: ICredentialDataDecryptedObject = {};
	for (const property of type.properties) {
		if (property.type === 'notice') continue;
		if (property.default !== undefined) result[property.name] = property.default as ICredentialDataDecryptedObject[string];
	}
	for (const [key, value] of Object.entries(values)) {
		if (value !== undefined) result[key] = value as ICredentialDataDecryptedObject[string];
	}
	return result;
}

export class RunnerCredentialsHelper extends ICredentialsHelper {
	/** Every authenticate() call, for tests that want to see which credential type was applied. */
	readonly authenticated: string[] = [];

	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly values: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`workflowRunner: unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions;
		const { authenticate } = this.type(typeName);
		this.authenticated.push(typeName);
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate.type !== 'generic') return requestOptions;

		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=')) return value;
			if (!workflow || !node) throw new Error('workflowRunner: authenticate() needs the workflow and node to resolve expressions');
			const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
			return resolved === undefined || resolved === null ? '' : String(resolved);
		};
		const target = requestOptions as unknown as Record<string, Record<string, unknown> | undefined>;
		for (const [outerKey, inner] of Object.entries(authenticate.properties)) {
			if (inner === undefined || inner === null) continue;
			if (typeof inner !== 'object') {
				target[outerKey] = resolve(inner) as never;
				continue;
			}
			const bucket = (target[outerKey] ??= {});
			for (const [key, value] of Object.entries(inner as Record<string, unknown>)) {
				bucket[String(resolve(key))] = resolve(value);
			}
		}
		return requestOptions;
	}

	// Parameters left off: the syncLabsApi credential has no preAuthentication step (credentials/SyncLabsApi.credentials.ts).
	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new InMemoryCredentials(nodeCredentials, type, this.decrypted(type));
	}

	private decrypted(type: string): ICredentialDataDecryptedObject {
		const values = this.values[type];
		if (!values) throw new Error(`workflowRunner: no credentials of type "${type}" were given to the runner`);
		return withCredentialDefaults(this.type(type), values);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.decrypted(type);
	}

	async updateCredentials(_nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.values[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.values[type] = { ...this.values[type], ...data };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
