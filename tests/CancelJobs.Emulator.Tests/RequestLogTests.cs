using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Log_records_the_request_as_received_with_secrets_redacted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();

        AwsResponse response = await emulator.SendAsync("PUT", "/things/sensor-004/jobs/fw-rollout-7/cancel?force=false", null, """{"expectedVersion":2}""",
            sign: (request, body) => TestSigner.Sign(request, body, "iot", sessionToken: "SESSION-TOKEN-SECRET"));
        (HttpStatusCode status, string json) = await emulator.ControlAsync("GET", "requests");

        RequestLogEntry entry = emulator.State.Requests.Single();
        Assert.Equal(("iot", "CancelJobExecution", "PUT"), (entry.Service, entry.Operation, entry.Method));
        Assert.Equal("/things/sensor-004/jobs/fw-rollout-7/cancel", entry.Path);
        Assert.Equal("force=false", entry.Query);
        Assert.Equal("""{"expectedVersion":2}""", entry.Body);
        Assert.Equal(("Valid", 409, "InvalidStateTransitionException"), (entry.Signature, entry.StatusCode, entry.ErrorCode));
        Assert.Equal(response.RequestId, entry.RequestId);
        Assert.EndsWith("Signature=***", entry.Headers["Authorization"]);
        Assert.Contains("Credential=AKIDEXAMPLE/", entry.Headers["Authorization"]);
        Assert.Equal("***", entry.Headers["X-Amz-Security-Token"]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("SESSION-TOKEN-SECRET", json);
        JsonElement logged = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(409, logged.GetProperty("status").GetInt32());
        Assert.Equal("InvalidStateTransitionException", logged.GetProperty("errorCode").GetString());
        Assert.Equal("Valid", logged.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task Concurrent_requests_are_all_logged_with_unique_sequences_and_delete_clears()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.SeedDemo();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            emulator.RestAsync("GET", $"/things/sensor-00{i % 8 + 1}/jobs/fw-rollout-7", "iot")));
        var entries = emulator.State.Requests;
        (HttpStatusCode deleted, _) = await emulator.ControlAsync("DELETE", "requests");

        Assert.Equal(200, entries.Count);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), entries.Select(e => e.Sequence).Order());
        Assert.All(entries, e => Assert.Equal(200, e.StatusCode));
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Empty(emulator.State.Requests);
    }
}
