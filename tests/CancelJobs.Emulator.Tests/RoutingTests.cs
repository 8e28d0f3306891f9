using System.Net;
using System.Threading.Tasks;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class RoutingTests
{
    [Fact]
    public async Task Unknown_rest_operation_is_404_with_the_error_type_header()
    {
        await using var emulator = await TestEmulator.StartAsync();

        AwsResponse wrongMethod = await emulator.RestAsync("DELETE", "/things/t1/jobs/j1", "iot");
        AwsResponse unknownPath = await emulator.RestAsync("GET", "/no/such/api", "iot");

        Assert.Equal((HttpStatusCode.NotFound, "UnknownOperationException"), (wrongMethod.Status, wrongMethod.ErrorTypeHeader));
        Assert.Equal((HttpStatusCode.NotFound, "UnknownOperationException"), (unknownPath.Status, unknownPath.ErrorTypeHeader));
        Assert.NotNull(unknownPath.Message);
    }

    [Fact]
    public async Task A_path_no_service_claims_is_routed_by_the_credential_scope()
    {
        await using var emulator = await TestEmulator.StartAsync();

        AwsResponse dms = await emulator.SendAsync("POST", "/", "dms", "{}", "application/x-amz-json-1.1");

        Assert.Equal((HttpStatusCode.BadRequest, "UnknownOperationException"), (dms.Status, dms.ErrorCode));
        Assert.Null(dms.ErrorTypeHeader);
        Assert.Equal("dms", emulator.State.Requests[0].Service);
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();

        AwsResponse ok = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot");
        AwsResponse error = await emulator.RestAsync("GET", "/things/sensor-001/jobs/nope", "iot");
        AwsResponse unauthenticated = await emulator.SendAsync("GET", "/things/sensor-001/jobs/nope", null, null);

        Assert.False(string.IsNullOrEmpty(ok.RequestId));
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.False(string.IsNullOrEmpty(unauthenticated.RequestId));
        Assert.NotEqual(ok.RequestId, error.RequestId);
    }
}
