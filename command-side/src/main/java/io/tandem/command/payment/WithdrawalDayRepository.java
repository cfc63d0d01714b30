package io.tandem.command.payment;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Optional;

/** Daily withdrawal totals by user and day. */
interface WithdrawalDayRepository extends JpaRepository<WithdrawalDay, String> {

    /** Locks the row so that charges and give-backs for one user and day are serialized. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from WithdrawalDay d where d.userDay = :userDay")
    Optional<WithdrawalDay> findForUpdate(@Param("userDay") String userDay);
}
