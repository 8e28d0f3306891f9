using System;
using System.Linq;
using System.Text.RegularExpressions;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Objects say where they live: every listed and cancelled object carries Region (the region its request was signed
    /// for), TwinMaker jobs their workspace; the tables stay as narrow as before. Times keep their zone in Format-List,
    /// Export-Csv and ConvertTo-Json whatever the culture, and Format-List shows identifiers and Status first.
    /// </summary>
    public sealed class ObjectsSayWhereTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"twinMaker":[{"id":"tm-1","workspaceId":"ws-a","state":"RUNNING"},{"id":"tm-2","workspaceId":"ws-b","state":"RUNNING"}],
             "iot":[{"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"}],
             "dms":[{"migrationProject":"proj-1","requestIdentifier":"req-1","status":"IN_PROGRESS"}],
             "dataZone":[{"domainId":"dzd_sales01","id":"run-1","status":"IN_PROGRESS"}]}
            """;

        // Every call signs for eu-west-1, not the session's default us-east-1.
        private const string InEuWest1 = "$eu = $aws.Clone(); $eu.Region = 'eu-west-1'\n";

        private readonly EmulatorFixture emulator;

        public ObjectsSayWhereTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Theory]
        [InlineData("Get-TwinMakerTransferJob -WorkspaceId ws-a @eu", "Stop-TwinMakerTransferJob")]
        [InlineData("Get-IoTJobExecution fw-7 @eu", "Stop-IoTJobExecution")]
        [InlineData("Get-DmsMetadataModelConversion proj-1 @eu", "Stop-DmsMetadataModelConversion")]
        [InlineData("Get-DataZoneMetadataGenerationRun dzd_sales01 @eu", "Stop-DataZoneMetadataGenerationRun")]
        public void TheListedObjectAndTheCancellationCarryTheRegionTheyWereSignedFor(string read, string cancel)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(InEuWest1 + $"$listed = @({read}); $listed.Count; $listed[0].Region; ($listed | {cancel} -Force).Region").AssertClean();

            Assert.Equal(new[] { "1", "eu-west-1", "eu-west-1" }, result.Output.Select(o => o.ToString()));
            var authorization = emulator.State.Requests.Last().Headers.First(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
            Assert.Contains("/eu-west-1/", authorization);
        }

        [Fact]
        public void TwinMakerJobsListedOverSeveralWorkspacesSayWhichWorkspaceEachIsInAndAJobReadByIdToo()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(InEuWest1 + """
                'ws-a', 'ws-b' | ForEach-Object { Get-TwinMakerTransferJob -WorkspaceId $_ @eu } | ForEach-Object { "$($_.MetadataTransferJobId)@$($_.WorkspaceId)" }
                (Get-TwinMakerTransferJob tm-2 @eu).WorkspaceId
                """).AssertClean();

            Assert.Equal(new[] { "tm-1@ws-a", "tm-2@ws-b", "ws-b" }, result.Output.Select(o => o.ToString()));
        }

        [Fact]
        public void TheTablesAreAsNarrowAsBeforeWithNoRegionOrWorkspaceColumn()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(InEuWest1 + """
                $twinMaker = Get-TwinMakerTransferJob -WorkspaceId ws-a @eu | Format-Table | Out-String -Width 200
                ($twinMaker -split "`n" | Where-Object { $_ -match 'MetadataTransferJobId' } | Select-Object -First 1).Trim()
                $iot = Get-IoTJobExecution fw-7 @eu | Format-Table | Out-String -Width 200
                ($iot -split "`n" | Where-Object { $_ -match '^JobId' } | Select-Object -First 1).Trim()
                """).AssertClean();

            Assert.Equal("MetadataTransferJobId Status TotalCount SucceededCount FailedCount UpdateDateTime", Regex.Replace(result.Output[0].ToString(), @"\s+", " "));
            Assert.Equal("JobId ThingName Status ExecutionNumber LastUpdatedAt", Regex.Replace(result.Output[1].ToString(), @"\s+", " "));
        }

        [Fact]
        public void TimesKeepTheirZoneInCsvJsonAndListsWhateverTheCultureAndListsShowIdentifiersAndStatusFirst()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(InEuWest1 + """
                $culture = [cultureinfo]::CurrentCulture
                [cultureinfo]::CurrentCulture = 'de-DE'
                try {
                    $listed = Get-IoTJobExecution fw-7 @eu
                    $result = $listed | Stop-IoTJobExecution -Force
                    ($result | ConvertTo-Csv | ConvertFrom-Csv).RequestTime
                    ($listed | ConvertTo-Csv | ConvertFrom-Csv).LastUpdatedAt
                    $result | ConvertTo-Json -Compress
                    $lines = @(($result | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
                    ($lines[0..3] | ForEach-Object { ($_ -split ':')[0].Trim() }) -join ','
                    ($lines | Where-Object { $_ -like 'RequestTime*' }) -join ''
                    $listedLines = @(($listed | Format-List | Out-String) -split "`n" | Where-Object { $_.Trim() })
                    ($listedLines[0..3] | ForEach-Object { ($_ -split ':')[0].Trim() }) -join ','
                }
                finally {
                    [cultureinfo]::CurrentCulture = $culture
                }
                """).AssertClean();

            var lines = result.Output.Select(o => o.ToString()).ToList();
            Assert.Matches(@"\+00:00$", lines[0]);
            Assert.Matches(@"\+00:00$", lines[1]);
            Assert.Matches("\"RequestTime\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+00:00\"", lines[2]);
            Assert.Equal("JobId,ThingName,Status,AlreadyCancelled", lines[3]);
            Assert.Matches(@"RequestTime\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", lines[4]);
            Assert.Equal("JobId,ThingName,Status,Region", lines[5]);
        }
    }
}
