package io.tandem.projection.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.DepositRequestedEvent;
import io.tandem.contracts.payment.FindPaymentsQuery;
import io.tandem.contracts.payment.PaymentId;
import io.tandem.contracts.payment.PaymentPage;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.projection.support.MongoReadModelTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.tandem.projection.payment.PaymentEvents.*;
import static io.tandem.projection.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentPaginationTest extends MongoReadModelTest {

    private PaymentProjector projector;
    private PaymentQueryHandler queries;

    @BeforeEach
    void setUp() {
        projector = new PaymentProjector(database);
        queries = new PaymentQueryHandler(database);
    }

    private void request(String paymentId, Instant at) {
        projector.on(deposit(paymentId, "10.00", at), 0);
    }

    private PaymentPage page(int first, String after) {
        return queries.find(new FindPaymentsQuery(ALICE, first, after));
    }

    @Test
    void paymentsComeNewestFirstWithSameRequestTimeBrokenByPaymentId() {
        request("p-a", T0);
        request("p-b", T0);
        projector.on(withdrawal("p-c", "5.00", T0.plusSeconds(1)), 0);

        assertThat(page(10, null).items()).extracting(PaymentView::paymentId).containsExactly("p-c", "p-b", "p-a");
    }

    @Test
    void onlyTheAccountsOwnPaymentsAreListed() {
        request("p-mine", T0);
        projector.on(new DepositRequestedEvent(PaymentId.of("p-other"), AccountId.of("acc-bob"), UserId.of("bob"),
                Cash.parse("1.00"), PROVIDER, T0), 0);

        assertThat(page(10, null).items()).extracting(PaymentView::paymentId).containsExactly("p-mine");
    }

    @Test
    void pagesFollowEachOtherThroughTheCursor() {
        for (int i = 0; i < 5; i++) {
            request("p-" + i, T0.plusSeconds(i));
        }

        PaymentPage first = page(2, null);
        PaymentPage second = page(2, first.endCursor());
        PaymentPage third = page(2, second.endCursor());

        assertThat(first.items()).extracting(PaymentView::paymentId).containsExactly("p-4", "p-3");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.items()).extracting(PaymentView::paymentId).containsExactly("p-2", "p-1");
        assertThat(third.items()).extracting(PaymentView::paymentId).containsExactly("p-0");
        assertThat(third.hasNextPage()).isFalse();
    }

    @Test
    void aCursorStaysValidWhenNewerPaymentsArrive() {
        for (int i = 0; i < 4; i++) {
            request("p-" + i, T0.plusSeconds(i));
        }
        PaymentPage first = page(2, null);

        request("p-new", T0.plusSeconds(60));

        assertThat(page(2, first.endCursor()).items()).extracting(PaymentView::paymentId).containsExactly("p-1", "p-0");
    }

    @Test
    void pageSizeDefaultsToTwentyAndIsCappedAtAHundred() {
        for (int i = 0; i < 120; i++) {
            request("p-" + i, T0.plusSeconds(i));
        }

        assertThat(page(0, null).items()).hasSize(20);
        assertThat(page(500, null).items()).hasSize(100);
    }

    @Test
    void anEmptyPageHasNoCursorAndNoNextPage() {
        PaymentPage empty = page(10, null);

        assertThat(empty.items()).isEmpty();
        assertThat(empty.endCursor()).isNull();
        assertThat(empty.hasNextPage()).isFalse();
    }

    @Test
    void aForgedCursorIsAMalformedRequest() {
        assertThatThrownBy(() -> page(10, "not a cursor!"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
        assertThatThrownBy(() -> page(10, "YWJj"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST));
    }
}
