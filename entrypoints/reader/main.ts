import { handleReadInDocument } from '@/lib/background/read-elsewhere';
import { onMessage } from '@/lib/messaging';

// The worker passes on the copies of VK posts a content script sent (`readVkPosts`); they are read
// here, where there is a DOM parser, and the result goes back to it.
onMessage('readVkPostsInDocument', ({ data, sender }) => handleReadInDocument(data, sender));
