/**
 * The background's answer to an `ingest` message: check who sent it, validate it with zod, store
 * it, and say how it went. Kept apart from the entrypoint so it is tested without a browser.
 */
import { classifySender, type IngestReply } from '../messaging';
import { zodIssues } from '../model';
import { platformOfUrl } from '../platforms';
import { PageReportSchema } from '../protocol';
import { ingestReport, StoreError } from '../store/store';

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export async function handleIngest(data: unknown, sender: Sender | undefined): Promise<IngestReply> {
  if (classifySender(sender) !== 'content')
    return { ok: false, error: 'untrusted', message: 'ignored: not from this extension’s content scripts' };
  const parsed = PageReportSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      error: 'invalid',
      message: zodIssues(parsed.error),
    };
  }
  if (platformOfUrl(parsed.data.url) !== platformOfUrl(sender?.url ?? '')) {
    return { ok: false, error: 'invalid', message: 'the report is about another site than the tab that sent it' };
  }
  for (const post of parsed.data.posts) {
    if (post.platform !== platformOfUrl(parsed.data.url)) return { ok: false, error: 'invalid', message: 'a post of another platform' };
  }
  if (parsed.data.account && parsed.data.account.platform !== platformOfUrl(parsed.data.url)) {
    return { ok: false, error: 'invalid', message: 'an account of another platform' };
  }
  try {
    const result = await ingestReport(parsed.data);
    return { ok: true, accounts: result.accounts, posts: result.posts };
  } catch (e) {
    const err = e instanceof StoreError ? e : new StoreError('write', e instanceof Error ? e.message : String(e));
    return { ok: false, error: err.code, message: err.message };
  }
}
