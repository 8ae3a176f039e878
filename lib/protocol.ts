/** Zod schemas of every message payload in lib/messaging.ts, checked where the message arrives. */
import { z } from 'zod';
import { PageKindSchema, PageReportSchema, PlatformSchema } from './model';

export { PageReportSchema };

/** What a content script says about the page it is on (asked by the popup). */
export const PageStateSchema = z.object({
  platform: PlatformSchema,
  url: z.string().max(4000),
  pageKind: PageKindSchema,
  accountKey: z.string().max(200).nullable(),
  accountName: z.string().max(300).nullable(),
  /** reading: not read yet; ok: numbers read; unreadable: the page should show numbers but none were found */
  status: z.enum(['reading', 'ok', 'unreadable']),
  /** how many posts were read on this page */
  posts: z.number().int().nonnegative(),
  lastReportAt: z.number().nullable(),
  /** the background's answer to the last report */
  lastReply: z.object({ ok: z.boolean(), error: z.string().optional(), message: z.string().optional() }).nullable(),
});
export type PageState = z.infer<typeof PageStateSchema>;
