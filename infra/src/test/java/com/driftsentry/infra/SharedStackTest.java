package com.driftsentry.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The shared stack (images, state bucket, the GitHub deploy role) and the IAM rules of every stack. */
class SharedStackTest {
    /** Each AWS SDK call as IAM names it; a call the sources make that is not here fails the test until it is added. */
    static final Map<String, String> IAM_ACTION = Map.ofEntries(
            Map.entry("describeServices", "ecs:DescribeServices"), Map.entry("updateService", "ecs:UpdateService"),
            Map.entry("describeTaskDefinition", "ecs:DescribeTaskDefinition"), Map.entry("registerTaskDefinition", "ecs:RegisterTaskDefinition"),
            Map.entry("listTasks", "ecs:ListTasks"), Map.entry("describeTasks", "ecs:DescribeTasks"),
            Map.entry("describeNetworkInterfaces", "ec2:DescribeNetworkInterfaces"), Map.entry("describeAlarms", "cloudwatch:DescribeAlarms"),
            Map.entry("describeBudget", "budgets:ViewBudget"), Map.entry("describeImages", "ecr:DescribeImages"),
            Map.entry("getSecretValue", "secretsmanager:GetSecretValue"), Map.entry("getObjectAsBytes", "s3:GetObject"),
            Map.entry("putObject", "s3:PutObject"), Map.entry("deleteObject", "s3:DeleteObject"), Map.entry("listObjectsV2Paginator", "s3:ListBucket"),
            Map.entry("describeStacks", "cloudformation:DescribeStacks"), Map.entry("listObjectVersionsPaginator", "s3:ListBucketVersions"),
            Map.entry("copyObject", "s3:GetObjectVersion"), Map.entry("createInvalidation", "cloudfront:CreateInvalidation"),
            Map.entry("getInvalidation", "cloudfront:GetInvalidation"), Map.entry("runTask", "ecs:RunTask"), Map.entry("stopTask", "ecs:StopTask"));
    /** Calls in those files that are not AWS's. */
    static final Set<String> NOT_AWS = Set.of("copyOf", "getClass", "getMessage", "getOrDefault", "getProperty", "getRuntime", "getSimpleName");
    /** What the deploy workflow's image push needs beyond driftgate (docker push to ECR). */
    static final Set<String> IMAGE_PUSH = Set.of("ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
            "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "iam:PassRole",
            // RunTask with tags needs it (its condition: in RunTask only).
            "ecs:TagResource");
    static final Pattern CALL = Pattern.compile("\\.((?:describe|list|put|delete|update|register|create|head|copy|batch|view|get|run|stop)[A-Z]\\w*)\\(");

    @Test
    void imagesAreScannedKeptImmutableAndTheStateBucketIsVersionedEncryptedPrivate() {
        Template t = Stacks.of("DriftSentry-Shared");
        assertScannedImmutableKeeping(t, "driftsentry-backend", 20);
        t.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("BucketName", "driftsentry-driftgate-state",
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "BucketEncryption", Match.anyValue(),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true))));
        t.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    /** An image repository whose images are scanned on push, whose tags name one image for good, and which keeps the last {@code keep}. */
    static void assertScannedImmutableKeeping(Template t, String repository, int keep) {
        t.hasResourceProperties("AWS::ECR::Repository", Match.objectLike(Map.of("RepositoryName", repository,
                "ImageScanningConfiguration", Map.of("ScanOnPush", true), "ImageTagMutability", "IMMUTABLE",
                "LifecyclePolicy", Match.objectLike(Map.of("LifecyclePolicyText", Match.stringLikeRegexp(".*\"countNumber\":" + keep + "\\b.*"))))));
    }

    @Test
    void onlyTheRepositorysGithubEnvironmentsMayAssumeTheDeployRole() {
        Template t = Stacks.of("DriftSentry-Shared");
        Map<String, Object> condition = Map.of("StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                "StringLike", Map.of("token.actions.githubusercontent.com:sub",
                        List.of("repo:acme/driftsentry:environment:staging", "repo:acme/driftsentry:environment:production")));
        Object trust = Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of("Action", "sts:AssumeRoleWithWebIdentity",
                "Condition", condition)))));
        t.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("RoleName", "driftsentry-github-deploy", "AssumeRolePolicyDocument", trust)));
    }

    @Test
    void noPolicyOfAnyStackAllowsAWildcardAction() {
        List<String> wild = new ArrayList<>();
        for (String stack : Stacks.names()) {
            Template t = Stacks.of(stack);
            for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role")) {
                t.findResources(type).forEach((id, r) -> actions(r).stream().filter(a -> a.contains("*")).forEach(a -> wild.add(stack + "/" + id + ": " + a)));
            }
        }
        assertEquals(List.of(), wild);
    }

    @Test
    void theDeployRoleAllowsEveryAwsCallTheDriverMakesAndNothingElse() throws IOException {
        // With staging's load on ECS generators, so that the generators' RunTask and StopTask are derived too.
        Map<String, String> calls = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Path root : List.of(Stacks.REPOSITORY.resolve("driver/src/main/java"), Stacks.REPOSITORY.resolve("gate-core/src/main/java"),
                Stacks.REPOSITORY.resolve("simulations/src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(f);
                    if (!source.contains("import software.amazon.awssdk.services.")) {
                        continue;
                    }
                    Matcher m = CALL.matcher(source);
                    while (m.find()) {
                        String call = m.group(1);
                        if (IAM_ACTION.containsKey(call)) {
                            calls.put(IAM_ACTION.get(call), f.getFileName() + " " + call);
                        } else if (!NOT_AWS.contains(call)) {
                            unknown.add(f.getFileName() + ": " + call);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unknown, "AWS calls without an IAM action in this test's table: add them, and to DeployRole");
        assertTrue(calls.size() >= 14, "the scan found the driver's calls: " + calls);
        Set<String> allowed = new TreeSet<>();
        Stacks.scaledOut("DriftSentry-Shared").findResources("AWS::IAM::Policy").values().forEach(p -> allowed.addAll(actions(p)));
        // A stage stack grants the role (by name) its own hosted dashboard's bucket and distribution.
        for (String stage : List.of("DriftSentry-staging", "DriftSentry-production")) {
            Stacks.scaledOut(stage).findResources("AWS::IAM::Policy").values().stream()
                    .filter(p -> String.valueOf(((Map<?, ?>) p.get("Properties")).get("Roles")).contains(DeployRole.NAME)).forEach(p -> allowed.addAll(actions(p)));
        }
        Set<String> missing = new TreeSet<>(calls.keySet());
        missing.removeAll(allowed);
        assertEquals(Set.of(), missing, "calls the deploy role does not allow: " + calls);
        Set<String> unused = new TreeSet<>(allowed);
        unused.removeAll(calls.keySet());
        unused.removeAll(IMAGE_PUSH);
        assertEquals(Set.of(), unused, "actions no code calls");
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> resource) {
        List<String> out = new ArrayList<>();
        Object properties = resource.get("Properties");
        collect(properties, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("Action".equals(k) || "NotAction".equals(k)) {
                    if (v instanceof List<?> list) {
                        list.forEach(a -> out.add(String.valueOf(a)));
                    } else {
                        out.add(String.valueOf(v));
                    }
                } else {
                    collect(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }
}
