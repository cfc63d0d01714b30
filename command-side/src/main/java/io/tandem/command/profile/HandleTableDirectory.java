package io.tandem.command.profile;

import io.tandem.contracts.common.UserId;
import io.tandem.contracts.profile.Handles;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link TraderDirectory} over the handle table, read in the caller's transaction. */
@Component
class HandleTableDirectory implements TraderDirectory {

    private final TraderHandleRepository handles;

    HandleTableDirectory(TraderHandleRepository handles) {
        this.handles = handles;
    }

    /** A string that is not a valid handle belongs to nobody. */
    @Override
    public Optional<UserId> userOfHandle(String handle) {
        if (!Handles.isValid(handle)) {
            return Optional.empty();
        }
        return handles.findById(Handles.key(handle)).map(row -> UserId.of(row.userId()));
    }

    @Override
    public Optional<String> handleOf(UserId user) {
        return handles.findByUserId(user.value()).map(TraderHandle::handle);
    }
}
