import { logOnce, runSite } from '@/lib/content/run-site';
import { sendMessage } from '@/lib/messaging';
import { VK_MATCHES } from '@/lib/platforms/matches';
import { createVkReader } from '@/lib/platforms/vk/reader';
import { detectVkPage } from '@/lib/platforms/vk/url';

// The account is read here; the posts' markup is copied out and read off the page's main thread
// (lib/platforms/vk/batch.ts, lib/background/read-elsewhere.ts).
// No answer (the worker stopped): the reader sends the batch again. Refused: it would be again.
const reader = createVkReader(async (batch) => {
  const reply = await sendMessage('readVkPosts', batch);
  if (reply.ok) return reply.posts;
  logOnce(`posts not read: ${reply.message}`);
  return [];
});

export default defineContentScript({
  matches: VK_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    runSite(ctx, reader, detectVkPage);
  },
});
