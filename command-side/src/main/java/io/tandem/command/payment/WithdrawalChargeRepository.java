package io.tandem.command.payment;

import org.springframework.data.jpa.repository.JpaRepository;

/** Each withdrawal's charge against the daily limit, by payment id. */
interface WithdrawalChargeRepository extends JpaRepository<WithdrawalCharge, String> {
}
