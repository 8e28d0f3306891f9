using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
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
