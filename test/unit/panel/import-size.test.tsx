// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamSetup } from '../../../components/panel/TeamSetup';
import { translator } from '../../../lib/i18n';
import { CSV_IMPORT_MAX_BYTES } from '../../../lib/model/import-limits';
import { metricSettings } from '../../../lib/model/settings';

// Issue 14: where the UI reads a File, its size is checked before a byte is read; a reserved source is named.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const t = translator('en');
let container: HTMLDivElement;
afterEach(() => container.remove());

function renderSetup() {
  container = document.createElement('div');
  document.body.append(container);
  act(() =>
    createRoot(container).render(
      <TeamSetup
        t={t}
        settings={metricSettings({ timezone: 'UTC' })}
        managedKeys={[]}
        currency="USD"
        owners={[]}
        sources={[]}
        onSave={async () => undefined}
      />,
    ),
  );
}

/** A file whose reported size is `size`, without holding that many bytes; `text` is spied on. */
function csvFile(text: string, size = text.length) {
  const file = new File([text], 'spend.csv', { type: 'text/csv' });
  Object.defineProperty(file, 'size', { value: size });
  return { file, read: vi.spyOn(file, 'text') };
}

async function choose(file: File) {
  const input = container.querySelector<HTMLInputElement>('[data-testid="spend-import"]');
  if (!input) throw new Error('no spend import');
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

const status = () => container.querySelector('[role="status"]')?.textContent;

describe('the spend CSV import', () => {
  it('refuses a file over the cap before reading it, saying the size and the limit', async () => {
    renderSetup();
    const { file, read } = csvFile('paid_search,2026-01,5\n', CSV_IMPORT_MAX_BYTES + 1024 * 1024);
    await choose(file);
    expect(read).not.toHaveBeenCalled();
    expect(status()).toBe('This file is 3 MB, larger than the 2 MB LeadLens can import.');
  });

  it('reads a file within the cap, and names a reserved source it refused', async () => {
    renderSetup();
    const { file, read } = csvFile('paid_search,2026-01,5\n__proto__,2026-01,6\n');
    await choose(file);
    expect(read).toHaveBeenCalled();
    expect(status()).toBe('Imported 1 month of spend. Lines not imported: 2 (reserved "__proto__")');
  });
});
