using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Tests.Support;
using Xunit;

namespace CancelJobs.Emulator.Tests;

public sealed class DataZoneTests
{
    private const string Seed = """
        {"dataZone":[
          {"domainId":"dzd_sales01","id":"run-1","status":"IN_PROGRESS","type":"BUSINESS_DESCRIPTIONS","owningProjectId":"prj1","targetIdentifier":"asset-1"},
          {"domainId":"dzd_sales01","id":"run-2","status":"SUBMITTED","type":"BUSINESS_NAMES","owningProjectId":"prj1","targetIdentifier":"asset-2"},
          {"domainId":"dzd_sales01","id":"run-3","status":"SUCCEEDED","owningProjectId":"prj1","targetIdentifier":"asset-1"}]}
        """;

    [Theory]
    [InlineData("run-1")]
    [InlineData("run-2")]
    public async Task Cancel_active_run_cancels_it_with_an_empty_body(string runId)
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse cancel = await emulator.RestAsync("POST", $"/v2/domains/dzd_sales01/metadata-generation-runs/{runId}/cancel", "datazone");
        AwsResponse get = await emulator.RestAsync("GET", $"/v2/domains/dzd_sales01/metadata-generation-runs/{runId}", "datazone");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("", cancel.Body);
        Assert.Equal("CANCELED", get.Json.GetProperty("status").GetString());
        Assert.Equal("prj1", get.Json.GetProperty("owningProjectId").GetString());
        Assert.Equal("ASSET", get.Json.GetProperty("target").GetProperty("type").GetString());
        Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", runId)!.Status);
    }

    [Fact]
    public async Task Cancel_finished_run_is_a_validation_error_with_the_service_wording()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse response = await emulator.RestAsync("POST", "/v2/domains/dzd_sales01/metadata-generation-runs/run-3/cancel", "datazone");

        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (response.Status, response.ErrorCode));
        Assert.Equal("The MetadataGenerationRun in SUCCEEDED status cannot be canceled.", response.Message);
    }

    [Fact]
    public async Task Unknown_run_and_malformed_ids_are_rejected()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        AwsResponse missing = await emulator.RestAsync("POST", "/v2/domains/dzd_sales01/metadata-generation-runs/run-404/cancel", "datazone");
        AwsResponse badDomain = await emulator.RestAsync("POST", "/v2/domains/sales01/metadata-generation-runs/run-1/cancel", "datazone");
        AwsResponse badMax = await emulator.RestAsync("GET", "/v2/domains/dzd_sales01/metadata-generation-runs?maxResults=51", "datazone");

        Assert.Equal((HttpStatusCode.NotFound, "ResourceNotFoundException"), (missing.Status, missing.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (badDomain.Status, badDomain.ErrorCode));
        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (badMax.Status, badMax.ErrorCode));
    }

    [Fact]
    public async Task List_pages_and_filters()
    {
        await using var emulator = await TestEmulator.StartWithSeedAsync(Seed);

        var ids = new List<string>();
        string? token = null;
        do
        {
            string query = "maxResults=2" + (token is null ? "" : "&nextToken=" + System.Uri.EscapeDataString(token));
            AwsResponse page = await emulator.RestAsync("GET", "/v2/domains/dzd_sales01/metadata-generation-runs?" + query, "datazone");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.AddRange(page.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            token = page.Json.TryGetProperty("nextToken", out JsonElement next) ? next.GetString() : null;
        }
        while (token is not null);
        AwsResponse byTarget = await emulator.RestAsync("GET", "/v2/domains/dzd_sales01/metadata-generation-runs?targetIdentifier=asset-1&status=SUCCEEDED", "datazone");

        Assert.Equal(["run-1", "run-2", "run-3"], ids);
        Assert.Equal("run-3", byTarget.Json.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString());
    }
}
