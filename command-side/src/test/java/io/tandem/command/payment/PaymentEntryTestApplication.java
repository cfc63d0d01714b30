package io.tandem.command.payment;

import io.tandem.command.orderentry.CommandDispatch;
import io.tandem.command.orderentry.RequestTransactions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Accounts, payments and payment entry on embedded H2; order entry contributes only its dispatch and transaction helpers. */
@SpringBootApplication(scanBasePackages = {"io.tandem.command.account", "io.tandem.command.payment", "io.tandem.command.support"})
@Import({CommandDispatch.class, RequestTransactions.class})
class PaymentEntryTestApplication {
}
