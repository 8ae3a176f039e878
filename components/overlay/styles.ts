/**
 * The stylesheet of the overlay's shadow roots (account badge, panels): the shared views' styles
 * and the overlay's own. The site scripts insert it when they create a shadow root
 * (lib/overlay/mount.ts); the views script (components/overlay/views.tsx) only renders.
 */
import viewsCss from '../common/views.css?inline';
import overlayCssText from './overlay.css?inline';

export const overlayCss = `${viewsCss}\n${overlayCssText}`;
