package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 database with {@link IdLookupH2Collection}s and unique indexes in memory
 * ({@link InMemoryUniqueIndex}, rebuilt from the documents when a collection opens). The map names
 * are the ones {@link H2Database} uses, so existing read-model files open unchanged.
 */
final class IdLookupH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore mvStore;
    private final CursorRegistry cursorRegistry;

    /**
     * What the database opens its collections with. {@link H2Database}'s constructor already opens
     * the collections a file holds, before this class's fields are set, so they are handed over
     * through the opening thread as well.
     */
    private record Opening(MVStore mvStore, CursorRegistry cursorRegistry) {
    }

    private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

    private IdLookupH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
        this.cursorRegistry = cursorRegistry;
    }

    static IdLookupH2Database open(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        OPENING.set(new Opening(mvStore, cursorRegistry));
        try {
            return new IdLookupH2Database(databaseName, mvStore, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    private Opening opening() {
        return mvStore != null ? new Opening(mvStore, cursorRegistry) : OPENING.get();
    }

    /**
     * An aggregation whose first stage is a {@code $match} starts from that stage's {@code _id}
     * candidates instead of the whole collection ({@link IdLookupH2Collection#queryAllAsStream}): the
     * driver's {@code countDocuments} is such an aggregation.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        IdLookupH2Collection restricted = null;
        if ("aggregate".equalsIgnoreCase(command) && query.get(command) instanceof String collectionName
                && query.get("pipeline") instanceof List<?> pipeline && !pipeline.isEmpty()
                && pipeline.get(0) instanceof Document first && first.size() == 1
                && first.get("$match") instanceof Document match
                && resolveCollection(collectionName, false) instanceof IdLookupH2Collection collection) {
            restricted = collection;
            restricted.restrictNextScan(match);
        }
        try {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        } finally {
            if (restricted != null) {
                restricted.clearNextScan();
            }
        }
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new InMemoryUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        Opening opening = opening();
        MVStore mvStore = opening.mvStore();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATA_PREFIX + fullName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new IdLookupH2Collection(this, collectionName, options, dataMap, metaMap, opening.cursorRegistry());
    }
}
