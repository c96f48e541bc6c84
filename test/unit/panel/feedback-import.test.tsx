// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackImport, type FeedbackStore } from '../../../components/panel/FeedbackImport';
import { translator } from '../../../lib/i18n';
import type { ImportedFeedbackRow } from '../../../lib/model/imported-feedback';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: { box: HTMLDivElement; root: Root } | undefined;
afterEach(() => {
  if (mounted) {
    const { box, root } = mounted;
    act(() => root.unmount());
    box.remove();
  }
  mounted = undefined;
});

function memoryStore(): FeedbackStore & { rows: Map<string, ImportedFeedbackRow> } {
  const rows = new Map<string, ImportedFeedbackRow>();
  return {
    rows,
    save: async (list) => {
      for (const row of list) rows.set(row.id, row);
    },
    count: async () => rows.size,
    clear: async () => rows.clear(),
  };
}

async function renderImport(language: 'en' | 'he', store: FeedbackStore) {
  const box = document.createElement('div');
  document.body.append(box);
  const root = createRoot(box);
  mounted = { box, root };
  await act(async () =>
    root.render(
      <FeedbackImport
        t={translator(language)}
        timeZone="Asia/Jerusalem"
        store={store}
        now={() => Date.parse('2026-12-03T09:00:00Z')}
      />,
    ),
  );
  return box;
}

async function choose(box: HTMLElement, text: string) {
  const input = box.querySelector<HTMLInputElement>('[data-testid="feedback-import"]');
  if (!input) throw new Error('no feedback import');
  Object.defineProperty(input, 'files', {
    value: [new File([text], 'nps.csv', { type: 'text/csv' })],
    configurable: true,
  });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const file = [
  'date,contact,kind,score',
  '2026-11-02,dana@example.com,nps,9',
  '2026-11-03,1234,csat,7',
  '2026-11-04,1234,csat,5',
].join('\n');

describe('the satisfaction CSV import', () => {
  it('states the accepted ranges and the team’s time zone', async () => {
    const box = await renderImport('en', memoryStore());
    const ranges = box.querySelector('[data-testid="feedback-ranges"]')?.textContent ?? '';
    expect(ranges).toContain('NPS scores are whole numbers from 0 to 10; CSAT scores from 1 to 5');
    expect(ranges).toContain('HubSpot’s own CSAT surveys score 0 to 2');
    expect(ranges).toContain('Asia/Jerusalem');
  });

  it('saves the good lines and reports a bad one by its number and what is wrong', async () => {
    const store = memoryStore();
    const box = await renderImport('en', store);
    await choose(box, file);
    expect([...store.rows.values()].map((row) => [row.kind, row.score])).toEqual([
      ['nps', 9],
      ['csat', 5],
    ]);
    const result = box.querySelector('[data-testid="feedback-import-result"]');
    expect(result?.getAttribute('data-imported')).toBe('2');
    expect(result?.textContent).toContain('Imported 2 responses.');
    expect(result?.textContent).toContain('1 line was not imported:');
    const errors = [...box.querySelectorAll('[data-testid="feedback-import-errors"] li')];
    expect(errors.map((li) => [li.getAttribute('data-line'), li.textContent])).toEqual([
      ['3', 'Line 3: a CSAT score is a whole number from 1 to 5, not “7”.'],
    ]);
    expect(box.querySelector('[data-testid="feedback-kept"]')?.textContent).toBe('2 imported responses kept.');
  });

  it('removes the imported responses on request', async () => {
    const store = memoryStore();
    const box = await renderImport('en', store);
    await choose(box, file);
    const remove = box.querySelector<HTMLButtonElement>('[data-testid="feedback-remove"]');
    await act(async () => remove?.click());
    expect(store.rows.size).toBe(0);
    expect(box.querySelector('[data-testid="feedback-kept"]')?.getAttribute('data-count')).toBe('0');
  });

  it('reports the line in Hebrew too', async () => {
    const box = await renderImport('he', memoryStore());
    await choose(box, file);
    expect(box.querySelector('[data-testid="feedback-import-errors"] li')?.textContent).toBe(
      'שורה 3: ציון CSAT הוא מספר שלם מ-1 עד 5, לא „7”.',
    );
    expect(box.querySelector('[data-testid="feedback-import-result"]')?.textContent).toContain('שורה אחת לא יובאה:');
  });
});
