import { describe, expect, it } from 'vitest';
import { reportToCsv } from '../../../lib/metrics/report-output';
import { buildReport } from '../../../lib/metrics/report';
import { lead, settings, snapshot, won } from './fixtures';

// Issue 14: the report CLI's `--format csv` writes CRM text (a source tag is a breakdown key) through the same
// formula guard as the panel's exports; its figures stay numbers.
describe('reportToCsv', () => {
  it('guards formula-like keys and values, and keeps negative figures as numbers', () => {
    const data = snapshot({
      leads: [
        lead('a', '2024-04-10T10:00:00Z', { sourceTag: '\u200B=HYPERLINK("http://x")' }),
        lead('b', '2024-04-10T10:00:00Z', { sourceTag: '\uFF0Bcmd' }),
      ],
      deals: [won('d', ['a'], '2024-04-11T00:00:00Z', '2024-04-20T00:00:00Z', 1200)],
    });
    const report = buildReport(data, settings({ adoptionDate: '2024-03-01' }), Date.parse('2024-06-01T00:00:00Z'));
    const csv = reportToCsv(report);
    const lines = csv.split('\n');
    expect(lines).toContain(`window.breakdowns.bySource[0].key,"'\u200B=HYPERLINK(""http://x"")"`);
    expect(lines).toContain("window.breakdowns.bySource[1].key,'\uFF0Bcmd");
    expect(lines).toContain('window.money.revenue,1200');
    // A negative figure (the change in median response, say) is written as a plain number.
    const negative = lines.find((line) => /,-\d/.test(line));
    expect(negative).toBeDefined();
    for (const line of lines.slice(1)) {
      expect(line, 'no unguarded formula text').not.toMatch(/^[^,]*,[\s\u200B]*[=+@\uFF1D\uFF0B\uFF20]/);
    }
  });
});
