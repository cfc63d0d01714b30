package io.tandem.infra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tandem.contracts.ledger.FindLedgerQuery;
import io.tandem.contracts.ledger.LedgerView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin conservation report: all cash (available + reserved, fee account included) against
 * adjustments plus confirmed deposits minus confirmed withdrawals ({@code cashTotal},
 * {@code adjustmentsTotal}, {@code depositsTotal}, {@code withdrawalsTotal}), and each instrument's
 * positions against its supply. {@code balanced} says whether both hold.
 */
@RestController
@Tag(name = "admin")
public class LedgerController {

    private final QueryGateway queryGateway;

    public LedgerController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping("/api/v1/admin/ledger")
    @Operation(summary = "Ledger conservation report (ADMIN)")
    public LedgerView ledger() {
        return queryGateway.query(new FindLedgerQuery(), ResponseTypes.instanceOf(LedgerView.class)).join();
    }
}
