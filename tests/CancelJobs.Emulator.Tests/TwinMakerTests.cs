using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.TwinMaker;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class TwinMakerTests
{
    private const string Seed = """
        {"twinMaker":[
          {"id":"job-running","workspaceId":"factory-twin","state":"RUNNING"},
          {"id":"job-done","workspaceId":"factory-twin","state":"COMPLETED"},
          {"id":"job-pending","workspaceId":"other-twin","state":"PENDING","sourceType":"iotsitewise"}]}
        """;

    [Fact]
    public async Task Cancel_running_job_reports_cancelling_then_settles_to_cancelled()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("PUT", "/metadata-transfer-jobs/job-running/cancel", "iottwinmaker");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("CANCELLING", cancel.Json.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("job-running", cancel.Json.GetProperty("metadataTransferJobId").GetString());
        Assert.StartsWith("arn:aws:iottwinmaker:us-west-2:123456789012:", cancel.Json.GetProperty("arn").GetString());
        Assert.Equal(JsonValueKind.Number, cancel.Json.GetProperty("updateDateTime").ValueKind);

        AwsResponse settled = await Eventually.ReturnsAsync(
            () => emulator.RestAsync("GET", "/metadata-transfer-jobs/job-running", "iottwinmaker"),
            r => r.Json.GetProperty("status").GetProperty("state").GetString() == "CANCELLED");
        Assert.Equal("CANCELLED", settled.Json.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("CANCELLED", emulator.State.FindTwinMakerJob("job-running")!.Status);
    }

    [Fact]
    public async Task A_job_with_sources_of_two_types_is_listed_under_each_pair_and_gets_both_sources()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync("""
            {"twinMaker":[{"id":"job-mixed","workspaceId":"factory-twin","sourceTypes":["s3","iotsitewise"]}]}
            """);

        var listed = new List<string?>();
        foreach (string source in new[] { "s3", "iotsitewise", "iottwinmaker" })
        {
            AwsResponse list = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker",
                new { sourceType = source, destinationType = source == "iottwinmaker" ? "s3" : "iottwinmaker" });
            listed.AddRange(list.Json.GetProperty("metadataTransferJobSummaries").EnumerateArray().Select(j => source + ":" + j.GetProperty("metadataTransferJobId").GetString()));
        }
        AwsResponse get = await emulator.RestAsync("GET", "/metadata-transfer-jobs/job-mixed", "iottwinmaker");

        Assert.Equal(new[] { "s3:job-mixed", "iotsitewise:job-mixed" }, listed);
        Assert.Equal(new[] { "s3", "iotsitewise" }, get.Json.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Cancel_twice_is_a_conflict_naming_the_state()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);
        await emulator.RestAsync("PUT", "/metadata-transfer-jobs/job-running/cancel", "iottwinmaker");

        AwsResponse again = await emulator.RestAsync("PUT", "/metadata-transfer-jobs/job-running/cancel", "iottwinmaker");

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ConflictException", again.ErrorCode);
        Assert.Contains("CANCELL", again.Message);
    }

    [Fact]
    public async Task Cancel_completed_job_is_a_conflict()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse response = await emulator.RestAsync("PUT", "/metadata-transfer-jobs/job-done/cancel", "iottwinmaker");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("ConflictException", response.ErrorCode);
        Assert.Contains("COMPLETED", response.Message);
    }

    [Fact]
    public async Task Unknown_job_is_not_found_and_malformed_id_is_a_validation_error()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse missing = await emulator.RestAsync("PUT", "/metadata-transfer-jobs/no-such-job/cancel", "iottwinmaker");
        AwsResponse invalid = await emulator.RestAsync("GET", "/metadata-transfer-jobs/-bad-", "iottwinmaker");

        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (missing.Status, missing.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (invalid.Status, invalid.ErrorCode));
        Assert.Contains("metadataTransferJobId", invalid.Message);
    }

    [Fact]
    public async Task List_validates_required_members_and_json()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse missing = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker", new { sourceType = "s3" });
        AwsResponse badEnum = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker", new { sourceType = "ftp", destinationType = "iottwinmaker" });
        AwsResponse tooMany = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker", new { sourceType = "s3", destinationType = "iottwinmaker", maxResults = 201 });
        AwsResponse malformed = await emulator.SendAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker", "{not json");

        foreach (AwsResponse response in new[] { missing, badEnum, tooMany, malformed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("ValidationException", response.ErrorCode);
        }
        Assert.Contains("destinationType", missing.Message);
    }

    [Fact]
    public async Task List_filters_by_workspace_and_state()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse byWorkspace = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker",
            new { sourceType = "s3", destinationType = "iottwinmaker", filters = new[] { new { workspaceId = "factory-twin" } } });
        AwsResponse byState = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker",
            new { sourceType = "s3", destinationType = "iottwinmaker", filters = new[] { new { state = "COMPLETED" } } });

        Assert.Equal(["job-running", "job-done"], Ids(byWorkspace));
        Assert.Equal(["job-done"], Ids(byState));
    }

    [Fact]
    public async Task List_pages_through_every_job_in_seed_order()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var seeded = Enumerable.Range(1, 25).Select(i => $"job-{i:00}").ToList();
        emulator.State.Seed(new SeedDocument { TwinMaker = seeded.Select(id => new TwinMakerSeed { Id = id, WorkspaceId = "ws1" }).ToList() });

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            AwsResponse page = await emulator.RestAsync("POST", "/metadata-transfer-jobs-list", "iottwinmaker",
                new { sourceType = "s3", destinationType = "iottwinmaker", maxResults = 10, nextToken = token });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(Ids(page));
            token = page.Json.TryGetProperty("nextToken", out JsonElement next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(seeded, seen);
        Assert.Equal(3, pages);
    }

    private static List<string> Ids(AwsResponse response) =>
        response.Json.GetProperty("metadataTransferJobSummaries").EnumerateArray()
            .Select(s => s.GetProperty("metadataTransferJobId").GetString()!).ToList();
}
