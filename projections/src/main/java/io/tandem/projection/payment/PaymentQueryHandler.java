package io.tandem.projection.payment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.payment.FindPaymentQuery;
import io.tandem.contracts.payment.FindPaymentsQuery;
import io.tandem.contracts.payment.PaymentPage;
import io.tandem.contracts.payment.PaymentView;
import io.tandem.projection.support.Cursors;
import io.tandem.projection.support.Numbers;
import io.tandem.projection.support.ReadModelCollections;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.tandem.projection.payment.PaymentDocuments.*;

/**
 * Answers {@link FindPaymentsQuery} (an account's payments, newest first, one page at a time) and
 * {@link FindPaymentQuery} (one payment). The cursor is the (request time, payment id) of the last
 * payment on the page, so the next page starts right after it however many payments arrive in the
 * meantime. Amounts are decimal strings in the platform currency.
 */
@Component
public class PaymentQueryHandler {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final MongoCollection<Document> payments;

    public PaymentQueryHandler(MongoDatabase database) {
        this.payments = database.getCollection(ReadModelCollections.PAYMENTS);
    }

    @QueryHandler
    public PaymentPage find(FindPaymentsQuery query) {
        int pageSize = Cursors.pageSize(query.first(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Bson filter = Filters.eq(ACCOUNT_ID, query.accountId().value());
        if (query.after() != null && !query.after().isBlank()) {
            filter = Filters.and(filter, Cursors.after(REQUESTED_KEY, query.after()));
        }
        List<Document> documents = payments.find(filter)
                .sort(Sorts.descending(REQUESTED_KEY, "_id"))
                .limit(pageSize + 1)
                .into(new ArrayList<>());
        boolean hasNextPage = documents.size() > pageSize;
        List<PaymentView> items = documents.stream().limit(pageSize).map(PaymentQueryHandler::toView).toList();
        String endCursor = items.isEmpty() ? null : items.get(items.size() - 1).cursor();
        return new PaymentPage(items, endCursor, hasNextPage);
    }

    /** The payment, or null when it is unknown to the read model (not requested, or not projected yet). */
    @QueryHandler
    public PaymentView find(FindPaymentQuery query) {
        Document payment = payments.find(Filters.eq("_id", query.paymentId().value())).first();
        return payment == null || payment.getString(ACCOUNT_ID) == null ? null : toView(payment);
    }

    private static PaymentView toView(Document payment) {
        String paymentId = payment.getString("_id");
        return new PaymentView(paymentId, payment.getString(ACCOUNT_ID), payment.getString(DIRECTION),
                Cash.ofCents(Numbers.longOf(payment, AMOUNT)).toDecimalString(), payment.getString(STATUS),
                payment.getString(REASON), payment.getString(PROVIDER), payment.getString(REQUESTED_AT),
                payment.getString(UPDATED_AT), Cursors.keyed(Numbers.longOf(payment, REQUESTED_KEY), paymentId));
    }
}
