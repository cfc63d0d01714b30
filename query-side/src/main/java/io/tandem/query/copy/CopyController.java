package io.tandem.query.copy;

import io.tandem.contracts.common.ErrorCode;
import io.tandem.contracts.common.TandemException;
import io.tandem.contracts.copy.CopierPage;
import io.tandem.contracts.copy.CopierView;
import io.tandem.contracts.copy.CopyList;
import io.tandem.contracts.copy.CopyOrderPage;
import io.tandem.contracts.copy.CopyOrderView;
import io.tandem.contracts.copy.CopyView;
import io.tandem.contracts.copy.FindCopiersQuery;
import io.tandem.contracts.copy.FindCopiesQuery;
import io.tandem.contracts.copy.FindCopyOrdersQuery;
import io.tandem.contracts.copy.FindCopyQuery;
import io.tandem.query.api.Connection;
import io.tandem.query.api.PageArguments;
import io.tandem.query.security.AccountAccess;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GraphQL fields over copies: a caller's copies of one account, one copy with its orders, and a
 * leader's copiers. The caller is the JWT subject; the projection decides what it may see from the
 * viewer and admin flag in each query, so someone else's copy is exactly like an unknown one (null,
 * or no items), never a FORBIDDEN that would tell which ids exist. A copy's orders are only asked
 * for below a copy the caller could read.
 */
@Controller
public class CopyController {

    private final QueryGateway queryGateway;

    public CopyController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    /** The caller's copies started from the account, newest first; empty for an unknown or someone else's account (admins see all). */
    @QueryMapping
    public CompletableFuture<List<CopyView>> copies(@Argument String accountId, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        String account = required(accountId, "account id");
        return queryGateway.query(new FindCopiesQuery(account, caller.getName(), AccountAccess.isAdmin(caller)),
                ResponseTypes.instanceOf(CopyList.class)).thenApply(list -> list == null ? List.of() : list.items());
    }

    /** The copy; null when it is unknown or someone else's (admins see every copy). */
    @QueryMapping
    public CompletableFuture<CopyView> copy(@Argument String id, Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        return queryGateway.query(new FindCopyQuery(required(id, "copy id"), caller.getName(), AccountAccess.isAdmin(caller)),
                ResponseTypes.instanceOf(CopyView.class));
    }

    /** The leader's live copies: the count for everyone, the copiers for the leader and admins only. */
    @QueryMapping
    public CompletableFuture<CopierConnection> copiers(@Argument String handle, @Argument Integer first, @Argument String after,
                                                       Authentication authentication) {
        Authentication caller = AccountAccess.requireAuthenticated(authentication);
        int pageSize = PageArguments.pageSize(first);
        return queryGateway.query(new FindCopiersQuery(handle, caller.getName(), AccountAccess.isAdmin(caller), pageSize, after),
                        ResponseTypes.instanceOf(CopierPage.class))
                .thenApply(page -> CopierConnection.of(page == null ? new CopierPage(0, List.of(), null, false) : page));
    }

    /** The copy's orders and skips, newest first; the copy itself was read with the caller's access. */
    @SchemaMapping(typeName = "Copy", field = "orders")
    public CompletableFuture<Connection<CopyOrderView>> orders(CopyView copy, @Argument Integer first, @Argument String after) {
        int pageSize = PageArguments.pageSize(first);
        return queryGateway.query(new FindCopyOrdersQuery(copy.id(), pageSize, after), ResponseTypes.instanceOf(CopyOrderPage.class))
                .thenApply(page -> Connection.of(page.items(), CopyOrderView::cursor, page.hasNextPage(), page.endCursor()));
    }

    @SchemaMapping(typeName = "Copy", field = "leader")
    public CopyLeader leader(CopyView copy) {
        return new CopyLeader(copy.leaderHandle());
    }

    @SchemaMapping(typeName = "Copier", field = "handle")
    public String handle(CopierView copier) {
        return copier.copierHandle();
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new TandemException(ErrorCode.MALFORMED_REQUEST, name + " is required");
        }
        return value;
    }
}
