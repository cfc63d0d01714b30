package io.tandem.command.payment;

import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One shared application context for the payment-entry tests: accounts, payments, H2, small limits, an allowlist of
 * providers per direction, no Axon Server. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = PaymentEntryTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson",
        "axon.serializer.events=jackson",
        "axon.serializer.messages=jackson",
        "spring.datasource.url=jdbc:h2:mem:payment-entry;DB_CLOSE_DELAY=-1",
        "tandem.payments.min-deposit=1.00",
        "tandem.payments.max-deposit=5000.00",
        "tandem.payments.min-withdrawal=10.00",
        "tandem.payments.max-withdrawal=800.00",
        "tandem.payments.daily-withdrawal-limit=1000.00",
        "tandem.payments.allowed-providers.deposit=simulator,other-bank,bob-bank",
        "tandem.payments.allowed-providers.withdrawal=simulator,payout-bank"})
@interface PaymentEntrySpringTest {
}
