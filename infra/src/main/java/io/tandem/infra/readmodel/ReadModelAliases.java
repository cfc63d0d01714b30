package io.tandem.infra.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which physical collection serves each logical read-model name ({@code accounts}, {@code posts}...).
 * A name without an alias is served by the collection of the same name, so a store that was never
 * rebuilt side by side has no aliases at all.
 * <p>
 * A side-by-side rebuild builds a read model under new physical names and then {@linkplain #switchTo
 * switches}: the whole map is replaced in one step, so every collection of the rebuilt group changes
 * at the same moment for every reader of this process ({@link AliasedMongoDatabase} resolves the map on
 * each call). The map is stored first, in the {@value #COLLECTION} collection, with a version that every
 * switch increments, so that a restart keeps the switch.
 * <p>
 * Several nodes: each node {@linkplain #startPolling polls} the stored document (one small read every
 * {@link #DEFAULT_POLL}) and swaps in the new map when its version changed, so a switch made on one node
 * reaches the others within a poll interval. The collections a switch replaced are therefore not dropped
 * at once: the switch records them in the document as pending drops, due {@link #DEFAULT_GRACE} later
 * (longer than the poll interval, so every node has moved on before), and whichever node polls after
 * that drops them. A process that dies meanwhile leaves them recorded, and the next poll of any node (or
 * the next start) drops them. A name that serves again (a switch back) is taken off the pending drops.
 */
public final class ReadModelAliases implements AutoCloseable {

    /** Where the map is stored; never aliased itself. */
    public static final String COLLECTION = "read_model_aliases";
    /** How often a node reads the stored map again. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    /** How long a replaced collection is kept after a switch, for nodes still on the old map. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    private static final String ID = "aliases";
    private static final String MAP = "map";
    private static final String VERSION = "version";
    private static final String PENDING = "pendingDrops";
    private static final Logger log = LoggerFactory.getLogger(ReadModelAliases.class);

    private final MongoDatabase database;
    private final MongoCollection<Document> stored;
    private final Clock clock;
    private final Duration grace;
    private final AtomicReference<Map<String, String>> current = new AtomicReference<>(Map.of());
    private volatile long version = -1;
    private ScheduledExecutorService poller;

    /** Reads the stored map from {@code database} (a raw database, or an aliased one: the aliases collection is never aliased). */
    public ReadModelAliases(MongoDatabase database) {
        this(database, Clock.systemUTC(), DEFAULT_GRACE);
    }

    /** {@code grace}: how long collections a switch replaced are kept before they are dropped. */
    public ReadModelAliases(MongoDatabase database, Clock clock, Duration grace) {
        this.database = AliasedMongoDatabase.raw(database);
        this.stored = this.database.getCollection(COLLECTION);
        this.clock = clock;
        this.grace = grace;
        reload();
    }

    /** The physical collection that serves {@code logical} now. */
    public String physical(String logical) {
        return current.get().getOrDefault(logical, logical);
    }

    /** The whole map (logical to physical), only names that are aliased. */
    public Map<String, String> current() {
        return current.get();
    }

    /** The version of the map in use (incremented by every switch; 0 before the first). */
    public long version() {
        return version;
    }

    /** The replaced collections not dropped yet, with when they are due (epoch millis). */
    public Map<String, Long> pendingDrops() {
        Document document = stored.find(Filters.eq("_id", ID)).first();
        Map<String, Long> pending = new HashMap<>();
        if (document != null && document.get(PENDING) instanceof Document drops) {
            drops.forEach((name, due) -> pending.put(name, ((Number) due).longValue()));
        }
        return pending;
    }

    /**
     * Re-reads the stored map every {@code interval} on a daemon thread (and drops the replaced
     * collections that are due), until {@link #close}. The server's bean does this; a one-shot command
     * line need not.
     */
    public synchronized ReadModelAliases startPolling(Duration interval) {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "read-model-aliases");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One poll: the stored map if its version changed, then the drops that are due. Never throws. */
    public void poll() {
        try {
            Document document = stored.find(Filters.eq("_id", ID)).first();
            if (document != null && versionOf(document) != version) {
                apply(document);
            }
            dropDue(document);
        } catch (RuntimeException e) {
            log.warn("Could not read the read-model aliases (keeping the map of version {}): {}", version, e.toString());
        }
    }

    /** Reads the stored map again (a switch made by another process). */
    public synchronized void reload() {
        apply(stored.find(Filters.eq("_id", ID)).first());
    }

    /** Versions only grow: a poll that read the document before a switch of this process must not undo it. */
    private synchronized void apply(Document document) {
        long next = document == null ? 0 : versionOf(document);
        if (next < version) {
            return;
        }
        current.set(Map.copyOf(mapOf(document)));
        version = next;
    }

    /**
     * Serves each logical name of {@code changes} by its new physical collection, all at once: the map
     * is stored (over the latest stored one, so a switch another node made meanwhile is kept), then
     * replaced in memory in one step. The collections that served those names until now are recorded
     * as pending drops, dropped after the grace period; names that serve again are taken off them.
     *
     * @return the physical collections that served those names until now
     */
    public synchronized Map<String, String> switchTo(Map<String, String> changes) {
        while (true) {
            Document document = stored.find(Filters.eq("_id", ID)).first();
            long before = document == null ? 0 : versionOf(document);
            Map<String, String> old = mapOf(document);
            Map<String, String> next = new HashMap<>(old);
            Map<String, String> replaced = new HashMap<>();
            Document pending = new Document();
            if (document != null && document.get(PENDING) instanceof Document drops) {
                pending.putAll(drops);
            }
            long due = clock.millis() + grace.toMillis();
            changes.forEach((logical, physical) -> {
                String was = old.getOrDefault(logical, logical);
                replaced.put(logical, was);
                if (logical.equals(physical)) {
                    next.remove(logical);
                } else {
                    next.put(logical, physical);
                }
                if (!was.equals(physical)) {
                    pending.put(was, due);
                }
            });
            Set<String> serving = new HashSet<>(next.values());
            changes.keySet().stream().filter(logical -> !next.containsKey(logical)).forEach(serving::add);
            serving.forEach(pending::remove);
            Document map = new Document();
            next.forEach(map::append);
            Document replacement = new Document("_id", ID).append(MAP, map).append(VERSION, before + 1).append(PENDING, pending);
            boolean written;
            if (document == null) {
                try {
                    stored.insertOne(replacement);
                    written = true;
                } catch (RuntimeException duplicate) {
                    written = false;
                }
            } else {
                written = stored.replaceOne(document.containsKey(VERSION)
                        ? Filters.and(Filters.eq("_id", ID), Filters.eq(VERSION, before))
                        : Filters.and(Filters.eq("_id", ID), Filters.exists(VERSION, false)),
                        replacement, new ReplaceOptions()).getModifiedCount() == 1;
            }
            if (written) {
                current.set(Map.copyOf(next));
                version = before + 1;
                return replaced;
            }
        }
    }

    private void dropDue(Document document) {
        if (document == null || !(document.get(PENDING) instanceof Document drops) || drops.isEmpty()) {
            return;
        }
        long now = clock.millis();
        Set<String> serving = new HashSet<>(mapOf(document).values());
        Set<String> existing = null;
        for (Map.Entry<String, Object> drop : drops.entrySet()) {
            String name = drop.getKey();
            if (((Number) drop.getValue()).longValue() > now) {
                continue;
            }
            if (existing == null) {
                existing = database.listCollectionNames().into(new HashSet<>());
            }
            // taken off the list first, and only if no switch changed it meanwhile (one that serves the name again
            // removes it): of several nodes polling, one drops it
            boolean claimed = stored.updateOne(Filters.and(Filters.eq("_id", ID),
                    Filters.eq(PENDING + "." + name, drop.getValue())), Updates.unset(PENDING + "." + name)).getModifiedCount() == 1;
            if (claimed && !serving.contains(name) && existing.contains(name)) {
                database.getCollection(name).drop();
                log.info("Dropped read-model collection {}, replaced by a side-by-side rebuild", name);
            }
        }
    }

    private static Map<String, String> mapOf(Document document) {
        Map<String, String> map = new HashMap<>();
        if (document != null && document.get(MAP) instanceof Document aliases) {
            aliases.forEach((logical, physical) -> map.put(logical, String.valueOf(physical)));
        }
        return map;
    }

    private static long versionOf(Document document) {
        return document.get(VERSION) instanceof Number number ? number.longValue() : 0;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
