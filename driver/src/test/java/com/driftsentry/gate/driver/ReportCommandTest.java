package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.criteria.Knee;
import com.driftsentry.gate.evidence.GroupEvidence;
import com.driftsentry.gate.evidence.MemorySeries;
import com.driftsentry.gate.evidence.Percentiles;
import com.driftsentry.gate.history.TrendReport;
import com.driftsentry.gate.report.VerdictJson;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftgate report} over a stage store's history: twelve runs of one build, then six twice as
 * slow on one route; the page, the summary and changes.json say where it changed. The rule's own
 * tests replay real noise (gate-core's ChangeRuleTest); these runs are drawn from fixed seeds.
 */
class ReportCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty("gate.environments");
    }

    @Test
    void theReportReadsTheStoresHistoryAndNamesTheChange() throws Exception {
        FileStore store = nightly(18, 12);
        for (int run = 0; run < 18; run++) {
            store.put(String.format("runs/20261201T%02d0000Z-run%02d.json", run, run), ("{\"verdict\":\"PASS\",\"reports\":"
                    + "\"https://github.com/acme/driftsentry/actions/runs/" + (1000 + run) + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        CliRun run = CliRun.of("report", "--env", "nightly", "--out", dir.resolve("nightly").toString());
        int code = run.code();
        String text = run.stdout();
        assertEquals(0, code, text);
        // One group, so "global" is the same requests as "drifts": both see the change, and nothing else does.
        assertTrue(text.contains("18 runs, 2 change(s) detected") && text.contains("| drifts | latency | 20261201T120000Z-run12 |")
                && text.contains("| global | latency | 20261201T120000Z-run12 |"), text);
        var changes = new ObjectMapper().readTree(dir.resolve("nightly/changes.json").toFile()).get("changes");
        assertEquals(2, changes.size(), changes.toString());
        changes.forEach(c -> assertEquals("20261201T120000Z-run12", c.get("fromRun").asText(), c.toString()));
        String html = Files.readString(dir.resolve("nightly/report.html"));
        assertTrue(html.contains("change at 20261201T120000Z-run12"), "the change is drawn where it starts");
        assertTrue(html.contains("<td>PASS</td><td><a href=\"https://github.com/acme/driftsentry/actions/runs/1017\">"), "each run's verdict and reports");
    }

    @Test
    void thePromotedBaselineIsTheOneMarkedAndNamedByItsRun() throws Exception {
        FileStore store = nightly(8, 8);
        Path out = dir.resolve("nightly");
        CliRun before = CliRun.of("report", "--env", "nightly", "--out", out.toString());
        assertEquals(0, before.code(), before.all());
        assertTrue(Files.readString(out.resolve("report.html")).contains("The baseline is the median p99"), "no promotion yet: the runs' median, said");

        store.put("baseline.json", store.read("evidence/20261201T050000Z-run05.json").orElseThrow().body());
        CliRun promoted = CliRun.of("report", "--env", "nightly", "--out", out.toString());
        assertEquals(0, promoted.code(), promoted.all());
        String html = Files.readString(out.resolve("report.html"));
        long p99 = Percentiles.of(evidence(5, 1.0).scope("drifts").histogram(), 99);
        assertTrue(html.contains("<th>promoted baseline p99</th>") && html.contains("of run 20261201T050000Z-run05, the last promoted"), html);
        assertTrue(html.contains("<line class=\"baseline\"") && html.contains(">promoted baseline " + TrendReport.num(p99) + " ms</text>"),
                "its p99 as the gate reads it, on the chart: " + p99);

        store.put("baseline.json", "{\"format\":\"something else\"}".getBytes(StandardCharsets.UTF_8));
        CliRun damaged = CliRun.of("report", "--env", "nightly", "--out", out.toString());
        assertEquals(0, damaged.code(), "the nightly page still renders");
        assertTrue(damaged.stderr().contains("warning: the stage's promoted baseline is not marked: ") && damaged.stderr().contains("baseline.json: format"),
                damaged.stderr());
        assertTrue(Files.readString(out.resolve("report.html")).contains("The baseline is the median p99"));

        CliRun missing = CliRun.of("report", "--env", "nightly", "--baseline", dir.resolve("nope.json").toString(), "--out", out.toString());
        assertEquals(3, missing.code());
        assertTrue(missing.stderr().contains("--baseline: ") && missing.stderr().contains("fix:") && !missing.all().contains("\tat "), missing.all());
        Path given = dir.resolve("given.json");
        EvidenceFile.write(evidence(99, 3.0), given);
        CliRun named = CliRun.of("report", "--env", "nightly", "--baseline", given.toString(), "--out", out.toString());
        assertEquals(0, named.code(), named.all());
        assertTrue(Files.readString(out.resolve("report.html")).contains("(not among the runs charted)"), "a file that is none of the runs, said so");
    }

    @Test
    void soakAndStressRunsRecordedIntoTheHistoryAreChartedApartFromTheGatedRuns() throws Exception {
        FileStore store = nightly(6, 6);
        Path envs = dir.resolve("environments");
        Path stress = Files.createDirectories(dir.resolve("gate/stresssimulation-20261202-021700"));
        Evidence stressed = evidence(7, 1.0);
        EvidenceFile.write(new Evidence("StressSimulation", "nightly", stressed.groups(), null, List.of()), stress.resolve("evidence.json"));
        Files.writeString(stress.resolve("verdict.json"), VerdictJson.render(Verdict.of("load", "nightly", "StressSimulation", "t", List.of(
                VerdictLine.of("target ready before the load").threshold("ready").measured("200 {\"status\":\"ready\",\"version\":\"0.4.2\"}")
                        .samples(1, 1).window("0.2 s before the load").pass("ready"),
                VerdictLine.of(Knee.CRITERION).threshold("40 users/s").measured("knee at 60 users/s").samples(300, 0).window("run")
                        .judged(true, "the service holds the configured peak", "")))));
        Path soak = Files.createDirectories(dir.resolve("gate/soaksimulation-20261202-020000"));
        List<MemorySeries.Sample> readings = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            readings.add(new MemorySeries.Sample(Instant.parse("2026-12-02T02:00:00Z").plusSeconds(9L * i), (300L << 20) + i * (1L << 20),
                    (40L << 20) + (i % 7) * (4L << 20)));
        }
        EvidenceFile.write(new Evidence("SoakSimulation", "nightly", stressed.groups(), null, List.of(), new MemorySeries(readings)),
                soak.resolve("evidence.json"));

        assertEquals(3, Driftgate.run("record", "--env", "nightly", soak.toString(), dir.resolve("gate").toString()),
                "a folder without evidence is bad input");
        assertEquals(6, store.list("evidence/").size(), "and nothing of the good one before it was kept");
        Files.writeString(envs.resolve("other.yaml"), "name: other\ntarget: { baseUrl: embedded }\ngates: {}\nstate: { type: file, path: "
                + dir.resolve("state") + " }\n");
        assertEquals(3, Driftgate.run("record", "--env", "other", soak.toString()), "another environment's evidence is refused");

        assertEquals(0, Driftgate.run("record", "--env", "nightly", stress.toString(), soak.toString()));
        assertEquals(8, store.list("evidence/").size());
        CliRun run = CliRun.of("report", "--env", "nightly", "--out", dir.resolve("nightly").toString());
        assertEquals(0, run.code());
        String text = run.stdout();
        assertTrue(text.contains("6 runs, no change detected"), "the rule judges the gated runs only: " + text);
        String html = Files.readString(dir.resolve("nightly/report.html"));
        assertTrue(html.contains("<h2>Stress: the knee</h2><p>1 stress run(s)") && html.contains("aria-label=\"knee\"") && html.contains(">80 users/s</text>"), html);
        assertTrue(html.contains("class=\"xrelease\"") && html.contains(">0.4.2</text>"), "the release the stress run's target served, recorded with it");
        assertTrue(html.contains("<h2>The target's memory</h2><p>1 run(s) that read it") && html.contains("aria-label=\"memory growth\""), html);
    }

    /** The environment "nightly" with a folder store holding {@code runs} runs' evidence, twice as slow from run {@code slowerFrom}. */
    private FileStore nightly(int runs, int slowerFrom) throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("nightly.yaml"), "name: nightly\ntarget: { baseUrl: embedded }\ngates: {}\nstate: { type: file, path: "
                + dir.resolve("state") + " }\n");
        System.setProperty("gate.environments", envs.toString());
        FileStore store = new FileStore(dir.resolve("state"));
        for (int run = 0; run < runs; run++) {
            Path file = dir.resolve("run.json");
            EvidenceFile.write(evidence(run, run >= slowerFrom ? 2.0 : 1.0), file);
            store.put(String.format("evidence/20261201T%02d0000Z-run%02d.json", run, run), Files.readAllBytes(file));
        }
        return store;
    }

    /** A run of 300 drifts requests, latencies lognormal around 6 ms times {@code slower}, fixed seed per run. */
    private static Evidence evidence(int run, double slower) {
        Random random = new Random(run);
        var h = GroupEvidence.newHistogram();
        for (int i = 0; i < 300; i++) {
            h.recordValue(Math.max(1, Math.round(slower * Math.exp(Math.log(6) + 0.5 * random.nextGaussian()))));
        }
        Map<String, Long> classes = new TreeMap<>(Map.of("2xx", 300L, "3xx", 0L, "4xx", 0L, "5xx", 0L, "none", 0L));
        Instant start = Instant.parse("2026-12-01T00:00:00Z").plusSeconds(3600L * run);
        return new Evidence("ApiMixSimulation", "nightly", Map.of("drifts", new GroupEvidence("drifts", h, classes, 0, start, start.plusSeconds(10))),
                new Evidence.CacheCounters(90, 10), List.of());
    }
}
