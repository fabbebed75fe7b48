package com.driftsentry.gate.driver.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Production's entry point as the committed templates hold it, priced line by line, and the comparison that chose
 * it (docs/AWS-SETUP.md): at a million requests a month an HTTP API with a VPC link and Cloud Map costs a ninth of
 * an Application Load Balancer, whose hours and two public addresses bill with no request at all.
 */
class EntryPointCostTest {
    private static final PriceTable PRICES = PriceTable.aws();
    private static final double MONTH = StackEstimator.HOURS;

    static JsonNode template(String stack) throws Exception {
        return new ObjectMapper().readTree(Path.of("../infra/synthesized/DriftSentry-" + stack + ".template.json").toFile());
    }

    static DeployConfig.Usage usage(OptionalDouble requests) {
        return new DeployConfig.Usage(OptionalDouble.empty(), 2, 1, 0.1, requests, 0.25, OptionalDouble.of(3000));
    }

    @Test
    void theHttpApiItsDiscoveriesTheRegisteredTasksAndTheNamespaceArePricedFromTheRequestsGiven() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, usage(OptionalDouble.of(1_000_000)), 0, false).add("production", template("production")).estimate();
        assertTrue(e.complete(), e.unpriced().toString());
        assertEquals(1.00, usd(e, "apigateway.http.millionRequests"), 1e-9, "a million requests at $1.00 per million");
        assertEquals(1.00, usd(e, "cloudmap.millionApiCalls"), 1e-9, "at most one discovery per request");
        assertEquals(0.20, usd(e, "cloudmap.resourceMonth"), 1e-9, "the two always-on tasks registered all month");
        assertEquals(0.50, usd(e, "route53.hostedZoneMonth"), 1e-9, "the namespace's private hosted zone");
        assertEquals(2.70, entryPoint(e), 1e-9);
    }

    @Test
    void anHttpApiWithNoRequestsGivenIsNotGuessed() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, usage(OptionalDouble.empty()), 0, false).add("production", template("production")).estimate();
        assertFalse(e.complete());
        assertTrue(e.unpriced().stream().anyMatch(u -> u.contains("usage.apiRequestsPerMonth is not given")), e.unpriced().toString());
    }

    @Test
    void theHostedDashboardIsPricedByItsPageLoadsAndNotGuessedWithoutThem() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, usage(OptionalDouble.of(1_000_000)), 0, false).add("production", template("production")).estimate();
        // 3,000 loads a month: 15,000 HTTPS requests and 30 MB out.
        assertEquals(1.5 * 0.0100, usd(e, "cloudfront.https10kRequests"), 1e-12);
        assertEquals(0.03 * 0.085, usd(e, "cloudfront.dataOutGb"), 1e-12);
        assertTrue(e.lines().stream().anyMatch(l -> l.usage().startsWith("the dashboard's files")), "its bucket is the page's, not the state's");
        DeployConfig.Usage noLoads = new DeployConfig.Usage(OptionalDouble.empty(), 2, 1, 0.1, OptionalDouble.of(1_000_000), 0.25, OptionalDouble.empty());
        CostEstimate unknown = new StackEstimator(PRICES, noLoads, 0, false).add("production", template("production")).estimate();
        assertEquals(1, unknown.unpriced().size(), unknown.unpriced().toString());
        assertTrue(unknown.unpriced().get(0).contains("usage.dashboardLoadsPerMonth is not given"), unknown.unpriced().toString());
    }

    @Test
    void theAuditTrailIsFreeAndItsBucketIsPricedAsWhatItKeeps() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, usage(OptionalDouble.empty()), 0, false).add("shared", template("Shared")).estimate();
        assertTrue(e.complete(), e.unpriced().toString());
        CostLine audit = e.lines().stream().filter(l -> l.usage().contains("auditLogGb")).findFirst().orElseThrow();
        assertEquals(0.25 * 0.023, audit.usd(), 1e-12);
        assertEquals(1, e.lines().stream().filter(l -> l.usage().contains("stateStorageGb")).count(), "the state bucket stays the state's");
    }

    @Test
    void atAMillionRequestsALoadBalancerCostsNineTimesTheHttpApi() throws Exception {
        CostEstimate e = new StackEstimator(PRICES, usage(OptionalDouble.of(1_000_000)), 0, false).add("production", template("production")).estimate();
        // An ALB: its hours, at least 0.02 LCU for about 0.4 requests a second, and the public IPv4 address of each of its two zones.
        double alb = MONTH * PRICES.price("alb.hour").usd() + MONTH * 0.02 * PRICES.price("alb.lcuHour").usd()
                + 2 * MONTH * PRICES.price("publicIpv4.hour").usd();
        assertEquals(23.85, alb, 0.01);
        assertEquals(8.8, alb / entryPoint(e), 0.1);
        // Where they meet: the HTTP API side is $0.70 fixed and grows by $2.00 a million requests (requests and discoveries), the ALB's by
        // almost nothing.
        assertEquals(11.6, (alb - 0.70) / 2.00, 0.1, "million requests a month");
    }

    private static double entryPoint(CostEstimate e) {
        return usd(e, "apigateway.http.millionRequests") + usd(e, "cloudmap.millionApiCalls") + usd(e, "cloudmap.resourceMonth")
                + usd(e, "route53.hostedZoneMonth");
    }

    private static double usd(CostEstimate e, String key) {
        return e.lines().stream().filter(l -> l.priceKey().equals(key)).mapToDouble(CostLine::usd).sum();
    }
}
