package io.tandem.projection.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.feed.FeedEntry;
import io.tandem.contracts.feed.FeedPage;
import io.tandem.contracts.feed.FeedUpdatesQuery;
import io.tandem.contracts.feed.FindFeedQuery;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.feed.FeedProjector.OWNER;
import static io.tandem.projection.feed.FeedProjector.POST_ID;

/**
 * Answers {@link FindFeedQuery}: a page of the owner's timeline, newest first, one {@code _id} range
 * read. The cursor is the (opaque) key of the page's last entry; the next page starts right after
 * that key, and newer posts get smaller keys, so new arrivals never shift a page. Reads stop at the
 * newest {@code tandem.feed.max-items} entries (found by a range read that stops at the cap), whether
 * or not the sweep has trimmed the rest yet. {@link FeedUpdatesQuery} subscriptions start empty; the
 * projector pushes their updates.
 */
@Component
public class FeedQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> timelines;
    private final int maxItems;

    public FeedQueryHandler(MongoDatabase database, FeedProperties properties) {
        this.timelines = database.getCollection(ReadModelCollections.TIMELINES);
        this.maxItems = properties.maxItems();
    }

    @QueryHandler
    public FeedPage find(FindFeedQuery query) {
        String owner = query.owner().value();
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = null;
        if (query.after() != null && !query.after().isBlank()) {
            after = Cursors.decode(query.after());
            if (!FeedKeys.belongsTo(after, owner)) {
                throw Cursors.malformed(query.after());
            }
        }
        Document last = timelines.find(FeedKeys.range(owner, OWNER)).sort(Sorts.ascending("_id"))
                .skip(maxItems - 1).limit(1).projection(Projections.include("_id")).first();
        String lastKey = last == null ? null : last.getString("_id");
        List<Document> documents = timelines.find(FeedKeys.after(owner, OWNER, after, lastKey))
                .sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = documents.size() > pageSize;
        List<FeedEntry> items = new ArrayList<>(Math.min(pageSize, documents.size()));
        for (Document document : documents.subList(0, Math.min(pageSize, documents.size()))) {
            items.add(new FeedEntry(document.getString(POST_ID), Cursors.encode(document.getString("_id"))));
        }
        String endCursor = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new FeedPage(items, endCursor, hasNextPage);
    }

    @QueryHandler
    public Boolean subscribe(FeedUpdatesQuery query) {
        return Boolean.TRUE;
    }
}
