#!/usr/bin/env python3
"""Settlement lag for bench/order-entry.sh: how long after the load stopped until the platform is consistent again.

    python3 bench/settle.py BASE_URL ACCOUNTS_FILE --since EPOCH_S [--timeout 60] [--trades FILE ...] [--quiet]

Polls, until all three hold at once (and still hold, unchanged, on a confirming poll 2 s later):
  ledger  GET /api/v1/admin/ledger (admin token) answers "balanced": true
  tape    for every instrument the newest trade on the GraphQL tape, trades(symbol, first: 1), has the trade number
          (ids are SYMBOL-<n>, n consecutive) of the highest trade seen in any order response (TRADEMAX lines of the
          --trades files); if the tape goes beyond it (trades of requests whose response wrk gave up on), it must
          stop growing
  reserve every account's reserved cash (GraphQL account.cash.reserved) equals the sum of price x open quantity of its
          open buy orders (orders(status: [NEW, PARTIALLY_FILLED])), and each reserved position the open quantity of
          its open sell orders (the bench instruments have lot 1 and no fees, so this is exact)
Prints progress, then "settled_after_s=S ledger_s=.. tape_s=.. reserve_s=.." (seconds since --since, when each
condition last became true) and exits 0, or prints what is still off and exits 3 after --timeout seconds.
"""
import argparse, json, sys, time, urllib.error, urllib.request
from decimal import Decimal

p = argparse.ArgumentParser()
p.add_argument("base"); p.add_argument("accounts")
p.add_argument("--since", type=float, default=None)
p.add_argument("--timeout", type=float, default=60)
p.add_argument("--trades", nargs="*", default=[])
p.add_argument("--interval", type=float, default=0.25)
p.add_argument("--quiet", action="store_true")
a = p.parse_args()
since = a.since if a.since is not None else time.time()

symbols, accounts, admin = [], [], None
for line in open(a.accounts):
    f = line.split()
    if not f:
        continue
    if f[0] == "symbol":
        symbols.append(f[1])
    elif f[0] == "ADMIN":
        admin = f[1]
    elif f[0] in ("ISSUER", "BUY", "SELL"):
        accounts.append(f[1])
accounts = list(dict.fromkeys(accounts))
assert admin and symbols, "accounts file needs ADMIN and symbol lines"

expected = {s: 0 for s in symbols}
for path in a.trades:
    for line in open(path, errors="replace"):
        if line.startswith("TRADEMAX ") and line.split()[1] != "-":
            for kv in line.split()[1].split(","):
                s, _, n = kv.rpartition(":")
                expected[s] = max(expected.get(s, 0), int(n))


def post_get(path, body=None):
    req = urllib.request.Request(a.base + path, data=json.dumps(body).encode() if body is not None else None,
                                 method="POST" if body is not None else "GET",
                                 headers={"Content-Type": "application/json", "Accept": "application/json",
                                          "Authorization": "Bearer " + admin})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return json.loads(r.read().decode())
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{path}: HTTP {e.code} {e.read().decode(errors='replace')[:300]}")


def gql(query):
    doc = post_get("/graphql", {"query": query})
    if doc.get("errors"):
        raise RuntimeError(f"GraphQL: {json.dumps(doc['errors'])[:300]}")
    return doc["data"]


def cents(dec):
    return int(Decimal(dec) * 100)


def check_ledger():
    d = post_get("/api/v1/admin/ledger")
    return d.get("balanced") is True, ("balanced" if d.get("balanced") is True else
                                       "unbalanced: " + json.dumps(d, separators=(",", ":"))[:400])


def tape_newest():
    newest = {}
    for i in range(0, len(symbols), 20):  # aliases keep it to a few requests; complexity limit is 200 fields
        part = symbols[i:i + 20]
        q = " ".join(f't{j}: trades(symbol: "{s}", first: 1) {{ edges {{ node {{ tradeId }} }} }}'
                     for j, s in enumerate(part))
        d = gql("{ " + q + " }")
        for j, s in enumerate(part):
            edges = d[f"t{j}"]["edges"]
            newest[s] = int(edges[0]["node"]["tradeId"].rpartition("-")[2]) if edges else 0
    return newest


