package com.driftsentry.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.iam.OpenIdConnectProvider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The role GitHub Actions assumes through OIDC (no long-lived keys) for the deploy and nightly
 * workflows: exactly the calls driftgate, the load gate's secret reads and the image pushes make,
 * each on the resources it names (a stage whose load runs on ECS adds RunTask of its generators' task
 * definition, StopTask of its cluster's tasks tagged as generators and PassRole of the generators' two roles).
 * Only the calls AWS cannot scope to a resource
 * (ecr:GetAuthorizationToken, ecs:RegisterTaskDefinition/DescribeTaskDefinition,
 * ec2:DescribeNetworkInterfaces) are on {@code *}; no action is a wildcard.
 */
final class DeployRole extends Construct {
    static final String GITHUB_OIDC = "token.actions.githubusercontent.com";
    /** Named, so a stage stack can grant it that stage's own resources (the hosted dashboard's bucket and distribution). */
    static final String NAME = "driftsentry-github-deploy";
    /** The tag driftgate's ecs engine puts on each generator task (simulations: EcsEngine.ROLE_TAG), and its value. */
    static final String GENERATOR_TAG = "driftgate-role";
    static final String GENERATOR_ROLE = "load-generator";

    final Role role;

    DeployRole(Construct scope, String id, SharedSettings shared, List<StageSettings> stages, Repository repository, Bucket state,
               Optional<Repository> generatorImages) {
        super(scope, id);
        OpenIdConnectProvider github = OpenIdConnectProvider.Builder.create(this, "GitHub").url("https://" + GITHUB_OIDC)
                .clientIds(List.of("sts.amazonaws.com")).build();
        List<String> subjects = shared.githubEnvironments().stream()
                .map(e -> "repo:" + shared.githubRepository() + ":environment:" + e).toList();
        this.role = Role.Builder.create(this, "Role").roleName(NAME)
                .description("GitHub Actions (" + shared.githubRepository() + ") deploys and gates DriftSentry with driftgate")
                .assumedBy(new WebIdentityPrincipal(github.getOpenIdConnectProviderArn(), Map.of(
                        "StringEquals", Map.of(GITHUB_OIDC + ":aud", "sts.amazonaws.com"),
                        "StringLike", Map.of(GITHUB_OIDC + ":sub", subjects))))
                .build();
        statements(stages, repository, state, generatorImages).forEach(role::addToPolicy);
    }

