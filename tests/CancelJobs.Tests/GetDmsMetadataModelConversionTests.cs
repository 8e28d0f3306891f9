using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class GetDmsMetadataModelConversionTests : IClassFixture<EmulatorFixture>
    {
        // mp-1: 120 conversions (80 IN_PROGRESS, 40 SUCCESS); mp-2: 5 IN_PROGRESS.
        private static readonly string Seed = Seeds.Document("dms",
            Seeds.Range(120).Select(i => $"{{\"migrationProject\":\"mp-1\",\"requestIdentifier\":\"req-{Seeds.Number(i)}\",\"status\":\"{Seeds.StatusFor(i, "IN_PROGRESS", "SUCCESS")}\"}}")
                .Concat(Seeds.Range(5).Select(i => $"{{\"migrationProject\":\"mp-2\",\"requestIdentifier\":\"req-{Seeds.Number(i)}\",\"status\":\"IN_PROGRESS\"}}")));

        private readonly EmulatorFixture emulator;

        public GetDmsMetadataModelConversionTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string StatusOf(string project, int i) => emulator.State.FindDmsConversion(project, "req-" + Seeds.Number(i))!.Status;

        [Fact]
        public void PipedIntoStopCancelsExactlyTheListedConversionsPageByPage()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DmsMetadataModelConversion mp-1 -Status IN_PROGRESS -PageSize 30 @aws | Stop-DmsMetadataModelConversion").AssertClean();

            Assert.Equal(80, result.Output.Count);
            foreach (var i in Seeds.Range(120))
            {
                var status = StatusOf("mp-1", i);
                Assert.True(i % 3 == 2 ? status == "SUCCESS" : status is "CANCELING" or "CANCELED", $"req-{Seeds.Number(i)} is {status}");
            }
            Assert.All(Seeds.Range(5), i => Assert.Equal("IN_PROGRESS", StatusOf("mp-2", i)));

            var lists = emulator.State.Requests.Where(r => r.Operation == "DescribeMetadataModelConversions").ToList();
            Assert.Equal(3, lists.Count);
            Assert.All(lists, r => Assert.Contains("\"Filters\":[{\"Name\":\"status\",\"Values\":[\"IN_PROGRESS\"]}]", r.Body));
            Assert.All(lists, r => Assert.Contains("\"MaxRecords\":30", r.Body));
            Assert.Equal(80, emulator.Operations("CancelMetadataModelConversion").Length);
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
        }

        [Fact]
        public void MaxItemsAsksForNoMoreThanItNeeds()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DmsMetadataModelConversion -MigrationProjectIdentifier mp-1 -MaxItems 5 @aws").AssertClean();

            Assert.Equal(5, result.Output.Count);
            Assert.Equal("mp-1", result.Output[0].Properties["MigrationProjectIdentifier"].Value);
            Assert.Equal("req-000", result.Output[0].Properties["RequestIdentifier"].Value);
            // The model sets no minimum on MaxRecords.
            Assert.Contains("\"MaxRecords\":5", Assert.Single(emulator.State.Requests).Body);
        }

        [Fact]
        public void DefaultPageSizeIsTheModelMaximum()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DmsMetadataModelConversion mp-1 @aws").AssertClean();

            Assert.Equal(120, result.Output.Count);
            var lists = emulator.State.Requests.ToList();
            Assert.Equal(2, lists.Count);
            Assert.Contains("\"MaxRecords\":100", lists[0].Body);
            Assert.Contains("\"Marker\":", lists[1].Body);
        }

        [Fact]
        public void ByRequestIdentifierAndAMissingOneIsJobNotFound()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DmsMetadataModelConversion mp-1 req-007 @aws; Get-DmsMetadataModelConversion mp-1 nope @aws");

            Assert.Null(result.Terminating);
            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            Assert.Equal("DMS metadata model conversion nope in migration project mp-1 was not found.", result.Errors[0].Exception.Message);
            Assert.Equal("req-007", Assert.Single(result.Output).Properties["RequestIdentifier"].Value);
            Assert.Contains("{\"Name\":\"request-id\",\"Values\":[\"req-007\"]}", emulator.State.Requests[0].Body);
        }

        [Fact]
        public void AMissingProjectIsNamedAsTheProject()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-DmsMetadataModelConversion no-such-project @aws");

            var error = Assert.Single(result.Errors);
            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(error));
            Assert.StartsWith("DMS migration project no-such-project was not found (ResourceNotFoundFault", error.Exception.Message);
        }

        [Fact]
        public void BadIdentifiersAndPageSizesSendNothing()
        {
            using var session = emulator.NewSession(Seed);

            var bad = session.Run("Get-DmsMetadataModelConversion ('p' * 256) req-1 @aws");
            Assert.Equal("InvalidIdentifier", Assert.Single(bad.ErrorIds));
            Assert.Equal(ErrorCategory.InvalidArgument, bad.Errors[0].CategoryInfo.Category);

            var small = session.Run("Get-DmsMetadataModelConversion mp-1 -PageSize 101 @aws");
            Assert.Equal("InvalidPageSize", RunResult.ErrorIdOf(small.TerminatingRecord ?? Assert.Single(small.Errors)));
            Assert.Empty(emulator.State.Requests);
        }
    }
}
