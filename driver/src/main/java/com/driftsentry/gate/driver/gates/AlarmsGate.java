package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The named CloudWatch alarms: any in ALARM fails; a named alarm that does not exist is no evidence (INCONCLUSIVE), never a pass. */
public final class AlarmsGate implements Gate {
    private final CloudWatchClient cloudWatch;
    private final List<String> names;
    private final String environment;

    public AlarmsGate(CloudWatchClient cloudWatch, List<String> names, String environment) {
        this.cloudWatch = cloudWatch;
        this.names = List.copyOf(names);
        this.environment = environment;
    }

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    public Verdict judge() {
        Outcome outcome;
        String measured;
        String reason;
        try {
            List<MetricAlarm> alarms = cloudWatch.describeAlarms(b -> b.alarmNames(names)).metricAlarms();
            Set<String> firing = new TreeSet<>();
            Set<String> missing = new TreeSet<>(names);
            for (MetricAlarm a : alarms) {
                missing.remove(a.alarmName());
                if (a.stateValue() == StateValue.ALARM) {
                    firing.add(a.alarmName());
                }
            }
            measured = alarms.size() + " found, " + firing.size() + " in ALARM";
            outcome = !firing.isEmpty() ? Outcome.FAIL : !missing.isEmpty() ? Outcome.INCONCLUSIVE : Outcome.PASS;
            reason = !firing.isEmpty() ? "in ALARM: " + String.join(", ", firing)
                    : !missing.isEmpty() ? "no such alarm: " + String.join(", ", missing) : "none in ALARM";
        } catch (SdkException e) {
            outcome = Outcome.INCONCLUSIVE;
            measured = "unknown";
            reason = "CloudWatch could not be asked: " + e.getMessage();
        }
        return Verdict.of("alarms", environment, String.join(", ", names), "CloudWatch", List.of(new VerdictLine("alarms",
                "none of " + names.size() + " in ALARM", measured, names.size(), names.size(), "now", outcome, reason)));
    }
}
