package io.tandem.command.follow;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.RequestTransactions;
import io.tandem.command.profile.TraderDirectory;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.follow.RelationState;
import io.tandem.contracts.follow.SetRelationCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.profile.Handles;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.Objects;

/**
 * Follow entry: resolves the caller's profile and the target's handle in the handle table, then
 * sends the relation to the pair's {@link Relationship}, all in one transaction that is run again
 * when it loses a race (see {@link RequestTransactions}).
 */
@Service
public class FollowEntryService implements FollowEntry {

    private final CommandDispatch commands;
    private final RequestTransactions transactions;
    private final TraderDirectory directory;

    FollowEntryService(CommandDispatch commands, RequestTransactions transactions, TraderDirectory directory) {
        this.commands = commands;
        this.transactions = transactions;
        this.directory = directory;
    }

    @Override
    public RelationResult set(UserId caller, String handle, Relation relation, boolean active, Instant now) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(now, "now");
        return transactions.retrying(() -> transactions.inTransaction(() -> {
            if (directory.handleOf(caller).isEmpty()) {
                throw new TandemException(ErrorCode.PROFILE_REQUIRED, "set up your trader profile (PUT /api/v1/traders/me) first");
            }
            UserId target = directory.userOfHandle(handle)
                    .orElseThrow(() -> new TandemException(ErrorCode.TRADER_NOT_FOUND, Handles.isValid(handle)
                            ? "no trader has the handle '" + handle + "'" : "no trader has that handle"));
            if (target.equals(caller)) {
                throw new TandemException(ErrorCode.CANNOT_FOLLOW_SELF, "you cannot follow, mute or block yourself");
            }
            RelationState state = commands.send(new SetRelationCommand(SocialIds.relationship(caller, target), caller, target,
                    relation, active, now), ErrorCode.TRADER_NOT_FOUND);
            String shown = directory.handleOf(target).orElse(handle);
            return new RelationResult(shown, state.following(), state.muting(), state.blocking());
        }));
    }
}
