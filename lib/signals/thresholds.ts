/**
 * Every threshold of the padding signals, in one table (SIGNALS.md: "keep thresholds in one table
 * in code, so they can be tuned"). Values marked TUNED differ from SIGNALS.md or fill a gap it
 * leaves; docs/metrics.md gives the reason for each, and docs/SIGNALS-EVAL.md the evaluation
 * they were checked against.
 */
export const THRESHOLDS = {
  /** S1: ER far from the size tier. */
  s1: {
    minPosts: 9,
    minFollowers: 5_000,
    /** ER < B/3: moderate; ER < B/6: strong */
    lowModerate: 1 / 3,
    lowStrong: 1 / 6,
    /** ER > 3B, only from 10k followers */
    high: 3,
    highMinFollowers: 10_000,
    pointsModerate: 2,
    pointsStrong: 3,
    pointsHigh: 1,
  },
  /** S2: follower spike. */
  s2: {
    minVisits: 5,
    minDays: 14,
    /** TUNED (gap): visits closer than this are merged, so a 2-hour gap is not extrapolated to a day */
    minIntervalHours: 20,
    /** modified z-score of the growth rate g against the other intervals */
    z: 3.5,
    /** TUNED (gap): intervals next to an outlier with M(g) >= 1.5 belong to its episode (their excess is summed) */
    shoulderZ: 1.5,
    /** TUNED (gap): the rule is also applied to visits at least this many days apart (drip-feeds) */
    weeklyScaleDays: 6.5,
    /** floor of the MAD of g: 0.05 %/day */
    madFloorPerDay: 0.0005,
    /** excess (r - med r) x days >= max(1 % of F, 200) */
    excessShare: 0.01,
    excessMin: 200,
    /** TUNED (gap): the "other intervals" are those within this many days (a local baseline, as S-H-ESD's piecewise median) */
    baselineDays: 45,
    /** TUNED (gap): with at least this many reference intervals, the interval itself stays in its baseline (cheap; med/MAD are robust) */
    looBelow: 24,
    /** ... and one baseline serves every interval of a block of this many days */
    baselineBlockDays: 14,
    /** a giveaway or viral post published this many days before the jump up to its end explains it */
    causeLeadDays: 3,
    /** viral: likes >= 3 x the account's median likes ... */
    viralLikes: 3,
    /** TUNED (gap): ... the median of the posts published within this many days of the jump */
    viralContextDays: 30,
    /** TUNED (gap): a post last seen younger than this is judged against other posts' likes at the same age */
    youngPostDays: 2,
    /**
     * TUNED (gap): a viral post explains at most this many new followers per like above the usual
     * (a post with 3x the median likes cannot explain 60 000 followers); giveaways are not bounded
     */
    viralFollowersPerLike: 2,
    /** round jumps (exact counts): the excess within 2 % of a package size; evidence only, no points */
    roundPackages: [1_000, 2_000, 2_500, 3_000, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 50_000, 100_000],
    roundTolerance: 0.02,
    /** HypeAuditor: ads rarely bring more than 5k followers a day */
    adsRarelyPerDay: 5_000,
    points: 3,
  },
  /** S3: drop after a spike, sawtooth. */
  s3: {
    followDays: 30,
    /** TUNED (gap): with a visit gap after the jump, at least this many days of visits after it to call it clear */
    minFollowDays: 15,
    /** >= 20 % of the spike's excess lost within 30 days */
    lossShare: 0.2,
    z: -3.5,
    /** peers needed for the platform-wide purge correction */
    minPeers: 2,
    points: 2,
  },
  /** S4: followers grow, likes do not. */
  s4: {
    minDays: 60,
    windowDays: 30,
    minPostsEach: 6,
    followerRatio: 1.3,
    likesRatioMax: 1.0,
    /** a format change: the share of video/reels differs by this much between the two windows */
    formatShift: 0.5,
    points: 3,
  },
  /** S5: comments per 100 likes out of band (trendHERO 0.5-5). */
  s5: {
    minPosts: 9,
    minFollowers: 5_000,
    low: 0.5,
    high: 5,
    shareOutside: 0.6,
    /** comments turned off: this share of posts shows exactly 0 comments */
    commentsOffShare: 0.6,
    /** celebrities: from this many followers a low ratio is only information */
    celebrityFollowers: 1_000_000,
    points: 2,
  },
  /** S6: likes too uniform, or one post jumps alone. */
  s6: {
    minPosts: 12,
    /** (P90 - P10) / median of likes below 40 %: suspicious (trendHERO) */
    spreadMin: 0.4,
    jumpZ: 3.5,
    /** TUNED (gap): MAD floor of log likes, so a very even account does not make every 10 % wiggle a jump */
    logMadFloor: 0.05,
    /** the jump's comments per like below half the median ... */
    jumpCommentsShare: 0.5,
    /** ... or its views per like below 2 */
    jumpViewsPerLike: 2,
    pointsUniform: 1,
    pointsJump: 2,
  },
  /** S7: views per like out of band (trendHERO 2-10). */
  s7: {
    minPosts: 9,
    low: 2,
    /**
     * TUNED: the upper bound applies to Instagram only and gives information, not points. VK counts
     * a view for every feed impression (tens of views per like are normal there), and Instagram
     * shows views on reels, which reach non-followers: SIGNALS.md names "reels reach" as the
     * innocent cause.
     */
    high: { instagram: 10, vk: null } as Record<'instagram' | 'vk', number | null>,
    /** TUNED (gap): SIGNALS.md gives the band, not how many posts must be outside; as S5 */
    shareOutside: 0.6,
    points: 2,
  },
  /** S8: mass following. */
  s8: {
    massFollowing: 1_500,
    swing: 500,
    swingDays: 14,
    pointsSwing: 1,
  },
  /** S9: low-quality comments. */
  s9: {
    minComments: 30,
    minPosts: 5,
    flag: 0.5,
    info: 0.3,
    genericMaxWords: 3,
    /** same commenters in the same order: a run of this many authors on 2+ posts */
    orderRun: 3,
    /** TUNED (gap): only the most recent posts with comments, and comments, are read (bounded cost) */
    maxPosts: 40,
    maxComments: 250,
    /** fan cultures: emoji-only is at least this share of the low-quality comments, no repeats */
    emojiFanShare: 2 / 3,
    /** small friend circles: this many different authors or fewer */
    friendCircleAuthors: 5,
    points: 2,
    orderBonus: 1,
  },
  verdict: {
    familyCap: 5,
    /** 3-5 points: some unusual patterns */
    some: 3,
    /** >= 6 from at least two families: several signs */
    several: 6,
    severalFamilies: 2,
  },
} as const;

export type Thresholds = typeof THRESHOLDS;
