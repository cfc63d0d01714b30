package io.tandem.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a demo account can still spend and sell, as the portfolio read model last showed it (available
 * cash, positions less their reservations) and lowered by what the agent has sent since. The read
 * model follows settlement, so re-reading it every few steps keeps an agent from sending orders the
 * platform would refuse for want of cash or position; an occasional refusal is harmless.
 */
final class Holdings {

    static final String QUERY = """
            query($id: ID!) { account(id: $id) { cash { available } positions { symbol quantity reserved } } }""";

    private long cashCents;
    private final Map<String, Long> lots = new HashMap<>();

    static Optional<Holdings> read(DemoApi api, String token, String accountId) {
        JsonNode account = api.graphql(token, QUERY, Map.of("id", accountId)).path("account");
        if (!account.isObject()) {
            return Optional.empty();
        }
        Holdings holdings = new Holdings();
        holdings.cashCents = DemoMoney.units(account.path("cash").path("available").asText(null), 2);
        for (JsonNode position : account.path("positions")) {
            long free = DemoMoney.units(position.path("quantity").asText(null), DemoCast.LOT_SCALE)
                    - DemoMoney.units(position.path("reserved").asText(null), DemoCast.LOT_SCALE);
            holdings.lots.put(position.path("symbol").asText(), Math.max(0, free));
        }
        return Optional.of(holdings);
    }

    long cashCents() {
        return cashCents;
    }

    long lots(String symbol) {
        return lots.getOrDefault(symbol, 0L);
    }

    /** What a buy of {@code lots} at {@code priceTicks} reserves, the fee (at most 0.2%) included, rounded up. */
    static long reservation(long priceTicks, long lots) {
        long notional = DemoDecisions.notionalCents(priceTicks, lots);
        return notional + (notional * 2 + 999) / 1_000 + 1;
    }

    void spend(long cents) {
        cashCents -= cents;
    }

    void sell(String symbol, long sold) {
        lots.merge(symbol, -sold, Long::sum);
    }
}
