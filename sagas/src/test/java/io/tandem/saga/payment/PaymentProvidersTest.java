package io.tandem.saga.payment;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentProvidersTest {

    private final ScriptedProvider simulator = new ScriptedProvider();
    private final PaymentProviders providers = PaymentProviders.of(simulator);

    @Test
    void aProviderIsFoundByItsName() {
        assertThat(providers.get("simulator")).isSameAs(simulator);
        assertThat(providers.names()).containsExactly("simulator");
    }

    @Test
    void anUnknownProviderIsRefusedWithItsCode() {
        assertThatThrownBy(() -> providers.get("other-bank"))
                .isInstanceOfSatisfying(TandemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PAYMENT_PROVIDER));
        assertThat(providers.contains(null)).isFalse();
    }
}
