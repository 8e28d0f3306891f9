using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class GetDataZoneMetadataGenerationRunTests : IClassFixture<EmulatorFixture>
    {
        // dzd_main: 120 runs (80 SUBMITTED, 40 SUCCEEDED); dzd_other: 5 SUBMITTED.
        private static readonly string Seed = Seeds.Document("dataZone",
            Seeds.Range(120).Select(i => $"{{\"domainId\":\"dzd_main\",\"id\":\"run-{Seeds.Number(i)}\",\"status\":\"{Seeds.StatusFor(i, "SUBMITTED", "SUCCEEDED")}\"}}")
                .Concat(Seeds.Range(5).Select(i => $"{{\"domainId\":\"dzd_other\",\"id\":\"run-{Seeds.Number(i)}\",\"status\":\"SUBMITTED\",\"type\":\"BUSINESS_NAMES\"}}")));

        private readonly EmulatorFixture emulator;

        public GetDataZoneMetadataGenerationRunTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string StatusOf(string domain, int i) => emulator.State.FindDataZoneRun(domain, "run-" + Seeds.Number(i))!.Status;

        [Fact]
        public void PipedIntoStopCancelsExactlyTheListedRunsAtTheDefaultPageSize()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DataZoneMetadataGenerationRun dzd_main -Status SUBMITTED -Type BUSINESS_DESCRIPTIONS @aws | Stop-DataZoneMetadataGenerationRun").AssertClean();

            Assert.Equal(80, result.Output.Count);
            foreach (var i in Seeds.Range(120))
            {
                Assert.Equal(i % 3 == 2 ? "SUCCEEDED" : "CANCELED", StatusOf("dzd_main", i));
            }
            Assert.All(Seeds.Range(5), i => Assert.Equal("SUBMITTED", StatusOf("dzd_other", i)));

            // 80 matches at the model's maximum of 50 a page: two list calls.
            var lists = emulator.State.Requests.Where(r => r.Operation == "ListMetadataGenerationRuns").ToList();
            Assert.Equal(2, lists.Count);
            Assert.All(lists, r => Assert.Contains("status=SUBMITTED", r.Query));
            Assert.All(lists, r => Assert.Contains("type=BUSINESS_DESCRIPTIONS", r.Query));
            Assert.All(lists, r => Assert.Contains("maxResults=50", r.Query));
            Assert.Equal(80, emulator.Operations("CancelMetadataGenerationRun").Length);
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
        }

        [Fact]
        public void ListedRunsCarryTheKeysStopBinds()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DataZoneMetadataGenerationRun -DomainIdentifier dzd_main -MaxItems 60 -PageSize 25 @aws").AssertClean();

            Assert.Equal(60, result.Output.Count);
            Assert.Equal("CancelJobs.Engine.DataZone.DataZoneMetadataGenerationRun", result.Output[0].TypeNames[0]);
            Assert.Equal("dzd_main", result.Output[0].Properties["DomainIdentifier"].Value);
            Assert.Equal("run-000", result.Output[0].Properties["Identifier"].Value);
            // The connection travels with the object but is not one of its properties (exports show only the job).
            Assert.Null(result.Output[0].Properties["Connection"]);
            var lists = emulator.State.Requests.ToList();
            Assert.Equal(3, lists.Count);
            Assert.Contains("maxResults=10", lists[2].Query);
        }

        [Fact]
        public void AMissingDomainIsNamedAsTheDomain()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DataZoneMetadataGenerationRun dzd_missing @aws");

            var error = Assert.Single(result.Errors);
            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(error));
            Assert.StartsWith("DataZone domain dzd_missing was not found (ResourceNotFoundException", error.Exception.Message);
        }

        [Fact]
        public void ByIdentifierAndAMissingOneIsJobNotFound()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DataZoneMetadataGenerationRun dzd_other run-002 @aws; Get-DataZoneMetadataGenerationRun dzd_main -Id nope @aws");

            Assert.Null(result.Terminating);
            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            var run = Assert.Single(result.Output);
            Assert.Equal("run-002", run.Properties["Identifier"].Value);
            Assert.Equal("BUSINESS_NAMES", run.Properties["Type"].Value);
            Assert.Equal(new[] { "GetMetadataGenerationRun", "GetMetadataGenerationRun" }, emulator.Operations());
        }

        [Theory]
        [InlineData("Get-DataZoneMetadataGenerationRun -DomainIdentifier main @aws", "DomainIdentifier")]
        [InlineData("Get-DataZoneMetadataGenerationRun dzd_main -Identifier 'run 1' @aws", "Identifier")]
        public void BadIdentifiersSendNothing(string script, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, expectedInMessage);
        }
    }
}
