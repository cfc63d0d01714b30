package io.tandem.projection.profile;

/** Field names of the {@code profiles} documents ({@code _id}: the user id) and of the {@code handles} lookup. */
public final class ProfileDocuments {

    public static final String HANDLE = "handle";
    /** The handle's case-insensitive key ({@link io.tandem.contracts.profile.Handles#key}). */
    public static final String HANDLE_KEY = "handleKey";
    public static final String DISPLAY_NAME = "displayName";
    public static final String BIO = "bio";
    public static final String SHARE_TRADES = "shareTrades";
    public static final String PUBLIC_ACCOUNT_ID = "publicAccountId";
    public static final String FOLLOWERS_COUNT = "followersCount";
    public static final String FOLLOWING_COUNT = "followingCount";
    public static final String POSTS_COUNT = "postsCount";
    /** The trader's live copies, as the profile aggregate counts them (its copier slots taken). */
    public static final String COPIERS_COUNT = "copiersCount";

    /** In {@code handles} ({@code _id}: the handle key): the user who has the handle, null once it was freed. */
    public static final String HANDLE_USER = "userId";

    private ProfileDocuments() {
    }
}