def check_reserve():
    off = []
    for acct in accounts:
        d = gql('{ account(id: "%s") { cash { reserved } positions { symbol reserved } } }' % acct)["account"]
        if d is None:
            off.append(f"{acct}: no account view")
            continue
        want_cash, want_pos, after = 0, {}, None
        while True:
            page = gql('{ orders(accountId: "%s", status: [NEW, PARTIALLY_FILLED], first: 100%s) { '
                       'edges { node { side symbol price quantity filledQuantity } } '
                       'pageInfo { hasNextPage endCursor } } }' % (acct, f', after: "{after}"' if after else ""))["orders"]
            for e in page["edges"]:
                o = e["node"]
                open_qty = Decimal(o["quantity"]) - Decimal(o["filledQuantity"])
                if o["side"] == "BUY":
                    want_cash += int(Decimal(o["price"]) * 100 * open_qty)
                else:
                    want_pos[o["symbol"]] = want_pos.get(o["symbol"], 0) + open_qty
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        have_cash = cents(d["cash"]["reserved"])
        if have_cash != want_cash:
            off.append(f"{acct}: cash reserved {have_cash / 100:.2f}, open buys {want_cash / 100:.2f}")
        have_pos = {q["symbol"]: Decimal(q["reserved"]) for q in d["positions"]}
        for s in set(have_pos) | set(want_pos):
            if have_pos.get(s, 0) != want_pos.get(s, 0):
                off.append(f"{acct}: {s} reserved {have_pos.get(s, 0)}, open sells {want_pos.get(s, 0)}")
    return not off, ("ok" if not off else f"{len(off)} off, e.g. " + "; ".join(off[:3]))


def log(msg):
    if not a.quiet:
        print(f"settle: t+{time.time() - since:6.2f}s {msg}", flush=True)


became = {"ledger": None, "tape": None, "reserve": None}   # when each condition last turned true
last_newest, last_change, confirm_at, last_log, status = None, time.time(), None, 0.0, {}
deadline = since + a.timeout
log(f"expecting tape numbers {', '.join(f'{s}:{n}' for s, n in expected.items())}; {len(accounts)} accounts")
while True:
    now = time.time()
    beyond = False
    try:
        ok_l, msg_l = check_ledger()
        newest = tape_newest()
        if newest != last_newest:
            last_newest, last_change = newest, now
        beyond = any(newest[s] > expected.get(s, 0) for s in symbols)
        ok_t = all(newest[s] >= expected.get(s, 0) for s in symbols) and (not beyond or now - last_change >= 3)
        msg_t = ", ".join(f"{s}:{newest[s]}/{expected.get(s, 0)}" for s in symbols[:5]) + (" ..." if len(symbols) > 5 else "")
        # the reservation check costs two queries per account: only once the cheap checks pass
        ok_r, msg_r = check_reserve() if ok_l and ok_t else (False, "checked once ledger and tape are")
    except (RuntimeError, OSError) as e:
        ok_l = ok_t = ok_r = False
        msg_l = msg_t = msg_r = f"error: {e}"
    t = time.time()
    for name, ok in (("ledger", ok_l), ("tape", ok_t), ("reserve", ok_r)):
        if not ok:
            became[name] = None
        elif became[name] is None:
            became[name] = (last_change if name == "tape" and beyond else now) - since
    status = {"ledger": msg_l, "tape": msg_t, "reserve": msg_r}
    if ok_l and ok_t and ok_r:
        if confirm_at is None:
            confirm_at = t + 2
            log(f"consistent (ledger {msg_l}; tape {msg_t}; reserve {msg_r}); confirming in 2 s")
        elif t >= confirm_at:
            break
    else:
        if confirm_at is not None:
            log("changed again while confirming: " + json.dumps(status)[:300])
        confirm_at = None
        if t - last_log >= 5:
            last_log = t
            log(f"ledger {msg_l} | tape {msg_t} | reserve {msg_r}")
        if t > deadline:
            print(f"settle: NOT SETTLED within {a.timeout:.0f} s after the load stopped", flush=True)
            for k, v in status.items():
                print(f"settle:   {k:8s} {v}", flush=True)
            print("settled_after_s=timeout ledger_s=%s tape_s=%s reserve_s=%s" % tuple(
                "-" if became[k] is None else f"{became[k]:.2f}" for k in ("ledger", "tape", "reserve")), flush=True)
            sys.exit(3)
    time.sleep(a.interval)

settled = max(became.values())
log(f"settled; tape {msg_t}")
print(f"settled_after_s={settled:.2f} ledger_s={became['ledger']:.2f} tape_s={became['tape']:.2f} "
      f"reserve_s={became['reserve']:.2f}", flush=True)
