using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Seed_then_jobs_returns_current_states_and_reseeding_replaces()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (HttpStatusCode seeded, _) = await emulator.ControlAsync("POST", "seed", """
            {"iot":[{"jobId":"j1","thingName":"t1","status":"QUEUED"}],
             "dataZone":[{"domainId":"dzd_x1","id":"r1","status":"IN_PROGRESS"}]}
            """);
        await emulator.RestAsync("PUT", "/things/t1/jobs/j1/cancel", "iot");
        await emulator.ControlAsync("POST", "seed", """{"dataZone":[{"domainId":"dzd_x1","id":"r1","status":"FAILED"}]}""");
        (_, string body) = await emulator.ControlAsync("GET", "jobs");

        Assert.Equal(HttpStatusCode.OK, seeded);
        JsonElement jobs = JsonDocument.Parse(body).RootElement;
        Assert.Equal("CANCELED", jobs.GetProperty("iot")[0].GetProperty("status").GetString());
        Assert.Equal(2, jobs.GetProperty("iot")[0].GetProperty("versionNumber").GetInt64());
        Assert.Equal("FAILED", jobs.GetProperty("dataZone").EnumerateArray().Single().GetProperty("status").GetString());
        Assert.Equal(0, jobs.GetProperty("twinMaker").GetArrayLength());
    }

    [Fact]
    public async Task Bad_seed_and_bad_faults_are_rejected_without_changing_state()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (HttpStatusCode notJson, _) = await emulator.ControlAsync("POST", "seed", "{oops");
        (HttpStatusCode noKey, string noKeyBody) = await emulator.ControlAsync("POST", "seed", """{"iot":[{"jobId":"j1","thingName":"t1"},{"jobId":"j2"}]}""");
        (HttpStatusCode badStatus, _) = await emulator.ControlAsync("POST", "seed", """{"dms":[{"migrationProject":"p","requestIdentifier":"r","status":"DONE"}]}""");
        (HttpStatusCode badRate, _) = await emulator.ControlAsync("PUT", "faults", """{"throttleRate":2}""");
        (HttpStatusCode unknown, _) = await emulator.ControlAsync("GET", "nothing-here");

        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.Equal(HttpStatusCode.BadRequest, noKey);
        Assert.Contains("thingName", noKeyBody);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal(HttpStatusCode.BadRequest, badRate);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Null(emulator.State.FindIoTExecution("j1", "t1"));
        Assert.Equal(0, emulator.State.Faults.ThrottleRate);
    }

    [Fact]
    public async Task Demo_seed_covers_all_four_services()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (HttpStatusCode status, _) = await emulator.ControlAsync("POST", "seed/demo");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-rollout-7", "sensor-001")!.Status);
        Assert.Equal("IN_PROGRESS", emulator.State.FindIoTExecution("fw-rollout-7", "sensor-004")!.Status);
        Assert.Equal("factory-twin", emulator.State.FindTwinMakerJob("mtj-assembly-line-01")!.WorkspaceId);
        Assert.NotNull(emulator.State.FindDmsConversion("legacy-oracle-to-aurora", "conv-hr-schema"));
        Assert.NotNull(emulator.State.FindDataZoneRun("dzd_sales01", "mgr_orders_desc"));
    }

    [Fact]
    public async Task Settings_put_is_a_patch_and_survives_reset()
    {
        await using var emulator = await TestEmulator.StartAsync();

        (HttpStatusCode status, string body) = await emulator.ControlAsync("PUT", "settings", """{"verifySignatures":false}""");
        await emulator.ControlAsync("POST", "reset");
        AwsResponse unsigned = await emulator.SendAsync("GET", "/things/t/jobs/j", signAs: null, body: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"twinMakerCancelDelayMs\":300", body);
        Assert.False(emulator.State.Settings.VerifySignatures);
        Assert.Equal("ResourceNotFoundException", unsigned.ErrorCode); // got past authentication
        Assert.Equal("NotChecked", emulator.State.Requests.Single().Signature);
    }

    [Fact]
    public async Task Seeding_a_hundred_thousand_items_keeps_every_item_listable()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var document = new SeedDocument
        {
            Iot = Enumerable.Range(0, 100_000).Select(i => new IoTSeed { JobId = "bulk", ThingName = $"thing-{i}" }).ToList(),
        };

        emulator.State.Seed(document);
        AwsResponse first = await emulator.RestAsync("GET", "/things/thing-0/jobs", "iot");
        AwsResponse last = await emulator.RestAsync("GET", "/things/thing-99999/jobs", "iot");

        // How fast seeding is belongs in bench/, not in a pass/fail test on a shared machine.
        Assert.Equal(100_000, emulator.State.Export().Iot!.Count);
        Assert.Equal("bulk", first.Json.GetProperty("executionSummaries")[0].GetProperty("jobId").GetString());
        Assert.Equal("bulk", last.Json.GetProperty("executionSummaries")[0].GetProperty("jobId").GetString());
    }
}
