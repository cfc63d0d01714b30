package io.tandem.infra.settlement;

import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.TandemProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class PlatformFeeAccountOpenerTest {

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final PlatformFeeAccountOpener opener = new PlatformFeeAccountOpener(commandGateway, new TandemProperties(
            Path.of("unused"), new TandemProperties.Mongo(null, "tandem"),
            new TandemProperties.Security(null, false, Duration.ofHours(1), "tandem"),
            new TandemProperties.Settlement("platform-fees", "platform")));

    private void run() {
        opener.run(new DefaultApplicationArguments());
    }

    @Test
    void opensTheConfiguredFeeAccountOwnedByThePlatform() {
        run();

        verify(commandGateway).sendAndWait(
                new OpenAccountCommand(AccountId.of("platform-fees"), UserId.of("platform"), AccountType.FEE));
    }

    @Test
    void feeAccountLeftByAnEarlierRunIsAccepted() {
        when(commandGateway.sendAndWait(any())).thenThrow(new AggregateStreamCreationException("duplicate key"));

        assertThatCode(this::run).doesNotThrowAnyException();
    }

    @Test
    void alreadyExistsRefusalFromTheAggregateIsAccepted() {
        when(commandGateway.sendAndWait(any())).thenThrow(new TandemException(ErrorCode.ACCOUNT_ALREADY_EXISTS, "exists"));

        assertThatCode(this::run).doesNotThrowAnyException();
    }

    @Test
    void anyOtherFailureStopsTheStartup() {
        when(commandGateway.sendAndWait(any())).thenThrow(new IllegalStateException("event store down"));

        assertThatThrownBy(this::run).isInstanceOf(IllegalStateException.class);
    }
}
