/**
 * The backup file format (JSON). This zod schema is the source of truth; docs/export-format.md
 * describes every field. Version 1.
 */
import { z } from 'zod';
import { AccountKindSchema, CountSchema, PlatformSchema, PostKindSchema } from '../model';

export const BACKUP_FORMAT = 'smm-lens-backup';
export const BACKUP_VERSION = 1;
/** Files larger than this are refused before they are read. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

const Iso = z.iso.datetime({ offset: true });
const BackupCount = CountSchema.nullable();
const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, ".", "_" or "-"');
const Url = z
  .string()
  .max(2000)
  .regex(/^https:\/\//, 'an https URL');

export const BackupSnapshotSchema = z.object({
  at: Iso,
  followers: BackupCount,
  following: BackupCount,
  posts: BackupCount,
});

export const BackupObservationSchema = z.object({
  at: Iso,
  likes: BackupCount,
  comments: BackupCount,
  shares: BackupCount,
  views: BackupCount,
});

export const BackupCommentSchema = z.object({
  text: z.string().max(1000),
  author: z.string().max(100).nullable(),
  at: Iso.nullable(),
  byOwner: z.boolean(),
});

export const BackupPostSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"'),
  url: Url,
  publishedAt: Iso.nullable(),
  kind: PostKindSchema.nullable().default(null),
  pinned: z.boolean().default(false),
  likesHidden: z.boolean().default(false),
  ad: z.boolean().default(false),
  giveaway: z.boolean().default(false),
  observations: z.array(BackupObservationSchema).min(1),
  comments: z.array(BackupCommentSchema).max(100).default([]),
});

export const BackupAccountSchema = z.object({
  platform: PlatformSchema,
  id: Id,
  nativeId: z
    .string()
    .regex(/^-?\d{1,20}$/)
    .nullable()
    .default(null),
  handle: z.string().max(100).nullable(),
  name: z.string().max(300).nullable(),
  url: Url,
  kind: AccountKindSchema.nullable().default(null),
  isPrivate: z.boolean().nullable().default(null),
  firstSeen: Iso.optional(),
  lastSeen: Iso.optional(),
  snapshots: z.array(BackupSnapshotSchema),
  posts: z.array(BackupPostSchema),
});

/** A group of accounts the user named on the dashboard (optional; files without it still read). */
export const BackupGroupSchema = z.object({
  name: z.string().trim().min(1).max(60),
  accounts: z.array(z.object({ platform: PlatformSchema, id: Id })).max(100_000),
});

export const BackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: Iso,
  app: z.object({ name: z.string().max(100), version: z.string().max(50) }).optional(),
  accounts: z.array(BackupAccountSchema),
  groups: z.array(BackupGroupSchema).max(1000).optional(),
});

export type Backup = z.infer<typeof BackupSchema>;
export type BackupInput = z.input<typeof BackupSchema>;
export type BackupAccount = z.infer<typeof BackupAccountSchema>;
export type BackupPost = z.infer<typeof BackupPostSchema>;
export type BackupGroup = z.infer<typeof BackupGroupSchema>;
