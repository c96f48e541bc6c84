import type { CDPSession, Page } from '@playwright/test';

/**
 * Runs code in LeadLens's content-script world of a page, as a compromised renderer or a bug in our own content
 * script could: the DevTools protocol lists every execution context of the page, and the extension's isolated world
 * is the one whose origin is the extension's. Nothing in the build helps: this is what an attacker gets.
 */
export interface ContentWorld {
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { type?: string; isDefault?: boolean; frameId?: string };
}

export async function contentWorld(page: Page, extensionId: string): Promise<ContentWorld> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const contexts: ContextDescription[] = [];
  session.on('Runtime.executionContextCreated', (event: { context: ContextDescription }) => {
    contexts.push(event.context);
  });
  await session.send('Runtime.enable');
  const deadline = Date.now() + 10_000;
  let world: ContextDescription | undefined;
  while (!world && Date.now() < deadline) {
    world = contexts.find(
      (context) => context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
    );
    if (!world) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!world) throw new Error("LeadLens's content-script world did not appear on the page");
  const contextId = world.id;
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const reply = (await session.send('Runtime.evaluate', {
        expression,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { exception?: { description?: string }; text: string } };
      if (reply.exceptionDetails)
        throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
      return reply.result.value as T;
    },
    close: () => session.detach(),
  };
}
