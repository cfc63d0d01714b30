package io.tandem.query.payment;

import io.tandem.contracts.common.AccountId;
import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.FindPaymentsQuery;
import io.tandem.contracts.payment.PaymentPage;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.query.api.Connection;
import io.tandem.query.api.Identifiers;
import io.tandem.query.api.PageArguments;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over the payments read model: an account's deposits and withdrawals with their
 * statuses and failure reasons. Like orders, payments are readable by whoever may read their
 * account (its owner or an admin), and are asked for only once that check has passed; to anyone
 * else they do not exist.
 */
@Controller
public class PaymentController {

    private final QueryGateway queryGateway;

    public PaymentController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The account's payments; an empty page when the account is unknown or someone else's. */
    @QueryMapping
    public CompletableFuture<Connection<PaymentView>> payments(@Argument String accountId, @Argument Integer first,
                                                               @Argument String after, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        AccountId id = Identifiers.accountId(accountId);
        int pageSize = PageArguments.pageSize(first);
        return AccountAccess.readable(queryGateway, id, caller)
                .thenCompose(account -> account.isEmpty() ? CompletableFuture.completedFuture(Connection.<PaymentView>empty())
                        : queryGateway.query(new FindPaymentsQuery(id, pageSize, after), ResponseTypes.instanceOf(PaymentPage.class))
                                .thenApply(page -> Connection.of(page.items(), PaymentView::cursor, page.hasNextPage())));
    }

    /** The payment, or null when it is unknown or belongs to someone else's account (the two look the same). */
    @QueryMapping
    public CompletableFuture<PaymentView> payment(@Argument String id, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindPaymentQuery(Identifiers.paymentId(id)), ResponseTypes.instanceOf(PaymentView.class))
                .thenCompose(payment -> payment == null ? CompletableFuture.completedFuture(null)
                        : AccountAccess.readable(queryGateway, AccountId.of(payment.accountId()), caller)
                                .thenApply(account -> account.isPresent() ? payment : null));
    }
}
