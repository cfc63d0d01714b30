package io.tandem.command.profile;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.RequestTransactions;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Accounts, profiles, relationships and their entry services on embedded H2; order entry contributes
 * only its dispatch and transaction helpers. The follow package is an auto-configuration package too,
 * so that its lookup table's entity and repository are found beside the profile package's.
 */
@SpringBootApplication(scanBasePackages = {"io.tandem.command.account", "io.tandem.command.profile", "io.tandem.command.follow",
        "io.tandem.command.support"})
@AutoConfigurationPackage(basePackages = {"io.tandem.command.profile", "io.tandem.command.follow"})
@Import({CommandDispatch.class, RequestTransactions.class})
class SocialEntryTestApplication {
}
