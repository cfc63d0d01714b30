package io.tandem.contracts.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeTest {

    @Test
    void aCodeTravelsAsItselfOrAsItsName() {
        assertThat(ErrorCode.fromDetails(ErrorCode.INSUFFICIENT_FUNDS)).contains(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(ErrorCode.fromDetails("ORDER_CONFLICT")).contains(ErrorCode.ORDER_CONFLICT);
    }

    @Test
    void anythingElseIsNoCode() {
        assertThat(ErrorCode.fromDetails("NOT_A_CODE")).isEmpty();
        assertThat(ErrorCode.fromDetails(42)).isEmpty();
        assertThat(ErrorCode.fromDetails(null)).isEmpty();
    }
}
