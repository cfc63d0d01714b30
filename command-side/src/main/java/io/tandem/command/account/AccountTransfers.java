package io.tandem.command.account;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.tandem.contracts.account.AssetsTransferredOutEvent;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Optional;

/**
 * The transfers an account remembers so that each side of a transfer is idempotent by transfer id:
 * the last {@value #REMEMBERED} it made (with what it moved, to answer a repeat) and the ids of the
 * last {@value #REMEMBERED} it took, oldest dropped first, so the account's state stays bounded
 * however many funds changes its copies make.
 * <p>
 * That suffices because a transfer is only ever repeated by the retry of the request that made it:
 * copy entry sends the pair inside one request transaction, which runs again at once when it loses a
 * race, and an HTTP retry comes seconds later and is answered by the copy itself (a funds request id
 * it applied already moves nothing, a start that exists answers the copy); every other transfer id is
 * new (derived from the copy and its request or counter, unique per request). Plain fields, so the
 * account's Jackson snapshot carries them.
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
final class AccountTransfers {

    static final int REMEMBERED = 64;

    private LinkedHashMap<String, AssetsTransferredOutEvent> out = new LinkedHashMap<>();
    private LinkedHashSet<String> in = new LinkedHashSet<>();

    /** The transfer out already made under {@code transferId}, if it is still remembered. */
    Optional<AssetsTransferredOutEvent> madeOut(String transferId) {
        return Optional.ofNullable(out.get(transferId));
    }

    boolean tookIn(String transferId) {
        return in.contains(transferId);
    }

    void recordOut(AssetsTransferredOutEvent event) {
        out.put(event.transferId(), event);
        while (out.size() > REMEMBERED) {
            out.remove(out.keySet().iterator().next());
        }
    }

    void recordIn(String transferId) {
        in.add(transferId);
        while (in.size() > REMEMBERED) {
            in.remove(in.iterator().next());
        }
    }
}
