import { describe, expect, it } from 'vitest';
import { feedbackFromCsv } from '../../../lib/csv/feedback-import';
import { zoneClockFor } from '../../../lib/metrics/calendar';
import { CSV_IMPORT_MAX_BYTES } from '../../../lib/model/import-limits';

const jerusalem = zoneClockFor('Asia/Jerusalem');
const now = Date.parse('2026-12-03T09:00:00Z');
const context = { localMidnight: (date: string) => jerusalem.localMidnight(date), now };
const read = (text: string) => feedbackFromCsv(text, context);

describe('satisfaction responses from a CSV', () => {
  it('reads date, e-mail or contact id, kind and score, with or without a header', () => {
    const { rows, errors } = read(
      [
        'date,email or contact id,kind,score',
        '2026-11-02,Dana@Example.com,NPS,9',
        '2026-11-03T10:15:00Z,1234,csat,4',
        '2026-11-04 08:00+02:00,dana@example.com,Csat,1',
        '',
      ].join('\r\n'),
    );
    expect(errors).toEqual([]);
    expect(rows.map(({ importedAt: _importedAt, ...row }) => row)).toEqual([
      {
        // A date alone is the local midnight in the team's zone: 2 November 00:00 in Jerusalem is 22:00 UTC before.
        id: 'csv:nps:email:dana@example.com:2026-11-01T22:00:00.000Z',
        email: 'dana@example.com',
        at: Date.parse('2026-11-01T22:00:00Z'),
        kind: 'nps',
        score: 9,
      },
      {
        id: 'csv:csat:id:1234:2026-11-03T10:15:00.000Z',
        contactId: '1234',
        at: Date.parse('2026-11-03T10:15:00Z'),
        kind: 'csat',
        score: 4,
      },
      {
        id: 'csv:csat:email:dana@example.com:2026-11-04T06:00:00.000Z',
        email: 'dana@example.com',
        at: Date.parse('2026-11-04T06:00:00Z'),
        kind: 'csat',
        score: 1,
      },
    ]);
    expect(read('2026-11-02,1234,nps,10').rows).toHaveLength(1);
  });

  it('refuses each bad line with its number and what is wrong, and keeps the good ones', () => {
    const { rows, errors } = read(
      [
        'date,contact,kind,score',
        '2026-11-02,a@example.com,nps,0', // 2: fine
        '2026-11-02,a@example.com,nps', // 3: three columns
        '02/11/2026,a@example.com,nps,5', // 4: not an ISO date
        '2026-02-30,a@example.com,nps,5', // 5: no such day
        '2026-11-02T10:00:00,a@example.com,nps,5', // 6: a time without its zone
        '2026-12-25,a@example.com,nps,5', // 7: in the future
        '2026-11-02,Dana Cohen,nps,5', // 8: neither an address nor an id
        '2026-11-02,a@example.com,ces,5', // 9: no such kind
        '2026-11-02,a@example.com,nps,11', // 10: NPS is 0–10
        '2026-11-02,a@example.com,csat,0', // 11: CSAT is 1–5
        '2026-11-02,a@example.com,csat,4.5', // 12: whole numbers only
        '2026-11-02,A@example.com,NPS,7', // 13: the response of line 2 again
        '2026-11-03,a@example.com,csat,5', // 14: fine
      ].join('\n'),
    );
    expect(rows.map((row) => row.score)).toEqual([0, 5]);
    expect(errors).toEqual([
      { line: 3, problem: 'columns', value: '3' },
      { line: 4, problem: 'date', value: '02/11/2026' },
      { line: 5, problem: 'date', value: '2026-02-30' },
      { line: 6, problem: 'date', value: '2026-11-02T10:00:00' },
      { line: 7, problem: 'future', value: '2026-12-25' },
      { line: 8, problem: 'contact', value: 'Dana Cohen' },
      { line: 9, problem: 'kind', value: 'ces' },
      { line: 10, problem: 'score', value: '11', kind: 'nps' },
      { line: 11, problem: 'score', value: '0', kind: 'csat' },
      { line: 12, problem: 'score', value: '4.5', kind: 'csat' },
      { line: 13, problem: 'duplicate', value: '', firstLine: 2 },
    ]);
  });

  it('takes back the apostrophe our own CSV export puts before formula-like text', () => {
    expect(read("2026-11-02,'+972@example.com,nps,9").rows[0]?.email).toBe('+972@example.com');
  });

  it('refuses a file larger than the import limit before parsing it', () => {
    expect(() => read('x'.repeat(CSV_IMPORT_MAX_BYTES + 1))).toThrow(RangeError);
  });
});
