package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.contracts.account.AdjustCashCommand;
import io.tandem.contracts.account.CloseReservationCommand;
import io.tandem.contracts.account.ReserveCashCommand;
import io.tandem.contracts.account.ReservePositionCommand;
import io.tandem.contracts.account.SettleBuyCommand;
import io.tandem.contracts.account.SettleSellCommand;
import io.tandem.contracts.common.*;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A settlement that costs more than its order still has reserved (which order entry prevents, so the
 * commands are sent here as the settlement saga would send them): the Account aggregate takes the
 * shortfall from available cash or the available position, and the portfolio read model must show
 * exactly the aggregate's numbers, not a reservation that went negative. The aggregate's side is
 * probed through commands it refuses or accepts at exactly its available amount.
 */
class ReservationShortfallEndToEndTest {

    private static final Duration READ_MODEL_TIMEOUT = Duration.ofSeconds(30);
    private static final String SYMBOL = "SHF";
    private static final Symbol SHF = Symbol.of(SYMBOL);

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext application;
    private TandemClient client;
    private CommandGateway commands;

    @BeforeEach
    void start() {
        application = new SpringApplicationBuilder(TandemApplication.class)
                .run("--server.port=0", "--tandem.data-dir=" + dataDir, "--spring.main.banner-mode=off");
        client = new TandemClient(((WebServerApplicationContext) application).getWebServer().getPort());
        commands = application.getBean(CommandGateway.class);
    }

    @AfterEach
    void stop() {
        application.close();
    }

    private void awaitCash(String token, String accountId, String available, String reserved) {
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
            JsonNode cash = client.account(token, accountId).path("cash");
            assertThat(cash.path("available").asText()).isEqualTo(available);
            assertThat(cash.path("reserved").asText()).isEqualTo(reserved);
        });
    }

    private static void refused(Runnable command, ErrorCode code) {
        assertThatThrownBy(command::run).satisfies(error -> assertThat(error instanceof TandemException refusal ? refusal.code()
                : error instanceof CommandExecutionException remote ? ErrorCode.fromDetails(remote.getDetails().orElse(null)).orElse(null)
                : null).as("%s", error).isEqualTo(code));
    }

    @Test
    void aBuyShortfallComesOutOfAvailableCashInTheAggregateAndTheReadModelAlike() {
        String admin = client.token("admin", "ADMIN");
        String issuer = client.token("shf-issuer", "TRADER");
        String alice = client.token("alice", "TRADER");
        String issuerAccount = client.openAccount(issuer);
        String aliceAccount = client.openAccount(alice);
        client.list(admin, SYMBOL, issuerAccount, "1000");
        assertThat(client.adjust(admin, aliceAccount, "fund-alice", "1000.00").status()).isEqualTo(200);
        AccountId account = AccountId.of(aliceAccount);
        OrderId order = OrderId.of("shortfall-buy");

        // 1.00 reserved; the fill costs 1.40 + 0.10 fee: 0.50 beyond the reservation
        commands.sendAndWait(new ReserveCashCommand(account, UserId.of("alice"), order, SHF, Cash.parse("1.00")));
        commands.sendAndWait(new SettleBuyCommand(account, TradeId.of(SHF, 1), order, SHF, Quantity.ofLots(1_0000),
                Cash.parse("1.40"), Cash.parse("0.10")));
        commands.sendAndWait(new CloseReservationCommand(account, order, Quantity.ofLots(1_0000)));

        // the aggregate: 998.50 available, not a cent more
        refused(() -> commands.sendAndWait(new AdjustCashCommand(account, AdjustmentId.of("probe-1"),
                Cash.parse("-998.51"), "probe", UserId.of("admin"))), ErrorCode.INSUFFICIENT_FUNDS);
        awaitCash(alice, aliceAccount, "998.50", "0.00");

        commands.sendAndWait(new AdjustCashCommand(account, AdjustmentId.of("probe-2"), Cash.parse("-998.50"), "probe",
                UserId.of("admin")));
        awaitCash(alice, aliceAccount, "0.00", "0.00");
    }

    @Test
    void aSellShortfallComesOutOfTheAvailablePositionInTheAggregateAndTheReadModelAlike() {
        String admin = client.token("admin", "ADMIN");
        String issuer = client.token("shf-issuer", "TRADER");
        String issuerAccount = client.openAccount(issuer);
        client.list(admin, SYMBOL, issuerAccount, "1000");
        AccountId account = AccountId.of(issuerAccount);
        OrderId order = OrderId.of("shortfall-sell");
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> assertThat(
                client.account(issuer, issuerAccount).path("positions").path(0).path("quantity").asText()).isEqualTo("1000"));

        // 5 shares reserved; 8 settle: 3 beyond the reservation
        commands.sendAndWait(new ReservePositionCommand(account, UserId.of("shf-issuer"), order, SHF, Quantity.ofLots(5_0000)));
        commands.sendAndWait(new SettleSellCommand(account, TradeId.of(SHF, 1), order, SHF, Quantity.ofLots(8_0000),
                Cash.parse("80.00"), Cash.ZERO));
        commands.sendAndWait(new CloseReservationCommand(account, order, Quantity.ofLots(8_0000)));

        // the aggregate: 992 shares available, not a lot more
        refused(() -> commands.sendAndWait(new ReservePositionCommand(account, UserId.of("shf-issuer"), OrderId.of("probe"),
                SHF, Quantity.ofLots(992_0001))), ErrorCode.INSUFFICIENT_POSITION);
        await().atMost(READ_MODEL_TIMEOUT).untilAsserted(() -> {
            JsonNode view = client.account(issuer, issuerAccount);
            assertThat(view.path("cash").path("available").asText()).isEqualTo("80.00");
            assertThat(view.path("positions").get(0).path("quantity").asText()).isEqualTo("992");
            assertThat(view.path("positions").get(0).path("reserved").asText()).isEqualTo("0");
        });
    }
}
