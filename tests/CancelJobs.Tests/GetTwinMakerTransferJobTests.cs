using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class GetTwinMakerTransferJobTests : IClassFixture<EmulatorFixture>
    {
        // ws-a: 120 s3 -> iottwinmaker jobs (80 RUNNING, 40 COMPLETED) and 5 iotsitewise -> iottwinmaker; ws-b: 10 more.
        private static readonly string Seed = Seeds.Document("twinMaker",
            Seeds.Range(120).Select(i => $"{{\"id\":\"tm-a-{Seeds.Number(i)}\",\"workspaceId\":\"ws-a\",\"state\":\"{Seeds.StatusFor(i, "RUNNING", "COMPLETED")}\"}}")
                .Concat(Seeds.Range(5).Select(i => $"{{\"id\":\"tm-sw-{Seeds.Number(i)}\",\"workspaceId\":\"ws-a\",\"sourceType\":\"iotsitewise\",\"destinationType\":\"iottwinmaker\"}}"))
                .Concat(Seeds.Range(10).Select(i => $"{{\"id\":\"tm-b-{Seeds.Number(i)}\",\"workspaceId\":\"ws-b\"}}")));

        private readonly EmulatorFixture emulator;

        public GetTwinMakerTransferJobTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string StateOf(string id) => emulator.State.FindTwinMakerJob(id)!.Status;

        private static bool Cancelled(string state) => state == "CANCELLING" || state == "CANCELLED";

        [Fact]
        public void PipedIntoStopCancelsExactlyTheListedJobsPageByPage()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-a -State RUNNING -SourceType s3 -DestinationType iottwinmaker -PageSize 50 @aws | Stop-TwinMakerTransferJob").AssertClean();

            Assert.Equal(80, result.Output.Count);
            foreach (var i in Seeds.Range(120))
            {
                var state = StateOf("tm-a-" + Seeds.Number(i));
                Assert.True(i % 3 == 2 ? state == "COMPLETED" : Cancelled(state), $"tm-a-{Seeds.Number(i)} is {state}");
            }
            Assert.All(Seeds.Range(5), i => Assert.Equal("RUNNING", StateOf("tm-sw-" + Seeds.Number(i))));
            Assert.All(Seeds.Range(10), i => Assert.Equal("RUNNING", StateOf("tm-b-" + Seeds.Number(i))));

            var lists = emulator.State.Requests.Where(r => r.Operation == "ListMetadataTransferJobs").ToList();
            Assert.Equal(2, lists.Count);
            Assert.All(lists, r => Assert.Contains("\"filters\":[{\"workspaceId\":\"ws-a\"},{\"state\":\"RUNNING\"}]", r.Body));
            Assert.All(lists, r => Assert.Contains("\"maxResults\":50", r.Body));
            Assert.Equal(80, emulator.Operations("CancelMetadataTransferJob").Length);
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
        }

        [Fact]
        public void ABareCallWithAWorkspaceListsEverySourceDestinationPair()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-a @aws").AssertClean();

            Assert.Equal(125, result.Output.Count);
            Assert.Equal("tm-a-000", result.Output[0].Properties["MetadataTransferJobId"].Value);
            Assert.Equal("CancelJobs.Engine.TwinMaker.TwinMakerTransferJob", result.Output[0].TypeNames[0]);
            // The connection travels with the object but is not one of its properties (exports show only the job).
            Assert.Null(result.Output[0].Properties["Connection"]);
            var lists = emulator.State.Requests.Where(r => r.Operation == "ListMetadataTransferJobs").ToList();
            Assert.Equal(6, lists.Count);
            Assert.Contains("\"sourceType\":\"s3\",\"destinationType\":\"iottwinmaker\"", lists[0].Body);
            Assert.Equal(6, lists.Select(r => r.Body.Substring(0, r.Body.IndexOf("\"filters\"", System.StringComparison.Ordinal))).Distinct().Count());
            Assert.All(lists, r => Assert.Contains("\"maxResults\":200", r.Body));
        }

        [Fact]
        public void AJobListedUnderTwoTypePairsIsEmittedAndCancelledOnce()
        {
            // tm-mixed imports from s3 and iotsitewise, so both s3 -> iottwinmaker and iotsitewise -> iottwinmaker list it.
            using var session = emulator.NewSession("""
                {"twinMaker":[
                   {"id":"tm-mixed","workspaceId":"ws-m","sourceTypes":["s3","iotsitewise"]},
                   {"id":"tm-s3","workspaceId":"ws-m"},
                   {"id":"tm-sw","workspaceId":"ws-m","sourceType":"iotsitewise"}]}
                """);

            // The service really answers it under each pair its sources belong to.
            var fromS3 = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-m -SourceType s3 -DestinationType iottwinmaker @aws").AssertClean();
            var fromSiteWise = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-m -SourceType iotsitewise -DestinationType iottwinmaker @aws").AssertClean();
            var listed = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-m @aws").AssertClean();
            var verbose = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-m @aws -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message").AssertClean();
            var cancelled = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-m @aws | Stop-TwinMakerTransferJob -Force").AssertClean();

            Assert.Equal(new[] { "tm-mixed", "tm-s3" }, fromS3.Strings("MetadataTransferJobId").ToArray());
            Assert.Equal(new[] { "tm-mixed", "tm-sw" }, fromSiteWise.Strings("MetadataTransferJobId").ToArray());
            Assert.Equal(new[] { "tm-mixed", "tm-s3", "tm-sw" }, listed.Strings("MetadataTransferJobId").ToArray());
            Assert.Contains(verbose.Output, line => line.ToString().Contains("from iotsitewise to iottwinmaker in workspace ws-m: 1 item(s) (1 more already written)"));
            Assert.Equal(new[] { "tm-mixed", "tm-s3", "tm-sw" }, cancelled.Strings("MetadataTransferJobId").ToArray());
            Assert.Single(emulator.State.Requests, r => r.Operation == "CancelMetadataTransferJob" && r.Path.Contains("tm-mixed"));
        }

        [Fact]
        public void MaxItemsStopsBeforeTheOtherPairsAndPages()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-a -MaxItems 3 @aws").AssertClean();

            Assert.Equal(3, result.Output.Count);
            Assert.Contains("\"maxResults\":3", Assert.Single(emulator.State.Requests).Body);
        }

        [Fact]
        public void ByIdReadsOneJobAndAMissingOneIsJobNotFound()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-TwinMakerTransferJob -Id tm-b-003 @aws; Get-TwinMakerTransferJob -MetadataTransferJobId nope @aws");

            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            var job = Assert.Single(result.Output);
            Assert.Equal("tm-b-003", job.Properties["MetadataTransferJobId"].Value);
            Assert.Equal("RUNNING", job.Properties["Status"].Value);
            Assert.Equal(new[] { "GetMetadataTransferJob", "GetMetadataTransferJob" }, emulator.Operations());
        }

        [Theory]
        [InlineData("Get-TwinMakerTransferJob -Id 'bad id!' @aws", "MetadataTransferJobId")]
        [InlineData("Get-TwinMakerTransferJob -WorkspaceId 'ws a' @aws", "WorkspaceId")]
        public void BadIdentifiersSendNothing(string script, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, expectedInMessage);
        }

        [Fact]
        public void APageSizeAboveTheModelLimitIsRefusedBeforeSending()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-TwinMakerTransferJob -WorkspaceId ws-a -PageSize 201 @aws");

            Assert.Equal("InvalidPageSize", RunResult.ErrorIdOf(result.TerminatingRecord ?? Assert.Single(result.Errors)));
            Assert.Empty(emulator.State.Requests);
        }
    }
}
