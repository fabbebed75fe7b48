package com.driftsentry.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionProps;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * What a stage reports: the alarms its environment file names (a name ending {@code HighCPU}: the
 * service's CPU over 80% for 3 minutes; {@code HighErrorRate}: 5xx answers in the API's JSON access
 * log over 1% of them for 5 minutes; any other name is refused, so that no alarm driftgate waits on is missing), the budget with notifications at 50%, 80% and 100% of
 * {@code budget.monthlyCapUsd}, one SNS topic all of them reach (subscribe Slack through AWS
 * Chatbot: docs/MONITORING.md), and a dashboard of the same figures unless {@code infra/stages.yaml} says
 * {@code dashboard: false} (a dashboard is $3.00 a month at list price: three times a $1.00 cap).
 */
final class StageMonitoring extends Construct {
    static final String NAMESPACE = "DriftSentry";

    StageMonitoring(Construct scope, String id, StageSettings s, FargateService service, LogGroup logs) {
        super(scope, id);
        Topic alerts = Topic.Builder.create(this, "Alerts").topicName("driftsentry-" + s.stage() + "-alerts").build();
        alerts.addToResourcePolicy(PolicyStatement.Builder.create().actions(List.of("sns:Publish"))
                .principals(List.of(new ServicePrincipal("budgets.amazonaws.com"))).resources(List.of(alerts.getTopicArn())).build());
        // The API's access log line (reference service, RequestContext; logback's JsonEncoder): loggerName "access" and
        // "kvpList": [{"method"}, {"route"}, {"status": "503"}, {"durationMs"}], the status a string in that order.
        Metric requests = counted(logs, "Requests", "{ $.loggerName = \"access\" }", s);
        Metric errors = counted(logs, "ServerErrors", "{ ($.loggerName = \"access\") && ($.kvpList[2].status = \"5*\") }", s);
        IMetric cpu = service.metricCpuUtilization(MetricOptions.builder().period(Duration.minutes(1)).build());
        List<String> unknown = new ArrayList<>();
        for (String name : s.alarms()) {
            Alarm alarm;
            if (name.endsWith("HighCPU")) {
                alarm = Alarm.Builder.create(this, name).alarmName(name).metric(cpu).threshold(80).evaluationPeriods(3)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData(TreatMissingData.NOT_BREACHING)
                        .alarmDescription("CPU of " + s.service() + " over 80% for 3 minutes").build();
            } else if (name.endsWith("HighErrorRate")) {
                alarm = Alarm.Builder.create(this, name).alarmName(name)
                        .metric(new MathExpression(MathExpressionProps.builder()
                                        .expression("IF(requests > 0, 100 * errors / requests, 0)")
                                        .usingMetrics(new TreeMap<>(Map.of("errors", errors, "requests", requests))).period(Duration.minutes(5)).build()))
                        .threshold(1).evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .alarmDescription("5xx answers of " + s.service() + " over 1% for 5 minutes").build();
            } else {
                unknown.add(name);
                continue;
            }
            alarm.addAlarmAction(new SnsAction(alerts));
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("environments/" + s.stage() + ".yaml: gates.alarms: " + unknown
                    + " is not an alarm this stack creates (fix: a name ending HighCPU or HighErrorRate)");
        }
        CfnBudget.Builder.create(this, "Budget").budget(CfnBudget.BudgetDataProperty.builder().budgetName(s.budgetName())
                .budgetType("COST").timeUnit("MONTHLY")
                .budgetLimit(CfnBudget.SpendProperty.builder().amount(s.monthlyCapUsd()).unit("USD").build()).build())
                .notificationsWithSubscribers(List.of(50, 80, 100).stream().map(percent -> CfnBudget.NotificationWithSubscribersProperty.builder()
                        .notification(CfnBudget.NotificationProperty.builder().notificationType("ACTUAL").comparisonOperator("GREATER_THAN")
                                .threshold(percent).thresholdType("PERCENTAGE").build())
                        .subscribers(List.of(CfnBudget.SubscriberProperty.builder().subscriptionType("SNS").address(alerts.getTopicArn()).build()))
                        .build()).map(n -> (Object) n).toList())
                .build();
        if (!s.dashboard()) {
            return;
        }
        Dashboard.Builder.create(this, "Dashboard").dashboardName("DriftSentry-" + s.stage()).widgets(List.of(List.of(
                GraphWidget.Builder.create().title("CPU and memory (%)").left(List.of(cpu,
                        service.metricMemoryUtilization(MetricOptions.builder().period(Duration.minutes(1)).build()))).width(12).build(),
                GraphWidget.Builder.create().title("requests and 5xx (per minute)").left(List.of(requests, errors)).width(12).build())))
                .build();
    }

    /** A count of the API's JSON access-log lines matching {@code pattern}, per minute. */
    private Metric counted(LogGroup logs, String name, String pattern, StageSettings s) {
        MetricFilter filter = MetricFilter.Builder.create(this, name).logGroup(logs).metricNamespace(NAMESPACE + "/" + s.stage())
                .metricName(name).filterPattern(FilterPattern.literal(pattern)).metricValue("1").defaultValue(0).build();
        return filter.metric(MetricOptions.builder().statistic("Sum").period(Duration.minutes(1)).build());
    }
}
