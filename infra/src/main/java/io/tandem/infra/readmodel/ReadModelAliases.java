package io.tandem.infra.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which physical collection serves each logical read-model name ({@code accounts}, {@code posts}...).
 * A name without an alias is served by the collection of the same name, so a store that was never
 * rebuilt side by side has no aliases at all.
 * <p>
 * A side-by-side rebuild builds a read model under new physical names and then {@linkplain #switchTo
 * switches}: the whole map is replaced in one step, so every collection of the rebuilt group changes
 * at the same moment for every reader ({@link AliasedMongoDatabase} resolves the map on each call).
 * The map is stored first, in the {@value #COLLECTION} collection, so that a restart keeps the switch.
 * Other nodes of a distributed deployment read the map when they start; a rebuild is therefore run
 * with the projection role on one node, and query nodes restarted (or {@link #reload}ed) after it.
 */
public final class ReadModelAliases {

    /** Where the map is stored; never aliased itself. */
    public static final String COLLECTION = "read_model_aliases";
    private static final String ID = "aliases";

    private final MongoCollection<Document> stored;
    private final AtomicReference<Map<String, String>> current = new AtomicReference<>(Map.of());

    /** Reads the stored map from {@code database} (a raw database, or an aliased one: the aliases collection is never aliased). */
    public ReadModelAliases(MongoDatabase database) {
        this.stored = database.getCollection(COLLECTION);
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

    /** Reads the stored map again (a switch made by another process). */
    public synchronized void reload() {
        Document document = stored.find(Filters.eq("_id", ID)).first();
        Map<String, String> map = new HashMap<>();
        if (document != null && document.get("map") instanceof Document aliases) {
            aliases.forEach((logical, physical) -> map.put(logical, String.valueOf(physical)));
        }
        current.set(Map.copyOf(map));
    }

    /**
     * Serves each logical name of {@code changes} by its new physical collection, all at once: the map
     * is stored, then replaced in memory in one step.
     *
     * @return the physical collections that served those names until now (the ones to drop)
     */
    public synchronized Map<String, String> switchTo(Map<String, String> changes) {
        Map<String, String> before = current.get();
        Map<String, String> next = new HashMap<>(before);
        Map<String, String> replaced = new HashMap<>();
        changes.forEach((logical, physical) -> {
            replaced.put(logical, before.getOrDefault(logical, logical));
            if (logical.equals(physical)) {
                next.remove(logical);
            } else {
                next.put(logical, physical);
            }
        });
        Document map = new Document();
        next.forEach(map::append);
        stored.replaceOne(Filters.eq("_id", ID), new Document("_id", ID).append("map", map), new ReplaceOptions().upsert(true));
        current.set(Map.copyOf(next));
        return replaced;
    }
}
