package com.driftsentry.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpServiceDiscoveryIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.VpcLink;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.servicediscovery.IService;
import software.amazon.awscdk.services.servicediscovery.PrivateDnsNamespace;
import software.constructs.Construct;

/**
 * The always-on stage's one stable HTTPS address: an API Gateway HTTP API on its default domain
 * ({@code https://<id>.execute-api.<region>.amazonaws.com}, AWS's certificate), reaching the tasks through a VPC link
 * and AWS Cloud Map, where ECS registers each task as it starts and deregisters it as it stops, so a rolling deploy
 * never leaves the address without a task. Chosen over an Application Load Balancer by price (docs/AWS-SETUP.md):
 * an ALB bills its hours and a public IPv4 address per zone whether or not a request comes. The tasks admit the API
 * port from the VPC link's security group only.
 */
final class ApiEntryPoint extends Construct {
    /** The stack output driftgate reads as the stage's {@code target.baseUrl} (environments/production.yaml). */
    static final String OUTPUT = "ApiUrl";

    final PrivateDnsNamespace namespace;
    private final SecurityGroup link;
    private final IVpc vpc;

    ApiEntryPoint(Construct scope, String id, StageSettings s, IVpc vpc, SecurityGroup tasks) {
        super(scope, id);
        this.vpc = vpc;
        this.namespace = PrivateDnsNamespace.Builder.create(this, "Namespace").name(s.stage() + ".driftsentry.internal").vpc(vpc)
                .description("where ECS registers the " + s.stage() + " API's tasks for the VPC link").build();
        this.link = SecurityGroup.Builder.create(this, "LinkGroup").vpc(vpc).description("the API Gateway VPC link of " + s.stage())
                .allowAllOutbound(false).build();
        link.addEgressRule(tasks, Port.tcp(StageStack.PORT), "to the API tasks only");
        tasks.addIngressRule(link, Port.tcp(StageStack.PORT), "the API, from the API Gateway VPC link only");
    }

    /** The HTTP API in front of {@code registered} (the service's Cloud Map service, SRV records of the API port). */
    HttpApi front(IService registered, StageSettings s) {
        VpcLink vpcLink = VpcLink.Builder.create(this, "Link").vpc(vpc).vpcLinkName("driftsentry-" + s.stage())
                .subnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build()).securityGroups(List.of(link)).build();
        HttpApi api = HttpApi.Builder.create(this, "Api").apiName("driftsentry-" + s.stage())
                .description("DriftSentry API (" + s.stage() + "): every path to the tasks")
                .defaultIntegration(HttpServiceDiscoveryIntegration.Builder.create("Tasks", registered).vpcLink(vpcLink).build())
                .build();
        StackOutput.named(this, OUTPUT, api.getApiEndpoint(), "the stage's API address: target.baseUrl of environments/" + s.stage() + ".yaml");
        return api;
    }
}
