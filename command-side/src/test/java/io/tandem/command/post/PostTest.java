package io.tandem.command.post;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.OrderId;
import io.tandem.contracts.common.Price;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.common.Side;
import io.tandem.contracts.common.Symbol;
import io.tandem.contracts.common.TradeId;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.post.CreatePostCommand;
import io.tandem.contracts.post.DeletePostCommand;
import io.tandem.contracts.post.Mention;
import io.tandem.contracts.post.PostCreatedEvent;
import io.tandem.contracts.post.PostDeletedEvent;
import io.tandem.contracts.post.PostId;
import io.tandem.contracts.post.PostKind;
import io.tandem.contracts.post.RecordTradeFillCommand;
import io.tandem.contracts.post.SocialIds;
import io.tandem.contracts.post.TradePostUpdatedEvent;
import io.tandem.contracts.post.TradeSummary;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostTest {

    private static final Instant AT = Instant.parse("2025-01-01T10:00:00Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final PostId POST = SocialIds.post(ALICE, "p1");
    private static final List<Mention> MENTIONS = List.of(new Mention(BOB, "Bob"));
    private static final OrderId ORDER = OrderId.of("o-1");
    private static final PostId TRADE_POST = SocialIds.tradePost(ORDER);
    private static final AccountId ACCOUNT = AccountId.of("alice-acc");
    private static final Symbol ACME = Symbol.of("ACME");

    private AggregateTestFixture<Post> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Post.class);
    }

    private static CreatePostCommand create(String text) {
        return new CreatePostCommand(POST, ALICE, "p1", text, List.of("ACME"), MENTIONS, AT);
    }

    private static PostCreatedEvent created(String text) {
        return new PostCreatedEvent(POST, ALICE, "p1", PostKind.TEXT, text, List.of("ACME"), MENTIONS, null, AT);
    }

    private static RecordTradeFillCommand fill(String tradeId, long ticks, long lots) {
        return new RecordTradeFillCommand(TRADE_POST, ALICE, ACCOUNT, ORDER, ACME, Side.BUY, TradeId.of(tradeId),
                Price.ofTicks(ticks), Quantity.ofLots(lots), AT);
    }

    private static TradeSummary summary(long lots, long averageTicks, long tickLots) {
        return new TradeSummary(ACME, ORDER, ACCOUNT, Side.BUY, Quantity.ofLots(lots), Price.ofTicks(averageTicks), tickLots);
    }

    private static PostCreatedEvent firstFill(String tradeId, long ticks, long lots) {
        return new PostCreatedEvent(TRADE_POST, ALICE, null, PostKind.TRADE, null, List.of(), List.of(),
                summary(lots, ticks, ticks * lots), AT, TradeId.of(tradeId));
    }

    @Test
    void aTextPostIsCreatedWithItsSymbolsAndMentions() {
        fixture.givenNoPriorActivity()
                .when(create("Buying $ACME with @Bob"))
                .expectEvents(created("Buying $ACME with @Bob"))
                .expectResultMessagePayload(POST);
    }

    @Test
    void theSameRequestAgainAnswersTheSamePostAndCreatesNothing() {
        fixture.given(created("hello"))
                .when(create("hello"))
                .expectNoEvents()
                .expectResultMessagePayload(POST);
    }

    @Test
    void theSameClientPostIdWithAnotherTextIsAConflict() {
        fixture.given(created("hello"))
                .when(create("hello again"))
                .expectNoEvents()
                .expectException(Refusals.refusedWith(ErrorCode.POST_CONFLICT));
    }

    @Test
    void aPostIdThatIsNotDerivedFromItsAuthorAndClientIdIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreatePostCommand(SocialIds.post(BOB, "p1"), ALICE, "p1", "hi", List.of(), List.of(), AT))
                .expectNoEvents()
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void theFirstFillCreatesTheOrdersTradePost() {
        fixture.givenNoPriorActivity()
                .when(fill("ACME-1", 1_000, 5))
                .expectEvents(firstFill("ACME-1", 1_000, 5))
                .expectResultMessagePayload(TRADE_POST);
    }

    @Test
    void aLaterFillUpdatesTheFilledQuantityAndTheAveragePrice() {
        fixture.given(firstFill("ACME-1", 1_000, 5))
                .when(fill("ACME-2", 1_010, 5))
                .expectEvents(new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(10, 1_005, 10_050), AT));
    }

    @Test
    void theAverageIsRoundedHalfEvenToAWholeTick() {
        // 1 x 10 + 1 x 11 = 21 over 2 lots: 10.5 rounds to the even 10; 1 x 11 + 1 x 12 = 23: 11.5 rounds to 12.
        fixture.given(firstFill("ACME-1", 10, 1))
                .when(fill("ACME-2", 11, 1))
                .expectEvents(new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(2, 10, 21), AT));
        fixture.given(firstFill("ACME-1", 11, 1))
                .when(fill("ACME-2", 12, 1))
                .expectEvents(new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(2, 12, 23), AT));
    }

    @ParameterizedTest(name = "{0} tick-lots over {1} lots -> {2}")
    @CsvSource({"21,2,10", "23,2,12", "20,3,7", "19,3,6", "25,10,2", "35,10,4", "36,10,4", "0,5,0",
            "9223372036854775807,2,4611686018427387904", "9223372036854775807,9223372036854775807,1"})
    void averageTicksRoundsHalfEvenWithoutOverflow(long tickLots, long lots, long expected) {
        assertThat(Post.averageTicks(tickLots, lots)).isEqualTo(expected);
    }

    @Test
    void aFillAlreadyCountedChangesNothing() {
        fixture.given(firstFill("ACME-1", 1_000, 5),
                        new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(10, 1_005, 10_050), AT))
                .when(fill("ACME-1", 1_000, 5))
                .expectNoEvents();
        fixture.given(firstFill("ACME-1", 1_000, 5),
                        new TradePostUpdatedEvent(TRADE_POST, ALICE, TradeId.of("ACME-2"), summary(10, 1_005, 10_050), AT))
                .when(fill("ACME-2", 1_010, 5))
                .expectNoEvents();
    }

    @Test
    void aNotionalThatOverflowsALongIsRefusedNotWrapped() {
        fixture.given(firstFill("ACME-1", 1, 1))
                .when(fill("ACME-2", Long.MAX_VALUE / 2, 3))
                .expectNoEvents()
                .expectException(ArithmeticException.class);
    }

    @Test
    void aFillOfADeletedTradePostChangesNothing() {
        fixture.given(firstFill("ACME-1", 1_000, 5), new PostDeletedEvent(TRADE_POST, ALICE, ALICE, AT))
                .when(fill("ACME-2", 1_010, 5))
                .expectNoEvents();
    }

    @Test
    void theAuthorDeletesAPost() {
        fixture.given(created("hello"))
                .when(new DeletePostCommand(POST, ALICE, false, AT))
                .expectEvents(new PostDeletedEvent(POST, ALICE, ALICE, AT));
    }

    @Test
    void anAdminDeletesAnyonesPost() {
        UserId root = UserId.of("root");
        fixture.given(created("hello"))
                .when(new DeletePostCommand(POST, root, true, AT))
                .expectEvents(new PostDeletedEvent(POST, ALICE, root, AT));
    }

    @Test
    void someoneElseMayNotDeleteAPost() {
        fixture.given(created("hello"))
                .when(new DeletePostCommand(POST, BOB, false, AT))
                .expectNoEvents()
                .expectException(Refusals.refusedWith(ErrorCode.FORBIDDEN));
    }

    @Test
    void deletingADeletedPostChangesNothing() {
        fixture.given(created("hello"), new PostDeletedEvent(POST, ALICE, ALICE, AT))
                .when(new DeletePostCommand(POST, ALICE, false, AT))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
    }
}
