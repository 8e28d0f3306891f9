using System.Linq;
using System.Threading;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class StopTwinMakerTransferJobTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public StopTwinMakerTransferJobTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void IdsByValueAndByPropertyAreCanceledWithTheServicesAnswer()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                'tm-run-1', [pscustomobject]@{ MetadataTransferJobId = 'tm-run-2' } | Stop-TwinMakerTransferJob @aws
                """).AssertClean();

            Assert.Equal(new[] { "tm-run-1", "tm-run-2" }, result.Strings("MetadataTransferJobId"));
            Assert.Equal(new[] { "CANCELLING", "CANCELLING" }, result.Strings("Status"));
            Assert.All(result.Output, o => Assert.StartsWith("arn:aws:iottwinmaker:", (string)o.Properties["Arn"].Value));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.TwinMaker.TwinMakerTransferJobCancellation", o.TypeNames[0]));
            // CANCELLING settles to CANCELLED after the emulator's delay; either shows the cancel landed.
            Assert.Contains(emulator.State.FindTwinMakerJob("tm-run-2")!.Status, new[] { "CANCELLING", "CANCELLED" });
            // A custom endpoint is used exactly as given: no "api." host prefix.
            Assert.All(emulator.State.Requests, r => Assert.StartsWith("127.0.0.1:", r.Headers.First(h => h.Key.Equals("Host", System.StringComparison.OrdinalIgnoreCase)).Value));
        }

        [Fact]
        public void AwsToolsAndCsvShapesBindByMetadataTransferJobId()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ PSTypeName = 'Amazon.IoTTwinMaker.Model.MetadataTransferJobSummary'; MetadataTransferJobId = 'tm-run-1'; Arn = 'x' },
                    ('{"metadataTransferJobId":"tm-run-2","status":{"state":"RUNNING"}}' | ConvertFrom-Json) | Stop-TwinMakerTransferJob @aws
                """).AssertClean();

            Assert.Equal(new[] { "tm-run-1", "tm-run-2" }, result.Strings("MetadataTransferJobId"));
        }

        [Fact]
        public void AFinishedJobIsAnInvalidJobStateErrorAndTheNextStillSucceeds()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'tm-done','missing-job','tm-run-1' | Stop-TwinMakerTransferJob @aws");

            Assert.Equal(new[] { "InvalidJobState", "JobNotFound" }, result.ErrorIds);
            Assert.Equal(new object[] { "tm-done", "missing-job" }, result.Errors.Select(e => e.TargetObject));
            Assert.Equal(new[] { "tm-run-1" }, result.Strings("MetadataTransferJobId"));
        }

        [Theory]
        [InlineData("-bad-start")]
        [InlineData("ends-with-dash-")]
        [InlineData("has space")]
        public void InvalidIdsAreRejectedWithoutSending(string id)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($"Stop-TwinMakerTransferJob -MetadataTransferJobId '{id}' @aws");

            Assert.Equal("InvalidIdentifier", Assert.Single(result.ErrorIds));
            Assert.Equal(id, result.Errors[0].TargetObject);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WaitPollsUntilTheJobIsCancelled()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-TwinMakerTransferJob tm-run-1 -Wait -Timeout 20 @aws").AssertClean();

            var job = Assert.Single(result.Output);
            Assert.Equal("CANCELLED", job.Properties["Status"].Value);
            Assert.True((bool)job.Properties["Completed"].Value);
            Assert.Contains("GetMetadataTransferJob", emulator.Operations());
        }
    }
}
