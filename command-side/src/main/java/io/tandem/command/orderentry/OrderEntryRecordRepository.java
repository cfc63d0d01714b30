package io.tandem.command.orderentry;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

/** Orders entered through order entry, by order id and by (account, client order id). */
interface OrderEntryRecordRepository extends JpaRepository<OrderEntryRecord, String> {

    Optional<OrderEntryRecord> findByAccountIdAndClientOrderId(String accountId, String clientOrderId);

    /** Locks the row so that concurrent changes to one order (and their reservations) are serialized. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from OrderEntryRecord r where r.orderId = :orderId")
    Optional<OrderEntryRecord> findForUpdate(@Param("orderId") String orderId);
}
