/**
 * The page model: what a content script reports, platform-neutral, with zod schemas.
 * Every message carrying these is validated on arrival in the background.
 */
import { z } from 'zod';
import type { Count } from './count';

// No code generation: extension pages and the worker run under a CSP without 'unsafe-eval'.
z.config({ jitless: true });

/** A failed validation in a line: its first three issues ("posts.0.likes: ..."), at most 500 characters. */
export function zodIssues(e: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> }): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.')}: ${i.message}`)
    .join('; ')
    .slice(0, 500);
}

/** Zod schema of a Count (lib/count.ts). */
export const CountSchema = z
  .object({
    value: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    low: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    high: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    exact: z.boolean(),
    raw: z.string().max(200),
  })
  .refine((c) => c.low <= c.value && c.value <= c.high, { message: 'value must lie within [low, high]' })
  .refine((c) => !c.exact || (c.low === c.value && c.high === c.value), {
    message: 'an exact count has low = high = value',
  }) satisfies z.ZodType<Count>;
export const MaybeCountSchema = CountSchema.nullable();

export const PlatformSchema = z.enum(['vk', 'instagram']);
export type Platform = z.infer<typeof PlatformSchema>;

/** An account as the views name a stored history (popup, dashboard rows, overlay). */
export interface StoredAccountName {
  /** the key the history is stored under ("vk:-2513295") */
  key: string;
  platform: Platform;
  id: string;
  handle: string | null;
  name: string | null;
  url: string;
}
export const PLATFORMS: readonly Platform[] = PlatformSchema.options;

/** What kind of page the URL is. */
export const PageKindSchema = z.enum(['profile', 'post', 'feed', 'reels', 'other']);
export type PageKind = z.infer<typeof PageKindSchema>;

const IsoTime = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().max(max);
/** Account id: VK numeric id ("-2513295" community, "1" user) or screen name; Instagram username. */
const AccountId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._-]+$/u);
const PostId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);
const HttpUrl = z
  .string()
  .max(2000)
  .refine((u) => /^https:\/\/[^\s/]+\//.test(u), { message: 'an https URL' });

export const AccountKindSchema = z.enum(['user', 'community']);

export const AccountObservationSchema = z.object({
  platform: PlatformSchema,
  /** Stable id the history is keyed by (see lib/platforms/<site>/url.ts for each site's rule). */
  id: AccountId,
  /** The site's numeric id when the page shows it (Instagram pk, VK numeric id). */
  nativeId: z
    .string()
    .regex(/^-?\d{1,20}$/)
    .nullable()
    .default(null),
  handle: Text(100).nullable(),
  name: Text(300).nullable(),
  url: HttpUrl,
  kind: AccountKindSchema.nullable().default(null),
  followers: MaybeCountSchema,
  following: MaybeCountSchema,
  posts: MaybeCountSchema,
  isPrivate: z.boolean().nullable().default(null),
});
export type AccountObservation = z.infer<typeof AccountObservationSchema>;
export type AccountObservationInput = z.input<typeof AccountObservationSchema>;

export const MAX_COMMENTS_PER_POST = 30;
export const MAX_POSTS_PER_REPORT = 300;

export const CommentObservationSchema = z.object({
  text: Text(1000),
  author: Text(100).nullable(),
  at: IsoTime.nullable(),
  /** Written by the account the post belongs to (a reply by the community or profile itself). */
  byOwner: z.boolean(),
});
export type CommentObservation = z.infer<typeof CommentObservationSchema>;

export const PostKindSchema = z.enum(['photo', 'carousel', 'reel', 'video', 'text', 'other']);
export type PostKind = z.infer<typeof PostKindSchema>;

export const PostObservationSchema = z.object({
  platform: PlatformSchema,
  /** Instagram shortcode ("CPeC-Eenc8l"); VK "<owner>_<post>" ("-2513295_8964"). */
  id: PostId,
  url: HttpUrl,
  /** Account id of the post's author, in the same id space as AccountObservation.id. */
  authorId: AccountId.nullable(),
  authorHandle: Text(100).nullable().default(null),
  authorName: Text(300).nullable().default(null),
  publishedAt: IsoTime.nullable(),
  kind: PostKindSchema.nullable().default(null),
  likes: MaybeCountSchema,
  comments: MaybeCountSchema,
  shares: MaybeCountSchema,
  views: MaybeCountSchema,
  pinned: z.boolean(),
  /** The author hid the like count: likes is null and must never be counted as 0. */
  likesHidden: z.boolean(),
  /** An advertisement (VK promoted post): kept apart, never counted in an account's metrics. */
  ad: z.boolean(),
  /** The start of the caption (for giveaway detection), bounded. */
  caption: Text(2000).nullable().default(null),
  /** A bounded sample of the comments visible under the post. */
  commentsSample: z.array(CommentObservationSchema).max(MAX_COMMENTS_PER_POST).default([]),
});
export type PostObservation = z.infer<typeof PostObservationSchema>;
export type PostObservationInput = z.input<typeof PostObservationSchema>;

/** One reading of a page: the account it shows (if any) and the posts visible on it. */
export const PageReportSchema = z.object({
  url: HttpUrl,
  pageKind: PageKindSchema,
  observedAt: IsoTime,
  account: AccountObservationSchema.nullable(),
  posts: z.array(PostObservationSchema).max(MAX_POSTS_PER_REPORT),
});
export type PageReport = z.infer<typeof PageReportSchema>;
export type PageReportInput = z.input<typeof PageReportSchema>;

export { type AccountKey, accountKey, parseAccountKey } from './keys';
