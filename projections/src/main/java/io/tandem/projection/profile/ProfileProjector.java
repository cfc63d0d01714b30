package io.tandem.projection.profile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.tandem.contracts.profile.CopySlotClaimedEvent;
import io.tandem.contracts.profile.CopySlotReleasedEvent;
import io.tandem.contracts.profile.Handles;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.projection.support.AggregateStreams;
import io.tandem.projection.support.ReadModelCollections;
import io.tandem.projection.support.ReadModelWrites;
import io.tandem.projection.support.SequencedUpdates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;
import org.bson.Document;

import java.util.OptionalLong;

import static io.tandem.projection.profile.ProfileDocuments.*;

/**
 * Projects trader profiles into one document per user, sequenced by the profile aggregate, so a
 * redelivered or replayed change never rewinds one, and the handle lookup of {@code trader(handle)}:
 * one document per handle key ({@code _id}) naming its user, or none ({@code userId} null) once freed.
 * <p>
 * A handle passes from user to user, so no one aggregate's sequence orders its claims. Its document
 * is versioned by the event's position in the event log instead (its global index, from the
 * processor's tracking token, in {@value SequencedUpdates#LAST_SEQ}): the command side frees a
 * handle in the transaction of the release and only then can anyone else claim it, so a later
 * owner's claim always comes later in the log, and a redelivered old claim or release (same or
 * lower index) cannot overwrite it. The profile event's time would not do: it is the request's time,
 * taken before the request's retries, so a claim can carry an earlier time than the release it
 * followed. The group runs in one segment on one thread, so positions arrive in log order, and a
 * replay sees the same positions again. A freed handle keeps its document, so that no older claim
 * can bring it back.
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
    private final MongoCollection<Document> handles;
    private final AggregateStreams streams;
    private final TraderCounts counts;

    public ProfileProjector(MongoDatabase database) {
        this.profiles = database.getCollection(ReadModelCollections.PROFILES);
        this.handles = database.getCollection(ReadModelCollections.HANDLES);
        this.streams = AggregateStreams.of(database, PROCESSING_GROUP + "_profiles", profiles, handles);
        this.counts = new TraderCounts(database);
    }

    @EventHandler
    public void on(TraderProfileSetEvent event, @SequenceNumber long sequence, EventMessage<?> message) {
        String userId = event.userId().value();
        streams.handled(userId, sequence);
        SequencedUpdates.applyIfNewer(profiles, userId, sequence, Updates.combine(
                Updates.set(HANDLE, event.handle()),
                Updates.set(HANDLE_KEY, Handles.key(event.handle())),
                Updates.set(DISPLAY_NAME, event.displayName()),
                Updates.set(BIO, event.bio() == null ? "" : event.bio()),
                Updates.set(SHARE_TRADES, event.shareTrades()),
                Updates.set(PUBLIC_ACCOUNT_ID, event.publicAccountId() == null ? null : event.publicAccountId().value())), true);
        long version = logPosition(message);
        String key = Handles.key(event.handle());
        if (event.previousHandle() != null && !Handles.key(event.previousHandle()).equals(key)) {
            SequencedUpdates.applyIfNewer(handles, Handles.key(event.previousHandle()), version,
                    Updates.set(HANDLE_USER, null), true);
        }
        SequencedUpdates.applyIfNewer(handles, key, version, Updates.set(HANDLE_USER, userId), true);
        counts.recount(userId, TraderCounts.Count.values());
    }

    /**
     * A copy of the trader took a slot: the profile's copiers count is the aggregate's own count
     * after it, set as an absolute value. Handled for every profile event, so the stream stays
     * contiguous ({@link AggregateStreams}); a slot event never creates a profile.
     */
    @EventHandler
    public void on(CopySlotClaimedEvent event, @SequenceNumber long sequence) {
        copiers(event.leader().value(), sequence, event.copiers());
    }

    @EventHandler
    public void on(CopySlotReleasedEvent event, @SequenceNumber long sequence) {
        copiers(event.leader().value(), sequence, event.copiers());
    }

    private void copiers(String userId, long sequence, int copiers) {
        streams.handled(userId, sequence);
        SequencedUpdates.applyIfNewer(profiles, userId, sequence, Updates.set(COPIERS_COUNT, (long) copiers), false);
    }

    /** The event's global index in the event log: its tracking token's position (a replay token's too). */
    static long logPosition(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong position = tracked.trackingToken().position();
            if (position.isPresent()) {
                return position.getAsLong();
            }
        }
        throw new IllegalStateException("the " + PROCESSING_GROUP + " group must run in a tracking processor over a"
                + " store with global positions: handle claims are ordered by their place in the event log");
    }

    @ResetHandler
    public void reset() {
        ReadModelWrites.deleteAll(profiles);
        ReadModelWrites.deleteAll(handles);
        streams.reset();
    }
}
