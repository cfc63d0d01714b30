#!/usr/bin/env python3
"""Setup for bench/order-entry.sh (adapted from ../shared/perf/setup.py), run once per server before load.

    python3 bench/setup.py BASE_URL OUT_FILE [--instruments N] [--accounts A] [--sellers K] [--prefix BENCH]
                           [--mid-cents C] [--tag T]

Mints an ADMIN token and TRADER tokens, opens an issuer account, lists N instruments PREFIX1..PREFIXN (tick 0.01,
lot 1, no fees, a big supply, all issued to the issuer), opens A funded buyer accounts (one user each) and, with
K > 0, K funded seller accounts that each buy a chunk of every instrument from the issuer (a GTC sell from the
issuer crossed by an IOC buy), so the SELL side is spread over K accounts; with K = 0 the issuer is the only seller.
Waits until every seller holds its stock (settlement is asynchronous), places one smoke pair per instrument
(BUY GTC + SELL IOC at mid) and writes OUT_FILE for bench/orders.lua and bench/settle.py:
    symbol S MID_CENTS | ADMIN <token> | ISSUER <acct> <token> | BUY <acct> <token> | SELL <acct> <token>
Prints "TRADEMAX S:n,..." (the highest trade number it saw per symbol). If PREFIX1 is already listed (a reused
server, --url), a run-unique prefix is used instead. Exits non-zero with the failing request on any unexpected status.
"""
import argparse, json, secrets, sys, time, urllib.error, urllib.request, uuid

p = argparse.ArgumentParser()
p.add_argument("base"); p.add_argument("out")
p.add_argument("--instruments", type=int, default=1)
p.add_argument("--accounts", type=int, default=20)
p.add_argument("--sellers", type=int, default=10)
p.add_argument("--prefix", default="BENCH")
p.add_argument("--mid-cents", type=int, default=1000)
p.add_argument("--supply", default="1000000000")
p.add_argument("--funding", default="1000000000.00")
p.add_argument("--tag", default=secrets.token_hex(3), help="makes user ids unique on a reused server")
p.add_argument("--stock-timeout", type=float, default=180)
a = p.parse_args()
if a.instruments < 1 or a.accounts < 1 or a.sellers < 0:
    sys.exit("setup: need --instruments >= 1, --accounts >= 1, --sellers >= 0")
tmax = {}


