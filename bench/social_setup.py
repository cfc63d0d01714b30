#!/usr/bin/env python3
"""Setup and fan-out measurement for bench/social.sh (stdlib only).

    python3 bench/social_setup.py BASE_URL READERS_FILE [--followers F] [--readers R] [--authors A]
                                  [--posts-per-author P] [--tag T] [--workers 16]

1. Fan-out: one author and F followers, each with a profile (PUT /api/v1/traders/me) following the author
   (POST /api/v1/traders/{handle}/follow). The author posts once; prints
       FANOUT followers=F seconds=S   (from the post's 201 until it is in the first and the last follower's feed)
2. Feed read: A authors and R readers; every reader follows every author, then each author posts P posts, and
   the setup waits until the last reader's feed holds the last post. Writes "READER <token>" lines for
   bench/feed.lua and prints TIMELINE items=N (the last reader's feed length, counted page by page).
"""
import argparse, concurrent.futures as cf, json, sys, time, urllib.error, urllib.request

p = argparse.ArgumentParser()
p.add_argument("base"); p.add_argument("out")
p.add_argument("--followers", type=int, default=10000)
p.add_argument("--readers", type=int, default=16)
p.add_argument("--authors", type=int, default=10)
p.add_argument("--posts-per-author", type=int, default=80)
p.add_argument("--tag", default=str(int(time.time())))
p.add_argument("--workers", type=int, default=16)
p.add_argument("--timeout", type=float, default=600)
a = p.parse_args()
tag = "".join(c for c in a.tag if c.isalnum())[-8:]


def http(method, path, body=None, token=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(a.base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for attempt in range(5):
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        if status in (429, 503) and attempt < 4:
            time.sleep(0.5 * (attempt + 1)); continue
        break
    if status not in expect:
        sys.exit(f"social_setup: {method} {path} {json.dumps(body)} -> HTTP {status}: {text[:500]}")
    return json.loads(text) if text.strip() else {}


def trader(name):
    tok = http("POST", "/api/v1/dev/tokens", {"userId": f"{name}-{tag}", "roles": ["TRADER"]})["token"]
    http("PUT", "/api/v1/traders/me", {"handle": f"{name}_{tag}"[:30], "displayName": name}, tok)
    return tok, f"{name}_{tag}"[:30]


def feed(tok, first=1, after=None):
    q = "query($f: Int, $a: String) { feed(first: $f, after: $a) { edges { node { id } } pageInfo { hasNextPage endCursor } } }"
    doc = http("POST", "/graphql", {"query": q, "variables": {"f": first, "a": after}}, tok)
    if doc.get("errors"):
        sys.exit(f"social_setup: feed errors {doc['errors']}")
    return doc["data"]["feed"]


def wait_in_feed(tok, post_id, since):
    deadline = time.time() + a.timeout
    while time.time() < deadline:
        if any(e["node"]["id"] == post_id for e in feed(tok, 5)["edges"]):
            return time.time() - since
        time.sleep(0.02)
    sys.exit(f"social_setup: post {post_id} not in a feed after {a.timeout} s")


def post(tok, cid, text):
    return http("POST", "/api/v1/posts", {"clientPostId": cid, "text": text}, tok, expect=(201,))["postId"]


pool = cf.ThreadPoolExecutor(a.workers)
t0 = time.time()
author_tok, author = trader("fan")
followers = []
if a.followers > 0:
    def follower(i):
        tok, _ = trader(f"f{i}")
        http("POST", f"/api/v1/traders/{author}/follow", None, tok)
        return tok
    followers = list(pool.map(follower, range(a.followers)))
    print(f"setup: {a.followers} followers of {author} in {time.time() - t0:.1f} s", flush=True)
    # let the follows' backfill settle before the measured post: an empty post first
    warm = post(author_tok, "warm", "warming up")
    wait_in_feed(followers[-1], warm, time.time())
    since = time.time()
    pid = post(author_tok, "fanout", "to all my followers")
    first = wait_in_feed(followers[0], pid, since)
    last = wait_in_feed(followers[-1], pid, since)
    print(f"FANOUT followers={a.followers} seconds={max(first, last):.3f} first_s={first:.3f} last_s={last:.3f}", flush=True)

t1 = time.time()
authors = list(pool.map(lambda i: trader(f"a{i}"), range(a.authors)))
readers = list(pool.map(lambda i: trader(f"r{i}"), range(a.readers)))
list(pool.map(lambda rt: [http("POST", f"/api/v1/traders/{h}/follow", None, rt[0]) for _, h in authors], readers))
def author_posts(i):
    tok = authors[i][0]
    return [post(tok, f"p{n}", f"post {n} of author {i} about nothing in particular") for n in range(a.posts_per_author)]
ids = list(pool.map(author_posts, range(a.authors)))
last_reader = readers[-1][0]
expected = min(a.authors * a.posts_per_author, 800)


def timeline_length(tok):
    count, after, pages = 0, None, 0
    while True:
        page = feed(tok, 100, after); pages += 1
        count += len(page["edges"])
        if not page["pageInfo"]["hasNextPage"] or pages > 50:
            return count
        after = page["pageInfo"]["endCursor"]


deadline = time.time() + a.timeout
count = timeline_length(last_reader)
while count < expected and time.time() < deadline:   # authors post in parallel: wait for all of them
    time.sleep(0.2)
    count = timeline_length(last_reader)
print(f"setup: {a.authors} authors x {a.posts_per_author} posts, {a.readers} readers in {time.time() - t1:.1f} s", flush=True)
print(f"TIMELINE items={count}", flush=True)
with open(a.out, "w") as f:
    for tok, _ in readers:
        f.write(f"READER {tok}\n")
