import { runSite } from '@/lib/content/run-site';
import { VK_MATCHES } from '@/lib/platforms/matches';
import { vkReader } from '@/lib/platforms/vk/reader';
import { detectVkPage } from '@/lib/platforms/vk/url';

export default defineContentScript({
  matches: VK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runSite(ctx, vkReader, detectVkPage);
  },
});
