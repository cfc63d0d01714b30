package io.tandem.projection.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.FindFollowersQuery;
import io.tandem.contracts.follow.FindFollowingQuery;
import io.tandem.contracts.profile.FindTraderQuery;
import io.tandem.contracts.profile.FindTradersByIdQuery;
import io.tandem.contracts.profile.Handles;
import io.tandem.contracts.profile.TraderPage;
import io.tandem.contracts.profile.TraderProfileView;
import io.tandem.contracts.profile.TraderSummaries;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.follow.RelationDocuments;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.profile.ProfileDocuments.*;

/**
 * Answers the trader queries: one profile by handle (case-insensitive, through the handle lookup)
 * or user id with the viewer's relations towards it, several profiles by id, and the follower
 * and following listings, newest follow first, one {@code _id} range each. The cursor is the rest of
 * the last edge's {@code _id} after its owner, so a page boundary stays put as new follows arrive.
 */
@Component
public class TraderQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> handles;
    private final MongoCollection<Document> relations;
    private final MongoCollection<Document> followers;
    private final MongoCollection<Document> following;
    private final ProfileReads reads;

    public TraderQueryHandler(MongoDatabase database) {
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
        this.handles = database.getCollection(ReadModelCollections.HANDLES);
        this.relations = database.getCollection(ReadModelCollections.RELATIONS);
        this.followers = database.getCollection(ReadModelCollections.FOLLOWERS);
        this.following = database.getCollection(ReadModelCollections.FOLLOWING);
        this.reads = new ProfileReads(database);
    }

    /** The trader, or null when there is none by that handle or id (or it has not been projected yet). */
    @QueryHandler
    public TraderProfileView find(FindTraderQuery query) {
        Document profile;
        if (query.handle() != null) {
            if (!Handles.isValid(query.handle())) {
                return null;
            }
            String key = Handles.key(query.handle());
            Document handle = handles.find(Filters.eq("_id", key)).first();
            String owner = handle == null ? null : handle.getString(HANDLE_USER);
            profile = owner == null ? null : profiles.find(Filters.eq("_id", owner)).first();
            if (profile != null && !key.equals(profile.getString(HANDLE_KEY))) {
                profile = null; // the lookup is ahead of or behind the profile for a moment: no such trader now
            }
        } else if (query.userId() != null) {
            profile = profiles.find(Filters.eq("_id", query.userId().value())).first();
        } else {
            return null;
        }
        if (profile == null || profile.getString(HANDLE) == null) {
            return null;
        }
        String userId = profile.getString("_id");
        boolean own = query.viewer() != null && query.viewer().value().equals(userId);
        Document relation = own || query.viewer() == null ? null
                : relations.find(Filters.eq("_id", CompositeIds.of(query.viewer().value(), userId))).first();
        return new TraderProfileView(userId, profile.getString(HANDLE), profile.getString(DISPLAY_NAME),
                profile.getString(BIO), Boolean.TRUE.equals(profile.getBoolean(SHARE_TRADES)),
                own ? profile.getString(PUBLIC_ACCOUNT_ID) : null,
                count(profile, FOLLOWERS_COUNT), count(profile, FOLLOWING_COUNT), count(profile, POSTS_COUNT),
                flag(relation, RelationDocuments.FOLLOWING), flag(relation, RelationDocuments.MUTING),
                flag(relation, RelationDocuments.BLOCKING));
    }

    @QueryHandler
    public TraderSummaries find(FindTradersByIdQuery query) {
        return new TraderSummaries(List.copyOf(reads.summaries(query.userIds()).values()));
    }

    @QueryHandler
    public TraderPage find(FindFollowersQuery query) {
        return page(followers, query.userId(), query.first(), query.after());
    }

    @QueryHandler
    public TraderPage find(FindFollowingQuery query) {
        return page(following, query.userId(), query.first(), query.after());
    }

    private TraderPage page(MongoCollection<Document> edges, UserId owner, int first, String after) {
        int pageSize = Cursors.pageSize(first, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<Document> documents = edges.find(CompositeIds.listing(owner.value(), CompositeIds.afterCursor(after)))
                .sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = documents.size() > pageSize;
        List<Document> page = documents.subList(0, Math.min(pageSize, documents.size()));
        Map<String, TraderSummary> traders = reads.summaries(page.stream().map(edge -> edge.getString(RelationDocuments.EDGE_USER)).toList());
        List<TraderSummary> items = new ArrayList<>(page.size());
        for (Document edge : page) {
            TraderSummary trader = traders.get(edge.getString(RelationDocuments.EDGE_USER));
            if (trader != null) {
                items.add(new TraderSummary(trader.userId(), trader.handle(), trader.displayName(),
                        CompositeIds.cursor(owner.value(), edge.getString("_id"))));
            }
        }
        // The cursor of the last edge read, even if its trader has no profile to show: the next page starts after it.
        String endCursor = page.isEmpty() ? null : CompositeIds.cursor(owner.value(), page.get(page.size() - 1).getString("_id"));
        return new TraderPage(items, endCursor, hasNextPage);
    }

    private static long count(Document profile, String field) {
        Object value = profile.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static boolean flag(Document relation, String field) {
        return relation != null && Boolean.TRUE.equals(relation.getBoolean(field));
    }
}
