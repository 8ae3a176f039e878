/**
 * Where the content scripts run: these hosts and nothing else (see README, Permissions). The VK
 * hosts are also what lib/platforms/vk/url.ts accepts as VK.
 */
export const VK_HOSTS = ['vk.com', 'www.vk.com', 'm.vk.com', 'vk.ru', 'www.vk.ru', 'm.vk.ru'] as const;
export const VK_MATCHES = /* @__PURE__ */ VK_HOSTS.map((host) => `https://${host}/*`);
export const INSTAGRAM_MATCHES = ['https://www.instagram.com/*'];
