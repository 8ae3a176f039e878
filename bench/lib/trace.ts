/**
 * Reading a Chrome trace (Tracing domain, categories toplevel + devtools.timeline + the V8 sampling
 * profiler): the page's main thread, its tasks, and which part of them is the extension's.
 *
 * - The page's main thread is the CrRendererMain thread that parsed the page's HTML (ParseHTML of
 *   its URL); its tasks are the top-level RunTask events from that parse on.
 * - Time is wall time (`dur`) and thread CPU time (`tdur`), in ms.
 * - The extension's part of a task, two ways:
 *   1. events: top-most FunctionCall / EvaluateScript / compile events whose script URL is
 *      chrome-extension://<id>/ (content scripts in the isolated world and the MAIN-world scripts,
 *      with everything they call: style, layout, the page's listeners they trigger);
 *   2. samples of the V8 CPU profiler whose stack holds a chrome-extension:// frame (this also
 *      catches promise callbacks, which run as microtasks without a FunctionCall event).
 *   A task's extension time is the larger of the two: in wall time (event durations, sample
 *   intervals) and in thread CPU time (the events' thread time, or the task's thread time times
 *   the share of its samples that hold an extension frame).
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tts?: number;
  pid: number;
  tid: number;
  id?: string | number;
  args?: Record<string, unknown>;
}

export interface TaskStat {
  start: number;
  dur: number;
  tdur: number;
  ext: number;
  extCpu: number;
}

export interface TraceSummary {
  found: boolean;
  /** all top-level tasks on the page's main thread, from the page's first parse on */
  tasks: number;
  taskMs: number;
  taskCpuMs: number;
  /** the extension's part, by events and by samples, and the larger per task summed */
  extEventMs: number;
  extSampleMs: number;
  extMs: number;
  /** the extension's thread CPU time (tdur of its events) */
  extCpuMs: number;
  /** longest extension part within one task: wall and thread CPU time */
  maxExtInTaskMs: number;
  maxExtCpuInTaskMs: number;
  /** tasks over 50 ms and those over 50 ms of which at least half is the extension's */
  longTasks: number;
  longTasksByExtension: number;
  /** longest task in which the extension ran at all (ms) and its extension part */
  longestTaskWithExtMs: number;
  longestTaskWithExtExtMs: number;
  /** the extension's time by script (file name) */
  extByScript: Record<string, number>;
  /** sampling interval seen (ms) */
  sampleMs: number | null;
  /** extension time in the last 500 ms of the trace (should be ~0: the extension had finished) */
  extTailMs: number;
  /** where the extension's sampled time goes: by leaf function, and by the innermost extension function (ms) */
  hotLeaf: Array<[string, number]>;
  hotExt: Array<[string, number]>;
  /**
   * The task with the longest extension part (CPU): what ran in it, to tell a slow path of the
   * extension from a garbage collection or the page's own work nested in it. Events of any depth
   * by name (thread CPU ms, nested ones counted in their parents too), and the innermost extension
   * function of its samples (ms).
   */
  maxTask: { extCpuMs: number; cpuMs: number; events: Array<[string, number]>; frames: Array<[string, number]> } | null;
  /** thread CPU time of the events directly under the page's tasks, by event name (what the main thread did) */
  breakdown: Record<string, number>;
}

const EXT_EVENTS = new Set([
  'FunctionCall',
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'TimerFire',
  'FireIdleCallback',
]);

function urlOf(e: TraceEvent): string {
  const data = (e.args?.data ?? e.args?.beginData) as { url?: string; scriptName?: string } | undefined;
  return data?.url ?? data?.scriptName ?? (e.args?.fileName as string | undefined) ?? '';
}

function scriptName(url: string): string {
  const m = /chrome-extension:\/\/[^/]+\/(.*)$/.exec(url);
  return m ? m[1] : url;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number };
}

