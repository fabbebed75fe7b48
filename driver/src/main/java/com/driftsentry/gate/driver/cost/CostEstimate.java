package com.driftsentry.gate.driver.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A month of a stage, line by line, and what could not be priced. An estimate with unpriced parts
 * is incomplete: its total is a lower bound and no gate may pass on it.
 */
public record CostEstimate(List<CostLine> lines, List<String> unpriced, List<String> assumptions, PriceTable prices) {

    public double total() {
        return lines.stream().mapToDouble(CostLine::usd).sum();
    }

    public boolean complete() {
        return unpriced.isEmpty();
    }

    /** The table a person reads: every line, the total, what was assumed and where each price comes from. */
    public String table(double capUsd) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-22s %-44s %-30s %-44s %9s%n", "stack", "resource", "rate", "usage", "$/month"));
        for (CostLine l : lines) {
            out.append(String.format(Locale.ROOT, "%-22s %-44s %-30s %-44s %9s%n", l.stack(), l.resource(), l.rate(), l.usage(), dollars(l.usd())));
        }
        out.append(String.format(Locale.ROOT, "total %s a month%s, cap $%.2f (gates.budget.monthlyCapUsd)%n", dollars(total()),
                complete() ? "" : " AT LEAST (incomplete)", capUsd));
        unpriced.forEach(u -> out.append("not priced: ").append(u).append('\n'));
        assumptions.forEach(a -> out.append("assumed: ").append(a).append('\n'));
        out.append("prices: ").append(prices.region()).append(", as of ").append(prices.asOf()).append(" (driver/src/main/resources/cost/aws-prices.yaml)\n");
        sources().forEach((key, source) -> out.append("  ").append(key).append(": ").append(source).append('\n'));
        return out.toString();
    }

    /** The same as Markdown, for the job summary. */
    public String markdown(double capUsd) {
        StringBuilder md = new StringBuilder("| stack | resource | rate | usage | $/month |\n|---|---|---|---|---:|\n");
        for (CostLine l : lines) {
            md.append("| ").append(String.join(" | ", l.stack(), l.resource(), l.rate(), l.usage(), dollars(l.usd()))).append(" |\n");
        }
        md.append(String.format(Locale.ROOT, "| **total** | | | %s | **%s** |%n%nCap $%.2f a month; prices of %s (%s).%n",
                complete() ? "" : "incomplete: at least", dollars(total()), capUsd, prices.asOf(), prices.region()));
        unpriced.forEach(u -> md.append("\n- not priced: ").append(u));
        return md.toString();
    }

    /** The price rows this estimate used, each with its source. */
    public Map<String, String> sources() {
        Map<String, String> used = new LinkedHashMap<>();
        for (CostLine l : lines) {
            if (l.priceKey() != null && !used.containsKey(l.priceKey())) {
                used.put(l.priceKey(), l.priceKey().equals("alwaysFree") ? prices.allowanceSource()
                        : prices.price(l.priceKey()).source() + ", checked " + prices.price(l.priceKey()).checked());
            }
        }
        return used;
    }

    static String dollars(double usd) {
        return String.format(Locale.ROOT, Math.abs(usd) < 0.1 && usd != 0 ? "%.4f" : "%.2f", usd);
    }
}
