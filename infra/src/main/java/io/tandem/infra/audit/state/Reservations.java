package io.tandem.infra.audit.state;

import io.tandem.contracts.account.BuySettledEvent;
import io.tandem.contracts.account.CashReservedEvent;
import io.tandem.contracts.account.PositionReservedEvent;
import io.tandem.contracts.account.ReservationReleasedEvent;
import io.tandem.contracts.account.SellSettledEvent;
import io.tandem.contracts.account.WithdrawalDebitedEvent;
import io.tandem.contracts.account.WithdrawalReleasedEvent;
import io.tandem.contracts.account.WithdrawalReservedEvent;
import io.tandem.contracts.common.Cash;
import io.tandem.contracts.common.Quantity;
import io.tandem.contracts.orderbook.InstrumentSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an account holds reserved, per open order and per pending withdrawal: the part of the
 * account's {@code reserved} cash and positions that each one accounts for. An order reserves cash
 * (a buy) or a position (a sell); each settlement draws on it by what the reservation covered (the
 * settled amount less the event's shortfall, as the Account aggregate takes it); the release of the
 * reservation returns the rest, and the order holds nothing any more. A withdrawal holds its amount
 * until it is debited or released. The live read model has no such list; it is the breakdown of its
 * {@code reserved} totals.
 */
final class Reservations {

    private final Map<String, Held> held = new LinkedHashMap<>();

    /** One open reservation, in cents and lots. */
    private static final class Held {
        final String kind;
        final String symbol;
        long cents;
        long lots;

        Held(String kind, String symbol) {
            this.kind = kind;
            this.symbol = symbol;
        }
    }

    /** A reservation as {@code state} shows it; the quantity in the instrument's lot format, when listed. */
    record Reservation(String kind, String id, String symbol, String cash, String quantity) {
    }

    void apply(Object event) {
        if (event instanceof CashReservedEvent reserved) {
            order(reserved.orderId().value(), reserved.symbol().value()).cents += reserved.amount().cents();
        } else if (event instanceof PositionReservedEvent reserved) {
            order(reserved.orderId().value(), reserved.symbol().value()).lots += reserved.quantity().lots();
        } else if (event instanceof BuySettledEvent settled) {
            order(settled.orderId().value(), settled.symbol().value()).cents -= settled.costCents() - settled.shortfallCents();
        } else if (event instanceof SellSettledEvent settled) {
            order(settled.orderId().value(), settled.symbol().value()).lots -= settled.quantity().lots() - settled.shortfallLots();
        } else if (event instanceof ReservationReleasedEvent released) {
            held.remove("order:" + released.orderId().value());
        } else if (event instanceof WithdrawalReservedEvent withdrawal) {
            Held payment = new Held("WITHDRAWAL", null);
            payment.cents = withdrawal.amount().cents();
            held.put("withdrawal:" + withdrawal.paymentId().value(), payment);
        } else if (event instanceof WithdrawalDebitedEvent debited) {
            held.remove("withdrawal:" + debited.paymentId().value());
        } else if (event instanceof WithdrawalReleasedEvent released) {
            held.remove("withdrawal:" + released.paymentId().value());
        }
    }

    private Held order(String orderId, String symbol) {
        return held.computeIfAbsent("order:" + orderId, key -> new Held("ORDER", symbol));
    }

    List<Reservation> list(Function<String, Optional<InstrumentSpec>> specs) {
        List<Reservation> result = new ArrayList<>();
        held.forEach((key, reservation) -> {
            if (reservation.cents == 0 && reservation.lots == 0) {
                return;
            }
            String quantity = reservation.symbol == null || reservation.lots == 0 ? null
                    : specs.apply(reservation.symbol).map(spec -> spec.format(Quantity.ofLots(reservation.lots)))
                    .orElse(reservation.lots + " lots");
            result.add(new Reservation(reservation.kind, key.substring(key.indexOf(':') + 1), reservation.symbol,
                    reservation.cents == 0 ? null : Cash.ofCents(reservation.cents).toDecimalString(), quantity));
        });
        return result;
    }
}
