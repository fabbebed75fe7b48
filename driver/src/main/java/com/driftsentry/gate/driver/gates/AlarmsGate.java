package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.aws.AwsCall;
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
public record AlarmsGate(CloudWatchClient cloudWatch, List<String> names, String environment) implements Gate {
    public AlarmsGate {
        names = List.copyOf(names);
    }

    @Override
    public String name() {
        return "alarms";
    }

    @Override
    public Verdict judge() {
        return verdict(environment, String.join(", ", names), "CloudWatch", line());
    }

    private VerdictLine line() {
        VerdictLine.Builder line = VerdictLine.of("alarms").threshold("none of " + names.size() + " in ALARM")
                .samples(names.size(), names.size()).window("now");
        List<MetricAlarm> alarms;
        try {
            alarms = cloudWatch.describeAlarms(b -> b.alarmNames(names)).metricAlarms();
        } catch (SdkException e) {
            return line.inconclusive("the alarms could not be read: " + AwsCall.problem("cloudwatch:DescribeAlarms", e, null));
        }
        Set<String> firing = new TreeSet<>();
        Set<String> missing = new TreeSet<>(names);
        for (MetricAlarm a : alarms) {
            missing.remove(a.alarmName());
            if (a.stateValue() == StateValue.ALARM) {
                firing.add(a.alarmName());
            }
        }
        line = line.measured(alarms.size() + " found, " + firing.size() + " in ALARM");
        if (!firing.isEmpty()) {
            return line.fail("in ALARM: " + String.join(", ", firing));
        }
        return missing.isEmpty() ? line.pass("none in ALARM") : line.inconclusive("no such alarm: " + String.join(", ", missing));
    }
}
