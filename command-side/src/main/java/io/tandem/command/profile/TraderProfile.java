package io.tandem.command.profile;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.ClaimCopySlotCommand;
import io.tandem.contracts.profile.CopySlotClaimedEvent;
import io.tandem.contracts.profile.CopySlotReleasedEvent;
import io.tandem.contracts.profile.ReleaseCopySlotCommand;
import io.tandem.contracts.profile.SetTraderProfileCommand;
import io.tandem.contracts.profile.TraderProfileSetEvent;
import io.tandem.contracts.profile.TraderProfileView;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user's trader profile, one per user and identified by the user, so that setting it is one
 * command whether or not it exists yet. Uniqueness of the handle is not the aggregate's to decide
 * (it spans all users): profile entry checks it against the handle table in the same transaction,
 * and the table's unique key settles a race (see {@link TraderHandleUpdater}). The aggregate checks
 * the texts again as its guard and records a change only when something changed, so the same
 * request again writes nothing. State is the profile itself: bounded.
 * <p>
 * The profile also holds the trader's copy settings (whether copiers are accepted, the most live
 * copies accepted) and counts the live copies of the trader: starting a copy claims a slot here, in
 * the start transaction, and closing it gives the slot back, so the limit is checked in one place.
 * The copy aggregate makes sure each copy claims and releases once. A popular leader gets two slot
 * events per copy, so profiles are snapshotted (see {@link ProfileConfiguration}) through Jackson:
 * state is plain fields, and the {@code @Revision} names their layout (revision 2 added the copy
 * settings and the copier count).
 */
@Aggregate(snapshotTriggerDefinition = ProfileConfiguration.SNAPSHOT_TRIGGER)
@Revision("2")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class TraderProfile {

    /** The largest copier limit a trader may set. */
    public static final int MAX_COPIERS_LIMIT = 1_000_000;

    @AggregateIdentifier
    private UserId userId;
    private String handle;
    private String displayName;
    private String bio;
    private boolean shareTrades;
    private AccountId publicAccountId;
    private boolean acceptsCopiers = true;
    private Integer maxCopiers;
    private int copiers;

    protected TraderProfile() {
        // Axon and Jackson rebuild the profile from its events or from a snapshot.
    }

    /**
     * Creates or updates the profile; answers it as set, with the counts and relations the command side
     * does not know as zero and false. {@code acceptsCopiers} null keeps the current setting (true for
     * a new profile); {@code maxCopiers} null is unlimited, otherwise 1 to {@value #MAX_COPIERS_LIMIT}.
     * Lowering the limit below the live copies stops none of them; it only refuses new ones.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TraderProfileView handle(SetTraderProfileCommand command) {
        Objects.requireNonNull(command.userId(), "userId");
        ProfileRules.check(command.handle(), command.displayName(), command.bio());
        requireValidMaxCopiers(command.maxCopiers());
        boolean accepts = command.acceptsCopiers() == null ? acceptsCopiers : command.acceptsCopiers();
        if (userId == null || !command.handle().equals(handle) || !command.displayName().equals(displayName)
                || !Objects.equals(command.bio(), bio) || command.shareTrades() != shareTrades
                || !Objects.equals(command.publicAccountId(), publicAccountId)
                || accepts != acceptsCopiers || !Objects.equals(command.maxCopiers(), maxCopiers)) {
            apply(new TraderProfileSetEvent(command.userId(), command.handle(), handle, command.displayName(),
                    command.bio(), command.shareTrades(), command.publicAccountId(), accepts, command.maxCopiers(),
                    command.at()));
        }
        return view();
    }

    /**
     * Takes a copier slot for a starting copy and answers the public account it copies. Refused with
     * LEADER_NOT_COPYABLE without a public account or while copiers are not accepted (and when the
     * copier is the trader: CANNOT_COPY_SELF), COPY_SLOTS_FULL at the limit.
     */
    @CommandHandler
    public AccountId handle(ClaimCopySlotCommand command) {
        if (userId.equals(command.copier())) {
            throw new TandemException(ErrorCode.CANNOT_COPY_SELF, "a trader cannot copy themselves");
        }
        if (publicAccountId == null || !acceptsCopiers) {
            throw new TandemException(ErrorCode.LEADER_NOT_COPYABLE, "trader " + handle + " cannot be copied");
        }
        if (maxCopiers != null && copiers >= maxCopiers) {
            throw new TandemException(ErrorCode.COPY_SLOTS_FULL, "trader " + handle + " has all " + maxCopiers + " copier slots taken");
        }
        apply(new CopySlotClaimedEvent(userId, command.copyId(), command.copier(), copiers + 1));
        return publicAccountId;
    }

    /** Gives a closed copy's slot back; the count never goes below zero. */
    @CommandHandler
    public void handle(ReleaseCopySlotCommand command) {
        apply(new CopySlotReleasedEvent(userId, command.copyId(), Math.max(0, copiers - 1)));
    }

    static void requireValidMaxCopiers(Integer maxCopiers) {
        if (maxCopiers != null && (maxCopiers < 1 || maxCopiers > MAX_COPIERS_LIMIT)) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, "maxCopiers must be 1 to " + MAX_COPIERS_LIMIT);
        }
    }

    private TraderProfileView view() {
        return new TraderProfileView(userId.value(), handle, displayName, bio, shareTrades,
                publicAccountId == null ? null : publicAccountId.value(), 0, 0, 0, false, false, false);
    }

    @EventSourcingHandler
    void on(TraderProfileSetEvent event) {
        userId = event.userId();
        handle = event.handle();
        displayName = event.displayName();
        bio = event.bio();
        shareTrades = event.shareTrades();
        publicAccountId = event.publicAccountId();
        acceptsCopiers = event.acceptsCopying();
        maxCopiers = event.maxCopiers();
    }

    @EventSourcingHandler
    void on(CopySlotClaimedEvent event) {
        copiers = event.copiers();
    }

    @EventSourcingHandler
    void on(CopySlotReleasedEvent event) {
        copiers = event.copiers();
    }
}
