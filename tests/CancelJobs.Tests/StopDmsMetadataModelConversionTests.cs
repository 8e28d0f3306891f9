using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class StopDmsMetadataModelConversionTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public StopDmsMetadataModelConversionTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void RequestIdsByValueAreCanceledOverJson11WithTheResponsesState()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'req-1','req-2' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle @aws").AssertClean();

            Assert.Equal(new[] { "req-1", "req-2" }, result.Strings("RequestIdentifier"));
            Assert.Equal(new[] { "CANCELING", "CANCELING" }, result.Strings("Status"));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.Dms.DmsMetadataModelConversionCancellation", o.TypeNames[0]));
            // The two run concurrently, so the log (in answer order) may hold either first.
            var cancels = emulator.State.Requests.Where(r => r.Operation == "CancelMetadataModelConversion").ToList();
            Assert.All(cancels, cancel => Assert.Equal("AmazonDMSv20160101.CancelMetadataModelConversion", cancel.Headers.First(h => h.Key.Equals("X-Amz-Target", System.StringComparison.OrdinalIgnoreCase)).Value));
            Assert.Single(cancels, cancel => cancel.Body.Contains("\"RequestIdentifier\":\"req-1\""));
            Assert.Single(cancels, cancel => cancel.Body.Contains("\"RequestIdentifier\":\"req-2\""));
        }

        [Fact]
        public void AwsToolsObjectsBindThroughMigrationProjectArn()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ MigrationProjectArn = 'arn:aws:dms:us-east-1:123456789012:migration-project:legacy-oracle'; RequestIdentifier = 'req-1'; Status = 'IN_PROGRESS' } |
                    Stop-DmsMetadataModelConversion @aws
                """).AssertClean();

            Assert.Single(result.Output);
            // CANCELING settles to CANCELED after the emulator's delay; either shows the cancel landed.
            Assert.Contains(emulator.State.FindDmsConversion("legacy-oracle", "req-1")!.Status, new[] { "CANCELING", "CANCELED" });
        }

        [Fact]
        public void FinishedAndUnknownConversionsFailPerItem()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'req-done','req-nope','req-1' | Stop-DmsMetadataModelConversion -MigrationProjectIdentifier legacy-oracle @aws");

            Assert.Equal(new[] { "InvalidJobState", "JobNotFound" }, result.ErrorIds);
            Assert.Equal(new[] { "req-1" }, result.Strings("RequestIdentifier"));
        }

        [Fact]
        public void AnEmptyRequestIdentifierFromACsvRowSendsNothing()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("[pscustomobject]@{ RequestIdentifier = ' '; MigrationProjectIdentifier = 'legacy-oracle' } | Stop-DmsMetadataModelConversion @aws");

            Assert.Equal("InvalidIdentifier", Assert.Single(result.ErrorIds));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WaitReportsTheTerminalState()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-DmsMetadataModelConversion legacy-oracle req-1 -Wait -Timeout 20 @aws").AssertClean();

            Assert.Equal("CANCELED", Assert.Single(result.Output).Properties["Status"].Value);
            Assert.Contains("DescribeMetadataModelConversions", emulator.Operations());
        }

        [Fact]
        public void AConversionAskedForInAnUnknownMigrationProjectIsJobNotFoundAndTheRealOneIsUntouched()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-DmsMetadataModelConversion other-project req-1 @aws");

            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Empty(result.Output);
            Assert.Equal("IN_PROGRESS", emulator.State.FindDmsConversion("legacy-oracle", "req-1")!.Status);
        }

        [Fact]
        public void TheRequestIdAndMigrationProjectAliasesBind()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("[pscustomobject]@{ RequestId = 'req-2'; MigrationProject = 'legacy-oracle' } | Stop-DmsMetadataModelConversion @aws").AssertClean();

            Assert.Equal(new[] { "req-2" }, result.Strings("RequestIdentifier"));
            Assert.Single(emulator.State.Requests, r => r.Operation == "CancelMetadataModelConversion" && r.Body.Contains("\"RequestIdentifier\":\"req-2\""));
            Assert.Contains(emulator.State.FindDmsConversion("legacy-oracle", "req-2")!.Status, new[] { "CANCELING", "CANCELED" });
        }
    }
}
