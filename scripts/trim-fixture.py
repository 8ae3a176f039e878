#!/usr/bin/env python3
"""Trim a saved page for use as a test fixture: drop executable <script>s, style sheets and preloads;
keep every element, attribute and meta tag, and the data scripts that carry ids or counts.
Usage: trim-fixture.py IN.html OUT.html"""
import re, sys

src = open(sys.argv[1], encoding='utf-8').read()

INTERESTING = re.compile(r'profile_id|media_id|media_owner_id|like_count|comment_count|follower_count|'
                         r'taken_at|xdt_api|_sharedData|userInteractionCount|apiPrefetchCache|viewsCount')

def keep_script(m):
    """Keep data the page holds (JSON, _sharedData) when it carries ids or counts; drop code."""
    tag, body = m.group(1), m.group(2)
    is_json = re.search(r'type=["\']application/(ld\+)?json["\']', tag)
    if (is_json or '_sharedData' in body or 'apiPrefetchCache' in body) and INTERESTING.search(body):
        return m.group(0)
    return ''

out = re.sub(r'<script\b([^>]*)>(.*?)</script>', keep_script, src, flags=re.S | re.I)
out = re.sub(r'<link\b[^>]*rel=["\']?(preload|stylesheet|modulepreload|prefetch|dns-prefetch|preconnect|manifest)[^>]*>', '', out, flags=re.I)
out = re.sub(r'<style\b[^>]*>.*?</style>', '', out, flags=re.S | re.I)
open(sys.argv[2], 'w', encoding='utf-8').write(out)
print(f'{sys.argv[1]}: {len(src)} -> {len(out)} chars')
