package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 database with {@link IdLookupH2Collection}s and unique indexes in memory
 * ({@link InMemoryUniqueIndex}, rebuilt from the documents when a collection opens). The document
 * map names are the ones {@link H2Database} uses, so existing read-model files open unchanged.
 */
final class IdLookupH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore mvStore;
    private final CursorRegistry cursorRegistry;

    IdLookupH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
        this.cursorRegistry = cursorRegistry;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new InMemoryUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        if (mvStore == null) {
            // H2Database's constructor opens its index catalog before this class's fields are set.
            return super.openOrCreateCollection(collectionName, options);
        }
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(DATA_PREFIX + fullName);
        MVMap<String, Object> metaMap = mvStore.openMap(META_PREFIX + fullName);
        return new IdLookupH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }
}
