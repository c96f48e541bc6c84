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

/** A request to a host outside the allowed API hosts: the token is never sent there, and no retry helps. */
export class CrmHostRefusedError extends Error {
  constructor(problem: string) {
    super(`LeadLens sends the token only to HubSpot's API: ${problem}`);
  }
}
