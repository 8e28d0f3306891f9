using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// What a Stop-* accepts from the pipeline and the command line, and what it refuses before sending anything:
    /// PowerShell alone would turn any object into a string and any shared alias into an identifier.
    /// </summary>
    public sealed class PipelineBindingTests : IClassFixture<EmulatorFixture>
    {
        private const string IoTArn = "arn:aws:iot:us-east-1:123456789012:thing/sensor-1";
        private readonly EmulatorFixture emulator;

        public PipelineBindingTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string[] CancelOperations() => emulator.State.Requests.Select(r => r.Operation ?? "?").Where(o => o.StartsWith("Cancel")).ToArray();

        [Fact]
        public void AHashtableBindsByKey()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("@{ ThingName = 'sensor-1'; JobId = 'fw-7' } | Stop-IoTJobExecution @aws").AssertClean();

            Assert.Equal("sensor-1", Assert.Single(result.Output).Properties["ThingName"].Value);
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-1")!.Status);
            Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-7", "sensor-2")!.Status);
        }

        [Fact]
        public void AnOrderedDictionaryBindsByKeyAndAliasesCount()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [ordered]@{ RequestIdentifier = 'req-2'; MigrationProjectArn = 'legacy-oracle' } | Stop-DmsMetadataModelConversion @aws
                @{ Id = 'run-2'; DomainId = 'dzd_sales01' } | Stop-DataZoneMetadataGenerationRun @aws
                """).AssertClean();

            Assert.Equal(new[] { "req-2", "<null>" }, result.Strings("RequestIdentifier"));
            Assert.Equal(new[] { "CancelMetadataModelConversion", "CancelMetadataGenerationRun" }, CancelOperations());
        }

        [Fact]
        public void NumbersBindByValueAsTheyWereWritten()
        {
            using var session = emulator.NewSession("""{"twinMaker":[{"id":"12345","workspaceId":"w","state":"RUNNING"},{"id":"007","workspaceId":"w","state":"RUNNING"}]}""");

            var result = session.Run("12345 | Stop-TwinMakerTransferJob @aws; Stop-TwinMakerTransferJob 007 @aws").AssertClean();

            Assert.Equal(new[] { "12345", "007" }, result.Strings("MetadataTransferJobId"));
        }

        [Fact]
        public void TheServicesOwnAwsToolsObjectBindsByItsPropertyNames()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($$"""
                [pscustomobject]@{ PSTypeName = 'Amazon.DataZone.Model.MetadataGenerationRunItem'; Id = 'run-1'; DomainId = 'dzd_sales01' } | Stop-DataZoneMetadataGenerationRun @aws
                [pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobExecutionSummaryForJob'; ThingArn = '{{IoTArn}}' } | Stop-IoTJobExecution -JobId fw-7 @aws
                """).AssertClean();

            Assert.Equal(new[] { "CancelMetadataGenerationRun", "CancelJobExecution" }, CancelOperations());
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-1")!.Status);
        }

        [Theory]
        [InlineData("@{ Name = 'x' } | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle @aws", "MissingIdentifier", "Hashtable has no RequestIdentifier key")]
        [InlineData("[pscustomobject]@{ Name = 'x' } | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle @aws", "MissingIdentifier", "PSCustomObject has no RequestIdentifier property")]
        [InlineData("@{ ThingName = 'sensor-1' } | Stop-IoTJobExecution @aws", "MissingIdentifier", "-JobId")]
        [InlineData("Stop-IoTJobExecution sensor-1 @aws", "MissingIdentifier", "needs -JobId")]
        [InlineData("[System.Diagnostics.Process]::GetCurrentProcess() | Stop-TwinMakerTransferJob @aws", "InvalidInputType", "cannot use the piped Process")]
        [InlineData("[System.IO.DirectoryInfo]::new('/') | Stop-DataZoneMetadataGenerationRun @aws", "InvalidInputType", "cannot use the piped DirectoryInfo")]
        [InlineData(",@('tm-run-1', 'tm-run-2') | Stop-TwinMakerTransferJob @aws", "InvalidInputType", "Object[] holds several values")]
        [InlineData("Stop-TwinMakerTransferJob -MetadataTransferJobId 'tm-run-1', 'tm-run-2' @aws", "InvalidInputType", "not an Object[]")]
        [InlineData("Stop-DmsMetadataModelConversion -RequestIdentifier @{ id = 'req-1' } -MigrationProjectIdentifier legacy-oracle @aws", "InvalidInputType", "not a Hashtable")]
        [InlineData("[pscustomobject]@{ ThingName = 'sensor-1'; JobId = @('fw-7', 'fw-8') } | Stop-IoTJobExecution @aws", "InvalidInputType", "JobId property is an Object[]")]
        [InlineData("@{ RequestIdentifier = @{ x = 1 }; MigrationProjectIdentifier = 'legacy-oracle' } | Stop-DmsMetadataModelConversion @aws", "InvalidInputType", "RequestIdentifier key is a Hashtable")]
        public void UnusableInputIsRejectedNamingTheTypeAndNothingIsSent(string script, string errorId, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            Assert.Equal(errorId, Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
            Assert.Contains(expectedInMessage, result.Errors[0].Exception.Message);
            Assert.Contains("Nothing was sent", result.Errors[0].Exception.Message);
            Assert.Empty(result.Output);
            Assert.Empty(emulator.State.Requests);
        }

        [Theory]
        [InlineData("[pscustomobject]@{ ThingName = 'sensor-1'; JobId = 'fw-7'; Status = 'QUEUED' } | Stop-TwinMakerTransferJob @aws", "ThingName property", "Stop-IoTJobExecution")]
        [InlineData("@{ ThingName = 'sensor-1'; JobId = 'fw-7' } | Stop-TwinMakerTransferJob @aws", "ThingName key", "Stop-IoTJobExecution")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'CSV:CancelJobs.Engine.IoT.IoTJobExecution'; JobId = 'fw-7' } | Stop-TwinMakerTransferJob @aws", "IoT object", "Stop-IoTJobExecution")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'Deserialized.CancelJobs.Engine.TwinMaker.TwinMakerTransferJobCancellation'; Id = 'tm-run-1' } | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws", "IoTTwinMaker object", "Stop-TwinMakerTransferJob")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobSummary'; JobId = 'fw-7' } | Stop-TwinMakerTransferJob @aws", "IoT object", "Stop-IoTJobExecution")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'Amazon.DataZone.Model.MetadataGenerationRunItem'; Id = 'tm-run-1'; DomainId = 'dzd_sales01' } | Stop-TwinMakerTransferJob @aws", "DataZone object", "Stop-DataZoneMetadataGenerationRun")]
        [InlineData("[pscustomobject]@{ PSTypeName = 'Amazon.IoTTwinMaker.Model.MetadataTransferJobSummary'; MetadataTransferJobId = 'tm-run-1' } | Stop-IoTJobExecution -JobId fw-7 @aws", "IoTTwinMaker object", "Stop-TwinMakerTransferJob")]
        [InlineData("[pscustomobject]@{ RequestIdentifier = 'req-1'; MigrationProjectIdentifier = 'legacy-oracle' } | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws", "RequestIdentifier property", "Stop-DmsMetadataModelConversion")]
        public void AnotherServicesItemIsRejectedWithItsOwnErrorIdAndNothingIsSent(string script, string expectedInMessage, string rightCommand)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            Assert.Equal("CrossServiceInput", Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
            Assert.Contains(expectedInMessage, result.Errors[0].Exception.Message);
            Assert.Contains("pipe it to " + rightCommand, result.Errors[0].Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void GetOutputOfOneServiceNeverCancelsAnotherServicesJobThroughTheJobIdAlias()
        {
            using var session = emulator.NewSession(Seeds.AllServices + "");

            var result = session.Run("""
                Get-IoTJobExecution -JobId fw-7 @aws | Stop-TwinMakerTransferJob @aws
                Stop-IoTJobExecution sensor-1 fw-7 @aws | Stop-TwinMakerTransferJob @aws
                """);

            Assert.Equal(4, result.ErrorIds.Count);
            Assert.All(result.ErrorIds, id => Assert.Equal("CrossServiceInput", id));
            Assert.Empty(emulator.Operations("CancelMetadataTransferJob"));
            Assert.Equal(new[] { "ListJobExecutionsForJob", "CancelJobExecution" }, emulator.Operations());
        }

        [Fact]
        public void ARowWithTheServicesOwnKeysStillBindsAlthoughItAlsoHasSharedOnes()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ MetadataTransferJobId = 'tm-run-1'; JobId = 'ignored'; Id = 'ignored' } | Stop-TwinMakerTransferJob @aws
                [pscustomobject]@{ JobId = 'tm-run-2' } | Stop-TwinMakerTransferJob @aws
                """).AssertClean();

            Assert.Equal(new[] { "tm-run-1", "tm-run-2" }, result.Strings("MetadataTransferJobId"));
        }

        [Fact]
        public void CommandLineValuesWinOverThePipedObjectAsInPowerShell()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("@{ ThingName = 'sensor-1'; JobId = 'not-this' } | Stop-IoTJobExecution -JobId fw-7 @aws").AssertClean();

            Assert.Equal("fw-7", Assert.Single(result.Output).Properties["JobId"].Value);
        }

        [Theory]
        [InlineData("Stop-TwinMakerTransferJob \"tm-run-1`0x\" @aws", @"tm-run-1\0x")]
        [InlineData("Stop-IoTJobExecution \"sensor-1`nFAKE LOG LINE\" fw-7 @aws", @"sensor-1\nFAKE LOG LINE")]
        [InlineData("Stop-DmsMetadataModelConversion req-1 \"legacy`r`noracle\" @aws", @"legacy\r\noracle")]
        [InlineData("@{ Identifier = \"run-1`t\"; DomainIdentifier = 'dzd_sales01' } | Stop-DataZoneMetadataGenerationRun @aws", @"run-1\t")]
        public void ControlCharactersAreRejectedInEveryServiceAndEchoedEscaped(string script, string escaped)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, escaped);
            Assert.Contains("control character", result.Errors[0].Exception.Message);
            Assert.DoesNotContain(result.Errors[0].Exception.Message, c => c == '\n' || c == '\0' || c == '\r' || c == '\t');
        }

        [Theory]
        [InlineData("@{ build = @{ x = 1 } }", "value of 'build' is Hashtable")]
        [InlineData("@{ parts = @(1, 2) }", "value of 'parts' is Object[]")]
        [InlineData("@{ note = $null }", "value of 'note' is null")]
        public void StatusDetailValuesMustBeScalarsAndNothingIsSent(string detail, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -StatusDetail {detail} @aws");

            Assert.Equal("InvalidStatusDetail", RunResult.ErrorIdOf(caught!));
            Assert.Contains(expectedInMessage, caught!.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void ScalarStatusDetailValuesAreSentAsText()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run("Stop-IoTJobExecution sensor-1 fw-7 -StatusDetail @{ ticket = 'OPS-9'; attempt = 2 } @aws").AssertClean();

            var details = emulator.State.FindIoTExecution("fw-7", "sensor-1")!.StatusDetails;
            Assert.Equal("OPS-9", details["ticket"]);
            Assert.Equal("2", details["attempt"]);
        }
    }
}
