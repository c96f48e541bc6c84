// Failures of any CRM adapter, in terms the sync and the UI act on: reconnect, add a scope, or wait and retry.

export class CrmAuthError extends Error {
  constructor(message = 'The CRM refused the token (401): reconnect with a valid token') {
    super(message);
  }
}

export class CrmScopeError extends Error {
  constructor(readonly scopes: string[]) {
    super(`The CRM refused for a missing scope: ${scopes.join(', ') || 'unknown'}`);
  }
}

export class CrmHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
