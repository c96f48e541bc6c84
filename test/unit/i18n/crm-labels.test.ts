import { describe, expect, it } from 'vitest';
import { translator } from '../../../lib/i18n';
import { crmLabel, isBuiltInCrmValue } from '../../../lib/i18n/crm-labels';
import { leadSources, standardLifecycleStages } from '../../../lib/model/snapshot';

const en = translator('en');
const he = translator('he');

describe('crmLabel', () => {
  it('names every normalised source of the model, in English and Hebrew', () => {
    for (const source of leadSources) {
      expect(isBuiltInCrmValue('source', source)).toBe(true);
      expect(crmLabel('source', source, en)).not.toBe(source);
      expect(crmLabel('source', source, he)).toMatch(/[\u0590-\u05FF]/);
    }
    expect(crmLabel('source', 'organic_search', en)).toBe('Organic Search');
  });

  it('reads HubSpot’s raw source values as the model’s names (SOCIAL_MEDIA is organic social)', () => {
    expect(crmLabel('source', 'ORGANIC_SEARCH', en)).toBe('Organic Search');
    expect(crmLabel('source', 'SOCIAL_MEDIA', en)).toBe(crmLabel('source', 'organic_social', en));
  });

  it('names the standard lifecycle stages and lead statuses in the user’s language, over the portal’s label', () => {
    for (const stage of standardLifecycleStages) {
      expect(crmLabel('lifecycleStage', stage.value, he)).toMatch(/[\u0590-\u05FF]/);
    }
    const portal = { leadStatus: new Map([['UNQUALIFIED', 'Nicht qualifiziert']]) };
    expect(crmLabel('leadStatus', 'UNQUALIFIED', en, portal)).toBe('Unqualified');
    expect(crmLabel('leadStatus', 'UNQUALIFIED', he, portal)).toBe('לא מתאים');
  });

  it('falls back to the portal’s label for a custom value, then to the value itself', () => {
    const portal = {
      lifecycleStage: new Map([
        ['1234567', 'Partner lead'],
        ['998', '  '],
      ]),
    };
    expect(crmLabel('lifecycleStage', '1234567', he, portal)).toBe('Partner lead');
    expect(crmLabel('lifecycleStage', '998', en, portal)).toBe('998');
    expect(crmLabel('leadStatus', 'CALL_BACK', en)).toBe('CALL_BACK');
    expect(crmLabel('source', 'webinar-tag', en, {})).toBe('webinar-tag');
  });

  it('takes CRM text that looks like an object key as text', () => {
    expect(isBuiltInCrmValue('source', 'constructor')).toBe(false);
    expect(crmLabel('source', 'constructor', en)).toBe('constructor');
    expect(crmLabel('leadStatus', '__proto__', en, { leadStatus: new Map() })).toBe('__proto__');
  });
});
