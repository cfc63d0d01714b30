package io.tandem.contracts.profile;

/**
 * A trader profile as the API shows it. Counts and the viewer's relations come from the read model;
 * the command side answers them as zero and false. {@code publicAccountId} is shown to the profile's
 * owner only (null for everyone else).
 */
public record TraderProfileView(String userId, String handle, String displayName, String bio, boolean shareTrades,
                                String publicAccountId, long followersCount, long followingCount, long postsCount,
                                boolean followedByMe, boolean mutedByMe, boolean blockedByMe) {
}
