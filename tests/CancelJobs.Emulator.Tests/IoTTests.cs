using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class IoTTests
{
    private const string Seed = """
        {"iot":[
          {"jobId":"fw-rollout-7","thingName":"sensor-001","status":"QUEUED","versionNumber":1},
          {"jobId":"fw-rollout-7","thingName":"sensor-002","status":"IN_PROGRESS","versionNumber":4},
          {"jobId":"fw-rollout-7","thingName":"sensor-003","status":"SUCCEEDED"},
          {"jobId":"cert-2","thingName":"sensor-001","status":"QUEUED"},
          {"jobId":"fw-rollout-7","thingName":"plant:line:1","status":"QUEUED"}]}
        """;

    [Fact]
    public async Task Cancel_queued_execution_is_immediate_and_bumps_the_version()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot");
        AwsResponse describe = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw-rollout-7", "iot");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("", cancel.Body);
        JsonElement execution = describe.Json.GetProperty("execution");
        Assert.Equal("CANCELED", execution.GetProperty("status").GetString());
        Assert.Equal(2, execution.GetProperty("versionNumber").GetInt64());
        Assert.False(execution.GetProperty("forceCanceled").GetBoolean());
        Assert.Equal("arn:aws:iot:us-west-2:123456789012:thing/sensor-001", execution.GetProperty("thingArn").GetString());
    }

    [Fact]
    public async Task In_progress_execution_needs_force()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse refused = await emulator.RestAsync("PUT", "/things/sensor-002/jobs/fw-rollout-7/cancel", "iot");
        AwsResponse forced = await emulator.RestAsync("PUT", "/things/sensor-002/jobs/fw-rollout-7/cancel?force=true", "iot");

        Assert.Equal((HttpStatusCode.Conflict, "InvalidStateTransitionException"), (refused.Status, refused.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        IoTJobExecution execution = emulator.State.FindIoTExecution("fw-rollout-7", "sensor-002")!;
        Assert.Equal("CANCELED", execution.Status);
        Assert.True(execution.ForceCanceled);
        Assert.Equal(5, execution.VersionNumber);
    }

    [Fact]
    public async Task Terminal_execution_cannot_be_cancelled_even_with_force()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse response = await emulator.RestAsync("PUT", "/things/sensor-003/jobs/fw-rollout-7/cancel?force=true", "iot");

        Assert.Equal((HttpStatusCode.Conflict, "InvalidStateTransitionException"), (response.Status, response.ErrorCode));
        Assert.Contains("SUCCEEDED", response.Message);
    }

    [Fact]
    public async Task Expected_version_mismatch_is_a_version_conflict_and_changes_nothing()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse stale = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { expectedVersion = 7 });
        AwsResponse current = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { expectedVersion = 1 });

        Assert.Equal((HttpStatusCode.Conflict, "VersionConflictException"), (stale.Status, stale.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, current.Status);
    }

    [Fact]
    public async Task Status_details_are_validated_and_stored()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);
        var eleven = Enumerable.Range(1, 11).ToDictionary(i => $"k{i}", i => "v");

        AwsResponse tooMany = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { statusDetails = eleven });
        AwsResponse badKey = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { statusDetails = new Dictionary<string, string> { ["bad key"] = "v" } });
        AwsResponse controlChar = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { statusDetails = new { reason = "a\u0001b" } });
        AwsResponse ok = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", new { statusDetails = new { reason = "operator request" } });

        foreach (AwsResponse invalid in new[] { tooMany, badKey, controlChar })
        {
            Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (invalid.Status, invalid.ErrorCode));
        }
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal("operator request", emulator.State.FindIoTExecution("fw-rollout-7", "sensor-001")!.StatusDetails["reason"]);
    }

    [Fact]
    public async Task Bad_force_value_ids_and_unknown_executions_are_rejected()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse badForce = await emulator.RestAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel?force=maybe", "iot");
        AwsResponse badJobId = await emulator.RestAsync("GET", "/things/sensor-001/jobs/fw%20rollout", "iot");
        AwsResponse missing = await emulator.RestAsync("PUT", "/things/sensor-999/jobs/fw-rollout-7/cancel", "iot");
        AwsResponse malformed = await emulator.SendAsync("PUT", "/things/sensor-001/jobs/fw-rollout-7/cancel", "iot", "[1,");

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (badForce.Status, badForce.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (badJobId.Status, badJobId.ErrorCode));
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (missing.Status, missing.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (malformed.Status, malformed.ErrorCode));
    }

    [Fact]
    public async Task Percent_encoded_thing_name_is_decoded_for_lookup()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("PUT", "/things/plant%3Aline%3A1/jobs/fw-rollout-7/cancel", "iot");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-rollout-7", "plant:line:1")!.Status);
        Assert.Equal("/things/plant%3Aline%3A1/jobs/fw-rollout-7/cancel", emulator.State.Requests.Single().Path);
    }

    [Fact]
    public async Task List_for_job_pages_through_all_executions_and_filters_by_status()
    {
        await using var emulator = await TestEmulator.StartAsync();
        emulator.State.Seed(new SeedDocument
        {
            Iot = Enumerable.Range(1, 7).Select(i => new IoTSeed { JobId = "job-a", ThingName = $"t{i}", Status = i % 2 == 0 ? "IN_PROGRESS" : "QUEUED" }).ToList(),
        });

        var things = new List<string>();
        string? token = null;
        do
        {
            string query = "maxResults=3" + (token is null ? "" : "&nextToken=" + System.Uri.EscapeDataString(token));
            AwsResponse page = await emulator.RestAsync("GET", "/jobs/job-a/things?" + query, "iot");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            things.AddRange(page.Json.GetProperty("executionSummaries").EnumerateArray().Select(e => e.GetProperty("thingArn").GetString()!.Split('/')[1]));
            token = page.Json.TryGetProperty("nextToken", out JsonElement next) ? next.GetString() : null;
        }
        while (token is not null);
        AwsResponse inProgress = await emulator.RestAsync("GET", "/jobs/job-a/things?status=IN_PROGRESS", "iot");
        AwsResponse zero = await emulator.RestAsync("GET", "/jobs/job-a/things?maxResults=0", "iot");
        AwsResponse unknownJob = await emulator.RestAsync("GET", "/jobs/job-zzz/things", "iot");

        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"t{i}"), things);
        Assert.Equal(3, inProgress.Json.GetProperty("executionSummaries").GetArrayLength());
        Assert.Equal("IN_PROGRESS", inProgress.Json.GetProperty("executionSummaries")[0].GetProperty("jobExecutionSummary").GetProperty("status").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (zero.Status, zero.ErrorCode));
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (unknownJob.Status, unknownJob.ErrorCode));
    }

    [Fact]
    public async Task List_for_thing_returns_its_jobs_and_filters_by_job_id()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse all = await emulator.RestAsync("GET", "/things/sensor-001/jobs", "iot");
        AwsResponse one = await emulator.RestAsync("GET", "/things/sensor-001/jobs?jobId=cert-2", "iot");

        Assert.Equal(["fw-rollout-7", "cert-2"], JobIds(all));
        Assert.Equal(["cert-2"], JobIds(one));
        Assert.False(all.Json.TryGetProperty("nextToken", out _));
    }

    private static List<string> JobIds(AwsResponse response) =>
        response.Json.GetProperty("executionSummaries").EnumerateArray().Select(e => e.GetProperty("jobId").GetString()!).ToList();
}
