package io.tandem.command.account;

import io.tandem.contracts.account.CheckAccountOwnerCommand;
import io.tandem.contracts.common.ErrorCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.tandem.command.account.AccountFixtures.*;

/** The owner check profile entry asks for a public account: it answers and changes nothing. */
class AccountOwnerCheckTest {

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void theOwnerPassesTheCheckAndNothingIsRecorded() {
        fixture.given(opened())
                .when(new CheckAccountOwnerCommand(ACCOUNT, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherUserIsNotTheOwner() {
        fixture.given(opened())
                .when(new CheckAccountOwnerCommand(ACCOUNT, MALLORY))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.NOT_ACCOUNT_OWNER));
    }
}
