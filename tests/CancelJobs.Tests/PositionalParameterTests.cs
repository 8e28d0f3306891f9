using System.Linq;
using System.Text.Json;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Positions: the same within each Get/Stop pair, the container before the job, and AWS Tools' positional parameter
    /// where AWS Tools has one for the same operation (Stop-IOTJobExecution: JobId; Get-DMSMetadataModelConversion:
    /// MigrationProjectIdentifier; Stop-/Get-IOTTMMetadataTransferJob: MetadataTransferJobId). A value in a position it
    /// cannot mean says so instead of returning nothing.
    /// </summary>
    public sealed class PositionalParameterTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"twinMaker":[{"id":"mtj-assembly-line-01","workspaceId":"assembly-line","state":"RUNNING"}],
             "iot":[{"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"}],
             "dms":[{"migrationProject":"legacy-oracle-to-aurora","requestIdentifier":"conv-hr-schema","status":"IN_PROGRESS"}],
             "dataZone":[{"domainId":"dzd_sales01","id":"run-1","status":"IN_PROGRESS"}]}
            """;

        private readonly EmulatorFixture emulator;

        public PositionalParameterTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Theory]
        [InlineData("Stop-IoTJobExecution", "", "JobId,ThingName")]
        [InlineData("Get-IoTJobExecution", "Describe", "JobId,ThingName")]
        [InlineData("Stop-DmsMetadataModelConversion", "", "MigrationProjectIdentifier,RequestIdentifier")]
        [InlineData("Get-DmsMetadataModelConversion", "", "MigrationProjectIdentifier,RequestIdentifier")]
        [InlineData("Stop-DataZoneMetadataGenerationRun", "", "DomainIdentifier,Identifier")]
        [InlineData("Get-DataZoneMetadataGenerationRun", "Get", "DomainIdentifier,Identifier")]
        [InlineData("Stop-TwinMakerTransferJob", "", "MetadataTransferJobId")]
        [InlineData("Get-TwinMakerTransferJob", "Get", "MetadataTransferJobId")]
        [InlineData("Get-TwinMakerTransferJob", "List", "")]
        public void EachGetStopPairTakesTheContainerFirstThenTheJob(string command, string parameterSet, string expected)
        {
            using var session = emulator.NewSession();

            var result = session.Run($$"""
                $sets = (Get-Command {{command}}).ParameterSets | Where-Object { -not '{{parameterSet}}' -or $_.Name -eq '{{parameterSet}}' }
                @($sets[0].Parameters | Where-Object Position -ge 0 | Sort-Object Position | ForEach-Object Name) -join ','
                """).AssertClean();

            Assert.Equal(expected, Assert.Single(result.Output).ToString());
        }

        [Fact]
        public void StopDmsProjectRequestCancelsThatRequestAsGetReadsIt()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("""
                (Get-DmsMetadataModelConversion legacy-oracle-to-aurora conv-hr-schema @aws).Status
                (Stop-DmsMetadataModelConversion legacy-oracle-to-aurora conv-hr-schema -Force @aws).RequestIdentifier
                """).AssertClean();

            Assert.Equal(new[] { "IN_PROGRESS", "conv-hr-schema" }, result.Output.Select(o => o.ToString()));
            using var body = JsonDocument.Parse(Assert.Single(emulator.State.Requests, r => r.Operation == "CancelMetadataModelConversion").Body);
            Assert.Equal("legacy-oracle-to-aurora", body.RootElement.GetProperty("MigrationProjectIdentifier").GetString());
            Assert.Equal("conv-hr-schema", body.RootElement.GetProperty("RequestIdentifier").GetString());
        }

        [Fact]
        public void GetTwinMakerTransferJobWithAJobIdGetsTheJobNotAWorkspace()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("""
                (Get-TwinMakerTransferJob mtj-assembly-line-01 @aws).MetadataTransferJobId
                (Stop-TwinMakerTransferJob mtj-assembly-line-01 -Force @aws).MetadataTransferJobId
                """).AssertClean();

            Assert.Equal(new[] { "mtj-assembly-line-01", "mtj-assembly-line-01" }, result.Output.Select(o => o.ToString()));
            Assert.Single(emulator.State.Requests, r => r.Operation == "GetMetadataTransferJob");
        }

        [Fact]
        public void StopIoTJobExecutionTakesJobThenThingAndAPipedThingWithTheJobByPosition()
        {
            using var session = emulator.NewSession(Seed);

            var byPosition = session.Run("(Stop-IoTJobExecution fw-7 sensor-1 -Force @aws).ThingName").AssertClean();

            Assert.Equal("sensor-1", Assert.Single(byPosition.Output).ToString());
            Assert.Equal("/things/sensor-1/jobs/fw-7/cancel", Assert.Single(emulator.State.Requests, r => r.Operation == "CancelJobExecution").Path);

            using var piped = emulator.NewSession(Seed);
            var result = piped.Run("('sensor-1' | Stop-IoTJobExecution fw-7 -Force @aws).JobId").AssertClean();

            Assert.Equal("fw-7", Assert.Single(result.Output).ToString());
            Assert.Equal("/things/sensor-1/jobs/fw-7/cancel", Assert.Single(emulator.State.Requests, r => r.Operation == "CancelJobExecution").Path);
        }

        [Fact]
        public void StopDataZoneRunTakesDomainThenRun()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("(Stop-DataZoneMetadataGenerationRun dzd_sales01 run-1 -Force @aws).Identifier").AssertClean();

            Assert.Equal("run-1", Assert.Single(result.Output).ToString());
            Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-1")!.Status);
        }

        [Fact]
        public void AJobIdGivenAsWorkspaceIdSaysThereIsNoSuchWorkspaceAndAnEmptyWorkspaceWritesNothing()
        {
            using var session = emulator.NewSession(Seed);

            var wrong = session.Run("Get-TwinMakerTransferJob -WorkspaceId mtj-assembly-line-01 @aws");

            Assert.Equal("JobNotFound", Assert.Single(wrong.ErrorIds));
            Assert.StartsWith("TwinMaker workspace mtj-assembly-line-01 was not found", wrong.Errors[0].Exception.Message, System.StringComparison.OrdinalIgnoreCase);
            Assert.Contains("-MetadataTransferJobId", wrong.Errors[0].Exception.Message);

            var quiet = session.Run("Get-TwinMakerTransferJob -WorkspaceId assembly-line -State COMPLETED @aws").AssertClean();
            Assert.Empty(quiet.Output);
        }

        [Fact]
        public void AThingNameWhereTheJobGoesSaysTheJobWasNotFound()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution sensor-1 @aws");

            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Contains("job sensor-1 was not found", result.Errors[0].Exception.Message, System.StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void ARunIdWhereTheDomainGoesIsRefusedNamingDomainIdentifierAndNothingIsSent()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-DataZoneMetadataGenerationRun run-1 dzd_sales01 -Force @aws");

            Assert.Equal("InvalidIdentifier", Assert.Single(result.ErrorIds));
            Assert.Contains("DomainIdentifier", result.Errors[0].Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }
    }
}
