using System.Linq;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Identifiers bind by property name, so listed or cancelled objects can be read again (e.g. after Stop-*).</summary>
    public sealed class PipeBetweenGetCmdletsTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"iot":[{"jobId":"fw-7","thingName":"t-1"},{"jobId":"fw-7","thingName":"t-2"},{"jobId":"fw-7","thingName":"t-3"}],
             "dataZone":[{"domainId":"dzd_main","id":"run-1"},{"domainId":"dzd_main","id":"run-2"}]}
            """;

        private readonly EmulatorFixture emulator;

        public PipeBetweenGetCmdletsTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void StopResultsPipedIntoGetAreReadBackWithTheCarriedConnection()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution -JobId fw-7 -MaxItems 2 @aws | Stop-IoTJobExecution | Get-IoTJobExecution").AssertClean();

            Assert.Equal(new[] { "t-1", "t-2" }, result.Strings("ThingName"));
            Assert.All(result.Output, o => Assert.Equal("CANCELED", o.Properties["Status"].Value));
            Assert.Equal(2, emulator.Operations("DescribeJobExecution").Length);
            Assert.Equal("QUEUED", emulator.State.FindIoTExecution("fw-7", "t-3")!.Status);
        }

        [Fact]
        public void DataZoneStopResultsPipedIntoGetUseTheGetParameterSet()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Stop-DataZoneMetadataGenerationRun dzd_main run-2 @aws | Get-DataZoneMetadataGenerationRun").AssertClean();

            var run = Assert.Single(result.Output);
            Assert.Equal("CANCELED", run.Properties["Status"].Value);
            Assert.Equal(new[] { "CancelMetadataGenerationRun", "GetMetadataGenerationRun" }, emulator.Operations());
        }
    }
}
