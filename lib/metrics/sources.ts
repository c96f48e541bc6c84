import { isPresent } from '../model/present.ts';
import type { Lead } from '../model/snapshot.ts';

export const noOwner = '(no owner)';
export const noCampaign = '(no campaign)';

/**
 * A lead's effective source: its marketers' tag when present, else the CRM's source. An empty tag is not a tag
 * ("a present text field is a non-empty string").
 */
export function effectiveSource(lead: Pick<Lead, 'source' | 'sourceTag'>): string {
  return isPresent(lead.sourceTag) ? lead.sourceTag : lead.source;
}
