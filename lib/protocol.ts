/** Zod schemas of every message payload in lib/messaging.ts, checked where the message arrives. */
import { z } from 'zod';
import { MaybeCountSchema, PageKindSchema, PageReportSchema, PlatformSchema } from './model';

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

/** The overlay's question (lib/overlay/types.ts ViewsRequest): accounts the page names and their posts shown. */
const RefId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._-]+$/u);
export const ViewsRequestSchema = z.object({
  refs: z
    .array(
      z.object({
        platform: PlatformSchema,
        id: RefId,
        handle: z.string().max(100).nullable(),
        posts: z
          .array(
            z
              .string()
              .max(100)
              .regex(/^[A-Za-z0-9_-]+$/),
          )
          .max(400),
        detail: z.boolean(),
      }),
    )
    .max(40),
  have: z.enum(['ru', 'en']).nullable(),
});

/** The overlay asks to open the dashboard, on an account or on the list. */
export const OpenDashboardSchema = z.object({ key: z.string().max(120).nullable() });

/** The popup's question (lib/popup-view.ts PopupViewRequest): the tab it is about, the browser's UI language. */
export const PopupViewRequestSchema = z.object({
  tab: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
  ui: z.string().max(35).nullable(),
});

/**
 * A batch of VK posts to read off the page's main thread (lib/platforms/vk/batch.ts VkPostBatch):
 * the copies of at most 100 post elements (MAX_POSTS_PER_READING) and what the page's data told of
 * them. The copies are page markup: they are parsed into an inert document and read, never shown.
 */
const VkPostId = z.string().regex(/^-?\d{1,20}_\d{1,20}$/);
export const VkPostBatchSchema = z.object({
  context: z.object({
    now: z.number().finite(),
    host: z.enum(['vk.com', 'vk.ru']),
    pageKind: PageKindSchema,
    account: z.object({ id: z.string().max(100), handle: z.string().max(100).nullable() }).nullable(),
    locale: z.string().max(35),
  }),
  data: z
    .array(
      z.tuple([
        VkPostId,
        z.object({
          likes: MaybeCountSchema,
          comments: MaybeCountSchema,
          shares: MaybeCountSchema,
          views: MaybeCountSchema,
          date: z.number().finite().nullable(),
          pinned: z.boolean().nullable(),
        }),
      ]),
    )
    .max(100),
  // MAX_POST_CHARS in lib/platforms/vk/reader.ts
  posts: z.array(z.string().max(2_000_000)).min(1).max(100),
});
