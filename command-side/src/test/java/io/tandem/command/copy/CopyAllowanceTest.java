package io.tandem.command.copy;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.copy.*;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.copy.CopyFixtures.*;

/** A copier's count of live copies against the per-user limit. */
class CopyAllowanceTest {

    static final String ALLOWANCE = CopyIds.allowance(BOB);
    static final CopyId OTHER = CopyIds.copy(BOB, "c-2");

    private FixtureConfiguration<CopyAllowance> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CopyAllowance.class);
    }

    @Test
    void theFirstClaimCreatesTheAllowance() {
        fixture.givenNoPriorActivity()
                .when(new ClaimCopyAllowanceCommand(ALLOWANCE, BOB, COPY, 2))
                .expectEvents(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, true, 1));
    }

    @Test
    void aClaimAtTheLimitIsRefused() {
        fixture.given(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, true, 1))
                .when(new ClaimCopyAllowanceCommand(ALLOWANCE, BOB, OTHER, 1))
                .expectException(refusedWith(ErrorCode.TOO_MANY_COPIES));
    }

    @Test
    void aReleasedCopyFreesItsPlace() {
        fixture.given(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, true, 1),
                        new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, false, 0))
                .when(new ClaimCopyAllowanceCommand(ALLOWANCE, BOB, OTHER, 1))
                .expectEvents(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, OTHER, true, 1));
    }

    @Test
    void aReleaseCountsOneCopyLess() {
        fixture.given(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, true, 1),
                        new CopyAllowanceChangedEvent(ALLOWANCE, BOB, OTHER, true, 2))
                .when(new ReleaseCopyAllowanceCommand(ALLOWANCE, COPY))
                .expectEvents(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, false, 1));
    }

    @Test
    void theCountNeverGoesBelowZero() {
        fixture.given(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, true, 1),
                        new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, false, 0))
                .when(new ReleaseCopyAllowanceCommand(ALLOWANCE, COPY))
                .expectEvents(new CopyAllowanceChangedEvent(ALLOWANCE, BOB, COPY, false, 0));
    }
}
