package io.tandem.saga.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.UserId;
import io.tandem.contracts.payment.*;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Shared ids, events, settings and matchers for the payment saga tests. */
final class PaymentSagaFixtures {

    static final PaymentId PAYMENT = PaymentId.of("pay-1");
    static final AccountId ACCOUNT = AccountId.of("acc-alice");
    static final UserId ALICE = UserId.of("alice");
    static final Cash AMOUNT = Cash.ofCents(10_000);
    static final String REFERENCE = ScriptedProvider.reference(PAYMENT);
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    /** Checks after 30 s, 60 s and 120 s, then the payment is cancelled. */
    static final PaymentSagaProperties SETTINGS = new PaymentSagaProperties(Duration.ofSeconds(30), 3, new BigDecimal("2"),
            Duration.ofMinutes(10));
    static final Duration FIRST_CHECK = Duration.ofSeconds(30);
    static final Duration SECOND_CHECK = Duration.ofSeconds(60);
    static final Duration THIRD_CHECK = Duration.ofSeconds(120);

    private PaymentSagaFixtures() {
    }

    static SagaTestFixture<PaymentSaga> fixtureWith(ScriptedProvider provider) {
        SagaTestFixture<PaymentSaga> fixture = new SagaTestFixture<>(PaymentSaga.class);
        fixture.registerResource(PaymentProviders.of(provider));
        fixture.registerResource(SETTINGS);
        fixture.givenCurrentTime(T0);
        return fixture;
    }

    static DepositRequestedEvent depositRequested() {
        return new DepositRequestedEvent(PAYMENT, ACCOUNT, ALICE, AMOUNT, ScriptedProvider.NAME, T0);
    }

    static WithdrawalRequestedEvent withdrawalRequested() {
        return new WithdrawalRequestedEvent(PAYMENT, ACCOUNT, ALICE, AMOUNT, ScriptedProvider.NAME, T0);
    }

    static PaymentConfirmedEvent confirmed(PaymentDirection direction) {
        return new PaymentConfirmedEvent(PAYMENT, ACCOUNT, direction, AMOUNT, REFERENCE, T0);
    }

    static PaymentFailedEvent failed(PaymentDirection direction, String reason) {
        return new PaymentFailedEvent(PAYMENT, ACCOUNT, direction, AMOUNT, reason, T0);
    }

    /** Matches a deadline by its name. */
    static Matcher<DeadlineMessage<?>> deadlineNamed(String name) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DeadlineMessage<?> item) {
                return name.equals(item.getDeadlineName());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a deadline named " + name);
            }
        };
    }
}
