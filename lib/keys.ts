/** Account keys ("instagram:nasa", "vk:-2513295"). No zod here: content scripts use this. */
import type { Platform } from './model';

/** The key history is stored under: "instagram:nasa", "vk:-2513295". */
export type AccountKey = `${Platform}:${string}`;
export function accountKey(platform: Platform, id: string): AccountKey {
  return `${platform}:${id}`;
}
export function parseAccountKey(key: string): { platform: Platform; id: string } | null {
  const i = key.indexOf(':');
  if (i < 0) return null;
  const platform = key.slice(0, i);
  const id = key.slice(i + 1);
  return (platform === 'vk' || platform === 'instagram') && id ? { platform, id } : null;
}
