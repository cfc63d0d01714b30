package io.tandem.projection.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.projection.notification.NotificationProjector.*;

/**
 * Notification documents as views, with the actors' current handle and display name from the
 * {@code social} group's profiles ({@link ReadModelCollections#PROFILES}, {@code _id} = user id); an
 * actor without a profile document there (not projected yet, or no such collection) shows nulls.
 */
final class NotificationViews {

    private final MongoCollection<Document> profiles;

    NotificationViews(MongoDatabase database) {
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
    }

    NotificationView view(Document note) {
        return views(List.of(note)).get(0);
    }

    List<NotificationView> views(List<Document> notes) {
        Set<String> actors = new HashSet<>();
        for (Document note : notes) {
            actors.add(note.getString(ACTOR));
        }
        Map<String, Document> byId = new HashMap<>();
        if (!actors.isEmpty()) {
            for (Document profile : profiles.find(Filters.in("_id", actors))
                    .projection(Projections.include("handle", "displayName"))) {
                byId.put(String.valueOf(profile.get("_id")), profile);
            }
        }
        return notes.stream().map(note -> {
            Document profile = byId.get(note.getString(ACTOR));
            Object handle = profile == null ? null : profile.get("handle");
            Object displayName = profile == null ? null : profile.get("displayName");
            String id = note.getString("_id");
            return new NotificationView(id, note.getString(KIND), note.getString(ACTOR),
                    handle instanceof String h ? h : null, displayName instanceof String d ? d : null,
                    note.getString(POST_ID), note.getString(COMMENT_ID), note.getString(AT), Cursors.encode(id));
        }).toList();
    }
}
