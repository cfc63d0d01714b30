package io.tandem.command.profile;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.UserId;
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
 */
@Aggregate
@Revision("1")
public class TraderProfile {

    @AggregateIdentifier
    private UserId userId;
    private String handle;
    private String displayName;
    private String bio;
    private boolean shareTrades;
    private AccountId publicAccountId;

    protected TraderProfile() {
        // Axon rebuilds the profile from its events.
    }

    /** Creates or updates the profile; answers it as set, with the counts and relations the command side does not know as zero and false. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TraderProfileView handle(SetTraderProfileCommand command) {
        Objects.requireNonNull(command.userId(), "userId");
        ProfileRules.check(command.handle(), command.displayName(), command.bio());
        if (userId == null || !command.handle().equals(handle) || !command.displayName().equals(displayName)
                || !Objects.equals(command.bio(), bio) || command.shareTrades() != shareTrades
                || !Objects.equals(command.publicAccountId(), publicAccountId)) {
            apply(new TraderProfileSetEvent(command.userId(), command.handle(), handle, command.displayName(),
                    command.bio(), command.shareTrades(), command.publicAccountId(), command.at()));
        }
        return view();
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
    }
}
