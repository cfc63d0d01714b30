package io.tandem.saga.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static io.tandem.saga.payment.PaymentSagaFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The saga store keeps sagas as JSON; a saga waiting for its provider must come back exactly as it was. */
class PaymentSagaSerializationTest {

    @Test
    void aPendingPaymentSagaSurvivesAJacksonRoundTrip() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.completedFuture(null));
        ScriptedProvider provider = new ScriptedProvider();
        PaymentProviders providers = PaymentProviders.of(provider);
        DeadlineManager deadlines = mock(DeadlineManager.class);
        PaymentSaga saga = new PaymentSaga();
        saga.on(withdrawalRequested(), T0, gateway, deadlines, providers, SETTINGS);
        saga.checkStatus(PAYMENT, T0.plus(FIRST_CHECK), gateway, deadlines, providers, SETTINGS);
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

        SerializedObject<String> stored = serializer.serialize(saga, String.class);
        PaymentSaga restored = serializer.deserialize(stored);

        assertThat(stored.getData()).contains("\"paymentId\":\"pay-1\"", "\"direction\":\"WITHDRAWAL\"", "\"statusChecks\":1");
        assertThat(restored).usingRecursiveComparison().isEqualTo(saga);
    }
}
