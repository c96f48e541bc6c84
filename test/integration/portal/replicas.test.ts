// The page replicas over HTTPS by Host header, verified against the committed test certificate.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPortal, startPortal } from '../../fake-hubspot/server.ts';

const AS_OF = '2026-11-22T12:00:00.000Z';
const CA = readFileSync(new URL('../../fake-hubspot/tls/cert.pem', import.meta.url));
let portal: RunningPortal;

interface Page {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET over TLS as the browser would with --host-resolver-rules: the real name in SNI and Host, our port. */
function page(host: string, path: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      { host: '127.0.0.1', port: portal.tlsPort, path, servername: host, headers: { Host: host }, ca: CA },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('error', reject);
  });
}

beforeAll(async () => {
  portal = await startPortal({ contacts: 2000, seed: 9, asOf: AS_OF });
});

afterAll(async () => {
  await portal.close();
});

describe('HubSpot replica', () => {
  it('serves record, list and board pages in HubSpot URL shapes, with escaped names', async () => {
    const htmlId = portal.truth.mess.htmlNameIds[0];
    const record = await page('app.hubspot.com', `/contacts/${portal.portalId}/record/0-1/${htmlId}`);
    expect(record.status).toBe(200);
    expect(record.headers['content-type']).toContain('text/html');
    expect(record.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(record.body).not.toContain('<img src=x');
    const list = await page('app-eu1.hubspot.com', `/contacts/${portal.portalId}/objects/0-1/views/all/list`);
    expect(
      list.body.match(new RegExp(`href="/contacts/${portal.portalId}/record/0-1/\\d+"`, 'g'))?.length,
    ).toBeGreaterThanOrEqual(25);
    const board = await page('app.hubspot.com', `/contacts/${portal.portalId}/objects/0-3/views/all/board`);
    expect(board.body).toMatch(new RegExp(`href="/contacts/${portal.portalId}/record/0-3/\\d+"`));
    expect(board.body).toContain('data-stage-id="closedwon"');
    expect((await page('app.hubspot.com', `/contacts/${portal.portalId}/record/0-1/1`)).status).toBe(404);
  });

  it('answers view JSON for in-app navigation and serves its script', async () => {
    const view = await page(
      'app.hubspot.com',
      `/__replica/view?location=${encodeURIComponent(`/contacts/${portal.portalId}/objects/0-1/views/all/list`)}`,
    );
    const parsed = JSON.parse(view.body) as { title: string; body: unknown[] };
    expect(parsed.title).toBe('Contacts | HubSpot');
    expect(Array.isArray(parsed.body)).toBe(true);
    const script = await page('app.hubspot.com', '/__replica/app.js');
    expect(script.body).toContain('history.pushState');
    expect(script.body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('Gmail replica', () => {
  it('serves the inbox with the Trusted Types CSP and email attributes on senders', async () => {
    const inbox = await page('mail.google.com', '/mail/u/0/');
    expect(inbox.headers['content-security-policy']).toBe("require-trusted-types-for 'script'");
    expect(inbox.body).toMatch(/<tr class="zA[^"]*" role="row"/);
    expect(inbox.body).toMatch(/<span class="(zF|yP)" email="[^"]+@[^"]+" name="/);
    expect(inbox.body).toContain('data-legacy-thread-id="');
    const redirect = await page('mail.google.com', '/');
    expect(redirect.status).toBe(302);
  });

  it('renders N inbox rows and an opened thread through the view endpoint', async () => {
    const rows = await page(
      'mail.google.com',
      `/__replica/view?location=${encodeURIComponent('/mail/u/0/#inbox?rows=100')}`,
    );
    expect(rows.headers['content-security-policy']).toBe("require-trusted-types-for 'script'");
    expect(rows.body.match(/"role":"row"/g)).toHaveLength(100);
    const threadId = /"data-legacy-thread-id":"([0-9a-f]{16})"/.exec(rows.body)?.[1];
    expect(threadId).toBeDefined();
    const thread = await page(
      'mail.google.com',
      `/__replica/view?location=${encodeURIComponent(`/mail/u/0/#inbox/${threadId}`)}`,
    );
    expect(thread.body).toContain('"class":"hP"');
    expect(thread.body).toMatch(/"class":"gD","email":"[^"]+@/);
    expect(thread.body).toContain('"data-message-id":"#msg-f:');
  });
});

describe('Outlook and partner replicas', () => {
  it('serves the Outlook message list and reading pane on every Outlook host', async () => {
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']) {
      const inbox = await page(host, '/mail/inbox');
      expect(inbox.status, host).toBe(200);
      expect(inbox.body).toMatch(/role="option" data-convid="[^"]+"/);
    }
    const inbox = await page('outlook.office.com', '/mail/inbox');
    const id = /data-convid="([^"]+)"/.exec(inbox.body)?.[1] ?? '';
    const reading = await page('outlook.office.com', `/mail/inbox/id/${encodeURIComponent(id)}`);
    expect(reading.status).toBe(200);
    expect(reading.body).toContain('data-app-section="MailReadCompose"');
    expect(reading.body).toMatch(/aria-label="(From|To): [^"]+ &lt;[^"]+@[^"]+&gt;"/);
  });

  it('serves the partner webinar page with e-mail addresses in its text', async () => {
    const landing = await page(
      'www.example-partner.com',
      '/webinar?utm_source=partner&utm_medium=webinar&utm_campaign=q4-launch',
    );
    expect(landing.status).toBe(200);
    expect(landing.body.match(/[\w.+-]+@[\w-]+\.[\w.]+/g)?.length).toBeGreaterThanOrEqual(3);
    expect(landing.body).toContain('utm_campaign=q4-launch');
  });

  it('serves the API on api.hubapi.com over TLS', async () => {
    const response = await new Promise<Page>((resolve, reject) => {
      https
        .get(
          {
            host: '127.0.0.1',
            port: portal.tlsPort,
            path: '/account-info/v3/details',
            servername: 'api.hubapi.com',
            ca: CA,
            headers: { Host: 'api.hubapi.com', Authorization: `Bearer ${portal.token}` },
          },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => {
              body += chunk.toString('utf8');
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          },
        )
        .on('error', reject);
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ portalId: portal.portalId });
  });
});
