package io.tandem.projection.post;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.orderbook.InstrumentSpec;
import io.tandem.contracts.post.CommentPage;
import io.tandem.contracts.post.CommentView;
import io.tandem.contracts.post.CommentPages;
import io.tandem.contracts.post.FindCommentsOfPostsQuery;
import io.tandem.contracts.post.FindCommentsQuery;
import io.tandem.contracts.post.FindPostQuery;
import io.tandem.contracts.post.FindPostsByIdQuery;
import io.tandem.contracts.post.FindPostsQuery;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostPage;
import io.tandem.contracts.post.PostView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.profile.ProfileReads;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.InstrumentFormats;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.projection.post.PostDocuments.*;

/**
 * Answers the post queries as a viewer sees them: with the author's current handle and display
 * name, whether the viewer likes the post, and its counts. A deleted post, one whose author has no
 * profile to show, and one whose author and the viewer are blocked either way are not there (null,
 * or left out of a page). Each page costs a fixed number of look-ups, whatever its size: the listing
 * range, the posts, their authors, the blocks and the viewer's likes, each one {@code $in}. Comments
 * are shown the same way: without those whose author has no profile or is blocked either way with
 * the viewer; the comments of several posts are read in one query, one range per post.
 */
@Component
public class PostQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> posts;
    private final MongoCollection<Document> authorPosts;
    private final MongoCollection<Document> comments;
    private final MongoCollection<Document> likes;
    private final ProfileReads reads;
    private final InstrumentFormats instruments;

    public PostQueryHandler(MongoDatabase database, InstrumentFormats instruments) {
        this.posts = database.getCollection(ReadModelCollections.POSTS);
        this.authorPosts = database.getCollection(ReadModelCollections.AUTHOR_POSTS);
        this.comments = database.getCollection(ReadModelCollections.COMMENTS);
        this.likes = database.getCollection(ReadModelCollections.LIKES);
        this.reads = new ProfileReads(database);
        this.instruments = instruments;
    }

    @QueryHandler
    public PostView find(FindPostQuery query) {
        List<PostView> found = views(List.of(query.postId().value()), viewer(query.viewer()), Map.of());
        return found.isEmpty() ? null : found.get(0);
    }

    @QueryHandler
    public PostPage find(FindPostsByIdQuery query) {
        List<String> ids = query.postIds().stream().map(PostId::value).toList();
        return new PostPage(views(ids, viewer(query.viewer()), Map.of()), null, false);
    }

    @QueryHandler
    public PostPage find(FindPostsQuery query) {
        String author = query.author().value();
        String viewer = viewer(query.viewer());
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = CompositeIds.afterCursor(query.after());
        if (!reads.blockedEitherWay(viewer, List.of(author)).isEmpty()) {
            return new PostPage(List.of(), null, false);
        }
        Document filter = CompositeIds.listing(author, after).append(DELETED, new Document("$ne", true));
        List<Document> listed = authorPosts.find(filter).sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = listed.size() > pageSize;
        List<Document> page = listed.subList(0, Math.min(pageSize, listed.size()));
        Map<String, String> cursors = new HashMap<>();
        List<String> ids = new ArrayList<>(page.size());
        for (Document entry : page) {
            String postId = entry.getString(LISTED_POST_ID);
            ids.add(postId);
            cursors.put(postId, CompositeIds.cursor(author, entry.getString("_id")));
        }
        String endCursor = page.isEmpty() ? null : CompositeIds.cursor(author, page.get(page.size() - 1).getString("_id"));
        return new PostPage(views(ids, viewer, cursors), endCursor, hasNextPage);
    }

    /**
     * A post's comments, oldest first, as the viewer sees them; an empty page when the post is unknown
     * or deleted. A comment whose author and the viewer are blocked either way is left out; the cursor
     * is the last comment read, shown or not.
     */
    @QueryHandler
    public CommentPage find(FindCommentsQuery query) {
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = CompositeIds.afterCursor(query.after());
        return commentPages(List.of(query.postId().value()), viewer(query.viewer()), pageSize, after).get(0);
    }

    /**
     * The first comment page of each post, as {@link #find(FindCommentsQuery)} without a cursor
     * answers it: one range read per post, and one look-up each for the posts, the comments' authors
     * and the blocks, whatever the number of posts.
     */
    @QueryHandler
    public CommentPages find(FindCommentsOfPostsQuery query) {
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        List<String> postIds = query.postIds().stream().map(PostId::value).toList();
        return new CommentPages(commentPages(postIds, viewer(query.viewer()), pageSize, null));
    }

    private List<CommentPage> commentPages(List<String> postIds, String viewer, int pageSize, String after) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Set<String> live = new HashSet<>();
        for (Document post : posts.find(Filters.in("_id", List.copyOf(new HashSet<>(postIds))))) {
            if (!Boolean.TRUE.equals(post.getBoolean(DELETED))) {
                live.add(post.getString("_id"));
            }
        }
        Map<String, List<Document>> listed = new HashMap<>();
        Set<String> authorIds = new HashSet<>();
        for (String postId : new LinkedHashSet<>(postIds)) {
            if (live.contains(postId)) {
                Document filter = CompositeIds.listing(postId, after).append(DELETED, new Document("$ne", true));
                List<Document> comments = this.comments.find(filter).sort(Sorts.ascending("_id")).limit(pageSize + 1)
                        .into(new ArrayList<>());
                listed.put(postId, comments);
                comments.stream().limit(pageSize).forEach(comment -> authorIds.add(comment.getString(COMMENT_AUTHOR)));
            }
        }
        Map<String, TraderSummary> authors = reads.summaries(authorIds);
        Set<String> blocked = reads.blockedEitherWay(viewer, authorIds);
        List<CommentPage> pages = new ArrayList<>(postIds.size());
        for (String postId : postIds) {
            List<Document> comments = listed.get(postId);
            pages.add(comments == null ? new CommentPage(List.of(), null, false)
                    : commentPage(postId, comments, pageSize, authors, blocked));
        }
        return pages;
    }

    private static CommentPage commentPage(String postId, List<Document> listed, int pageSize,
                                           Map<String, TraderSummary> authors, Set<String> blocked) {
        boolean hasNextPage = listed.size() > pageSize;
        List<Document> page = listed.subList(0, Math.min(pageSize, listed.size()));
        List<CommentView> items = new ArrayList<>(page.size());
        for (Document comment : page) {
            TraderSummary author = authors.get(comment.getString(COMMENT_AUTHOR));
            if (author != null && !blocked.contains(author.userId())) {
                items.add(new CommentView(comment.getString(COMMENT_ID), postId, author.userId(), author.handle(),
                        author.displayName(), comment.getString(TEXT), comment.getList(MENTIONS, String.class, List.of()),
                        comment.getString(CREATED_AT), CompositeIds.cursor(postId, comment.getString("_id"))));
            }
        }
        String endCursor = page.isEmpty() ? null : CompositeIds.cursor(postId, page.get(page.size() - 1).getString("_id"));
        return new CommentPage(items, endCursor, hasNextPage);
    }

    /** The visible ones of {@code postIds} as {@code viewer} sees them, in the order asked. */
    private List<PostView> views(List<String> postIds, String viewer, Map<String, String> cursors) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Map<String, Document> found = new HashMap<>();
        for (Document post : posts.find(Filters.in("_id", List.copyOf(new HashSet<>(postIds))))) {
            if (post.getString(AUTHOR) != null && !Boolean.TRUE.equals(post.getBoolean(DELETED))) {
                found.put(post.getString("_id"), post);
            }
        }
        Set<String> authorIds = new HashSet<>();
        found.values().forEach(post -> authorIds.add(post.getString(AUTHOR)));
        Map<String, TraderSummary> authors = reads.summaries(authorIds);
        Set<String> blocked = reads.blockedEitherWay(viewer, authorIds);
        Set<String> liked = likedBy(viewer, found.keySet());
        List<PostView> views = new ArrayList<>(postIds.size());
        Set<String> seen = new HashSet<>();
        for (String postId : postIds) {
            Document post = found.get(postId);
            if (post == null || !seen.add(postId)) {
                continue;
            }
            TraderSummary author = authors.get(post.getString(AUTHOR));
            if (author == null || blocked.contains(author.userId())) {
                continue;
            }
            views.add(new PostView(postId, author.userId(), author.handle(), author.displayName(), post.getString(KIND),
                    post.getString(TEXT), post.getList(SYMBOLS, String.class, List.of()),
                    post.getList(MENTIONS, String.class, List.of()), post.getString(CREATED_AT),
                    count(post, LIKES_COUNT), liked.contains(postId), count(post, COMMENTS_COUNT),
                    trade(post.get(TRADE, Document.class)), cursors.get(postId)));
        }
        return views;
    }

    private Set<String> likedBy(String viewer, Set<String> postIds) {
        Set<String> liked = new HashSet<>();
        if (viewer == null || postIds.isEmpty()) {
            return liked;
        }
        List<String> ids = postIds.stream().map(postId -> CompositeIds.of(postId, viewer)).toList();
        for (Document like : likes.find(Filters.in("_id", ids))) {
            if (Boolean.TRUE.equals(like.getBoolean(LIKED))) {
                String id = like.getString("_id");
                liked.add(id.substring(0, id.length() - viewer.length() - 1));
            }
        }
        return liked;
    }

    private PostView.TradeView trade(Document trade) {
        if (trade == null) {
            return null;
        }
        String symbol = trade.getString(TRADE_SYMBOL);
        InstrumentSpec spec = instruments.require(symbol);
        return new PostView.TradeView(symbol, trade.getString(TRADE_SIDE),
                spec.format(Quantity.ofLots(((Number) trade.get(TRADE_FILLED_LOTS)).longValue())),
                spec.format(Price.ofTicks(((Number) trade.get(TRADE_AVERAGE_TICKS)).longValue())));
    }

    private static String viewer(UserId viewer) {
        return viewer == null ? null : viewer.value();
    }

    private static long count(Document post, String field) {
        Object value = post.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }
}
