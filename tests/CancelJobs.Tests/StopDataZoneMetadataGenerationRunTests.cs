using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class StopDataZoneMetadataGenerationRunTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public StopDataZoneMetadataGenerationRunTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void AwsToolsShapedObjectsWithDomainIdAndIdBind()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("""
                [pscustomobject]@{ DomainId = 'dzd_sales01'; Id = 'run-1'; Status = 'IN_PROGRESS' },
                [pscustomobject]@{ DomainIdentifier = 'dzd_sales01'; RunId = 'run-2' } | Stop-DataZoneMetadataGenerationRun @aws
                """).AssertClean();

            Assert.Equal(new[] { "run-1", "run-2" }, result.Strings("Identifier"));
            Assert.All(result.Output, o => Assert.Equal("CANCELED", o.Properties["Status"].Value));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRunCancellation", o.TypeNames[0]));
            Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-2")!.Status);
            Assert.Equal(2, emulator.State.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/cancel")));
        }

        [Fact]
        public void RunsSavedAsJsonBindThroughGetContentAndConvertFromJson()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var file = System.IO.Path.GetTempFileName();
            try
            {
                System.IO.File.WriteAllText(file, """[{"domainId":"dzd_sales01","id":"run-1"},{"domainId":"dzd_sales01","id":"run-2"}]""");

                var result = session.Run($"Get-Content '{file}' | ConvertFrom-Json | Stop-DataZoneMetadataGenerationRun @aws").AssertClean();

                Assert.Equal(new[] { "run-1", "run-2" }, result.Strings("Identifier"));
                Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-1")!.Status);
                Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-2")!.Status);
            }
            finally
            {
                System.IO.File.Delete(file);
            }
        }

        [Fact]
        public void ASucceededRunCannotBeCanceledAndTheErrorSaysSo()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'run-done','run-1' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws");

            Assert.Equal("InvalidJobState", Assert.Single(result.ErrorIds));
            Assert.Contains("SUCCEEDED", result.Errors[0].Exception.Message);
            Assert.Equal("run-done", result.Errors[0].TargetObject);
            Assert.Equal(new[] { "run-1" }, result.Strings("Identifier"));
        }

        [Theory]
        [InlineData("Stop-DataZoneMetadataGenerationRun -Identifier run-1 -DomainIdentifier sales01 @aws", "DomainIdentifier")]
        [InlineData("Stop-DataZoneMetadataGenerationRun -Identifier ('r' * 37) -DomainIdentifier dzd_sales01 @aws", "Identifier")]
        public void InvalidIdentifiersSendNothing(string script, string named)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run(script);

            Assert.Equal("InvalidIdentifier", Assert.Single(result.ErrorIds));
            Assert.Contains(named, result.Errors[0].Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AMissingRunIsJobNotFoundAndTheNextStillSucceeds()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("'run-nope','run-1' | Stop-DataZoneMetadataGenerationRun -DomainIdentifier dzd_sales01 @aws");

            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            Assert.Equal("run-nope", result.Errors[0].TargetObject);
            Assert.Equal(new[] { "run-1" }, result.Strings("Identifier"));
            Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-1")!.Status);
        }

        [Fact]
        public void WaitReportsTheRunCanceledAndCompleted()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-DataZoneMetadataGenerationRun dzd_sales01 run-1 -Wait -Timeout 20 @aws").AssertClean();

            var run = Assert.Single(result.Output);
            Assert.Equal("CANCELED", run.Properties["Status"].Value);
            Assert.True((bool)run.Properties["Completed"].Value);
            Assert.Equal("CANCELED", emulator.State.FindDataZoneRun("dzd_sales01", "run-1")!.Status);
        }
    }
}
