using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using CancelJobs.Emulator.Services.Dms;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class DmsTests
{
    private const string Project = "legacy-oracle-to-aurora";
    private const string ProjectArn = "arn:aws:dms:us-west-2:123456789012:migration-project:legacy-oracle-to-aurora";

    private const string Seed = """
        {"dms":[
          {"migrationProject":"legacy-oracle-to-aurora","requestIdentifier":"req-1","status":"IN_PROGRESS"},
          {"migrationProject":"legacy-oracle-to-aurora","requestIdentifier":"req-2","status":"RECEIVED"},
          {"migrationProject":"legacy-oracle-to-aurora","requestIdentifier":"req-3","status":"SUCCESS"}]}
        """;

    [Fact]
    public async Task Cancel_reports_canceling_then_settles_to_canceled()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = Project, RequestIdentifier = "req-1" });

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        JsonElement request = cancel.Json.GetProperty("Request");
        Assert.Equal("CANCELING", request.GetProperty("Status").GetString());
        Assert.Equal("req-1", request.GetProperty("RequestIdentifier").GetString());
        Assert.Equal("arn:aws:dms:us-west-2:123456789012:migration-project:legacy-oracle-to-aurora", request.GetProperty("MigrationProjectArn").GetString());

        AwsResponse settled = await Eventually.ReturnsAsync(
            () => emulator.DmsAsync("DescribeMetadataModelConversions", new
            {
                MigrationProjectIdentifier = Project,
                Filters = new[] { new { Name = "request-id", Values = new[] { "req-1" } } },
            }),
            r => r.Json.GetProperty("Requests")[0].GetProperty("Status").GetString() == "CANCELED");
        Assert.Equal("CANCELED", settled.Json.GetProperty("Requests")[0].GetProperty("Status").GetString());
        Assert.Equal("CANCELED", emulator.State.FindDmsConversion(ProjectArn, "req-1")!.Status);
    }

    [Fact]
    public async Task Project_may_be_named_by_arn()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = ProjectArn, RequestIdentifier = "req-2" });

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        // CANCELING settles to CANCELED after the cancel delay (1 s), which a loaded machine may already have passed.
        Assert.Contains(emulator.State.FindDmsConversion(Project, "req-2")!.Status, new[] { "CANCELING", "CANCELED" });
    }

    [Fact]
    public async Task Errors_use_json_1_1_faults()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse finished = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = Project, RequestIdentifier = "req-3" });
        AwsResponse missing = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = Project, RequestIdentifier = "req-404" });
        AwsResponse invalid = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = Project });
        AwsResponse malformed = await emulator.DmsRawAsync("CancelMetadataModelConversion", "{\"MigrationProjectIdentifier\":");
        AwsResponse wrongType = await emulator.DmsRawAsync("DescribeMetadataModelConversions", "{\"MigrationProjectIdentifier\":\"x\",\"MaxRecords\":\"many\"}");
        AwsResponse unknown = await emulator.DmsAsync("DeleteEverything", new { });

        Assert.Equal("InvalidResourceStateFault", finished.ErrorCode);
        Assert.Equal("ResourceNotFoundFault", missing.ErrorCode);
        // DMS models no validation error: a missing required member is AWS's common ValidationException.
        Assert.Equal("ValidationException", invalid.ErrorCode);
        Assert.Equal("SerializationException", malformed.ErrorCode);
        Assert.Equal("SerializationException", wrongType.ErrorCode);
        Assert.Equal("UnknownOperationException", unknown.ErrorCode);
        foreach (AwsResponse response in new[] { finished, missing, invalid, malformed, wrongType, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Null(response.ErrorTypeHeader);
        }
    }

    [Fact]
    public async Task Describe_pages_with_marker_and_takes_any_max_records()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var ids = Enumerable.Range(1, 45).Select(i => $"req-{i:00}").ToList();
        emulator.State.Seed(new SeedDocument { Dms = ids.Select(id => new DmsSeed { MigrationProject = Project, RequestIdentifier = id }).ToList() });

        var seen = new List<string>();
        string? marker = null;
        do
        {
            AwsResponse page = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = Project, MaxRecords = 20, Marker = marker });
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Json.GetProperty("Requests").EnumerateArray().Select(r => r.GetProperty("RequestIdentifier").GetString()!));
            marker = page.Json.TryGetProperty("Marker", out JsonElement next) ? next.GetString() : null;
        }
        while (marker is not null);
        // The model sets no range on MaxRecords (other DMS Describe* calls document 20-100; this one does not).
        AwsResponse small = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = Project, MaxRecords = 10 });
        AwsResponse badFilter = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = Project, Filters = new[] { new { Name = "color", Values = new[] { "x" } } } });
        AwsResponse unknownProject = await emulator.DmsAsync("DescribeMetadataModelConversions", new { MigrationProjectIdentifier = "nope" });

        Assert.Equal(ids, seen);
        Assert.Equal(HttpStatusCode.OK, small.Status);
        Assert.Equal(10, small.Json.GetProperty("Requests").GetArrayLength());
        Assert.True(small.Json.TryGetProperty("Marker", out _));
        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (badFilter.Status, badFilter.ErrorCode));
        Assert.Equal("ResourceNotFoundFault", unknownProject.ErrorCode);
    }

    [Fact]
    public async Task Start_creates_a_cancellable_conversion()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse start = await emulator.DmsAsync("StartMetadataModelConversion", new { MigrationProjectIdentifier = Project, SelectionRules = "{\"rules\":[]}" });
        string id = start.Json.GetProperty("RequestIdentifier").GetString()!;
        AwsResponse cancel = await emulator.DmsAsync("CancelMetadataModelConversion", new { MigrationProjectIdentifier = Project, RequestIdentifier = id });
        AwsResponse noRules = await emulator.DmsAsync("StartMetadataModelConversion", new { MigrationProjectIdentifier = Project });

        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Equal("CANCELING", cancel.Json.GetProperty("Request").GetProperty("Status").GetString());
        Assert.Equal("ValidationException", noRules.ErrorCode);
    }
}
