package io.tandem.contracts.post;

import java.util.List;

/**
 * A post as the API shows it to {@code viewer}. Decimals are strings in the instrument's precision;
 * times ISO-8601. {@code mentions} are the mentioned handles as written; {@code trade} is null for
 * TEXT posts and {@code text} null for TRADE posts. The author's handle and display name are the
 * current ones.
 */
public record PostView(String id, String authorId, String authorHandle, String authorDisplayName, String kind,
                       String text, List<String> symbols, List<String> mentions, String createdAt, long likesCount,
                       boolean likedByMe, long commentsCount, TradeView trade, String cursor) {

    public record TradeView(String symbol, String side, String quantity, String averagePrice) {
    }
}
