import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { MessageKey } from '../../lib/i18n';
import { OverlayStatus } from './OverlayStatus';
import './overlay.css';

/** Mounts the site's overlay into a shadow root; WXT removes it when the extension reloads or the context dies. */
export async function mountOverlay(ctx: ContentScriptContext, site: string, readyKey: MessageKey): Promise<void> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'leadlens-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const root = createRoot(container);
      root.render(<OverlayStatus site={site} readyKey={readyKey} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  ui.mount();
}
