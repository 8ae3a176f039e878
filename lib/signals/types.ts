/**
 * Result types of the padding signals and the verdict (SIGNALS.md). Plain serialisable data;
 * text as message keys with parameters.
 */
import type { Num } from '../metrics/num';
import type { Msg, Period, Unit } from '../metrics/types';

export type SignalId = 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'S7' | 'S8' | 'S9';
export type Family = 'growth' | 'engagement' | 'comments';

/**
 * - flag: the rule fired; points count towards the verdict
 * - info: worth showing, no points (an innocent cause was found, or the rule is informational)
 * - clear: checked, nothing found
 * - insufficient: not enough data to check; `needs` says what is missing
 */
export type SignalStatus = 'flag' | 'info' | 'clear' | 'insufficient';

/** What a rule needs and how much of it there is ("2 of 5 visits"). */
export interface Need {
  what:
    | 'visits'
    | 'days'
    | 'posts'
    | 'postsWithViews'
    | 'postsEarly'
    | 'postsLate'
    | 'comments'
    | 'postsWithComments'
    | 'followers'
    | 'following'
    | 'daysAfterJump';
  have: number;
  need: number;
}

export type InnocentCause =
  | 'giveawayPost'
  | 'viralPost'
  | 'adPost'
  | 'shoutout'
  | 'platformPurge'
  | 'brandAccount'
  | 'hiddenLikes'
  | 'reelsReach'
  | 'formatChange'
  | 'reachOrSeason'
  | 'commentGiveaway'
  | 'commentsOff'
  | 'celebrity'
  | 'collaboration'
  | 'boostedPost'
  | 'recentPosts'
  | 'viewDefinition'
  | 'personalAccount'
  | 'vkFriends'
  | 'fanCulture'
  | 'friendCircle';

/** An innocent cause the rule considered. */
export interface CheckedCause {
  cause: InnocentCause;
  /** true: found (and it may explain the pattern); false: looked, not found; null: cannot be seen in the data */
  found: boolean | null;
  /** one line for the UI */
  note: Msg;
  /** posts that show it */
  postIds?: string[];
}

export type PostRole = 'viral' | 'giveaway' | 'ad' | 'jump' | 'outsideBand' | 'involved';

export interface EvidencePost {
  id: string;
  url: string;
  publishedAt: number | null;
  role: PostRole;
}

export type CommentReason = 'emoji' | 'generic' | 'mention' | 'duplicate';

export interface EvidenceComment {
  text: string;
  author: string | null;
  postId: string;
  postUrl: string;
  reasons: CommentReason[];
}

/** A number behind the rule, with its label. */
export interface EvidenceNumber {
  label: Msg;
  value: Num;
  unit: Unit;
}

export interface Evidence {
  /** intervals to mark on the growth chart */
  intervals: Period[];
  posts: EvidencePost[];
  /** up to 3 example comments */
  comments: EvidenceComment[];
  checked: CheckedCause[];
  numbers: EvidenceNumber[];
  /** the rule in one sentence */
  rule: Msg;
}

export interface SignalResult {
  id: SignalId;
  family: Family;
  status: SignalStatus;
  points: number;
  /** which parts of the rule fired: 'low' | 'high' | 'strong' | 'uniform' | 'jump' | 'mass' | 'swing' | 'loss' | 'sawtooth' | 'order' ... */
  parts: string[];
  /** the signal's name */
  title: Msg;
  /** the one-line explanations of what fired (SIGNALS.md wording) */
  explanations: Msg[];
  evidence: Evidence;
  /** when insufficient: what is missing */
  needs: Need[];
  missing: Msg[];
}

export type VerdictLevel = 'insufficient' | 'none' | 'some' | 'several';

export interface FamilyScore {
  /** points after the cap */
  points: number;
  /** points before the cap */
  raw: number;
  signals: SignalId[];
}

export interface Verdict {
  level: VerdictLevel;
  /** total after the family caps */
  points: number;
  families: Record<Family, FamilyScore>;
  /** signals that flagged */
  fired: SignalId[];
  /** "No clear signs in the data we have" / "Some unusual patterns" / "Several signs ..." */
  headline: Msg;
  /** "Statistical signals, not proof; ..." */
  footer: Msg;
  /** "Collecting history: 2 of 5 visits, 3 of 14 days" while the history is short */
  collecting: Msg | null;
  /** the signals that could not be checked */
  unchecked: SignalId[];
}

/** Median growth rate of the other tracked accounts, for S3's platform-wide purge correction. */
export interface PeerSeries {
  key: string;
  at: number[];
  followers: number[];
}
export interface PeerGrowth {
  series: PeerSeries[];
}