const frameName = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${scriptName(n.callFrame.url ?? '') || '(native)'}:${(n.callFrame.lineNumber ?? -1) + 1}`;

/**
 * Totals over every trace read in this process (for `--diag`): samples by each extension function on
 * the stack (inclusive, once per sample), by the leaf frame (native or not) of extension samples, and
 * by that leaf within the innermost extension function (who calls a native).
 */
export const profileTotals = {
  inclusive: new Map<string, number>(),
  leaf: new Map<string, number>(),
  leafIn: new Map<string, number>(),
  samples: 0,
};

/** Browser functions that do the page's own request: fetch(), XMLHttpRequest's open() and send(). */
const REQUEST_NATIVES = new Set(['fetch', 'send', 'open']);

/**
 * The sample is the browser starting one of the page's own requests, called through the MAIN-world
 * observer's wrapper (lib/platforms/instagram/network.ts passes the page's arguments on): the
 * request's cost is the page's, which it pays without the extension too, not the extension's.
 */
function pagesOwnRequest(leaf: ProfileNode, nodes: Map<number, ProfileNode>, prefix: string): boolean {
  let node: ProfileNode | undefined = leaf;
  let request = false;
  while (node && !node.callFrame.url) {
    if (REQUEST_NATIVES.has(node.callFrame.functionName ?? '')) request = true;
    node = node.parent !== undefined ? nodes.get(node.parent) : undefined;
  }
  return request && Boolean(node?.callFrame.url?.startsWith(prefix));
}

/** Sample times (trace µs) whose stack holds an extension frame, with the script of the top-most extension frame. */
function extensionSamples(
  events: TraceEvent[],
  pid: number,
  tid: number,
  prefix: string,
): { samples: Array<[number, string, string, string]>; all: number[]; interval: number | null } {
  const profiles = new Map<
    string,
    { nodes: Map<number, ProfileNode>; start: number; last: number; samples: Array<[number, string, string, string]> }
  >();
  let interval: number | null = null;
  const deltas: number[] = [];
  const all: number[] = [];
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) {
      const data = e.args?.data as { startTime?: number } | undefined;
      profiles.set(String(e.id), { nodes: new Map(), start: data?.startTime ?? e.ts, last: data?.startTime ?? e.ts, samples: [] });
    }
  }
  for (const e of events) {
    if (e.pid !== pid || e.name !== 'ProfileChunk') continue;
    const p = profiles.get(String(e.id));
    if (!p) continue;
    const data = e.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
    for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = data?.cpuProfile?.samples ?? [];
    const td = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      p.last += td[i] ?? 0;
      if ((td[i] ?? 0) > 0) deltas.push(td[i]);
      all.push(p.last);
      const leaf = p.nodes.get(samples[i]);
      if (leaf && pagesOwnRequest(leaf, p.nodes, prefix)) continue;
      let node = leaf;
      let ext = '';
      let innermost = '';
      const onStack = new Set<string>();
      while (node) {
        const u = node.callFrame.url ?? '';
        if (u.startsWith(prefix)) {
          ext = scriptName(u);
          if (!innermost) innermost = frameName(node);
          onStack.add(frameName(node));
        }
        node = node.parent !== undefined ? p.nodes.get(node.parent) : undefined;
      }
      if (ext && leaf) {
        p.samples.push([p.last, ext, frameName(leaf), innermost]);
        profileTotals.samples++;
        for (const f of onStack) profileTotals.inclusive.set(f, (profileTotals.inclusive.get(f) ?? 0) + 1);
        const lf = frameName(leaf);
        profileTotals.leaf.set(lf, (profileTotals.leaf.get(lf) ?? 0) + 1);
        const li = `${lf}  <-  ${innermost}`;
        profileTotals.leafIn.set(li, (profileTotals.leafIn.get(li) ?? 0) + 1);
      }
    }
  }
  if (deltas.length) {
    deltas.sort((a, b) => a - b);
    interval = deltas[Math.floor(deltas.length / 2)] / 1000;
  }
  // parent links: nodes carry `parent` in trace profiles (not `children`)
  return { samples: [...profiles.values()].flatMap((p) => p.samples), all, interval };
}

/** Complete events ('X', and 'B'/'E' pairs) of one thread, sorted by start. */
function completeEvents(events: TraceEvent[], pid: number, tid: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.pid !== pid || e.tid !== tid) continue;
    if (e.ph === 'X') out.push(e);
    else if (e.ph === 'B') {
      const stack = open.get(e.name) ?? [];
      stack.push(e);
      open.set(e.name, stack);
    } else if (e.ph === 'E') {
      const b = open.get(e.name)?.pop();
      if (b) out.push({ ...b, ph: 'X', dur: e.ts - b.ts, tdur: e.tts !== undefined && b.tts !== undefined ? e.tts - b.tts : undefined });
    }
  }
  out.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  return out;
}

export function summarizeTrace(events: TraceEvent[], pageUrl: string, extensionId: string | null): TraceSummary {
  const empty: TraceSummary = {
    found: false,
    tasks: 0,
    taskMs: 0,
    taskCpuMs: 0,
    extEventMs: 0,
    extSampleMs: 0,
    extMs: 0,
    extCpuMs: 0,
    maxExtInTaskMs: 0,
    maxExtCpuInTaskMs: 0,
    longTasks: 0,
    longTasksByExtension: 0,
    longestTaskWithExtMs: 0,
    longestTaskWithExtExtMs: 0,
    extByScript: {},
    sampleMs: null,
    extTailMs: 0,
    hotLeaf: [],
    hotExt: [],
    breakdown: {},
    maxTask: null,
  };
  const parse = events.find((e) => e.name === 'ParseHTML' && urlOf(e).startsWith(pageUrl));
  if (!parse) return empty;
  const { pid, tid } = parse;
  const all = completeEvents(events, pid, tid);
  const tasks: TraceEvent[] = [];
  let end = -1;
  for (const e of all) {
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (e.ts < end) continue; // nested run loop
    tasks.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  const first = tasks.findIndex((t) => t.ts <= parse.ts && parse.ts <= t.ts + (t.dur ?? 0));
  const pageTasks = first >= 0 ? tasks.slice(first) : tasks.filter((t) => t.ts >= parse.ts);
  const stats: TaskStat[] = pageTasks.map((t) => ({
    start: t.ts,
    dur: (t.dur ?? 0) / 1000,
    tdur: (t.tdur ?? t.dur ?? 0) / 1000,
    ext: 0,
    extCpu: 0,
  }));

  const prefix = extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://';
  const byScript: Record<string, number> = {};
  // what the tasks did: the events right under each task (thread CPU time), by name
  const breakdown: Record<string, number> = {};
  {
    let k = 0;
    let childEnd = -1;
    for (const e of all) {
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      while (k < pageTasks.length && pageTasks[k].ts + (pageTasks[k].dur ?? 0) < e.ts) k++;
      if (k >= pageTasks.length) break;
      if (pageTasks[k].ts > e.ts || e.ts < childEnd) continue;
      childEnd = e.ts + (e.dur ?? 0);
      const isExt = EXT_EVENTS.has(e.name) && urlOf(e).startsWith(prefix);
      const key = isExt ? `${e.name} (extension)` : e.name;
      breakdown[key] = (breakdown[key] ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000;
    }
  }
  // 1. events
  const evExt = new Array<number>(stats.length).fill(0);
  const evExtCpu = new Array<number>(stats.length).fill(0);
  let coveredUntil = -1;
  let ti = 0;
  for (const e of all) {
    if (!EXT_EVENTS.has(e.name) || e.ts < coveredUntil) continue;
    const url = urlOf(e);
    if (!url.startsWith(prefix)) continue;
    coveredUntil = e.ts + (e.dur ?? 0);
    while (ti < pageTasks.length && pageTasks[ti].ts + (pageTasks[ti].dur ?? 0) < e.ts) ti++;
    if (ti >= pageTasks.length) break;
    if (pageTasks[ti].ts > e.ts) continue;
    const ms = (e.dur ?? 0) / 1000;
    evExt[ti] += ms;
    evExtCpu[ti] += (e.tdur ?? e.dur ?? 0) / 1000;
    const s = scriptName(url);
    byScript[s] = (byScript[s] ?? 0) + ms;
  }
  // 2. samples
  const { samples, all: allSamples, interval } = extensionSamples(events, pid, tid, prefix);
  const smExt = new Array<number>(stats.length).fill(0);
  const smCount = new Array<number>(stats.length).fill(0);
  const smAll = new Array<number>(stats.length).fill(0);
  {
    let k = 0;
    allSamples.sort((a, b) => a - b);
    for (const ts of allSamples) {
      while (k < pageTasks.length && pageTasks[k].ts + (pageTasks[k].dur ?? 0) < ts) k++;
      if (k >= pageTasks.length) break;
      if (pageTasks[k].ts <= ts) smAll[k]++;
    }
  }
  const sampleByScript: Record<string, number> = {};
  const hotLeaf = new Map<string, number>();
  const hotExt = new Map<string, number>();
  if (interval) {
    let k = 0;
    samples.sort((a, b) => a[0] - b[0]);
    for (const [ts, script, leaf, inner] of samples) {
      hotLeaf.set(leaf, (hotLeaf.get(leaf) ?? 0) + interval);
      hotExt.set(inner, (hotExt.get(inner) ?? 0) + interval);
      while (k < pageTasks.length && pageTasks[k].ts + (pageTasks[k].dur ?? 0) < ts) k++;
      if (k >= pageTasks.length) break;
      if (pageTasks[k].ts > ts) continue;
      smExt[k] += interval;
      smCount[k]++;
      sampleByScript[script] = (sampleByScript[script] ?? 0) + interval;
    }
  }
  const extEventMs = evExt.reduce((a, b) => a + b, 0);
  const extSampleMs = smExt.reduce((a, b) => a + b, 0);
  for (const [s, ms] of Object.entries(sampleByScript)) byScript[s] = Math.max(byScript[s] ?? 0, ms);
  const lastEnd = stats.length ? stats[stats.length - 1].start + stats[stats.length - 1].dur * 1000 : 0;
  const top = (m: Map<string, number>): Array<[string, number]> =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => [k, Math.round(v * 10) / 10]);
  const out: TraceSummary = {
    ...empty,
    found: true,
    tasks: stats.length,
    extEventMs,
    extSampleMs,
    extByScript: byScript,
    sampleMs: interval,
    hotLeaf: top(hotLeaf),
    hotExt: top(hotExt),
    breakdown: Object.fromEntries(
      Object.entries(breakdown)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 16)
        .map(([k, v]) => [k, Math.round(v * 10) / 10]),
    ),
  };
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    s.ext = Math.min(s.dur, Math.max(evExt[i], smExt[i]));
    // CPU: the events' own thread time, or the task's thread time in the share of its samples that were the extension's
    const sampledCpu = smAll[i] ? (s.tdur * smCount[i]) / smAll[i] : 0;
    s.extCpu = Math.min(s.tdur, Math.max(evExtCpu[i], sampledCpu));
    out.extCpuMs += s.extCpu;
    out.maxExtCpuInTaskMs = Math.max(out.maxExtCpuInTaskMs, s.extCpu);
    out.taskMs += s.dur;
    out.taskCpuMs += s.tdur;
    out.extMs += s.ext;
    out.maxExtInTaskMs = Math.max(out.maxExtInTaskMs, s.ext);
    if (s.dur > 50) {
      out.longTasks++;
      if (s.ext >= s.dur / 2) out.longTasksByExtension++;
    }
    if (s.ext > 0 && s.dur > out.longestTaskWithExtMs) {
      out.longestTaskWithExtMs = s.dur;
      out.longestTaskWithExtExtMs = s.ext;
    }
    if (s.start > lastEnd - 500_000) out.extTailMs += s.ext;
  }
  let iMax = -1;
  for (let i = 0; i < stats.length; i++) if (stats[i].extCpu > 0 && (iMax < 0 || stats[i].extCpu > stats[iMax].extCpu)) iMax = i;
  if (iMax >= 0) {
    const t = pageTasks[iMax];
    const from = t.ts;
    const to = t.ts + (t.dur ?? 0);
    const byName = new Map<string, number>();
    for (const e of all) {
      if (e.ts < from) continue;
      if (e.ts > to) break;
      if (e === t || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      const isExt = EXT_EVENTS.has(e.name) && urlOf(e).startsWith(prefix);
      const key = isExt ? `${e.name} (extension)` : e.name;
      byName.set(key, (byName.get(key) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    }
    const frames = new Map<string, number>();
    if (interval) for (const [ts, , , inner] of samples) if (ts >= from && ts <= to) frames.set(inner, (frames.get(inner) ?? 0) + interval);
    out.maxTask = {
      extCpuMs: Math.round(stats[iMax].extCpu * 10) / 10,
      cpuMs: Math.round(stats[iMax].tdur * 10) / 10,
      events: top(byName).slice(0, 8),
      frames: top(frames).slice(0, 8),
    };
  }
  return out;
}
