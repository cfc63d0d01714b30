#!/usr/bin/env python3
"""Summary for bench/order-entry.sh: reads the measured wrk output (RESULT / SECONDS lines of bench/orders.lua) and
the settle.py output, prints a human table and, last, one machine-readable line:

    BENCH connections=.. instruments=.. ok_rps=.. p50_ms=.. p99_ms=.. non2xx=.. min_window_rps=.. settle_s=.. [more k=v]

    python3 bench/report.py WRK_OUT SETTLE_OUT OUT_DIR [key=value ...]   (key=value: run parameters to echo)

Windows: the per-second 2xx counts without the partial first and last second, cut into consecutive 10 s windows
(a last window shorter than 5 s is dropped unless it is the only one); window rps = its 2xx responses / its seconds.
The stall check passes when no window is below half the median window. Writes OUT_DIR/per-second.csv,
OUT_DIR/summary.txt and OUT_DIR/bench.txt.
"""
import os, re, statistics, sys

wrk_out, settle_out, out_dir = sys.argv[1:4]
meta = dict(kv.split("=", 1) for kv in sys.argv[4:])


def kv_line(text, tag):
    m = re.search(rf"^{tag} (.*)$", text, re.M)
    return dict(re.findall(r"(\w+)=(\S+)", m.group(1))) if m else None


wrk_text = open(wrk_out, errors="replace").read()
res = kv_line(wrk_text, "RESULT")
if res is None:
    sys.exit(f"report: no RESULT line in {wrk_out}:\n{wrk_text[-2000:]}")
secs = kv_line(wrk_text, "SECONDS") or {"start": "0", "end": "0", "ok": "", "all": ""}
ok = [int(x) for x in secs["ok"].split(",") if x != ""]
al = [int(x) for x in secs["all"].split(",") if x != ""]
settle_text = open(settle_out, errors="replace").read() if os.path.exists(settle_out) else ""
m = re.search(r"^(settled_after_s=.*)$", settle_text, re.M)
st = dict(re.findall(r"(\w+)=(\S+)", m.group(1))) if m else {}
settle_s = st.get("settled_after_s", "n/a")

full = ok[1:-1] if len(ok) >= 3 else ok
windows = [full[i:i + 10] for i in range(0, len(full), 10)]
if len(windows) > 1 and len(windows[-1]) < 5:
    windows.pop()
wrps = [sum(w) / len(w) for w in windows if w]
min_w = min(wrps) if wrps else 0.0
med_w = statistics.median(wrps) if wrps else 0.0
stall_ok = bool(wrps) and min_w >= med_w / 2

with open(os.path.join(out_dir, "per-second.csv"), "w") as f:
    f.write("epoch_s,ok_responses,all_responses\n")
    for i, (o, x) in enumerate(zip(ok, al)):
        f.write(f"{int(secs['start']) + i},{o},{x}\n")

g = lambda k: meta.get(k, "?")
rows = [
    ("server", g("server")),
    ("jar", g("jar_id")),
    ("load", f"wrk -t{g('threads')} -c{g('connections')} -d{g('duration')}s after {g('warmup')} s warm-up; "
             f"{g('instruments')} instrument(s), {g('accounts')} buyers, {g('sellers')} sellers"),
    ("JVM", g("java_opts")),
    ("warm-up", "none" if g("warm_ok_rps") == "none" else
                f"ok req/s {g('warm_ok_rps')}, settled after {g('warm_settle_s')} s"),
    ("requests", f"{res['requests']} in {float(res['duration_s']):.1f} s"),
    ("ok req/s (2xx)", res["ok_rps"]),
    ("all req/s", res["rps"]),
    ("latency P50 / P90 / P99 / max", f"{res['p50_ms']} / {res['p90_ms']} / {res['p99_ms']} / {res['max_ms']} ms"),
    ("non-2xx (by status)", f"{res['non2xx']} ({res['codes']})"),
    ("timeouts / socket errors", f"{res['timeouts']} / {res['socket_errors']}"),
    ("orders that traded", f"{res['traded']} of {res['responses']} responses"
                           f" ({100 * int(res['traded']) / max(1, int(res['responses'])):.1f} %)"),
    ("server CPU per request", f"{g('cpu_us_per_req')} us (load and settling)"),
    ("10 s windows, ok req/s", " ".join(f"{w:.1f}" for w in wrps) or "-"),
    ("min / median window", f"{min_w:.1f} / {med_w:.1f} -> "
                            f"{'ok' if stall_ok else 'STALL: a window is below half the median'}"),
    ("settled after (s)", f"{settle_s} (ledger {st.get('ledger_s', '?')}, tape {st.get('tape_s', '?')}, "
                          f"reservations {st.get('reserve_s', '?')})"),
]
if "floor_ratio" in meta:
    rows.append(("shared floor: ratio target/floor", meta["floor_ratio"]))
width = max(len(k) for k, _ in rows)
table = "\n".join(f"  {k:<{width}}  {v}" for k, v in rows)
bench = (f"BENCH connections={g('connections')} instruments={g('instruments')} ok_rps={res['ok_rps']} "
         f"p50_ms={res['p50_ms']} p99_ms={res['p99_ms']} non2xx={res['non2xx']} min_window_rps={min_w:.1f} "
         f"settle_s={settle_s} rps={res['rps']} p90_ms={res['p90_ms']} timeouts={res['timeouts']} "
         f"median_window_rps={med_w:.1f} stall_check={'ok' if stall_ok else 'FAIL'} duration_s={g('duration')} "
         f"accounts={g('accounts')} sellers={g('sellers')} threads={g('threads')}"
         + (f" floor_ratio={meta['floor_ratio']}" if "floor_ratio" in meta else ""))
text = f"order-entry bench, {g('stamp')}\n{table}\n\n{bench}\n"
open(os.path.join(out_dir, "summary.txt"), "w").write(text)
open(os.path.join(out_dir, "bench.txt"), "w").write(bench + "\n")
print(text, end="")
