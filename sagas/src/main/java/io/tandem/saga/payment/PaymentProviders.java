package io.tandem.saga.payment;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All configured payment providers by name. The saga resolves the provider a payment was requested with,
 * and the webhook endpoint resolves the provider in its path; an unknown name is a client error
 * ({@link ErrorCode#UNKNOWN_PAYMENT_PROVIDER}).
 */
public final class PaymentProviders {

    private final Map<String, PaymentProvider> byName;

    public PaymentProviders(Collection<? extends PaymentProvider> providers) {
        this.byName = providers.stream()
                .collect(Collectors.toUnmodifiableMap(PaymentProvider::name, Function.identity()));
    }

    public static PaymentProviders of(PaymentProvider... providers) {
        return new PaymentProviders(List.of(providers));
    }

    /** The provider called {@code name}, or UNKNOWN_PAYMENT_PROVIDER. */
    public PaymentProvider get(String name) {
        return find(name).orElseThrow(() -> new TandemException(ErrorCode.UNKNOWN_PAYMENT_PROVIDER,
                "no payment provider named '" + name + "'"));
    }

    public Optional<PaymentProvider> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public boolean contains(String name) {
        return find(name).isPresent();
    }

    public Collection<String> names() {
        return byName.keySet();
    }
}
