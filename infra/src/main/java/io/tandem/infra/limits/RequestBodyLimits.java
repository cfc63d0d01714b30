package io.tandem.infra.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body each kind of endpoint accepts (prefix {@code tandem.limits}). A bigger
 * body is refused with 413 PAYLOAD_TOO_LARGE before it is read, by {@link RequestBodyLimitFilter}.
 * The defaults are far above what any request of the API needs (an order is a few hundred bytes,
 * a GraphQL operation within the field limit a few kilobytes) and small enough that a request costs
 * at most that much memory, also when it carries no token.
 *
 * @param webhookBody payment provider webhooks ({@code /api/v1/payments/webhooks/*}), which carry no token
 * @param graphqlBody GraphQL operations ({@code POST /graphql})
 * @param restBody    every other request (the REST command API and the rest)
 */
@ConfigurationProperties("tandem.limits")
public record RequestBodyLimits(@DefaultValue("64KB") DataSize webhookBody,
                                @DefaultValue("64KB") DataSize graphqlBody,
                                @DefaultValue("64KB") DataSize restBody) {

    /** Above this a limit is no longer a limit: the body would be held in memory whole. */
    static final DataSize MAX = DataSize.ofMegabytes(16);

    public RequestBodyLimits {
        requireSensible("webhook-body", webhookBody);
        requireSensible("graphql-body", graphqlBody);
        requireSensible("rest-body", restBody);
    }

    private static void requireSensible(String name, DataSize size) {
        if (size == null || size.toBytes() < 1 || size.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("tandem.limits." + name + " must be between 1B and " + MAX.toMegabytes() + "MB, was " + size);
        }
    }
}
