package io.tandem.projection.notification;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.notification.NotificationView;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.profile.ProfileReads;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tandem.projection.notification.NotificationProjector.*;

/**
 * Notification documents as their owner sees them, read at query time: with the actor's current
 * handle and display name from the {@code social} group's profiles, and without those whose actor
 * has no profile there yet (the {@code notifications} group may be ahead of {@code social}: the
 * notification shows once the profile does), whose actor the owner muted or blocked, or who blocked
 * the owner (this group's {@code notification_relations}, so a mute or block hides what came before
 * it too). Two look-ups per call, whatever the number of documents: one {@code $in} each.
 */
final class NotificationViews {

    private final MongoCollection<Document> relations;
    private final ProfileReads profiles;

    NotificationViews(MongoDatabase database) {
        this.relations = database.getCollection(ReadModelCollections.NOTIFICATION_RELATIONS);
        this.profiles = new ProfileReads(database);
    }

    /** The visible ones of {@code owner}'s {@code notes}, by document {@code _id}. */
    Map<String, NotificationView> visible(String owner, List<Document> notes) {
        Map<String, NotificationView> views = new HashMap<>();
        if (notes.isEmpty()) {
            return views;
        }
        Set<String> actors = new HashSet<>();
        for (Document note : notes) {
            actors.add(note.getString(ACTOR));
        }
        Map<String, TraderSummary> summaries = profiles.summaries(actors);
        Set<String> silenced = silenced(owner, actors);
        for (Document note : notes) {
            String actor = note.getString(ACTOR);
            TraderSummary summary = summaries.get(actor);
            if (summary != null && summary.displayName() != null && !silenced.contains(actor)) {
                views.put(note.getString("_id"), view(note, summary.handle(), summary.displayName()));
            }
        }
        return views;
    }

    /**
     * The view of a new notification as the projector pushes it: without the actor's profile, which
     * the subscription reads back through {@link io.tandem.contracts.notification.FindNotificationQuery}.
     */
    static NotificationView unresolved(Document note) {
        return view(note, null, null);
    }

    /** Those of {@code actors} that {@code owner} muted or blocked, or that blocked {@code owner}. */
    private Set<String> silenced(String owner, Set<String> actors) {
        List<String> ids = new ArrayList<>(actors.size() * 2);
        for (String actor : actors) {
            ids.add(relationId(owner, actor));
            ids.add(relationId(actor, owner));
        }
        Set<String> silenced = new HashSet<>();
        for (Document relation : relations.find(Filters.in("_id", ids))) {
            boolean ownersRelation = owner.equals(relation.getString(OWNER));
            if (ownersRelation && (Boolean.TRUE.equals(relation.getBoolean(MUTED)) || Boolean.TRUE.equals(relation.getBoolean(BLOCKED)))) {
                silenced.add(relation.getString(ACTOR));
            } else if (!ownersRelation && Boolean.TRUE.equals(relation.getBoolean(BLOCKED))) {
                silenced.add(relation.getString(OWNER));
            }
        }
        return silenced;
    }

    /** The public id is the stable key, base64url: opaque, and the same when a like or follow is repeated. */
    private static NotificationView view(Document note, String handle, String displayName) {
        String id = note.getString("_id");
        String key = note.getString(KEY);
        return new NotificationView(Cursors.encode(key == null ? id : key), note.getString(KIND), note.getString(ACTOR),
                handle, displayName, note.getString(POST_ID), note.getString(COMMENT_ID), note.getString(AT), Cursors.encode(id));
    }
}
