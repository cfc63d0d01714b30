package io.tandem;

import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.TandemClient.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cast of a load test, set up over HTTP: an issuer listing a few instruments, and traders (one
 * user each) that hold cash (admin adjustment) and stock of every instrument (bought from the issuer
 * at {@link #SETUP_PRICE}), so that each of them can both buy and sell. Helpers read every account's
 * orders, cancel whatever is still open and wait until nothing stays reserved.
 */
final class LoadMarket {

    static final String SUPPLY = "1000000";
    static final String SETUP_PRICE = "10.00";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Trader(String user, String token, String account) {
    }

    final TandemClient client;
    final String admin;
    final String issuerToken;
    final String issuerAccount;
    final List<String> symbols;
    final List<Trader> traders;
    /** Every 201 of the setup orders, whose trades are on the tape too. */
    final List<Response> setupOrders = new ArrayList<>();

    private LoadMarket(TandemClient client, String admin, String issuerToken, String issuerAccount, List<String> symbols,
                       List<Trader> traders) {
        this.client = client;
        this.admin = admin;
        this.issuerToken = issuerToken;
        this.issuerAccount = issuerAccount;
        this.symbols = symbols;
        this.traders = traders;
    }

    /**
     * Lists {@code symbols} with the whole supply on a fresh issuer, opens {@code traderCount}
     * traders funded with {@code cash}, sells each of them {@code stock} of every instrument and waits
     * until those purchases have settled.
     */
    static LoadMarket open(TandemClient client, String prefix, List<String> symbols, int traderCount, String cash, String stock) {
        String admin = client.token("admin", "ADMIN");
        String issuerToken = client.token(prefix + "-issuer", "TRADER");
        String issuerAccount = client.openAccount(issuerToken);
        for (String symbol : symbols) {
            client.list(admin, symbol, issuerAccount, SUPPLY);
        }
        List<Trader> traders = new ArrayList<>();
        for (int i = 1; i <= traderCount; i++) {
            String user = prefix + "-trader-" + i;
            String token = client.token(user, "TRADER");
            String account = client.openAccount(token);
            Response funded = client.adjust(admin, account, "fund-" + account, cash);
            assertThat(funded.status()).as(funded.raw()).isEqualTo(200);
            traders.add(new Trader(user, token, account));
        }
        LoadMarket market = new LoadMarket(client, admin, issuerToken, issuerAccount, List.copyOf(symbols), List.copyOf(traders));
        String offered = new BigDecimal(stock).multiply(BigDecimal.valueOf(traderCount)).toPlainString();
        for (String symbol : symbols) {
            Response ask = client.place(issuerToken, issuerAccount, "setup-" + symbol, symbol, "SELL", SETUP_PRICE, offered, "GTC");
            assertThat(ask.status()).as(ask.raw()).isEqualTo(201);
            market.setupOrders.add(ask);
            for (Trader trader : traders) {
                Response bid = client.place(trader.token(), trader.account(), "setup-" + symbol, symbol, "BUY", SETUP_PRICE, stock, "IOC");
                assertThat(bid.status()).as(bid.raw()).isEqualTo(201);
                assertThat(bid.text("status")).as(bid.raw()).isEqualTo("FILLED");
                market.setupOrders.add(bid);
            }
        }
        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (Trader trader : traders) {
                JsonNode account = client.account(trader.token(), trader.account());
                assertThat(account.path("cash").path("reserved").asText()).as(account.toString()).isEqualTo("0.00");
                assertThat(account.path("positions")).as(account.toString()).hasSize(symbols.size());
                for (JsonNode position : account.path("positions")) {
                    assertThat(new BigDecimal(position.path("quantity").asText())).as(account.toString()).isEqualByComparingTo(stock);
                    assertThat(new BigDecimal(position.path("reserved").asText())).as(account.toString()).isZero();
                }
            }
        });
        return market;
    }

    /** The same cast, driven through another client (the application restarted on the same data directory: tokens stay valid). */
    LoadMarket on(TandemClient other) {
        LoadMarket market = new LoadMarket(other, admin, issuerToken, issuerAccount, symbols, traders);
        market.setupOrders.addAll(setupOrders);
        return market;
    }

    /** The first {@code max} of {@code items}, one a line, and how many there were: for failure messages that stay readable. */
    static String firstOf(Collection<String> items, int max) {
        StringBuilder text = new StringBuilder().append(items.size()).append(" in all");
        items.stream().limit(max).forEach(item -> text.append("\n  ").append(item));
        if (items.size() > max) {
            text.append("\n  ...");
        }
        return text.toString();
    }

    /** The issuer's account and every trader's. */
    List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        accounts.add(issuerAccount);
        traders.forEach(trader -> accounts.add(trader.account()));
        return accounts;
    }

    /** The token of the account's owner. */
    String tokenOf(String account) {
        if (account.equals(issuerAccount)) {
            return issuerToken;
        }
        return traders.stream().filter(trader -> trader.account().equals(account)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trader owns " + account)).token();
    }

    /** Every order of every account, as the GraphQL {@code orders} read model shows them. */
    Map<String, List<JsonNode>> ordersByAccount() {
        Map<String, List<JsonNode>> orders = new LinkedHashMap<>();
        for (String account : accounts()) {
            orders.put(account, client.allOrders(admin, account));
        }
        return orders;
    }

    static boolean isOpen(JsonNode order) {
        String status = order.path("status").asText();
        return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
    }

    /**
     * Cancels, as their owners, every order the read model shows open, until it shows none: each
     * cancel answers 200, or 409 ORDER_NOT_OPEN for an order that closed in the meantime; any other
     * answer fails at once with an {@link IllegalStateException}.
     */
    void cancelEveryOpenOrder() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> stillOpen = new ArrayList<>();
            for (Map.Entry<String, List<JsonNode>> account : ordersByAccount().entrySet()) {
                for (JsonNode order : account.getValue()) {
                    if (isOpen(order)) {
                        String orderId = order.path("orderId").asText();
                        stillOpen.add(orderId);
                        Response cancelled = client.cancel(tokenOf(account.getKey()), orderId);
                        boolean closedMeanwhile = cancelled.status() == 409 && cancelled.text("code").equals("ORDER_NOT_OPEN");
                        if (cancelled.status() != 200 && !closedMeanwhile) {
                            // Not a read model that lags: no point in waiting (an AssertionError would be retried).
                            throw new IllegalStateException("cancel " + orderId + ": " + cancelled.status() + " " + cancelled.raw());
                        }
                    }
                }
            }
            assertThat(stillOpen).as("orders the read model still shows open").isEmpty();
        });
    }

    /** Waits until no account holds reserved cash or a reserved position and both sides of every book are empty. */
    void awaitNothingReservedAndEmptyBooks() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> reserved = new ArrayList<>();
            for (String accountId : accounts()) {
                JsonNode account = client.account(admin, accountId);
                if (!account.path("cash").path("reserved").asText().equals("0.00")) {
                    reserved.add(accountId + " cash " + account.path("cash"));
                }
                for (JsonNode position : account.path("positions")) {
                    if (new BigDecimal(position.path("reserved").asText()).signum() != 0) {
                        reserved.add(accountId + " position " + position);
                    }
                }
            }
            assertThat(reserved).as("reservations left after every order closed").isEmpty();
            for (String symbol : symbols) {
                JsonNode book = client.fullOrderBook(admin, symbol);
                assertThat(book.path("bids")).as(symbol + " bids " + book).isEmpty();
                assertThat(book.path("asks")).as(symbol + " asks " + book).isEmpty();
            }
        });
    }
}
