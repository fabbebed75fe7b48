package com.driftsentry.gate.driver.cost;

import com.driftsentry.gate.environment.DeployConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prices synthesized CloudFormation templates: each resource type that bills is priced from what the
 * template says (task size and architecture, desired count, public addresses, instance class, storage,
 * alarm metrics) and the environment's usage for what it cannot say (gated hours, logs, images, state).
 * A month is 730 hours. A type neither priced here nor listed free in the table is reported, not guessed.
 */
public final class StackEstimator {
    static final double HOURS = 730;
    // dashboard/src/main/resources/dashboard: 9.4 KB of files before compression, and config.json.
    static final double PAGE_KB = 10;
    static final double DASHBOARD_GB = 0.001;

    private final PriceTable prices;
    private final DeployConfig.Usage usage;
    private final int tasksWhenGated;
    private final boolean alwaysFree;
    private final List<CostLine> lines = new ArrayList<>();
    private final List<String> unpriced = new ArrayList<>();
    private final List<String> assumptions = new ArrayList<>();
    private final Map<String, Double> quantities = new LinkedHashMap<>();
    private String stack;
    private double activeFraction;
    private LoadGenerators generators;
    private boolean generatorsFound;

    public StackEstimator(PriceTable prices, DeployConfig.Usage usage, int tasksWhenGated, boolean alwaysFree) {
        this.prices = prices;
        this.usage = usage;
        this.tasksWhenGated = Math.max(1, tasksWhenGated);
        this.alwaysFree = alwaysFree;
    }

    /** The generators of the environment's load gate: their task definition in a template is priced per run, not left free. */
    public StackEstimator withGenerators(LoadGenerators generators) {
        this.generators = generators;
        return this;
    }

