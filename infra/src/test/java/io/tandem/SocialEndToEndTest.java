package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The social feature over real HTTP (issue 8, "Tests"): two traders set profiles, one follows the
 * other, the followee posts with a {@code $SYMBOL} and an {@code @handle} mention and then trades
 * on its public account; the follower's feed shows the trade post and the text post newest first,
 * one per page through the cursors; the notifications show the mention (to the follower) and the
 * follow (to the followee); a block by the followee then empties the follower's feed of them.
 */
class SocialEndToEndTest extends RunningApplication {

    @Test
    void followPostTradeReadTheFeedPageByPageThenBlock() {
        TandemClient client = new TandemClient(port);
        SocialDesk social = new SocialDesk(client);
        String admin = client.token("admin", "ADMIN");
        SocialDesk.Trader reader = social.trader("reader");
        SocialDesk.Trader star = social.trader("star");
        String symbol = symbol();
        String issuer = client.token("social-issuer", "TRADER");
        String issuerAccount = client.openAccount(issuer);
        client.list(admin, symbol, issuerAccount, "1000000");
        assertThat(client.adjust(admin, star.accountId(), "fund-" + symbol, "10000.00").status()).isEqualTo(200);

        social.follow(reader, star);
        String text = "Buying $" + symbol + " today, @" + reader.handle() + " take a look";
        String textPost = social.post(star, text);
        assertThat(client.place(issuer, issuerAccount, "sell-" + symbol, symbol, "SELL", "10.00", "5", "GTC").status()).isEqualTo(201);
        assertThat(client.place(star.token(), star.accountId(), "buy-" + symbol, symbol, "BUY", "10.00", "5", "GTC").status()).isEqualTo(201);

        await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() ->
                assertThat(nodes(social.feed(reader, 10, null))).extracting(node -> node.path("kind").asText())
                        .containsExactly("TRADE", "TEXT"));

        JsonNode first = social.feed(reader, 1, null);
        JsonNode trade = nodes(first).get(0);
        assertThat(trade.path("author").path("handle").asText()).isEqualTo(star.handle());
        assertThat(trade.path("trade").path("symbol").asText()).isEqualTo(symbol);
        assertThat(trade.path("trade").path("side").asText()).isEqualTo("BUY");
        assertThat(new BigDecimal(trade.path("trade").path("quantity").asText())).isEqualByComparingTo("5");
        assertThat(new BigDecimal(trade.path("trade").path("averagePrice").asText())).isEqualByComparingTo("10.00");
        assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();

        JsonNode second = social.feed(reader, 1, first.path("pageInfo").path("endCursor").asText());
        JsonNode post = nodes(second).get(0);
        assertThat(post.path("id").asText()).isEqualTo(textPost);
        assertThat(post.path("kind").asText()).isEqualTo("TEXT");
        assertThat(post.path("text").asText()).isEqualTo(text);
        assertThat(post.path("symbols")).extracting(JsonNode::asText).containsExactly(symbol);
        assertThat(post.path("mentions")).extracting(JsonNode::asText).containsExactly(reader.handle());
        assertThat(second.path("edges").path(0).path("cursor").asText()).isNotEqualTo(first.path("edges").path(0).path("cursor").asText());
        if (second.path("pageInfo").path("hasNextPage").asBoolean()) {
            assertThat(nodes(social.feed(reader, 1, second.path("pageInfo").path("endCursor").asText()))).isEmpty();
        }

        await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() -> {
            assertThat(nodes(social.notifications(reader, 10))).anySatisfy(notification -> {
                assertThat(notification.path("kind").asText()).isEqualTo("MENTIONED");
                assertThat(notification.path("actor").path("handle").asText()).isEqualTo(star.handle());
                assertThat(notification.path("postId").asText()).isEqualTo(textPost);
            });
            assertThat(nodes(social.notifications(star, 10))).anySatisfy(notification -> {
                assertThat(notification.path("kind").asText()).isEqualTo("FOLLOWED");
                assertThat(notification.path("actor").path("handle").asText()).isEqualTo(reader.handle());
            });
        });

        social.block(star, reader);

        await().atMost(TradingDesk.READ_MODEL_TIMEOUT).untilAsserted(() ->
                assertThat(nodes(social.feed(reader, 10, null))).isEmpty());
    }

    private static List<JsonNode> nodes(JsonNode connection) {
        List<JsonNode> nodes = new ArrayList<>();
        connection.path("edges").forEach(edge -> nodes.add(edge.path("node")));
        return nodes;
    }

    private static String symbol() {
        StringBuilder symbol = new StringBuilder("S");
        for (int i = 0; i < 4; i++) {
            symbol.append((char) ('A' + ThreadLocalRandom.current().nextInt(26)));
        }
        return symbol.toString();
    }
}
