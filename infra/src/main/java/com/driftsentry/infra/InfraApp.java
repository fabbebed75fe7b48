package com.driftsentry.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code DriftSentry-Shared} and one {@code DriftSentry-<stage>} stack per stage of
 * {@code infra/stages.yaml}, into {@code cdk.out} (run from the repository root: {@code cdk synth}
 * with {@code infra/cdk.json}, or {@code mvn -f infra/pom.xml compile exec:java}). The account comes
 * from the CDK's environment (CDK_DEFAULT_ACCOUNT) at deploy time; synthesis needs none.
 */
public final class InfraApp {
    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, Path.of(System.getProperty("driftsentry.repository", "..")).toAbsolutePath().normalize());
        app.synth();
    }

    /** The stacks, in the order they deploy. */
    public static List<Stack> build(App app, Path repository) {
        SharedSettings shared = SharedSettings.read(repository);
        List<StageSettings> stages = new ArrayList<>();
        StageSettings.yaml(repository.resolve("infra/stages.yaml")).path("stages").fieldNames()
                .forEachRemaining(name -> stages.add(StageSettings.read(repository, name)));
        StackProps props = StackProps.builder().env(Environment.builder().account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(shared.region()).build()).build();
        SharedStack sharedStack = new SharedStack(app, "DriftSentry-Shared", props, shared, stages);
        List<Stack> all = new ArrayList<>(List.of(sharedStack));
        for (StageSettings s : stages) {
            if (!s.region().equals(shared.region())) {
                throw new IllegalArgumentException("environments/" + s.stage() + ".yaml: platform.region: " + s.region()
                        + " is not the shared region " + shared.region() + " of infra/stages.yaml (fix: one region for every stage)");
            }
            StageStack stage = new StageStack(app, "DriftSentry-" + s.stage(), props, s, sharedStack.repository(), shared.stateBucket(),
                    sharedStack.generatorImages());
            stage.addDependency(sharedStack);
            all.add(stage);
        }
        return all;
    }
}
