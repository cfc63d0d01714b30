package io.tandem.infra.readmodel;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.Collection;
import java.util.stream.StreamSupport;

/**
 * An H2-backed collection that looks a document up by its {@code _id} whenever the query names a
 * single {@code _id}, as MongoDB does. mongo-java-server only uses an index when the query has
 * exactly the index's keys, so the projectors' conditional updates ({@code _id} plus a
 * {@code lastSeq} guard) scanned the whole collection on every event: the read models got slower
 * with every order ever placed. Here the {@code _id} index finds the one candidate and the full query
 * is matched against it, which gives the same answer as the scan.
 */
final class IdLookupH2Collection extends H2Collection {

    private static final String ID = "_id";

    IdLookupH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Object id = query == null ? null : query.get(ID);
        if (id == null || query.size() < 2 || id instanceof Document || id instanceof Collection<?>) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        QueryResult byId = super.queryDocuments(new Document(ID, id), null, 0, 0, 0, null);
        return matchDocumentsFromStream(StreamSupport.stream(byId.spliterator(), false), query, orderBy, numberToSkip, limit,
                batchSize, fieldSelector);
    }
}
