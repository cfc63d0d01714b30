package io.tandem.infra.api;

import io.tandem.command.orderentry.InstrumentListing;
import io.tandem.command.payment.PaymentEntry;
import io.tandem.command.orderentry.OrderEntry;
import io.tandem.contracts.common.UserId;
import io.tandem.infra.config.PlatformConfiguration;
import io.tandem.infra.security.DevTokenController;
import io.tandem.infra.security.OrderEntryRateLimitConfiguration;
import io.tandem.infra.security.Role;
import io.tandem.infra.security.SecurityConfiguration;
import io.tandem.infra.security.TokenIssuer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

/**
 * The REST edge with real security (real signed tokens through the real decoder) and the command
 * and query side mocked. Subclasses share one cached context.
 */
@WebMvcTest(controllers = {OrderController.class, AccountController.class, InstrumentController.class,
        LedgerController.class, DevTokenController.class, PaymentRequestController.class, PaymentWebhookController.class})
@Import({SecurityConfiguration.class, OrderEntryRateLimitConfiguration.class, PlatformConfiguration.class,
        PaymentSliceConfiguration.class})
@TestPropertySource(properties = "tandem.security.jwt-secret=slice-test-secret-of-at-least-32-bytes!")
public abstract class ApiSliceTest {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected TokenIssuer tokens;

    @MockitoBean
    protected OrderEntry orderEntry;
    @MockitoBean
    protected InstrumentListing instrumentListing;
    @MockitoBean
    protected CommandGateway commandGateway;
    @MockitoBean
    protected QueryGateway queryGateway;
    @MockitoBean
    protected PaymentEntry paymentEntry;

    protected String bearer(String userId, Role... roles) {
        return "Bearer " + tokens.issue(UserId.of(userId), List.of(roles));
    }

    protected String trader(String userId) {
        return bearer(userId, Role.TRADER);
    }

    protected String admin() {
        return bearer("root", Role.ADMIN);
    }
}
