/** The names the VK content script and its MAIN-world helper agree on (no code: both bundles import it). */
export const ASK_EVENT = 'smm-lens:vk-ask';
export const PAGE_DATA_CHANNEL = 'vk-page-data';

/** The content script's question to the MAIN-world helper. */
export interface Ask {
  /** post ids ("-1_2") to look up */
  ids: string[];
  /** also send the page's apiPrefetchCache */
  prefetch: boolean;
}
