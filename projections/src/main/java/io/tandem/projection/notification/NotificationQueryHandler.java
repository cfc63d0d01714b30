package io.tandem.projection.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
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

import static io.tandem.projection.notification.NotificationProjector.OWNER;
import static io.tandem.projection.notification.NotificationProjector.SEP;

/**
 * Answers {@link FindNotificationsQuery}: the owner's notifications newest first, one {@code _id}
 * range read per page; the cursor is the last notification's key, so new notifications never shift a
 * page. {@link NotificationUpdatesQuery} subscriptions start empty; the projector pushes their updates.
 */
@Component
public class NotificationQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

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
        Bson lower = Filters.gte("_id", owner + SEP);
        if (query.after() != null && !query.after().isBlank()) {
            String after = Cursors.decode(query.after());
            if (!after.startsWith(owner + SEP)) {
                throw Cursors.malformed(query.after());
            }
            lower = Filters.gt("_id", after);
        }
        List<Document> documents = notifications.find(Filters.and(lower, Filters.lt("_id", owner + "\u0002"),
                        Filters.eq(OWNER, owner)))
                .sort(Sorts.ascending("_id")).limit(pageSize + 1).into(new ArrayList<>());
        boolean hasNextPage = documents.size() > pageSize;
        List<NotificationView> items = views.views(documents.subList(0, Math.min(pageSize, documents.size())));
        String endCursor = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new NotificationPage(items, endCursor, hasNextPage);
    }

    @QueryHandler
    public Boolean subscribe(NotificationUpdatesQuery query) {
        return Boolean.TRUE;
    }
}
