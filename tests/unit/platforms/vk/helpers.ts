import { fixtureText } from '../../../helpers/fixtures';

/**
 * A VK fixture parsed with happy-dom's DOMParser. Two workarounds for happy-dom (not needed in a
 * browser, where the e2e tests load the same files untouched):
 * - comments are removed first: happy-dom drops the rest of the document after a comment such as
 *   `<!--div class="x">...</div-->`, which the real 2021 feed contains;
 * - iframes are removed: happy-dom would try to load them over the network.
 */
export function vkDocument(path: string, transform: (html: string) => string = (h) => h): Document {
  const html = transform(fixtureText(path))
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<iframe\b[\s\S]*?<\/iframe>/gi, '');
  return new DOMParser().parseFromString(html, 'text/html');
}