    /** Adds one template (a stack) to the estimate. */
    public StackEstimator add(String stackName, JsonNode template) {
        stack = stackName;
        JsonNode resources = template.path("Resources");
        // Metrics and logs exist only while a task runs: a stage at rest between gates publishes none.
        activeFraction = 1;
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::ECS::Service") && r.path("Properties").path("DesiredCount").asInt(1) == 0) {
                activeFraction = Math.min(1, usage.gatedHoursPerMonth().orElse(0) / HOURS);
            }
        });
        resources.fields().forEachRemaining(e -> price(e.getKey(), e.getValue(), resources));
        return this;
    }

    public CostEstimate estimate() {
        if (generators != null && !generatorsFound) {
            unpriced.add("load generators: no template holds the task definition " + generators.family() + ", so their runs are not priced "
                    + "(fix: build it with infra/ (gates.load.generators), or list the template that has it in gates.budget.estimate.templates)");
        }
        List<CostLine> all = new ArrayList<>(lines);
        if (alwaysFree) {
            prices.allowances().forEach((key, free) -> {
                double used = quantities.getOrDefault(key, 0.0);
                if (used > 0) {
                    double covered = Math.min(used, free);
                    all.add(new CostLine("(account)", "always-free " + key, "", String.format(Locale.ROOT, "%s of %s free", num(covered), num(free)),
                            -covered * prices.price(key).usd(), "alwaysFree"));
                }
            });
        } else {
            assumptions.add("list prices: no free tier or credit (set gates.budget.estimate.alwaysFree: true if the account has AWS's always-free tier)");
        }
        return new CostEstimate(List.copyOf(all), List.copyOf(unpriced), List.copyOf(assumptions), prices);
    }

    private void price(String id, JsonNode resource, JsonNode resources) {
        String type = resource.path("Type").asText();
        JsonNode p = resource.path("Properties");
        switch (type) {
            case "AWS::ECS::Service" -> service(id, p, resources);
            case "AWS::RDS::DBInstance" -> database(id, p);
            case "AWS::SecretsManager::Secret" -> line(name(id, p, "Name"), "secretsmanager.secretMonth", 1, "1 secret, all month");
            case "AWS::CloudWatch::Alarm" -> {
                int metrics = p.has("Metrics") ? (int) count(p.get("Metrics"), m -> m.has("MetricStat")) : 1;
                line(name(id, p, "AlarmName"), "cloudwatch.alarmMetricMonth", metrics, metrics + " alarm metric" + (metrics == 1 ? "" : "s") + ", all month");
            }
            case "AWS::CloudWatch::Dashboard" -> line(name(id, p, "DashboardName"), "cloudwatch.dashboardMonth", 1, "1 dashboard, all month");
            case "AWS::Logs::MetricFilter" -> {
                int metrics = p.path("MetricTransformations").size();
                line("metric " + p.path("MetricTransformations").path(0).path("MetricName").asText(id), "cloudwatch.customMetricMonth",
                        metrics * activeFraction, active(metrics + " custom metric"));
            }
            case "AWS::Logs::LogGroup" -> logs(id, p);
            case "AWS::ECR::Repository" -> line(name(id, p, "RepositoryName"), "ecr.storageGbMonth", usage.imageStorageGb(),
                    num(usage.imageStorageGb()) + " GB of images (usage.imageStorageGb)");
            case "AWS::S3::Bucket" -> bucket(id, p, resources);
            case "AWS::CloudFront::Distribution" -> pageLoads(id);
            case "AWS::ApiGatewayV2::Api" -> perRequest(name(id, p, "Name") + " requests", "apigateway.http.millionRequests", "HTTP API requests");
            case "AWS::ServiceDiscovery::PrivateDnsNamespace" -> line(name(id, p, "Name"), "route53.hostedZoneMonth", 1,
                    "1 private hosted zone (the namespace's), all month");
            case "AWS::ServiceDiscovery::Service" -> registry(id, p, resources);
            case "AWS::EC2::NatGateway" -> line("NAT gateway " + id, "natGateway.hour", HOURS, "730 h; data processed not priced");
            case "AWS::ECS::TaskDefinition" -> {
                if (generators != null && generators.family().equals(p.path("Family").asText())) {
                    generatorsFound = true;
                    generatorRuns(p);
                }
            }
            default -> {
                if (prices.whyFree(type).isEmpty()) {
                    unpriced.add(stack + ": " + type + " (" + id + "): no price in cost/aws-prices.yaml (fix: add its price with a source, "
                            + "or list it under free: with why)");
                }
            }
        }
    }

    private void service(String id, JsonNode p, JsonNode resources) {
        String name = name(id, p, "ServiceName");
        JsonNode task = resources.path(p.path("TaskDefinition").path("Ref").asText("")).path("Properties");
        if (!"FARGATE".equals(p.path("LaunchType").asText()) || task.isMissingNode()) {
            unpriced.add(stack + ": " + name + ": only a Fargate service whose task definition is in the same template is priced");
            return;
        }
        int desired = p.path("DesiredCount").asInt(1);
        double taskHours;
        String when;
        if (desired > 0) {
            taskHours = desired * HOURS;
            when = desired + " task" + (desired == 1 ? "" : "s") + " always on";
        } else if (usage.gatedHoursPerMonth().isPresent()) {
            taskHours = tasksWhenGated * usage.gatedHoursPerMonth().getAsDouble();
            when = tasksWhenGated + " task" + (tasksWhenGated == 1 ? "" : "s") + " only while gated, " + num(usage.gatedHoursPerMonth().getAsDouble())
                    + " h (usage.gatedHoursPerMonth)";
        } else {
            unpriced.add(stack + ": " + name + " rests at 0 tasks but gates.budget.estimate.usage.gatedHoursPerMonth is not given "
                    + "(fix: the hours a month it runs for deploys and gates)");
            return;
        }
        fargate(name, task, taskHours, when, "ENABLED".equals(p.path("NetworkConfiguration").path("AwsvpcConfiguration").path("AssignPublicIp").asText()));
    }

    /** Fargate tasks of {@code task}'s size for {@code taskHours}: vCPU and memory at its architecture's price, and an address each. */
    private void fargate(String name, JsonNode task, double taskHours, String when, boolean publicAddress) {
        String arch = task.path("RuntimePlatform").path("CpuArchitecture").asText("X86_64").toLowerCase(Locale.ROOT);
        double vcpu = task.path("Cpu").asDouble() / 1024;
        double gb = task.path("Memory").asDouble() / 1024;
        line(name + " vCPU", "fargate." + arch + ".vcpuHour", vcpu * taskHours, num(vcpu) + " vCPU x " + num(taskHours) + " task-h (" + when + ")");
        line(name + " memory", "fargate." + arch + ".gbHour", gb * taskHours, num(gb) + " GB x " + num(taskHours) + " task-h");
        if (publicAddress) {
            line(name + " public IPv4", "publicIpv4.hour", taskHours, "1 address per task x " + num(taskHours) + " task-h");
        }
    }

    /** N tasks for each run's load window and start, each with its public address (the service's network, copied). */
    private void generatorRuns(JsonNode task) {
        String name = "load generators " + generators.family();
        if (usage.loadRunsPerMonth().isEmpty()) {
            unpriced.add(stack + ": " + name + ": gates.budget.estimate.usage.loadRunsPerMonth is not given (fix: how many load gate runs a "
                    + "month start the " + generators.count() + " generator tasks)");
            return;
        }
        double runs = usage.loadRunsPerMonth().getAsDouble();
        fargate(name, task, runs * generators.taskMinutesPerRun() / 60, generators.perMonth(runs), true);
    }

    private void bucket(String id, JsonNode p, JsonNode resources) {
        if (!referencing(resources, "AWS::CloudFront::Distribution", "DistributionConfig", id).isEmpty()) {
            line(name(id, p, "BucketName"), "s3.standard.gbMonth", DASHBOARD_GB, "the dashboard's files and their previous versions, about 1 MB");
            return;
        }
        boolean audit = !referencing(resources, "AWS::CloudTrail::Trail", "S3BucketName", id).isEmpty();
        double gb = audit ? usage.auditLogGb() : usage.stateStorageGb();
        line(name(id, p, "BucketName"), "s3.standard.gbMonth", gb, num(gb) + " GB stored (usage." + (audit ? "auditLogGb: the audit trail's"
                : "stateStorageGb") + "); requests not priced");
    }

    /** The hosted dashboard: each load of the page is its five files (page, script, style, icon, config.json), about 10 KB. */
    private void pageLoads(String id) {
        if (usage.dashboardLoadsPerMonth().isEmpty()) {
            unpriced.add(stack + ": CloudFront " + id + ": gates.budget.estimate.usage.dashboardLoadsPerMonth is not given (fix: how often a "
                    + "month people open the dashboard)");
            return;
        }
        double loads = usage.dashboardLoadsPerMonth().getAsDouble();
        line("CloudFront " + id + " requests", "cloudfront.https10kRequests", loads * 5 / 10_000, num(loads) + " page loads x 5 requests"
                + " (usage.dashboardLoadsPerMonth)");
        line("CloudFront " + id + " data out", "cloudfront.dataOutGb", loads * PAGE_KB / 1e6, num(loads) + " page loads x " + num(PAGE_KB) + " KB");
    }

    /** The tasks ECS registers in a Cloud Map service all month, and the discoveries an HTTP API integrating it makes. */
    private void registry(String id, JsonNode p, JsonNode resources) {
        for (JsonNode ecs : referencing(resources, "AWS::ECS::Service", "ServiceRegistries", id)) {
            int tasks = ecs.path("Properties").path("DesiredCount").asInt(1);
            line("Cloud Map " + name(id, p, "Name"), "cloudmap.resourceMonth", tasks, tasks + " registered task" + (tasks == 1 ? "" : "s") + ", all month");
        }
        if (!referencing(resources, "AWS::ApiGatewayV2::Integration", "IntegrationUri", id).isEmpty()) {
            // At most one DiscoverInstances call per request (API Gateway may cache them): an upper bound.
            perRequest("Cloud Map " + name(id, p, "Name") + " discoveries", "cloudmap.millionApiCalls", "discovery calls, at most one per API request");
        }
    }

    private void perRequest(String resource, String key, String what) {
        if (usage.apiRequestsPerMonth().isEmpty()) {
            unpriced.add(stack + ": " + resource + ": gates.budget.estimate.usage.apiRequestsPerMonth is not given (fix: the requests a month "
                    + "through the stage's entry point)");
            return;
        }
        double requests = usage.apiRequestsPerMonth().getAsDouble();
        line(resource, key, requests / 1e6, num(requests / 1e6) + " million " + what + " (usage.apiRequestsPerMonth)");
    }

    /** The resources of {@code type} that name {@code id} (by Ref or GetAtt) in their property {@code property}. */
    private static List<JsonNode> referencing(JsonNode resources, String type, String property, String id) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode r : resources) {
            if (r.path("Type").asText().equals(type) && r.path("Properties").path(property).toString().contains("\"" + id + "\"")) {
                found.add(r);
            }
        }
        return found;
    }

    private void database(String id, JsonNode p) {
        String name = name(id, p, "DBInstanceIdentifier");
        String instanceClass = p.path("DBInstanceClass").asText();
        String storage = p.path("StorageType").asText("gp2");
        int copies = p.path("MultiAZ").asBoolean(false) ? 2 : 1;
        if (prices.find("rds." + instanceClass + ".hour").isEmpty() || prices.find("rds." + storage + ".gbMonth").isEmpty()) {
            unpriced.add(stack + ": " + name + ": no price for " + instanceClass + " with " + storage + " storage in cost/aws-prices.yaml");
            return;
        }
        String az = copies == 2 ? "Multi-AZ (2 instances)" : "Single-AZ";
        line(name + " " + instanceClass, "rds." + instanceClass + ".hour", copies * HOURS, num(copies * HOURS) + " instance-h, " + az);
        double gb = p.path("AllocatedStorage").asDouble();
        line(name + " storage", "rds." + storage + ".gbMonth", copies * gb, num(gb) + " GB " + storage + (copies == 2 ? " x 2" : "")
                + "; backups within that size are free");
    }

    private void logs(String id, JsonNode p) {
        String name = name(id, p, "LogGroupName");
        double gb = usage.logGbPerMonth() * activeFraction;
        line(name + " ingestion", "logs.ingestGb", gb, active(num(usage.logGbPerMonth()) + " GB (usage.logGbPerMonth)"));
        int days = p.path("RetentionInDays").asInt(0);
        if (days == 0) {
            unpriced.add(stack + ": " + name + " keeps logs forever: its storage grows every month (fix: a retention)");
            return;
        }
        line(name + " storage", "logs.storageGbMonth", gb * Math.min(days, 30) / 30.0, num(days) + " days kept of what is ingested");
    }

    private void line(String resource, String key, double quantity, String usageText) {
        PriceTable.Price price = prices.price(key);
        quantities.merge(key, quantity, Double::sum);
        java.math.BigDecimal usd = java.math.BigDecimal.valueOf(price.usd()).stripTrailingZeros();
        lines.add(new CostLine(stack, resource, "$" + usd.setScale(Math.max(2, usd.scale())).toPlainString() + " per " + price.unit(), usageText,
                quantity * price.usd(), key));
    }

    private String active(String what) {
        return activeFraction >= 1 ? what + ", all month" : what + String.format(Locale.ROOT, ", %.1f%% of the month (while gated)", 100 * activeFraction);
    }

    private static String name(String id, JsonNode p, String field) {
        return p.path(field).isTextual() ? p.get(field).asText() : id;
    }

    private static long count(JsonNode list, java.util.function.Predicate<JsonNode> which) {
        long n = 0;
        for (JsonNode item : list) {
            n += which.test(item) ? 1 : 0;
        }
        return n;
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