def http(method, path, body=None, token=None, expect=(200, 201)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(a.base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Accept": "application/json"})
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode(errors="replace")
    if status not in expect:
        sys.exit(f"setup: {method} {path} {json.dumps(body)} -> HTTP {status}: {text[:500]}")
    doc = json.loads(text) if text.strip() else {}
    if isinstance(doc, dict):
        doc.setdefault("_status", status)
        for t in doc.get("trades") or []:
            sym, _, num = t["tradeId"].rpartition("-")
            tmax[sym] = max(tmax.get(sym, 0), int(num))
    return doc


def call(path, body, token=None, expect=(200, 201)):
    return http("POST", path, body, token, expect)


def token(user, roles):
    return call("/api/v1/dev/tokens", {"userId": f"{user}-{a.tag}", "roles": roles})["token"]


def open_account(tok):
    return call("/api/v1/accounts", {}, tok, expect=(201,))["accountId"]


def fund(admin, acct, amount):
    call(f"/api/v1/admin/accounts/{acct}/adjustments",
         {"adjustmentId": str(uuid.uuid4()), "amount": amount, "reason": "bench funding"}, admin)


def price(c):
    return f"{c // 100}.{c % 100:02d}"


def order(tok, acct, symbol, side, tif, cents, qty, coid, expect=(201,)):
    return call("/api/v1/orders", {"clientOrderId": f"{coid}-{a.tag}", "accountId": acct, "symbol": symbol,
                                   "side": side, "type": "LIMIT", "price": price(cents), "quantity": str(qty),
                                   "timeInForce": tif}, tok, expect=expect)


def gql(tok, query):
    doc = call("/graphql", {"query": query}, tok, expect=(200,))
    if doc.get("errors"):
        sys.exit(f"setup: GraphQL {query} -> {json.dumps(doc['errors'])[:500]}")
    return doc["data"]


t_begin = time.time()
admin = token("bench-admin", ["ADMIN"])
issuer_tok = token("bench-issuer", ["TRADER"])
issuer = open_account(issuer_tok)


def list_instrument(symbol):
    return call("/api/v1/instruments", {"symbol": symbol, "name": f"Bench instrument {symbol}", "tickSize": "0.01",
                                        "lotSize": "1", "makerFeeRate": "0", "takerFeeRate": "0",
                                        "issuerAccountId": issuer, "supply": a.supply,
                                        "maxOrderNotional": "100000000000.00"},  # setup moves supply in big orders
                admin, expect=(200, 201, 409, 422))


prefix = a.prefix
first = list_instrument(f"{prefix}1")
if first["_status"] not in (200, 201):
    prefix = "B" + secrets.token_hex(3).upper()
    print(f"setup: {a.prefix}1 is already listed ({first.get('code')}), using prefix {prefix} instead")
    first = list_instrument(f"{prefix}1")
    if first["_status"] not in (200, 201):
        sys.exit(f"setup: listing {prefix}1 failed: {json.dumps(first)[:500]}")
symbols = [f"{prefix}{i}" for i in range(1, a.instruments + 1)]
if len(symbols[-1]) > 12:
    sys.exit("setup: symbols are at most 12 characters; use a shorter --prefix")
for s in symbols[1:]:
    r = list_instrument(s)
    if r["_status"] not in (200, 201):
        sys.exit(f"setup: listing {s} failed: {json.dumps(r)[:500]}")
print(f"setup: listed {len(symbols)} instrument(s): {symbols[0]}..{symbols[-1]}")

buyers = []
for i in range(a.accounts):
    t = token(f"bench-buyer-{i}", ["TRADER"])
    acct = open_account(t)
    fund(admin, acct, a.funding)
    buyers.append((acct, t))
print(f"setup: {len(buyers)} funded buyer accounts")

sellers, chunk = [(issuer, issuer_tok)], 0
if a.sellers > 0:
    # what each seller buys of each instrument: half the supply spread over them, within what its funding pays for
    chunk = min(int(a.supply) // (2 * a.sellers), int(float(a.funding) * 100 / a.mid_cents / 2 / len(symbols)))
    sellers = []
    for i in range(a.sellers):
        t = token(f"bench-seller-{i}", ["TRADER"])
        acct = open_account(t)
        fund(admin, acct, a.funding)
        for s in symbols:
            order(issuer_tok, issuer, s, "SELL", "GTC", a.mid_cents, chunk, f"setup-issue-{s}-{i}")
            r = order(t, acct, s, "BUY", "IOC", a.mid_cents, chunk, f"setup-take-{s}-{i}")
            if r.get("filledQuantity") != str(chunk):
                sys.exit(f"setup: seller {i} did not get {chunk} {s}: {json.dumps(r)[:300]}")
        sellers.append((acct, t))
    print(f"setup: {len(sellers)} seller accounts bought {chunk} of each instrument")
    # settlement is asynchronous: wait until every seller's position shows in its portfolio
    deadline = time.time() + a.stock_timeout
    pending = list(sellers)
    while pending:
        acct, _ = pending[0]
        d = gql(admin, '{ account(id: "%s") { positions { symbol quantity } } }' % acct)
        held = {q["symbol"]: q["quantity"] for q in (d["account"] or {}).get("positions", [])}
        if all(held.get(s) == str(chunk) for s in symbols):
            pending.pop(0)
            continue
        if time.time() > deadline:
            sys.exit(f"setup: seller {acct} holds {held} after {a.stock_timeout:.0f} s, expected {chunk} of each")
        time.sleep(0.25)
    print(f"setup: every seller holds its stock ({time.time() - t_begin:.1f} s since start)")

for s in symbols:
    r1 = order(buyers[0][1], buyers[0][0], s, "BUY", "GTC", a.mid_cents, 1, f"smoke-buy-{s}")
    for attempt in range(120):  # with the issuer as seller (K=0) nothing has to settle first, but be tolerant
        expect = (200, 201) if attempt == 119 else (200, 201, 422)
        r2 = order(sellers[0][1], sellers[0][0], s, "SELL", "IOC", a.mid_cents, 1, f"smoke-sell-{s}-{attempt}", expect)
        if r2.get("code") != "INSUFFICIENT_POSITION":
            break
        time.sleep(0.5)
    if s == symbols[0]:
        print("setup: smoke BUY  ->", json.dumps({k: v for k, v in r1.items() if k != "_status"})[:300])
        print("setup: smoke SELL ->", json.dumps({k: v for k, v in r2.items() if k != "_status"})[:300])
    if r2.get("status") != "FILLED":
        sys.exit(f"setup: smoke pair on {s} did not trade: {json.dumps(r2)[:300]}")

with open(a.out, "w") as f:
    for s in symbols:
        f.write(f"symbol {s} {a.mid_cents}\n")
    f.write(f"ADMIN {admin}\n")
    f.write(f"ISSUER {issuer} {issuer_tok}\n")
    for acct, t in buyers:
        f.write(f"BUY {acct} {t}\n")
    for acct, t in sellers:
        f.write(f"SELL {acct} {t}\n")
print("TRADEMAX " + (",".join(f"{k}:{v}" for k, v in sorted(tmax.items())) or "-"))
print(f"setup: {len(symbols)} instrument(s) {symbols[0]}..{symbols[-1]}, {len(buyers)} buyers, "
      f"{len(sellers)} seller account(s), {time.time() - t_begin:.1f} s -> {a.out}")
