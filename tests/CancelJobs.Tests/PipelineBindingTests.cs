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
        public void XmlElementsBindByTheirAttributes()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                ([xml]'<cancel><execution ThingName="sensor-1" JobId="fw-7"/><execution ThingName="sensor-2" JobId="fw-7"/></cancel>').cancel.execution | Stop-IoTJobExecution @aws
                """).AssertClean();

            Assert.Equal(new[] { "sensor-1", "sensor-2" }, result.Strings("ThingName"));
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-2")!.Status);
        }

        [Fact]
        public void AnyObjectThatCarriesTheCommandsOwnNameBindsTheSharedOneToo()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                class Execution { [string] $ThingName; [string] $JobId }
                [Execution]@{ ThingName = 'sensor-1'; JobId = 'fw-7' } | Stop-IoTJobExecution @aws
                """).AssertClean();

            Assert.Equal("sensor-1", Assert.Single(result.Output).Properties["ThingName"].Value);
        }

        [Theory]
        [InlineData("arn:aws-us-gov:iot:us-gov-west-1:123456789012:thing/sensor-1", "us-gov-west-1")]
        [InlineData("arn:aws-cn:iot:cn-north-1:123456789012:thing/sensor-1", "cn-north-1")]
        [InlineData("arn:aws-iso-b:iot:us-isob-east-1:123456789012:thing/sensor-1", "us-isob-east-1")]
        [InlineData("arn:aws-eusc:iot:eusc-de-east-1:123456789012:thing/sensor-1", "eusc-de-east-1")]
        [InlineData("arn:aws:iot:ap-southeast-5:123456789012:thing/sensor-1", "ap-southeast-5")]
        public void ThingArnsOfEveryPartitionAreReadAndTheirRegionShownInWhatIf(string arn, string region)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            // In the ARN's own region: -WhatIf refuses an ARN of another region as the run does (RegionMismatch).
            var text = session.RunFormatted($"$inRegion = $aws.Clone(); $inRegion.Region = '{region}'; @{{ ThingArn = '{arn}'; JobId = 'fw-7' }} | Stop-IoTJobExecution -WhatIf @inRegion");

            Assert.Contains($"IoT job execution fw-7 on thing sensor-1 (thing ARN in {region})", text);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AThingArnInTheCommandsRegionIsCancelledThere()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                $eusc = $aws.Clone(); $eusc.Region = 'eusc-de-east-1'
                @{ ThingArn = 'arn:aws-eusc:iot:eusc-de-east-1:123456789012:thing/sensor-1'; JobId = 'fw-7' } | Stop-IoTJobExecution @eusc
                """).AssertClean();

            Assert.Equal("sensor-1", Assert.Single(result.Output).Properties["ThingName"].Value);
            Assert.Contains("/eusc-de-east-1/iot/", Assert.Single(emulator.State.Requests).Headers.First(h => h.Key == "Authorization").Value);
        }

        [Fact]
        public void GetIoTJobExecutionRefusesAThingArnOfAnotherRegionToo()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Get-IoTJobExecution -ThingName 'arn:aws:iot:eu-west-1:123456789012:thing/sensor-1' -JobId fw-7 @aws | Stop-IoTJobExecution @aws");

            result.AssertRejectedBeforeSending(emulator, "Add -Region eu-west-1", "RegionMismatch");
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
        [InlineData("Stop-IoTJobExecution -ThingName sensor-1 @aws", "MissingIdentifier", "needs -JobId")]
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
        [InlineData("[pscustomobject]@{ PSTypeName = 'Amazon.IoT.Model.JobSummary'; JobId = 'fw-7' } | Stop-TwinMakerTransferJob @aws", "IoT object", "Stop-IoTJob")]
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
                Stop-IoTJobExecution fw-7 sensor-1 @aws | Stop-TwinMakerTransferJob @aws
                """);

            Assert.Equal(4, result.ErrorIds.Count);
            Assert.All(result.ErrorIds, id => Assert.Equal("CrossServiceInput", id));
            Assert.Empty(emulator.Operations("CancelMetadataTransferJob"));
            Assert.Equal(new[] { "ListJobExecutionsForJob", "CancelJobExecution" }, emulator.Operations());
        }

        [Theory]
        [InlineData("Get-IoTJobExecution -JobId fw-7 @aws | Select-Object JobId, Status | Stop-TwinMakerTransferJob @aws")]
        [InlineData("Get-IoTJobExecution -JobId fw-7 @aws | Select-Object JobId | ConvertTo-Csv -IncludeTypeInformation | ConvertFrom-Csv | Stop-TwinMakerTransferJob @aws")]
        [InlineData("$rows = Get-IoTJobExecution -JobId fw-7 @aws | Select-Object JobId; [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($rows)) | Stop-TwinMakerTransferJob @aws")]
        public void AnotherServicesObjectIsRecognisedAfterSelectObjectCsvAndClixml(string script)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            Assert.NotEmpty(result.ErrorIds);
            Assert.All(result.ErrorIds, id => Assert.Equal("CrossServiceInput", id));
            Assert.Empty(emulator.Operations("CancelMetadataTransferJob"));
        }

        [Theory]
        [InlineData("@{ JobId = 'tm-run-1' } | Stop-TwinMakerTransferJob @aws", "JobId key", "Stop-IoTJob and Stop-IoTJobExecution", "MetadataTransferJobId")]
        [InlineData("[pscustomobject]@{ JobId = 'tm-run-1'; JobExecutionSummary = 'x' } | ConvertTo-Csv | ConvertFrom-Csv | Stop-TwinMakerTransferJob @aws", "JobId property", "Stop-IoTJob and Stop-IoTJobExecution", "MetadataTransferJobId")]
        [InlineData("@{ Id = 'run-1' } | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws", "Id key", "Stop-TwinMakerTransferJob", "Identifier")]
        [InlineData("'Id','tm-run-1' | ConvertFrom-Csv | Stop-TwinMakerTransferJob @aws", "Id property", "Stop-DataZoneMetadataGenerationRun", "MetadataTransferJobId")]
        public void AnAliasSeveralServicesShareIsNotEnoughOnItsOwn(string script, string expectedInMessage, string otherCommand, string rightName)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, expectedInMessage, "AmbiguousInput");
            Assert.Contains("also an identifier of " + otherCommand, result.Errors[0].Exception.Message);
            Assert.Contains("Name it " + rightName, result.Errors[0].Exception.Message);
        }

        [Fact]
        public void ASharedNameBindsWhenTheRowSaysWhoseJobItIs()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ MetadataTransferJobId = 'tm-run-1'; JobId = 'tm-run-1'; Id = 'tm-run-1' } | Stop-TwinMakerTransferJob @aws
                @{ Id = 'run-1'; DomainId = 'dzd_sales01' } | Stop-DataZoneMetadataGenerationRun @aws
                @{ JobId = 'fw-7' } | Stop-IoTJobExecution -ThingName sensor-1 @aws
                """).AssertClean();

            Assert.Equal(new[] { "tm-run-1" }, result.Strings("MetadataTransferJobId").Where(id => id != "<null>"));
            Assert.Equal(new[] { "CancelMetadataTransferJob", "CancelMetadataGenerationRun", "CancelJobExecution" }, CancelOperations());
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-1")!.Status);
        }

        [Theory]
        [InlineData("arn:aws:iot:us-east-1`n:123456789012:thing/sensor-1", "InvalidIdentifier", "not a thing ARN")]
        [InlineData("arn:aws:iot:us-east-1:123456789012:thingx/sensor-1", "InvalidIdentifier", "not a thing ARN")]
        [InlineData("arn:aws:iot:eu-west-1:123456789012:thing/sensor-1", "RegionMismatch", "Add -Region eu-west-1")]
        public void AThingArnMustBeWholeAndInTheRegionTheCommandSendsTo(string arn, string errorId, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($"@{{ ThingArn = \"{arn}\"; JobId = 'fw-7' }} | Stop-IoTJobExecution @aws");

            result.AssertRejectedBeforeSending(emulator, expectedInMessage, errorId);
            Assert.DoesNotContain('\n', result.Errors[0].Exception.Message);
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
        [InlineData("Stop-IoTJobExecution fw-7 \"sensor-1`nFAKE LOG LINE\" @aws", @"sensor-1\nFAKE LOG LINE")]
        [InlineData("Stop-DmsMetadataModelConversion \"legacy`r`noracle\" req-1 @aws", @"legacy\r\noracle")]
        [InlineData("@{ Identifier = \"run-1`t\"; DomainIdentifier = 'dzd_sales01' } | Stop-DataZoneMetadataGenerationRun @aws", @"run-1\t")]
        [InlineData("Stop-IoTJobExecution \"fw-7`0\" sensor-1 @aws", @"fw-7\0")]
        [InlineData("Stop-DmsMetadataModelConversion legacy-oracle \"req-1`u{85}\" @aws", @"req-1\u0085")]
        [InlineData("Stop-DataZoneMetadataGenerationRun \"dzd_sales01`e\" run-1 @aws", @"dzd_sales01\u001b")]
        [InlineData("Stop-DmsMetadataModelConversion \"legacy-oracle`u{2028}X\" req-1 @aws", @"legacy-oracle\u2028X")]
        [InlineData("Stop-DmsMetadataModelConversion legacy-oracle \"req-1`u{202E}txt.exe\" @aws", @"req-1\u202etxt.exe")]
        [InlineData("Stop-DmsMetadataModelConversion \"legacy`u{200B}oracle\" req-1 @aws", @"legacy\u200boracle")]
        public void ControlCharactersAreRejectedInEveryServiceAndEchoedEscaped(string script, string escaped)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, escaped);
            Assert.Contains("control character", result.Errors[0].Exception.Message);
            Assert.DoesNotContain(result.Errors[0].Exception.Message, c => c < ' ' || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u202e' || c == '\u200b');
        }

        [Theory]
        [InlineData("Get-DmsMetadataModelConversion -MigrationProjectIdentifier @{ a = 1 } @aws", "-MigrationProjectIdentifier takes a string or a number, not a Hashtable")]
        [InlineData("[pscustomobject]@{ JobId = @('fw-7', 'fw-8') } | Get-IoTJobExecution @aws", "-JobId takes a string or a number, not an Object[]")]
        public void GetIdentifiersTooMustBeStringsOrNumbers(string script, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run(script).AssertRejectedBeforeSending(emulator, expectedInMessage, "InvalidInputType");
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

            session.Run("""
                Stop-IoTJobExecution fw-7 sensor-1 -StatusDetail ([ordered]@{ ticket = 'OPS-9'; attempt = 2; rollback = $true; at = [datetime]::SpecifyKind([datetime]'2026-11-30T21:17:51', 'Utc'); note = 'ok 👍' }) @aws
                """).AssertClean();

            var details = emulator.State.FindIoTExecution("fw-7", "sensor-1")!.StatusDetails;
            Assert.Equal("OPS-9", details["ticket"]);
            Assert.Equal("2", details["attempt"]);
            Assert.Equal("true", details["rollback"]);
            Assert.Equal("2026-11-30T21:17:51Z", details["at"]);
            Assert.Equal("ok 👍", details["note"]);
            // An [ordered] table goes out in the order it was written.
            var body = emulator.State.Requests.Single(r => r.Operation == "CancelJobExecution").Body;
            Assert.True(body.IndexOf("ticket") < body.IndexOf("attempt") && body.IndexOf("attempt") < body.IndexOf("rollback") && body.IndexOf("rollback") < body.IndexOf("note"), body);
        }
    }
}
