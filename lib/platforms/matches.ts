/** Where the content scripts run: these hosts and nothing else (see README, Permissions). */
export const VK_MATCHES = [
  'https://vk.com/*',
  'https://www.vk.com/*',
  'https://m.vk.com/*',
  'https://vk.ru/*',
  'https://www.vk.ru/*',
  'https://m.vk.ru/*',
];
export const INSTAGRAM_MATCHES = ['https://www.instagram.com/*'];
