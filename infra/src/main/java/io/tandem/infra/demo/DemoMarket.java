package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.infra.demo.DemoCast.Instrument;
import io.tandem.infra.demo.DemoCast.Maker;
import io.tandem.infra.demo.DemoCast.Trader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The demo market ({@code --tandem.demo=true}): simulated market makers and traders who use the
 * platform over its public HTTP API on the application's own port, like any client, so that a fresh
 * start has order books, trades, candles, feeds, copies and leaderboards to look at within a minute.
 * <p>
 * It is a {@link SmartLifecycle} in the last phase: it starts once everything else, the web server
 * included, is running, and stops first, before the web server and the event processors go away.
 * Everything runs on one thread of its own ({@code tandem-demo}): the set-up ({@link DemoSetUp}), then
 * one step of every user per {@code tandem.demo.tick}, in the cast's order, and a one-line summary every
 * {@code tandem.demo.summary-interval}. Stopping interrupts that thread, waits for it and shuts the HTTP
 * client's executor down, so no demo thread outlives the application. Whatever the platform refuses is
 * counted and logged; nothing the demo does throws out of its thread.
 */
public class DemoMarket implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMarket.class);
    static final String THREAD_PREFIX = "tandem-demo";

    private final DemoProperties properties;
    private final DemoTokens tokens;
    private final DemoAccounts accounts;
    private final ObjectMapper json;
    private final IntSupplier port;
    private final String host;
    private final Clock clock;
    private final DemoCast cast;
    private final DemoStats stats = new DemoStats();

    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private ExecutorService httpExecutor;
    private final List<MakerAgent> makers = new ArrayList<>();
    private final List<TraderAgent> traders = new ArrayList<>();
    private final List<MidWalk> walks = new ArrayList<>();
    private volatile Map<String, String> accountsByUser = Map.of();
    private volatile Map<String, String> handlesByUser = Map.of();
    private boolean[] traded;
    private DemoRun run;
    private long step;
    private long startedAt;

    DemoMarket(DemoProperties properties, DemoTokens tokens, DemoAccounts accounts, ObjectMapper json,
               IntSupplier port, String host, Clock clock) {
        this.properties = properties;
        this.tokens = tokens;
        this.accounts = accounts;
        this.json = json;
        this.port = port;
        this.host = host;
        this.clock = clock;
        this.cast = DemoCast.of(properties.seed(), properties.traders());
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        int serverPort = port.getAsInt();
        if (serverPort <= 0) {
            log.warn("demo: no web server is listening, so the demo market does not start (it trades over HTTP)");
            return;
        }
        running = true;
        startedAt = clock.millis();
        scheduler = Executors.newSingleThreadScheduledExecutor(named(THREAD_PREFIX));
        httpExecutor = Executors.newFixedThreadPool(2, named(THREAD_PREFIX + "-http"));
        String base = "http://" + host + ":" + serverPort;
        run = new DemoRun(new DemoApi(base, json, stats, httpExecutor), tokens, stats, properties.seed(),
                Long.toString(startedAt, 36));
        log.info("demo: starting a demo market on {} with {} traders and {} market makers (seed {}, a step every {})",
                base, cast.traders().size(), cast.makers().size(), properties.seed(), properties.tick());
        scheduler.execute(this::setUp);
    }

    private void setUp() {
        try {
            DemoSetUp.Market market = new DemoSetUp(cast, run, accounts).run();
            accountsByUser = market.accounts();
            handlesByUser = market.handles();
            traded = new boolean[cast.instruments().size()];
            for (Instrument instrument : cast.instruments()) {
                long last = market.lastPrices().getOrDefault(instrument.symbol(), 0L);
                traded[instrument.index()] = last > 0;
                walks.add(new MidWalk(properties.seed(), instrument.index(), instrument.symbol(),
                        last > 0 ? last : instrument.startTicks()));
            }
            for (Maker maker : cast.makers()) {
                makers.add(new MakerAgent(maker, run, market.accounts().get(maker.userId())));
            }
            for (Trader trader : cast.traders()) {
                traders.add(new TraderAgent(trader, run, market.accounts().get(trader.userId()),
                        market.handles().get(trader.userId())));
            }
            log.info("demo: set up {} traders ({}), trading on {}", traders.size(),
                    traders.stream().map(TraderAgent::handle).collect(Collectors.joining(", ")),
                    cast.instruments().stream().map(Instrument::symbol).collect(Collectors.joining(", ")));
            long tick = properties.tick().toMillis();
            scheduler.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
            long summary = properties.summaryInterval().toMillis();
            scheduler.scheduleWithFixedDelay(this::summary, summary, summary, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                log.warn("demo: set-up failed, trying again in 5 s: {}", e.toString());
                makers.clear();
                traders.clear();
                walks.clear();
                scheduler.schedule(this::setUp, 5, TimeUnit.SECONDS);
            }
        }
    }

    private void tick() {
        try {
            step++;
            List<Long> previous = walks.stream().map(MidWalk::mid).toList();
            for (MidWalk walk : walks) {
                walk.advance(step);
            }
            for (int i = 0; i < makers.size() && !Thread.currentThread().isInterrupted(); i++) {
                makers.get(i).step(step, walks.get(i).mid(), previous.get(i));
            }
            for (TraderAgent trader : traders) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                trader.step(step, walks, traded);
            }
        } catch (RuntimeException e) {
            log.warn("demo: step {} failed: {}", step, e.toString());
        }
    }

    private void summary() {
        log.info("demo: {}", summaryLine());
    }

    String summaryLine() {
        String mids = walks.stream().map(walk -> walk.symbol() + " " + DemoMoney.price(walk.mid()))
                .collect(Collectors.joining(", "));
        String refused = stats.refusedTotal() == 0 ? "0" : stats.refusedTotal() + " (" + stats.refusalsByCode() + ")";
        return "%d s, step %d, %d traders + %d makers; orders placed %d, amended %d, cancelled %d; fills %d; posts %d, likes %d; deposits %d; refused %s; rate-limited %d; mids %s"
                .formatted((clock.millis() - startedAt) / 1000, step, traders.size(), makers.size(), stats.placed.sum(),
                        stats.amended.sum(), stats.cancelled.sum(), stats.fills.sum(), stats.posts.sum(), stats.likes.sum(),
                        stats.deposits.sum(), refused, stats.rateLimited.sum(), mids);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            if (!scheduler.awaitTermination(15, TimeUnit.SECONDS) || !httpExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("demo: its threads did not end within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("demo: stopped after {}", summaryLine());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /** The demo users' accounts by user id (set once the set-up has run). */
    public Map<String, String> accounts() {
        return accountsByUser;
    }

    /** The simulated traders' handles by user id (set once the set-up has run). */
    public Map<String, String> handles() {
        return handlesByUser;
    }

    DemoCast cast() {
        return cast;
    }

    DemoStats stats() {
        return stats;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
