package io.tandem.infra.demo;

import io.tandem.infra.demo.DemoCast.Strategy;
import io.tandem.infra.demo.DemoDecisions.Side;

/**
 * What simulated traders post about a trade of theirs: a text naming the instrument as
 * {@code $SYMBOL} (so the post is linked to it) with the side, quantity and price they got. The
 * template is one of the step's decisions; the price is the fill's.
 */
final class DemoTexts {

    static final int TEMPLATES = 4;

    private DemoTexts() {
    }

    static String post(int template, Strategy strategy, Side side, String symbol, String quantity, String price) {
        String verb = side == Side.BUY ? "Bought" : "Sold";
        boolean momentum = strategy == Strategy.MOMENTUM;
        return switch (template) {
            case 0 -> verb + " " + quantity + " $" + symbol + " at " + price + (momentum
                    ? ": the trend is my friend." : ": fading the move.");
            case 1 -> (side == Side.BUY ? "Adding to $" : "Trimming $") + symbol + " at " + price
                    + (momentum ? ", momentum still there." : ", it ran too far.");
            case 2 -> "$" + symbol + " " + (side == Side.BUY ? "long" : "lighter") + " (" + quantity + " at " + price + "). "
                    + (momentum ? "Following the tape." : "Mean reversion, patiently.");
            default -> verb + " $" + symbol + " @ " + price + ". Not advice, just a simulated trader.";
        };
    }
}
