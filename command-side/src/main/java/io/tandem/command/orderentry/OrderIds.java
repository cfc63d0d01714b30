package io.tandem.command.orderentry;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.common.OrderId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Order ids derived from (account, client order id): a retried request names the same order, so
 * even a retry that slipped past the order-entry table could not place a second order. Public for the
 * copy engine, which records the id of the order it is about to place in the copy's decision.
 */
public final class OrderIds {

    private OrderIds() {
    }

    public static OrderId of(AccountId accountId, String clientOrderId) {
        String key = accountId.value().length() + ":" + accountId.value() + ":" + clientOrderId;
        return OrderId.of(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
