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
 * read of at most page size + 1 entries. The cursor ({@link FeedCursor}) names the page's last entry
 * by key; the next page starts right after it, and newer posts get smaller keys, so new arrivals never
 * shift a page. The cursor also carries the entry's position (entries before it, counted from the
 * first page), so reads stop at position {@code tandem.feed.max-items} without walking the entries
 * before: a client paging from the first page never gets more than the newest {@code max-items}
 * entries as of that first page, whether or not the sweep has trimmed the rest yet. Posts that arrive
 * while it pages do not move the stop (the trim sweep removes what has fallen past the cap meanwhile).
 * {@link FeedUpdatesQuery} subscriptions start empty; the projector pushes their updates.
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
        int start = 0;
        if (query.after() != null && !query.after().isBlank()) {
            FeedCursor cursor = FeedCursor.decode(query.after());
            after = cursor.key(owner);
            start = cursor.position() + 1;
        }
        int take = Math.min(pageSize, maxItems - start);
        if (take <= 0) {
            return new FeedPage(List.of(), null, false);
        }
        boolean capReached = start + take >= maxItems;
        List<Document> documents = timelines.find(FeedKeys.after(owner, OWNER, after))
                .sort(Sorts.ascending("_id")).limit(capReached ? take : take + 1)
                .projection(Projections.include("_id", POST_ID)).into(new ArrayList<>());
        boolean hasNextPage = documents.size() > take;
        List<FeedEntry> items = new ArrayList<>(Math.min(take, documents.size()));
        for (Document document : documents.subList(0, Math.min(take, documents.size()))) {
            FeedCursor cursor = FeedCursor.of(owner, document.getString("_id"), start + items.size());
            items.add(new FeedEntry(document.getString(POST_ID), cursor.encode()));
        }
        String endCursor = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new FeedPage(items, endCursor, hasNextPage);
    }

    @QueryHandler
    public Boolean subscribe(FeedUpdatesQuery query) {
        return Boolean.TRUE;
    }
}
