package io.tandem.command.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.DeletePostCommand;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.post.TradePostUpdatedEvent;
import io.tandem.contracts.post.TradeSummary;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts are snapshotted through Jackson, so a trade post with counted fills must survive the round trip. */
class PostSnapshotTest {

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PostId TRADE_POST = SocialIds.tradePost(ORDER);
    private static final AccountId ACCOUNT = AccountId.of("alice-acc");
    private static final Symbol ACME = Symbol.of("ACME");

    private static TradeSummary summary(long lots, long averageTicks, long tickLots) {
        return new TradeSummary(ACME, ORDER, ACCOUNT, Side.BUY, Quantity.ofLots(lots), Price.ofTicks(averageTicks), tickLots);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTradePostSurvivesAJacksonRoundTrip(boolean withModules) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(withModules ? new ObjectMapper().findAndRegisterModules() : new ObjectMapper())
                .build();
        new AggregateTestFixture<>(Post.class)
                .given(new PostCreatedEvent(TRADE_POST, ALICE, null, PostKind.TRADE, null, List.of(), List.of(),
                                summary(2, 1_000, 2_000), AT, TradeId.of("ACME-1")),
                        new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(5, 1_002, 5_010), AT))
                .when(new RecordTradeFillCommand(TRADE_POST, ALICE, ACCOUNT, ORDER, ACME, Side.BUY, TradeId.of("ACME-3"),
                        Price.ofTicks(1_010), Quantity.ofLots(1), AT))
                .expectState(post -> {
                    SerializedObject<String> snapshot = serializer.serialize(post, String.class);
                    Post restored = serializer.deserialize(snapshot);
                    assertThat(snapshot.getData()).contains("ACME-1", "ACME-2", "ACME-3", "TRADE");
                    assertThat(restored).usingRecursiveComparison().isEqualTo(post);
                });
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeletedTextPostSurvivesAJacksonRoundTrip(boolean withModules) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(withModules ? new ObjectMapper().findAndRegisterModules() : new ObjectMapper())
                .build();
        PostId post = SocialIds.post(ALICE, "p1");
        new AggregateTestFixture<>(Post.class)
                .given(new PostCreatedEvent(post, ALICE, "p1", PostKind.TEXT, "hello $ACME", List.of("ACME"), List.of(), null, AT))
                .when(new DeletePostCommand(post, ALICE, false, AT))
                .expectState(state -> {
                    Post restored = serializer.deserialize(serializer.serialize(state, String.class));
                    assertThat(restored).usingRecursiveComparison().isEqualTo(state);
                    assertThat(restored).extracting("deleted").isEqualTo(true);
                });
    }
}
