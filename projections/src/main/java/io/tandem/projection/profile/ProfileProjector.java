package io.tandem.projection.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.profile.Handles;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;
import org.bson.Document;

import static io.tandem.projection.profile.ProfileDocuments.*;

/**
 * Projects trader profiles into one document per user, sequenced by the profile aggregate, so a
 * redelivered or replayed change never rewinds one. The handle lookup of {@code trader(handle)} is
 * the index on {@value ProfileDocuments#HANDLE_KEY} of these same documents rather than a separate
 * handle table: a changed handle frees the old one in the same sequenced write that takes the new
 * one, and no write of one user can overwrite another user's handle on redelivery.
 * <p>
 * The counts on a profile are written by the projectors of the same group as absolute values
 * ({@link TraderCounts}); a profile event recounts its user too, so a profile that appears after
 * the edges that count for it still shows them.
 */
@Component
@ProcessingGroup(ProfileProjector.PROCESSING_GROUP)
public class ProfileProjector {

    public static final String PROCESSING_GROUP = "social";

    private final MongoCollection<Document> profiles;
    private final AggregateStreams streams;
    private final TraderCounts counts;

    public ProfileProjector(MongoDatabase database) {
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP + "_profiles", profiles);
        this.counts = new TraderCounts(database);
        profiles.createIndex(Indexes.ascending(HANDLE_KEY));
    }

    @EventHandler
    public void on(TraderProfileSetEvent event, @SequenceNumber long sequence) {
        String userId = event.userId().value();
        streams.handled(userId, sequence);
        SequencedUpdates.applyIfNewer(profiles, userId, sequence, Updates.combine(
                Updates.set(HANDLE, event.handle()),
                Updates.set(HANDLE_KEY, Handles.key(event.handle())),
                Updates.set(DISPLAY_NAME, event.displayName()),
                Updates.set(BIO, event.bio() == null ? "" : event.bio()),
                Updates.set(SHARE_TRADES, event.shareTrades()),
                Updates.set(PUBLIC_ACCOUNT_ID, event.publicAccountId() == null ? null : event.publicAccountId().value())), true);
        counts.recount(userId, TraderCounts.Count.values());
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(profiles);
        streams.reset();
    }
}
