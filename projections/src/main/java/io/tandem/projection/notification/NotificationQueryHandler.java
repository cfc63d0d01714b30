package io.tandem.projection.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.notification.FindNotificationQuery;
import io.tandem.contracts.notification.FindNotificationsQuery;
import io.tandem.contracts.notification.NotificationPage;
import io.tandem.contracts.notification.NotificationUpdatesQuery;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tandem.projection.notification.NotificationProjector.OWNER;
import static io.tandem.projection.notification.NotificationProjector.SEP;

/**
 * Answers {@link FindNotificationsQuery}: the owner's notifications newest first, as
 * {@link NotificationViews} shows them (hidden ones left out), read by {@code _id} range; the
 * cursor is the key of the last notification read, shown or not, so new or hidden notifications
 * never shift a page. A page with hidden notifications reads on, at most {@value #MAX_READS} ranges
 * of one page each (three look-ups per range), and then ends early with {@code hasNextPage}.
 * {@link FindNotificationQuery} reads one back for a push. {@link NotificationUpdatesQuery}
 * subscriptions start empty; the projector pushes their updates.
 */
@Component
public class NotificationQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_READS = 4;

    private final MongoCollection<Document> notifications;
    private final NotificationViews views;

    public NotificationQueryHandler(MongoDatabase database) {
        this.notifications = database.getCollection(ReadModelCollections.NOTIFICATIONS);
        this.views = new NotificationViews(database);
    }

    @QueryHandler
    public NotificationPage find(FindNotificationsQuery query) {
        String owner = query.owner().value();
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        String after = query.after() == null || query.after().isBlank() ? null : key(owner, query.after());
        List<NotificationView> items = new ArrayList<>(pageSize);
        String lastRead = null;
        boolean hasNextPage = false;
        for (int reads = 0; ; reads++) {
            Bson lower = after == null ? Filters.gte("_id", owner + SEP) : Filters.gt("_id", after);
            List<Document> documents = notifications.find(Filters.and(lower, Filters.lt("_id", owner + "\u0002"),
                            Filters.eq(OWNER, owner)))
                    .sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
            Map<String, NotificationView> visible = views.visible(owner, documents);
            for (Document document : documents) {
                if (items.size() == pageSize) {
                    return page(items, lastRead, true);
                }
                lastRead = document.getString("_id");
                NotificationView view = visible.get(lastRead);
                if (view != null) {
                    items.add(view);
                }
            }
            if (documents.size() <= pageSize) {
                return page(items, lastRead, false);
            }
            if (reads + 1 == MAX_READS) {
                return page(items, lastRead, true);
            }
            after = lastRead;
        }
    }

    /** The notification of the cursor, if it is the owner's, still there and shown; null otherwise. */
    @QueryHandler
    public NotificationView find(FindNotificationQuery query) {
        String owner = query.owner().value();
        String key = Cursors.decode(query.cursor());
        Document note = key.startsWith(owner + SEP) ? notifications.find(Filters.eq("_id", key)).first() : null;
        if (note == null || !owner.equals(note.getString(OWNER))) {
            return null;
        }
        return views.visible(owner, List.of(note)).get(note.getString("_id"));
    }

    @QueryHandler
    public Boolean subscribe(NotificationUpdatesQuery query) {
        return Boolean.TRUE;
    }

    private static NotificationPage page(List<NotificationView> items, String lastRead, boolean hasNextPage) {
        return new NotificationPage(items, lastRead == null ? null : Cursors.encode(lastRead), hasNextPage);
    }

    /** The {@code _id} a cursor of {@code owner}'s names; anything else is a malformed request. */
    private static String key(String owner, String cursor) {
        String key = Cursors.decode(cursor);
        if (!key.startsWith(owner + SEP)) {
            throw Cursors.malformed(cursor);
        }
        return key;
    }
}
