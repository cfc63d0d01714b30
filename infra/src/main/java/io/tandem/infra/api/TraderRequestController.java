package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.command.follow.FollowEntry;
import io.tandem.command.follow.FollowEntry.RelationResult;
import io.tandem.command.profile.ProfileEntry;
import io.tandem.command.profile.ProfileEntry.ProfileRequest;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.follow.Relation;
import io.tandem.contracts.profile.TraderProfileView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * The caller's trader profile, and what the caller sets towards other traders: follow (social
 * only, it copies nothing), mute and block, each set with POST and cleared with DELETE. Every one of
 * these is idempotent: the same request again changes nothing and answers the same. Other traders
 * are named by handle, in any letter case; the profiles, counts and lists themselves are read
 * through GraphQL ({@code me}, {@code trader}, {@code followers}, {@code following}).
 */
@RestController
@Tag(name = "traders")
public class TraderRequestController {

    private final ProfileEntry profileEntry;
    private final FollowEntry followEntry;
    private final Clock clock;

    public TraderRequestController(ProfileEntry profileEntry, FollowEntry followEntry, Clock clock) {
        this.profileEntry = profileEntry;
        this.followEntry = followEntry;
        this.clock = clock;
    }

    @PutMapping("/api/v1/traders/me")
    @Operation(summary = "Create or update your trader profile: a handle unique regardless of case, texts, the account whose trades you share and copiers copy, and whether (and how many) copiers you accept")
    public ProfileResponse setProfile(@Valid @RequestBody ProfileBody body, Authentication caller) {
        TraderProfileView view = profileEntry.setProfile(Callers.userId(caller), new ProfileRequest(body.handle(),
                body.displayName(), body.bio(), body.shareTrades(),
                body.publicAccountId() == null ? null : AccountId.of(body.publicAccountId()), body.acceptsCopiers(),
                body.maxCopiers()), clock.instant());
        return new ProfileResponse(view.handle(), view.displayName(), view.bio(), view.shareTrades(), view.publicAccountId());
    }

    @PostMapping("/api/v1/traders/{handle}/follow")
    @Operation(summary = "Follow a trader (social only: nothing is copied)")
    public RelationResponse follow(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.FOLLOW, true);
    }

    @DeleteMapping("/api/v1/traders/{handle}/follow")
    @Operation(summary = "Stop following a trader")
    public RelationResponse unfollow(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.FOLLOW, false);
    }

    @PostMapping("/api/v1/traders/{handle}/mute")
    @Operation(summary = "Mute a trader: their posts leave your feed and their actions notify you no more")
    public RelationResponse mute(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.MUTE, true);
    }

    @DeleteMapping("/api/v1/traders/{handle}/mute")
    @Operation(summary = "Unmute a trader")
    public RelationResponse unmute(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.MUTE, false);
    }

    @PostMapping("/api/v1/traders/{handle}/block")
    @Operation(summary = "Block a trader: ends follows both ways; they can no longer follow you, comment on or like your posts")
    public RelationResponse block(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.BLOCK, true);
    }

    @DeleteMapping("/api/v1/traders/{handle}/block")
    @Operation(summary = "Unblock a trader (follows the block ended stay ended)")
    public RelationResponse unblock(@PathVariable String handle, Authentication caller) {
        return set(caller, handle, Relation.BLOCK, false);
    }

    private RelationResponse set(Authentication caller, String handle, Relation relation, boolean active) {
        RelationResult result = followEntry.set(Callers.userId(caller), handle, relation, active, clock.instant());
        return new RelationResponse(result.handle(), result.following(), result.muting(), result.blocking());
    }

    /**
     * {@code handle} 3 to 30 of {@code [A-Za-z0-9_]}, {@code displayName} 1 to 60 characters on one
     * line, {@code bio} up to 500 characters (both checked by profile entry: 422 INVALID_TEXT);
     * {@code shareTrades} defaults to true; {@code publicAccountId}, if given, must be one of your
     * accounts (else 403 NOT_ACCOUNT_OWNER). {@code acceptsCopiers}: whether others may copy the public
     * account (omitted: as it is, true for a new profile); {@code maxCopiers}: the most live copies you
     * accept, 1 to 1,000,000 (omitted: unlimited). Copies already running stay when either is lowered.
     */
    public record ProfileBody(@NotNull String handle, @NotNull String displayName, String bio, Boolean shareTrades,
                              @Size(min = 1, max = 128) String publicAccountId, Boolean acceptsCopiers,
                              @Min(1) @Max(1_000_000) Integer maxCopiers) {
    }

    /** The profile as set; counts and relations are in GraphQL. */
    public record ProfileResponse(String handle, String displayName, String bio, boolean shareTrades, String publicAccountId) {
    }

    /** The caller's relations towards the trader {@code handle} (as the trader spells it). */
    public record RelationResponse(String handle, boolean following, boolean muting, boolean blocking) {
    }
}
