#!/usr/bin/env python3
"""Setup for bench/read-models.sh (stdlib only).

    python3 bench/read_models_setup.py BASE_URL OUT_DIR [--traders 10000] [--active 200] [--workers 16] [--tag T]

Lists two instruments (LBA, LBB; issuer holds the supply), then creates TRADERS ranked traders: a user with a trading
account funded by an admin adjustment and a profile whose public account it is. ACTIVE of them also buy from the
issuer in both instruments (so they have positions, trades and returns); the issuer's asks are then re-priced so the
last prices move. One more user, the portfolio reader, holds positions in both instruments. Waits until the
leaderboard ranks every trader (trader(handle).stats(period: D30) of the last one is not null), then writes for
bench/graphql.lua:  OUT_DIR/tokens.txt ("TOKEN <token>" lines, TRADER tokens), OUT_DIR/leaderboard.json,
OUT_DIR/portfolio.json, OUT_DIR/reader.txt (the portfolio reader's token). Prints SEEDED traders=.. seconds=..
"""
import argparse, concurrent.futures as cf, json, secrets, sys, time, urllib.error, urllib.request, uuid

p = argparse.ArgumentParser()
p.add_argument("base"); p.add_argument("out")
p.add_argument("--traders", type=int, default=10000)
p.add_argument("--active", type=int, default=200)
p.add_argument("--workers", type=int, default=16)
p.add_argument("--tag", default=secrets.token_hex(3))
p.add_argument("--timeout", type=float, default=900)
a = p.parse_args()
tag = "".join(c for c in a.tag if c.isalnum())[-6:]


def http(method, path, body=None, token=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(a.base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for attempt in range(6):
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                status, text = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        if status in (429, 503) and attempt < 5:
            time.sleep(0.5 * (attempt + 1)); continue
        break
    if status not in expect:
        sys.exit(f"read_models_setup: {method} {path} {json.dumps(body)} -> HTTP {status}: {text[:500]}")
    return json.loads(text) if text.strip() else {}


def token(user, roles):
    return http("POST", "/api/v1/dev/tokens", {"userId": f"{user}-{tag}", "roles": roles})["token"]


def gql(tok, query):
    doc = http("POST", "/graphql", {"query": query}, tok, expect=(200,))
    if doc.get("errors"):
        sys.exit(f"read_models_setup: GraphQL {query} -> {json.dumps(doc['errors'])[:500]}")
    return doc["data"]


def open_funded(admin, tok, amount):
    acct = http("POST", "/api/v1/accounts", {}, tok, expect=(201,))["accountId"]
    http("POST", f"/api/v1/admin/accounts/{acct}/adjustments",
         {"adjustmentId": str(uuid.uuid4()), "amount": amount, "reason": "bench funding"}, admin)
    return acct


def order(tok, acct, symbol, side, tif, price, qty):
    return http("POST", "/api/v1/orders", {"clientOrderId": uuid.uuid4().hex[:24], "accountId": acct, "symbol": symbol,
                                           "side": side, "type": "LIMIT", "price": price, "quantity": str(qty),
                                           "timeInForce": tif}, tok, expect=(201,))


t0 = time.time()
admin = token("lb-admin", ["ADMIN"])
issuer_tok = token("lb-issuer", ["TRADER"])
issuer = http("POST", "/api/v1/accounts", {}, issuer_tok, expect=(201,))["accountId"]
symbols = [f"LB{tag[:4].upper()}A", f"LB{tag[:4].upper()}B"]
for s in symbols:
    http("POST", "/api/v1/instruments", {"symbol": s, "name": f"Leaderboard bench {s}", "tickSize": "0.01", "lotSize": "1",
                                         "makerFeeRate": "0", "takerFeeRate": "0.001", "issuerAccountId": issuer,
                                         "supply": "100000000", "maxOrderNotional": "100000000000.00"}, admin)
# the issuer rests big asks the active traders buy from
for s in symbols:
    order(issuer_tok, issuer, s, "SELL", "GTC", "10.00", 10_000_000)
pool = cf.ThreadPoolExecutor(a.workers)


def trader(i):
    tok = token(f"lb{i}", ["TRADER"])
    acct = open_funded(admin, tok, "10000.00")
    http("PUT", "/api/v1/traders/me", {"handle": f"lb{i}_{tag}", "displayName": f"Trader {i}", "publicAccountId": acct}, tok)
    if i < a.active:
        for s in symbols:
            order(tok, acct, s, "BUY", "IOC", "10.00", 10 + i % 50)
    return tok


tokens = list(pool.map(trader, range(a.traders)))
print(f"read_models_setup: {a.traders} traders ({a.active} active) in {time.time() - t0:.1f} s", flush=True)
reader_tok = token("lb-reader", ["TRADER"])
reader = open_funded(admin, reader_tok, "100000.00")
for s in symbols:
    order(reader_tok, reader, s, "BUY", "IOC", "10.00", 500)
# move the last prices: the issuer's next ask is higher, one small buy trades at it
for s in symbols:
    order(issuer_tok, issuer, s, "SELL", "GTC", "10.50", 1000)
last = f"lb{a.traders - 1}_{tag}"
deadline = time.time() + a.timeout
while time.time() < deadline:
    d = gql(tokens[-1], f'{{ trader(handle: "{last}") {{ stats(period: D30) {{ computedAt }} }} }}')
    if d["trader"] and d["trader"]["stats"]:
        break
    time.sleep(1)
else:
    sys.exit("read_models_setup: the last trader is not ranked in time")
page = gql(tokens[0], "{ leaderboard(period: D30, first: 20) { edges { node { rank } } } }")["leaderboard"]["edges"]
if len(page) != 20:
    sys.exit(f"read_models_setup: leaderboard page has {len(page)} entries")
with open(f"{a.out}/tokens.txt", "w") as f:
    for tok in tokens[:64]:
        f.write(f"TOKEN {tok}\n")
with open(f"{a.out}/reader.txt", "w") as f:
    f.write(f"TOKEN {reader_tok}\n")
lb = ("{ leaderboard(period: D30, first: 20) { computedAt edges { cursor node { rank trader { handle displayName } "
      "stats { returnPercent maxDrawdownPercent riskScore copiers assetsUnderCopy winRatePercent trades } } } "
      "pageInfo { hasNextPage endCursor } } }")
pf = (f'{{ portfolio(accountId: "{reader}") {{ cash equity netDeposits realizedPnl unrealizedPnl '
      "positions { symbol quantity averagePrice lastPrice marketValue realizedPnl unrealizedPnl } } }")
json.dump({"query": lb}, open(f"{a.out}/leaderboard.json", "w"))
json.dump({"query": pf}, open(f"{a.out}/portfolio.json", "w"))
print(f"SEEDED traders={a.traders} seconds={time.time() - t0:.1f}", flush=True)
