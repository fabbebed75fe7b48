package com.driftsentry.gate.driver.cost;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dated price table ({@code cost/aws-prices.yaml}): list prices with the page each was read from,
 * the always-free allowances, and the resource types that bill nothing by themselves (with why).
 */
public record PriceTable(String region, String asOf, Map<String, Price> prices, Map<String, Double> allowances, String allowanceSource,
                         Map<String, String> free) {

    /** One list price: dollars per {@code unit}, read from {@code source} on {@code checked}. */
    public record Price(String key, double usd, String unit, String source, String checked) {
    }

    public static PriceTable aws() {
        try (InputStream in = PriceTable.class.getResourceAsStream("/cost/aws-prices.yaml")) {
            JsonNode root = Json.YAML.readTree(in);
            Map<String, Price> prices = new LinkedHashMap<>();
            root.get("prices").fields().forEachRemaining(e -> prices.put(e.getKey(), new Price(e.getKey(), e.getValue().get("usd").asDouble(),
                    e.getValue().get("unit").asText(), e.getValue().get("source").asText(), e.getValue().get("checked").asText())));
            Map<String, Double> allowances = new LinkedHashMap<>();
            root.get("alwaysFree").fields().forEachRemaining(e -> {
                if (!e.getKey().equals("source")) {
                    allowances.put(e.getKey(), e.getValue().asDouble());
                }
            });
            Map<String, String> free = new LinkedHashMap<>();
            root.get("free").fields().forEachRemaining(e -> free.put(e.getKey(), e.getValue().asText()));
            return new PriceTable(root.get("region").asText(), root.get("asOf").asText(), Map.copyOf(prices), Map.copyOf(allowances),
                    root.get("alwaysFree").get("source").asText(), Map.copyOf(free));
        } catch (IOException e) {
            throw new UncheckedIOException("the price table cost/aws-prices.yaml cannot be read", e);
        }
    }

    /** The price under {@code key}; a key the table lacks is a fault of the estimator, not of the user's input. */
    public Price price(String key) {
        Price p = prices.get(key);
        if (p == null) {
            throw new IllegalStateException("cost/aws-prices.yaml has no price " + key);
        }
        return p;
    }

    public Optional<Price> find(String key) {
        return Optional.ofNullable(prices.get(key));
    }

    public Optional<String> whyFree(String resourceType) {
        return Optional.ofNullable(free.get(resourceType));
    }
}
