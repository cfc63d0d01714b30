#!/usr/bin/env python3
"""Setup and measurement for bench/copy-mirror.sh (stdlib only).

    python3 bench/copy_bench.py BASE_URL [--copies N] [--workers 16] [--tag T] [--timeout 600]

1. Setup: a market maker lists a run-unique instrument (tick 0.01, lot 0.0001, no fees) and rests one ask of 10.00
   deep enough for everything below; a warm-up buyer trades once so the instrument has a last price. A leader
   (10,000.00, a profile whose public account accepts copiers) is copied by N copiers, each with its own dev token
   and account funded with 100.00, all of it copied PROPORTIONAL (stop-loss 50%), --workers at a time.
2. Warm-up mirror: the leader buys 1 share; its mirrors (0.01 share, 1.00 notional minimum not met) are skipped
   with BELOW_MIN_NOTIONAL in every copy. Waiting for every copy to show that skip (GraphQL copy(id).orders) means
   the copy-mirror process has caught up with all the copy starts, so the measurement below is the mirroring alone.
3. Measured: the leader buys 500 shares at market (IOC). Each copy's mirror is 500 x 100.00 / 10,000.00 = 5 shares,
   one market order that trades once against the market maker's single ask, so the trade tape (GraphQL trades, ids
   SYMBOL-<n>) reaches n = base + 1 + N exactly when every mirror has been placed and has traded:
       placed_s  = from the leader's order until the tape's newest trade is SYMBOL-(base + 1 + N);
       settled_s = from the leader's order until every COPY account holds a non-zero position with nothing reserved
                   (cash and position), read through GraphQL account(id) in aliased batches as the admin.
   Prints  BENCH_COPY copies=N placed_s=.. settled_s=.. mirrored_per_s=..  (mirrored_per_s = N / placed_s).
"""
import argparse, concurrent.futures as cf, json, secrets, sys, time, urllib.error, urllib.request

p = argparse.ArgumentParser()
p.add_argument("base")
p.add_argument("--copies", type=int, default=1000)
p.add_argument("--workers", type=int, default=16)
p.add_argument("--tag", default=secrets.token_hex(3))
p.add_argument("--timeout", type=float, default=600)
p.add_argument("--batch", type=int, default=25, help="accounts or copies per aliased GraphQL query")
a = p.parse_args()
if a.copies < 1:
    sys.exit("copy_bench: need --copies >= 1")
tag = "".join(c for c in a.tag if c.isalnum())[-8:]
SYMBOL = ("C" + tag.upper())[:12]
LEADER_QTY, COPY_QTY = 500, 5


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
        sys.exit(f"copy_bench: {method} {path} {json.dumps(body)} -> HTTP {status}: {text[:500]}")
    return json.loads(text) if text.strip() else {}


def gql(tok, query, variables=None):
    doc = http("POST", "/graphql", {"query": query, "variables": variables or {}}, tok, expect=(200,))
    if doc.get("errors"):
        sys.exit(f"copy_bench: GraphQL {query[:200]} -> {json.dumps(doc['errors'])[:500]}")
    return doc["data"]


def token(user, role="TRADER"):
    return http("POST", "/api/v1/dev/tokens", {"userId": f"{user}-{tag}", "roles": [role]})["token"]


def open_account(tok):
    return http("POST", "/api/v1/accounts", {}, tok, expect=(201,))["accountId"]


def fund(acct, amount):
    http("POST", f"/api/v1/admin/accounts/{acct}/adjustments",
         {"adjustmentId": f"fund-{acct}", "amount": amount, "reason": "copy bench funding"}, admin)


def order(tok, acct, coid, side, qty, price=None, tif="IOC"):
    body = {"clientOrderId": f"{coid}-{tag}", "accountId": acct, "symbol": SYMBOL, "side": side,
            "type": "MARKET" if price is None else "LIMIT", "quantity": str(qty), "timeInForce": tif}
    if price is not None:
        body["price"] = price
    return http("POST", "/api/v1/orders", body, tok, expect=(201,))


def newest_trade():
    edges = gql(admin, "query($s: String!) { trades(symbol: $s, first: 1) { edges { node { tradeId } } } }",
                {"s": SYMBOL})["trades"]["edges"]
    return int(edges[0]["node"]["tradeId"].rpartition("-")[2]) if edges else 0


def until(what, check, since):
    deadline = time.time() + a.timeout
    while time.time() < deadline:
        if check():
            return time.time() - since
        time.sleep(0.02)
    sys.exit(f"copy_bench: {what} not reached after {a.timeout} s")


def batches(items):
    return [items[i:i + a.batch] for i in range(0, len(items), a.batch)]


