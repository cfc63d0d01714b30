package io.tandem.projection.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.tandem.contracts.profile.TraderSummary;
import io.tandem.projection.follow.RelationDocuments;
import io.tandem.projection.support.CompositeIds;
import io.tandem.projection.support.ReadModelCollections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of the profiles and relations that several query handlers need: the current handle and
 * display name of the users on a page (one {@code $in} look-up), and blocks between a viewer and
 * several users (one {@code $in} look-up of both directions).
 */
public final class ProfileReads {

    private final MongoCollection<Document> profiles;
    private final MongoCollection<Document> relations;

    public ProfileReads(MongoDatabase database) {
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
        this.relations = database.getCollection(ReadModelCollections.RELATIONS);
    }

    /** The profiles of {@code userIds} that have one, by user id, as summaries without a cursor. */
    public Map<String, TraderSummary> summaries(Collection<String> userIds) {
        Map<String, TraderSummary> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        for (Document profile : profiles.find(Filters.in("_id", List.copyOf(new LinkedHashSet<>(userIds))))) {
            String handle = profile.getString(ProfileDocuments.HANDLE);
            if (handle != null) {
                String userId = profile.getString("_id");
                found.put(userId, new TraderSummary(userId, handle, profile.getString(ProfileDocuments.DISPLAY_NAME), null));
            }
        }
        return found;
    }

    /** Those of {@code userIds} that {@code viewer} blocked or that blocked {@code viewer}. */
    public Set<String> blockedEitherWay(String viewer, Collection<String> userIds) {
        Set<String> blocked = new HashSet<>();
        if (viewer == null || userIds.isEmpty()) {
            return blocked;
        }
        List<String> ids = new ArrayList<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            if (!userId.equals(viewer)) {
                ids.add(CompositeIds.of(viewer, userId));
                ids.add(CompositeIds.of(userId, viewer));
            }
        }
        if (ids.isEmpty()) {
            return blocked;
        }
        for (Document relation : relations.find(Filters.in("_id", ids))) {
            if (Boolean.TRUE.equals(relation.getBoolean(RelationDocuments.BLOCKING))) {
                String id = relation.getString("_id");
                int separator = id.indexOf(CompositeIds.SEPARATOR);
                String first = id.substring(0, separator);
                blocked.add(first.equals(viewer) ? id.substring(separator + 1) : first);
            }
        }
        return blocked;
    }
}
