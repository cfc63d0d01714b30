package io.tandem.contracts.portfolio;



/** An order as its owner sees it; {@code price} is null for market orders. */
public record OrderView(String orderId, String accountId, String symbol, String side, String type, String timeInForce, String price, String quantity, String filledQuantity, String status, String cancelReason, String placedAt, String cursor) {
}
