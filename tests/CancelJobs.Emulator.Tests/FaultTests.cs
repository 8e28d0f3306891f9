using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task Throttle_rate_one_gives_each_service_its_own_throttling_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { ThrottleRate = 1.0 };

        AwsResponse twinMaker = await emulator.RestAsync("GET", "/metadata-transfer-jobs/mtj-assembly-line-01", "iottwinmaker");
        AwsResponse iot = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot");
        AwsResponse dataZone = await emulator.RestAsync("GET", "/v2/domains/dzd_sales01/metadata-generation-runs", "datazone");
        AwsResponse dms = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = "legacy-oracle-to-aurora" });

        Assert.Equal(((HttpStatusCode)429, "ThrottlingException"), (twinMaker.Status, twinMaker.ErrorTypeHeader));
        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (iot.Status, iot.ErrorTypeHeader));
        Assert.Equal(((HttpStatusCode)429, "ThrottlingException"), (dataZone.Status, dataZone.ErrorTypeHeader));
        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (dms.Status, dms.ErrorCode));
        Assert.Null(dms.ErrorTypeHeader);
    }

    [Fact]
    public async Task Server_error_rate_one_gives_each_service_its_own_server_error()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { ServerErrorRate = 1.0 };

        AwsResponse twinMaker = await emulator.RestAsync("GET", "/metadata-transfer-jobs/mtj-assembly-line-01", "iottwinmaker");
        AwsResponse iot = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot");
        AwsResponse dms = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = "legacy-oracle-to-aurora" });

        Assert.Equal((HttpStatusCode.InternalServerError, "InternalServerException"), (twinMaker.Status, twinMaker.ErrorCode));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException"), (iot.Status, iot.ErrorCode));
        Assert.Equal((HttpStatusCode.InternalServerError, "InternalFailure"), (dms.Status, dms.ErrorCode));
    }

    [Fact]
    public async Task Requests_per_second_cap_throttles_the_excess_per_service()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { RequestsPerSecond = 3 };

        var statuses = new System.Collections.Generic.List<HttpStatusCode>();
        for (int i = 0; i < 10; i++)
        {
            statuses.Add((await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot")).Status);
        }
        AwsResponse otherService = await emulator.RestAsync("GET", "/metadata-transfer-jobs/mtj-assembly-line-01", "iottwinmaker");

        int admitted = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(admitted, 3, 6); // 3 per second; generous upper bound for a slow machine
        Assert.Contains(HttpStatusCode.BadRequest, statuses);
        Assert.Equal(HttpStatusCode.OK, otherService.Status);
        Assert.Contains(emulator.State.Requests, r => r.ErrorCode == "ThrottlingException");
    }

    [Fact]
    public async Task A_quota_is_a_token_bucket_per_operation_set_through_the_control_api_and_changeable_mid_run()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        var (status, _) = await emulator.ControlAsync("PUT", "faults", """{"quotas":{"DescribeJobExecution":{"requestsPerSecond":0.01,"burst":3}}}""");
        Assert.Equal(HttpStatusCode.OK, status);

        var describes = new System.Collections.Generic.List<AwsResponse>();
        for (int i = 0; i < 5; i++) describes.Add(await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot"));
        AwsResponse otherOperation = await emulator.RestAsync("GET", "/jobs/fw-rollout-7/things", "iot");

        // The burst, then the service's own throttling answer; another operation has its own (here no) quota.
        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest }, describes.Select(r => r.Status));
        Assert.Equal("ThrottlingException", describes[4].ErrorCode);
        Assert.Equal(HttpStatusCode.OK, otherOperation.Status);

        // Raised mid-run: tokens refill at the new rate from now on, without a reset.
        await emulator.ControlAsync("PUT", "faults", """{"quotas":{"DescribeJobExecution":{"requestsPerSecond":1000,"burst":3}}}""");
        await Task.Delay(20);
        Assert.Equal(HttpStatusCode.OK, (await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot")).Status);
    }

    [Fact]
    public async Task A_quota_answers_with_each_services_own_throttling_error_and_status()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { RequestsPerSecond = 0.01, Burst = 1 };

        async Task<AwsResponse> Twice(Func<Task<AwsResponse>> call)
        {
            await call();
            return await call();
        }
        AwsResponse twinMaker = await Twice(() => emulator.RestAsync("GET", "/metadata-transfer-jobs/mtj-assembly-line-01", "iottwinmaker"));
        AwsResponse iot = await Twice(() => emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot"));
        AwsResponse dataZone = await Twice(() => emulator.RestAsync("GET", "/v2/domains/dzd_sales01/metadata-generation-runs", "datazone"));
        AwsResponse dms = await Twice(() => emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = "legacy-oracle-to-aurora" }));

        Assert.Equal(((HttpStatusCode)429, "ThrottlingException"), (twinMaker.Status, twinMaker.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (iot.Status, iot.ErrorCode));
        Assert.Equal(((HttpStatusCode)429, "ThrottlingException"), (dataZone.Status, dataZone.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ThrottlingException"), (dms.Status, dms.ErrorCode));
    }

    [Fact]
    public async Task A_lost_response_runs_the_operation_but_never_answers()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { ResponseLossRate = 1, FaultOperations = new[] { "CancelJobExecution" } };

        await Assert.ThrowsAnyAsync<Exception>(() => emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot"));

        Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-rollout-7", "sensor-001")!.Status);
        Assert.Equal("ResponseLost", Assert.Single(emulator.State.Requests).ErrorCode);
    }

    [Fact]
    public async Task Connection_reset_aborts_without_a_response()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.Faults = new FaultSettings { ConnectionResetRate = 1.0 };

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot"));

        Assert.Equal("ConnectionReset", emulator.State.Requests.Single().ErrorCode);
    }

    [Fact]
    public async Task Latency_delays_aws_requests_but_not_the_control_api()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();
        emulator.State.Faults = new FaultSettings { LatencyMs = 400 };

        var clock = Stopwatch.StartNew();
        AwsResponse response = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot");
        long awsElapsed = clock.ElapsedMilliseconds;
        clock.Restart();
        await emulator.ControlAsync("GET", "faults");
        long controlElapsed = clock.ElapsedMilliseconds;

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(awsElapsed >= 350, $"AWS request took {awsElapsed} ms");
        Assert.True(controlElapsed < awsElapsed, $"control {controlElapsed} ms vs AWS {awsElapsed} ms");
    }

    [Fact]
    public async Task Faults_never_touch_the_control_api_and_reset_clears_them()
    {
        await using var emulator = await TestEmulator.StartAsync();
        (HttpStatusCode put, _) = await emulator.ControlAsync("PUT", "faults", """{"throttleRate":1.0,"serverErrorRate":1.0}""");

        (HttpStatusCode jobs, _) = await emulator.ControlAsync("GET", "jobs");
        AwsResponse throttled = await emulator.RestAsync("GET", "/things/a/jobs/b", "iot");
        await emulator.ControlAsync("POST", "reset");
        (_, string faults) = await emulator.ControlAsync("GET", "faults");

        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(HttpStatusCode.OK, jobs);
        Assert.Equal("ThrottlingException", throttled.ErrorCode);
        Assert.Contains("\"throttleRate\":0", faults);
        Assert.Equal(0, emulator.State.Faults.ServerErrorRate);
    }
}
