package io.tandem.command.orderbook;

/**
 * All orders of one side at one price, oldest first. Arrival order is the queue order, so time
 * priority needs no timestamps; the level keeps its open quantity for depth queries.
 */
final class PriceLevel {

    final long price;
    RestingOrder head;
    RestingOrder tail;
    long openQuantity;
    int count;

    PriceLevel(long price) {
        this.price = price;
    }

    void append(RestingOrder order) {
        order.level = this;
        order.prev = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        openQuantity = Math.addExact(openQuantity, order.open());
        count++;
    }

    void unlink(RestingOrder order) {
        if (order.prev == null) {
            head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        openQuantity -= order.open();
        count--;
        order.level = null;
        order.prev = null;
        order.next = null;
    }

    boolean isEmpty() {
        return head == null;
    }
}
