package com.driftsentry.gate.browser;

import com.driftsentry.gate.environment.BrowserGateConfig;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser gate and Lighthouse 12.2.3 side by side on the same dashboard of one embedded default:
 * the gate's median largest contentful paint against Lighthouse's (desktop preset, no throttling, the
 * same Debian Chromium), and the console errors each saw. Run by benchmarks/browser-vs-lighthouse.sh.
 * Arguments: loads, and a dashboard fault (DRIFTSENTRY_FAULT_DASHBOARD) or nothing.
 */
public final class BrowserVsLighthouseBenchmark {
    private BrowserVsLighthouseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int loads = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String fault = args.length > 1 ? args[1] : "";
        Path lighthouse = Path.of(System.getProperty("lighthouse.dir", "target/lighthouse")).toAbsolutePath();
        Path work = Files.createTempDirectory("browser-vs-lighthouse");
        try (EmbeddedTarget target = EmbeddedTarget.start(200, fault.isEmpty() ? Map.of() : Map.of("DRIFTSENTRY_FAULT_DASHBOARD", fault), work)) {
            long t0 = System.nanoTime();
            Verdict gate = new BrowserGate(new BrowserGateConfig(loads, Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ofSeconds(10)),
                    "benchmark", work.resolve("gate")).judge(target.dashboardUrl(), target.baseUrl(), target.readerKey());
            double gateSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder("node", lighthouse.resolve("compare.mjs").toString(), target.dashboardUrl(), Integer.toString(loads))
                    .directory(lighthouse.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("LH_KEY", target.readerKey());
            Process node = pb.start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = node.waitFor();
            double lighthouseSeconds = (System.nanoTime() - t0) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("Lighthouse exited with " + code);
            }
            JsonNode lh = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElse("{}"));
            List<Double> lcps = new ArrayList<>();
            List<String> lhErrors = new ArrayList<>();
            lh.get("steps").forEach(s -> {
                if (s.get("lcpMs").isNumber()) {
                    lcps.add(s.get("lcpMs").asDouble());
                }
                s.get("consoleErrors").forEach(e -> lhErrors.add(e.asText()));
            });
            lcps.sort(Double::compare);
            VerdictLine gateLcp = line(gate, "largest contentful paint p95");
            VerdictLine gateErrors = line(gate, "console errors");
            System.out.printf(Locale.ROOT, "dashboard %s, %d loads, fault '%s'%n", target.dashboardUrl(), loads, fault);
            System.out.printf(Locale.ROOT, "browser gate: %s in %.1f s; LCP %s; console errors %s%n", gate.outcome(), gateSeconds, gateLcp.measured(),
                    gateErrors.outcome() == com.driftsentry.gate.verdict.Outcome.PASS ? "none" : gateErrors.reason());
            System.out.printf(Locale.ROOT, "lighthouse %s: %d navigations in %.1f s; LCP p50 %s ms (all: %s); console errors: %d %s%n",
                    lh.path("lighthouse").asText(), lh.get("steps").size(), lighthouseSeconds, lcps.isEmpty() ? "none" : String.format(Locale.ROOT, "%.0f", lcps.get(lcps.size() / 2)),
                    lcps, lhErrors.size(), lhErrors.stream().distinct().toList());
            Matcher p50 = Pattern.compile("p50 (\\d+) ms").matcher(gateLcp.measured());
            if (p50.find() && !lcps.isEmpty()) {
                double ratio = Double.parseDouble(p50.group(1)) / lcps.get(lcps.size() / 2);
                System.out.printf(Locale.ROOT, "LCP p50 gate / lighthouse = %.3f (within 10%%: %s)%n", ratio, Math.abs(ratio - 1) <= 0.10);
            }
        }
    }

    private static VerdictLine line(Verdict v, String criterion) {
        return v.lines().stream().filter(l -> l.criterion().equals(criterion)).findFirst().orElse(v.lines().get(0));
    }
}