pool = cf.ThreadPoolExecutor(a.workers)
t_setup = time.time()
admin = token("copy-bench-admin", "ADMIN")
maker_tok = token("copy-bench-maker")
maker = open_account(maker_tok)
depth = LEADER_QTY + 1 + COPY_QTY * a.copies + 1000
http("POST", "/api/v1/instruments", {"symbol": SYMBOL, "name": f"Copy bench {SYMBOL}", "tickSize": "0.01",
                                     "lotSize": "0.0001", "makerFeeRate": "0", "takerFeeRate": "0",
                                     "issuerAccountId": maker, "supply": str(depth * 10),
                                     "maxOrderNotional": "1000000000.00"}, admin, expect=(201,))
until("the listing", lambda: gql(admin, "query($s: String!) { orderBook(symbol: $s, depth: 1) { lastPrice } }",
                                 {"s": SYMBOL})["orderBook"] is not None, time.time())
order(maker_tok, maker, "ask", "SELL", depth, "10.00", "GTC")
warm_tok = token("copy-bench-warm")
warm = open_account(warm_tok)
fund(warm, "100.00")
order(warm_tok, warm, "warm", "BUY", 1, "10.00")

leader_tok = token("copy-bench-leader")
leader = open_account(leader_tok)
fund(leader, "10000.00")
handle = f"leader_{tag}"[:30]
http("PUT", "/api/v1/traders/me", {"handle": handle, "displayName": "Copy bench leader", "shareTrades": False,
                                   "publicAccountId": leader, "acceptsCopiers": True}, leader_tok)


def copier(i):
    tok = token(f"copier{i}")
    acct = open_account(tok)
    fund(acct, "100.00")
    started = http("POST", "/api/v1/copies", {"clientCopyId": f"bench-{tag}", "fromAccountId": acct, "leader": handle,
                                              "amount": "100.00", "stopLossPercent": "50", "sizing": "PROPORTIONAL"},
                   tok, expect=(201,))
    return started["copyId"], started["copyAccountId"]


copies = list(pool.map(copier, range(a.copies)))
print(f"setup: {a.copies} copies of {handle} on {SYMBOL} in {time.time() - t_setup:.1f} s", flush=True)


def all_skipped_warmup(group):
    fields = " ".join(f'c{i}: copy(id: "{cid}") {{ orders(first: 1) {{ edges {{ node {{ skipReason }} }} }} }}'
                      for i, (cid, _) in enumerate(group))
    data = gql(admin, "{ " + fields + " }")
    return all(data[f"c{i}"] and data[f"c{i}"]["orders"]["edges"]
               and data[f"c{i}"]["orders"]["edges"][0]["node"]["skipReason"] == "BELOW_MIN_NOTIONAL"
               for i in range(len(group)))


t_warm = time.time()
order(leader_tok, leader, "warmup", "BUY", 1)
pending = batches(copies)
while pending:
    if time.time() - t_warm > a.timeout:
        sys.exit(f"copy_bench: warm-up skips not in every copy after {a.timeout} s")
    pending = [group for group, done in zip(pending, pool.map(all_skipped_warmup, pending)) if not done]
    if pending:
        time.sleep(0.2)
print(f"setup: warm-up mirror skipped in every copy after {time.time() - t_warm:.1f} s", flush=True)

base = newest_trade()
t0 = time.time()
leader_buy = order(leader_tok, leader, "measured", "BUY", LEADER_QTY)
if leader_buy.get("status") != "FILLED":
    sys.exit(f"copy_bench: the leader's buy did not fill: {json.dumps(leader_buy)[:500]}")
target = base + 1 + a.copies
placed = until(f"trade {SYMBOL}-{target}", lambda: newest_trade() >= target, t0)


def settled(group):
    fields = " ".join(f'a{i}: account(id: "{acct}") {{ cash {{ reserved }} positions {{ quantity reserved }} }}'
                      for i, (_, acct) in enumerate(group))
    data = gql(admin, "{ " + fields + " }")
    for i in range(len(group)):
        account = data[f"a{i}"]
        if not account or float(account["cash"]["reserved"]) != 0:
            return False
        held = [pos for pos in account["positions"] if float(pos["quantity"]) > 0]
        if not held or any(float(pos["reserved"]) != 0 for pos in held):
            return False
    return True


pending = batches(copies)
while pending:
    if time.time() - t0 > a.timeout:
        sys.exit(f"copy_bench: {sum(map(len, pending))} COPY accounts not settled after {a.timeout} s")
    pending = [group for group, done in zip(pending, pool.map(settled, pending)) if not done]
settled_s = time.time() - t0
newest = newest_trade()
if newest != target:
    print(f"copy_bench: warning: the tape's newest trade is {newest}, expected {target}", flush=True)
print(f"BENCH_COPY copies={a.copies} placed_s={placed:.3f} settled_s={settled_s:.3f} "
      f"mirrored_per_s={a.copies / placed:.1f}", flush=True)