    static List<PolicyStatement> statements(List<StageSettings> stages, Repository repository, Bucket state, Optional<Repository> generatorImages) {
        String arn = "arn:" + Aws.PARTITION + ":";
        String regionAccount = Aws.REGION + ":" + Aws.ACCOUNT_ID;
        List<PolicyStatement> all = new ArrayList<>();
        all.add(allow(List.of("ecr:GetAuthorizationToken", "ecs:RegisterTaskDefinition", "ecs:DescribeTaskDefinition",
                "ec2:DescribeNetworkInterfaces"), List.of("*")));
        all.add(allow(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
                "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages"), List.of(repository.getRepositoryArn())));
        // The generator image: the deploy workflow looks for the commit's and pushes it when missing.
        generatorImages.ifPresent(g -> all.add(allow(List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages"), List.of(g.getRepositoryArn()))));
        List<String> services = new ArrayList<>();
        List<String> tasks = new ArrayList<>();
        List<String> passRoles = new ArrayList<>();
        List<String> alarms = new ArrayList<>();
        List<String> budgets = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> stacks = new ArrayList<>();
        List<String> generatorFamilies = new ArrayList<>();
        List<String> generatorClusters = new ArrayList<>();
        List<String> generatorTasks = new ArrayList<>();
        for (StageSettings s : stages) {
            // ${stack:DriftSentry-<stage>#ApiUrl}: the stage's address as its stack says it.
            stacks.add(arn + "cloudformation:" + regionAccount + ":stack/DriftSentry-" + s.stage() + "/*");
            services.add(arn + "ecs:" + regionAccount + ":service/" + s.cluster() + "/" + s.service());
            tasks.add(arn + "ecs:" + regionAccount + ":task/" + s.cluster() + "/*");
            tasks.add(arn + "ecs:" + regionAccount + ":container-instance/" + s.cluster() + "/*");
            passRoles.add(arn + "iam::" + Aws.ACCOUNT_ID + ":role/" + StageStack.roleName(s, "task"));
            passRoles.add(arn + "iam::" + Aws.ACCOUNT_ID + ":role/" + StageStack.roleName(s, "execution"));
            s.generators().ifPresent(g -> {
                generatorFamilies.add(arn + "ecs:" + regionAccount + ":task-definition/" + g.family() + ":*");
                generatorClusters.add(arn + "ecs:" + regionAccount + ":cluster/" + s.cluster());
                generatorTasks.add(arn + "ecs:" + regionAccount + ":task/" + s.cluster() + "/*");
                passRoles.add(arn + "iam::" + Aws.ACCOUNT_ID + ":role/" + StageStack.roleName(s, "generator-task"));
                passRoles.add(arn + "iam::" + Aws.ACCOUNT_ID + ":role/" + StageStack.roleName(s, "generator-execution"));
            });
            s.alarms().forEach(a -> alarms.add(arn + "cloudwatch:" + regionAccount + ":alarm:" + a));
            budgets.add(arn + "budgets::" + Aws.ACCOUNT_ID + ":budget/" + s.budgetName());
            s.secrets().forEach(name -> secrets.add(arn + "secretsmanager:" + regionAccount + ":secret:" + name + "-*"));
        }
        all.add(allow(List.of("ecs:DescribeServices", "ecs:UpdateService"), services));
        all.add(allow(List.of("ecs:DescribeTasks", "ecs:ListTasks"), tasks));
        if (!generatorFamilies.isEmpty()) {
            // Load generators: RunTask of their task definition only, on their stage's cluster only. The tasks are tagged as they
            // start (TagResource, in RunTask only), and StopTask reaches only tasks so tagged: never the API's.
            all.add(PolicyStatement.Builder.create().actions(List.of("ecs:RunTask")).resources(generatorFamilies)
                    .conditions(Map.of("ArnEquals", Map.of("ecs:cluster", generatorClusters))).build());
            all.add(PolicyStatement.Builder.create().actions(List.of("ecs:TagResource")).resources(generatorTasks)
                    .conditions(Map.of("StringEquals", Map.of("ecs:CreateAction", "RunTask"))).build());
            all.add(PolicyStatement.Builder.create().actions(List.of("ecs:StopTask")).resources(generatorTasks)
                    .conditions(Map.of("StringEquals", Map.of("aws:ResourceTag/" + GENERATOR_TAG, GENERATOR_ROLE))).build());
        }
        all.add(PolicyStatement.Builder.create().actions(List.of("iam:PassRole")).resources(passRoles)
                .conditions(Map.of("StringEquals", Map.of("iam:PassedToService", "ecs-tasks.amazonaws.com"))).build());
        all.add(allow(List.of("cloudwatch:DescribeAlarms"), alarms));
        all.add(allow(List.of("budgets:ViewBudget"), budgets.stream().distinct().toList()));
        all.add(allow(List.of("secretsmanager:GetSecretValue"), secrets));
        all.add(allow(List.of("cloudformation:DescribeStacks"), stacks));
        all.add(allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), List.of(state.getBucketArn() + "/driftgate/*")));
        // Without ListBucket a missing key reads as 403, not 404 (docs/driver.md): allowed on the stages' prefix only.
        all.add(PolicyStatement.Builder.create().actions(List.of("s3:ListBucket")).resources(List.of(state.getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of("driftgate/*")))).build());
        return all;
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }
}
