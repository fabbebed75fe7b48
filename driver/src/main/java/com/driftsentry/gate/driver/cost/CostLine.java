package com.driftsentry.gate.driver.cost;

/**
 * One line of an estimate: what is billed ({@code resource}), at which rate, for how much of it a
 * month ({@code usage}), and the dollars; {@code priceKey} names the row of the price table.
 */
public record CostLine(String stack, String resource, String rate, String usage, double usd, String priceKey) {
}
