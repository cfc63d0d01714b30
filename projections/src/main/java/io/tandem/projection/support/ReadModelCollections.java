package io.tandem.projection.support;

/**
 * Names of the MongoDB collections behind the read models, in one place so that a reset, a
 * side-by-side rebuild or an operator looking at the database finds them all. Each collection is
 * written by exactly one processing group; other features may read it. Groups that follow
 * aggregate streams also keep their {@linkplain #streamHeads stream heads}.
 */
public final class ReadModelCollections {

    /** Balances and positions per account; written by the {@code portfolio} group. */
    public static final String ACCOUNTS = "accounts";
    /**
     * Transfers between accounts with what each side's event says left and arrived, for the ledger;
     * written by the {@code portfolio} group.
     */
    public static final String TRANSFERS = "transfers";
    /** Every order with its status and fills; written by the {@code orders} group. */
    public static final String ORDERS = "orders";
    /** Limit orders with their remaining quantity, for depth; written by the {@code order-book} group. */
    public static final String BOOK_ORDERS = "book_orders";
    /** One document per order book with its last trade price; written by the {@code order-book} group. */
    public static final String BOOKS = "books";
    /** Executed trades per book; written by the {@code trade-tape} group. */
    public static final String TRADES = "trades";
    /** Deposits and withdrawals with their status history; written by the {@code payments-view} group. */
    public static final String PAYMENTS = "payments";
    /** Instrument specs and supply; written by the {@code instruments} group. */
    public static final String INSTRUMENTS = "instruments";

    /** Trader profiles with their counts, {@code _id} the user id; written by the {@code social} group. */
    public static final String PROFILES = "profiles";
    /** Handle lookup, {@code _id} the handle's case-insensitive key, versioned by profile event time; written by the {@code social} group. */
    public static final String HANDLES = "handles";
    /** One user's relations towards another, {@code _id} viewer U+0001 target; written by the {@code social} group. */
    public static final String RELATIONS = "relations";
    /** Follower edges, {@code _id} followee U+0001 newest-first time U+0001 follower; written by the {@code social} group. */
    public static final String FOLLOWERS = "followers";
    /** Following edges, {@code _id} follower U+0001 newest-first time U+0001 followee; written by the {@code social} group. */
    public static final String FOLLOWING = "following";
    /** Posts with their counts, {@code _id} the post id; written by the {@code social} group. */
    public static final String POSTS = "posts";
    /** An author's posts, {@code _id} author U+0001 newest-first time U+0001 post id; written by the {@code social} group. */
    public static final String AUTHOR_POSTS = "author_posts";
    /** Comments, {@code _id} post id U+0001 oldest-first time U+0001 comment id; written by the {@code social} group. */
    public static final String COMMENTS = "comments";
    /** Where each comment is in {@link #COMMENTS}, {@code _id} the comment id; written by the {@code social} group. */
    public static final String COMMENT_KEYS = "comment_keys";
    /** Likes, {@code _id} post id U+0001 user id; written by the {@code social} group. */
    public static final String LIKES = "likes";
    /** Home timelines, one small document per entry keyed {@code owner \u0001 inverted time \u0001 postId}; written by the {@code home-feed} group. */
    public static final String TIMELINES = "timelines";
    /** The {@code home-feed} group's copy of the follow graph: {@code followee \u0001 follower} with follow, mute and block flags. */
    public static final String FEED_EDGES = "feed_edges";
    /** Per author, the latest posts for backfill on follow ({@code author \u0001 inverted time \u0001 postId}); written by {@code home-feed}. */
    public static final String FEED_RECENT_POSTS = "feed_recent_posts";
    /** Every post's author and timeline key, by post id, to find its timeline entries again; written by {@code home-feed}. */
    public static final String FEED_POSTS = "feed_posts";
    /** Notifications, keyed {@code owner \u0001 inverted time \u0001 id}; written by the {@code notifications} group. */
    public static final String NOTIFICATIONS = "notifications";
    /** The {@code notifications} group's copy of mutes and blocks: {@code owner \u0001 actor}. */
    public static final String NOTIFICATION_RELATIONS = "notification_relations";
    /**
     * Where the notification of a repeatable action (a like of a post, a follow) is in
     * {@link #NOTIFICATIONS}, {@code _id} its stable key; written by the {@code notifications} group.
     */
    public static final String NOTIFICATION_KEYS = "notification_keys";

    /** One document per copy, {@code _id} the copy id; written by the {@code copies} group. */
    public static final String COPIES = "copies";
    /**
     * A copy's orders and skips, {@code _id} copy id U+0001 inverted copy-stream sequence (newest
     * first); written by the {@code copies} group.
     */
    public static final String COPY_ORDERS = "copy_orders";
    /**
     * The average cost of each position of a COPY account, {@code _id} account id U+0001 symbol;
     * written by the {@code copies} group.
     */
    public static final String COPY_POSITIONS = "copy_positions";

    /**
     * OHLC candles, {@code _id} symbol U+0001 interval U+0001 bucket start (epoch seconds, zero-padded);
     * written by the {@code market-data} group.
     */
    public static final String CANDLES = "candles";

    /**
     * Per account: total cash, positions with cost basis and realized P&amp;L, net deposits, what is
     * needed to value it at last prices; {@code _id} the account id; written by the {@code performance} group.
     */
    public static final String VALUATIONS = "valuations";
    /**
     * Per account and UTC day with activity: the account at the day's end (cash, lots per symbol, net
     * deposits to date) and what the day did (net flow, settled buys and sells, winning sells), {@code _id}
     * account id U+0001 ISO day; days without activity carry the last one forward; written by the
     * {@code performance} group (layouts: io.tandem.projection.performance.PerformanceDocuments).
     */
    public static final String VALUATION_DAYS = "valuation_days";
    /** Per symbol and UTC day: the day's last trade price, {@code _id} symbol U+0001 ISO day; written by the {@code performance} group. */
    public static final String DAILY_CLOSES = "daily_closes";
    /**
     * Trader profiles ({@code _id} "t" U+0001 user id; ranked when they have a public account) and copies
     * ({@code _id} "c" U+0001 copy id: leader, COPY account, live); written by the {@code performance} group.
     */
    public static final String RANKED_TRADERS = "ranked_traders";
    /**
     * The rankings by generation: one document per period, trader and generation it changed in, with
     * every figure (decimal strings; queries sort in memory) and the generations it is valid for,
     * {@code _id} period U+0001 user id U+0001 first generation; written by the leaderboard ranker (a
     * scheduled task of the {@code performance} feature), never by an event handler.
     */
    public static final String LEADERBOARD = "leaderboard";
    /** One document per ranking run (generation, computedAt), read by queries to know when their cached ranking is stale. */
    public static final String LEADERBOARD_RUNS = "leaderboard_runs";
    /**
     * The leaderboard ranker's own state: its generation counter, the lease that lets one node rank at
     * a time, and the {@code performance} group's reset count (its reset handler bumps it).
     */
    public static final String LEADERBOARD_RANKER = "leaderboard_ranker";

    private ReadModelCollections() {
    }

    /**
     * The stream heads of a processing group: per aggregate it follows, the last sequence number it
     * has handled ({@link AggregateStreams}); written by that group only and cleared by its reset.
     */
    public static String streamHeads(String processingGroup) {
        return processingGroup + "_streams";
    }
}
