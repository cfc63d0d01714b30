package io.tandem.command.orderentry;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Accounts and order entry on embedded H2, with {@link FakeOrderBook} standing in for the order
 * book so that order entry's transaction handling is tested on its own.
 */
@SpringBootApplication(scanBasePackages = {"io.tandem.command.account", "io.tandem.command.orderentry", "io.tandem.command.support"})
class OrderEntryTestApplication {
}
