using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

/// <summary>IoT jobs as a whole: CancelJob's state rule, DescribeJob, ListJobs, and the "iotJobs" seed section.</summary>
public sealed class IoTJobTests
{
    private const string Seed = """
        {"iotJobs":[
          {"jobId":"fw-7","status":"IN_PROGRESS","thingGroupName":"sensors","description":"rollout 7"},
          {"jobId":"fw-6","status":"COMPLETED","thingGroupName":"sensors"},
          {"jobId":"fw-5","status":"CANCELED"},
          {"jobId":"fw-4","status":"DELETION_IN_PROGRESS"},
          {"jobId":"gw-1","status":"SCHEDULED","thingGroupName":"gateways","targetSelection":"CONTINUOUS"}],
         "iot":[
          {"jobId":"fw-7","thingName":"s-1","status":"QUEUED"},
          {"jobId":"fw-7","thingName":"s-2","status":"IN_PROGRESS"},
          {"jobId":"fw-7","thingName":"s-3","status":"SUCCEEDED"},
          {"jobId":"only-executions","thingName":"s-1","status":"QUEUED"}]}
        """;

    [Fact]
    public async Task Cancel_without_force_cancels_the_job_and_its_queued_executions_only()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("PUT", "/jobs/fw-7/cancel", "iot", new { reasonCode = "BAD_BUILD", comment = "bricks" });

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("fw-7", cancel.Json.GetProperty("jobId").GetString());
        Assert.Equal("arn:aws:iot:us-west-2:123456789012:job/fw-7", cancel.Json.GetProperty("jobArn").GetString());
        Assert.Equal("rollout 7", cancel.Json.GetProperty("description").GetString());
        IoTJob job = emulator.State.FindIoTJob("fw-7")!;
        Assert.Equal(("CANCELED", false, "BAD_BUILD", "bricks"), (job.Status, job.ForceCanceled, job.ReasonCode, job.Comment));
        Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "s-1")!.Status);
        Assert.Equal("IN_PROGRESS", emulator.State.FindIoTExecution("fw-7", "s-2")!.Status);
        Assert.Equal("SUCCEEDED", emulator.State.FindIoTExecution("fw-7", "s-3")!.Status);
        Assert.Equal("QUEUED", emulator.State.FindIoTExecution("only-executions", "s-1")!.Status);
    }

    [Fact]
    public async Task Cancel_with_force_also_cancels_in_progress_executions()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("PUT", "/jobs/fw-7/cancel?force=true", "iot", new { });

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.True(emulator.State.FindIoTJob("fw-7")!.ForceCanceled);
        IoTJobExecution inProgress = emulator.State.FindIoTExecution("fw-7", "s-2")!;
        Assert.Equal(("CANCELED", true), (inProgress.Status, inProgress.ForceCanceled));
        Assert.False(emulator.State.FindIoTExecution("fw-7", "s-1")!.ForceCanceled);
    }

    [Theory]
    [InlineData("fw-6", "COMPLETED")]
    [InlineData("fw-5", "CANCELED")]
    [InlineData("fw-4", "DELETION_IN_PROGRESS")]
    public async Task A_job_that_cannot_be_cancelled_is_an_invalid_request_and_stays(string jobId, string status)
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse refused = await emulator.RestAsync("PUT", $"/jobs/{jobId}/cancel", "iot", new { });

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (refused.Status, refused.ErrorCode));
        Assert.Contains(status, refused.Message);
        Assert.Equal(status, emulator.State.FindIoTJob(jobId)!.Status);
    }

    [Fact]
    public async Task A_scheduled_job_can_be_cancelled_and_an_unknown_one_is_not_found()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse scheduled = await emulator.RestAsync("PUT", "/jobs/gw-1/cancel", "iot", new { });
        AwsResponse unknown = await emulator.RestAsync("PUT", "/jobs/nope/cancel", "iot", new { });

        Assert.Equal(HttpStatusCode.OK, scheduled.Status);
        Assert.Equal("CANCELED", emulator.State.FindIoTJob("gw-1")!.Status);
        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (unknown.Status, unknown.ErrorCode));
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("")]
    public async Task Cancel_validates_the_reason_code_before_changing_anything(string reasonCode)
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse refused = await emulator.RestAsync("PUT", "/jobs/fw-7/cancel", "iot", new { reasonCode });

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (refused.Status, refused.ErrorCode));
        Assert.Equal("IN_PROGRESS", emulator.State.FindIoTJob("fw-7")!.Status);
    }

    [Fact]
    public async Task Describe_counts_the_executions_and_a_job_seeded_as_executions_exists()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse described = await emulator.RestAsync("GET", "/jobs/fw-7", "iot");
        AwsResponse implicitJob = await emulator.RestAsync("GET", "/jobs/only-executions", "iot");

        JsonElement job = described.Json.GetProperty("job");
        Assert.Equal("IN_PROGRESS", job.GetProperty("status").GetString());
        Assert.Equal("arn:aws:iot:us-west-2:123456789012:thinggroup/sensors", job.GetProperty("targets")[0].GetString());
        JsonElement details = job.GetProperty("jobProcessDetails");
        Assert.Equal((1, 1, 1), (details.GetProperty("numberOfQueuedThings").GetInt32(), details.GetProperty("numberOfInProgressThings").GetInt32(),
            details.GetProperty("numberOfSucceededThings").GetInt32()));
        Assert.Equal("IN_PROGRESS", implicitJob.Json.GetProperty("job").GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_filters_and_pages()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse sensors = await emulator.RestAsync("GET", "/jobs?thingGroupName=sensors&maxResults=1", "iot");
        string token = sensors.Json.GetProperty("nextToken").GetString()!;
        AwsResponse next = await emulator.RestAsync("GET", $"/jobs?thingGroupName=sensors&maxResults=1&nextToken={token}", "iot");
        AwsResponse continuous = await emulator.RestAsync("GET", "/jobs?targetSelection=CONTINUOUS", "iot");
        AwsResponse badStatus = await emulator.RestAsync("GET", "/jobs?status=RUNNING", "iot");

        Assert.Equal("fw-7", sensors.Json.GetProperty("jobs")[0].GetProperty("jobId").GetString());
        Assert.Equal("fw-6", next.Json.GetProperty("jobs")[0].GetProperty("jobId").GetString());
        Assert.False(next.Json.TryGetProperty("nextToken", out JsonElement more) && more.ValueKind == JsonValueKind.String);
        Assert.Equal(new[] { "gw-1" }, continuous.Json.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("jobId").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestException"), (badStatus.Status, badStatus.ErrorCode));
    }

    [Fact]
    public async Task The_iotJobs_section_is_exported_reset_and_part_of_the_demo()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        SeedDocument exported = emulator.State.Export();
        emulator.State.Reset();
        SeedDocument empty = emulator.State.Export();
        emulator.State.SeedDemo();

        Assert.Equal(5, exported.Sections!["iotJobs"].GetArrayLength());
        Assert.Equal(0, empty.Sections!["iotJobs"].GetArrayLength());
        Assert.Equal("IN_PROGRESS", emulator.State.FindIoTJob("fw-rollout-7")!.Status);
        Assert.Throws<System.ArgumentException>(() => emulator.State.SeedJson("""{"iotJobs":[{"jobId":"x","status":"RUNNING"}]}"""));
        Assert.Null(emulator.State.FindIoTJob("x"));
    }
}
