// The sites LeadLens overlays. The manifest's match patterns (wxt.config.ts and each content script) and the
// background's sender check both derive from these lists, so they cannot drift apart.
export const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-eu1.hubspot.com', 'app-na2.hubspot.com'] as const;
export const GMAIL_HOSTS = ['mail.google.com'] as const;
export const OUTLOOK_HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com'] as const;
export const HUBSPOT_API_HOSTS = ['api.hubapi.com', 'api-eu1.hubapi.com', 'api-na2.hubapi.com'] as const;

export const OVERLAY_HOSTS: readonly string[] = [...HUBSPOT_APP_HOSTS, ...GMAIL_HOSTS, ...OUTLOOK_HOSTS];

export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.map((host) => `https://${host}/*`);
}
