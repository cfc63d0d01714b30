package io.tandem.infra.settlement;

import io.tandem.contracts.account.OpenAccountCommand;
import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.AccountType;
import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.api.Failure;
import io.tandem.infra.api.Failures;
import io.tandem.infra.config.TandemProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Makes sure the platform fee account exists before any trade settles: settlement credits fees to
 * it. Opening it on every start is safe; "already exists" is the normal answer after the first run.
 */
@Component
public class PlatformFeeAccountOpener implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlatformFeeAccountOpener.class);

    private final CommandGateway commandGateway;
    private final TandemProperties.Settlement settings;

    public PlatformFeeAccountOpener(CommandGateway commandGateway, TandemProperties properties) {
        this.commandGateway = commandGateway;
        this.settings = properties.settlement();
    }

    @Override
    public void run(ApplicationArguments args) {
        AccountId feeAccount = AccountId.of(settings.feeAccountId());
        try {
            commandGateway.sendAndWait(new OpenAccountCommand(feeAccount, UserId.of(settings.feeAccountOwner()), AccountType.FEE));
            log.info("Opened platform fee account '{}'", feeAccount);
        } catch (RuntimeException e) {
            boolean exists = Failures.classify(e, null).filter(failure -> failure.is(ErrorCode.ACCOUNT_ALREADY_EXISTS)).isPresent();
            if (!exists) {
                throw e;
            }
            log.debug("Platform fee account '{}' already exists", feeAccount);
        }
    }
}
