using System.Linq;
using CancelJobs.Tests.Hosting;
using CancelJobs.Tests.Operations;
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
    
        public static TheoryData<string> Operations => OperationSamples.StopCmdlets();

        /// <summary>Every operation, from its declaration: what its Get-* lists pipes into its Stop-*, and the results into the Get-* again.</summary>
        [Theory]
        [MemberData(nameof(Operations))]
        public void GetPipesIntoStopAndTheResultsReadBackCancelled(string stopCmdlet)
        {
            var sample = OperationSamples.Named(stopCmdlet);
            using var session = emulator.NewSession(sample.Seed);

            var listed = session.Run(sample.GetCancellable + " @aws").AssertClean().Output.Count;
            var result = session.Run($"{sample.GetCancellable} @aws | {sample.StopCmdlet} -Force | {sample.GetCmdlet}").AssertClean();

            Assert.True(listed > 0, sample.GetCancellable + " listed nothing");
            Assert.Equal(listed, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal(sample.RecordType, o.BaseObject.GetType().FullName));
            Assert.All(result.Output, o => Assert.Contains(o.Properties["Status"].Value?.ToString(), sample.CancelledStates));
            Assert.Equal(listed, emulator.Operations(sample.CancelOperation).Length);
        }
    }
}
