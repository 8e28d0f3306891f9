using System;
using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    public sealed class GetIoTJobExecutionTests : IClassFixture<EmulatorFixture>
    {
        // 120 executions of fw-7 (80 QUEUED, 40 SUCCEEDED) and 10 of fw-8 that no fw-7 query may touch.
        private static readonly string Seed = Seeds.Document("iot",
            Seeds.Range(120).Select(i => $"{{\"jobId\":\"fw-7\",\"thingName\":\"thing-{Seeds.Number(i)}\",\"status\":\"{Seeds.StatusFor(i, "QUEUED", "SUCCEEDED")}\"}}")
                .Concat(Seeds.Range(10).Select(i => $"{{\"jobId\":\"fw-8\",\"thingName\":\"thing-{Seeds.Number(i)}\",\"status\":\"QUEUED\"}}")));

        private readonly EmulatorFixture emulator;

        public GetIoTJobExecutionTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string StatusOf(string job, int thing) => emulator.State.FindIoTExecution(job, "thing-" + Seeds.Number(thing))!.Status;

        [Fact]
        public void PipedIntoStopCancelsExactlyTheListedExecutionsPageByPage()
        {
            using var session = emulator.NewSession(Seed);

            // No @aws on Stop: it must reach the emulator through the Connection each listed object carries.
            var result = session.Run("Get-IoTJobExecution -JobId fw-7 -Status QUEUED -PageSize 30 @aws | Stop-IoTJobExecution").AssertClean();

            Assert.Equal(80, result.Output.Count);
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.IoT.IoTJobExecutionCancellation", o.TypeNames[0]));
            foreach (var i in Seeds.Range(120))
            {
                Assert.Equal(i % 3 == 2 ? "SUCCEEDED" : "CANCELED", StatusOf("fw-7", i));
            }
            Assert.All(Seeds.Range(10), i => Assert.Equal("QUEUED", StatusOf("fw-8", i)));

            var lists = emulator.State.Requests.Where(r => r.Operation == "ListJobExecutionsForJob").ToList();
            Assert.Equal(3, lists.Count);
            Assert.All(lists, r => Assert.Contains("status=QUEUED", r.Query));
            Assert.All(lists, r => Assert.Contains("maxResults=30", r.Query));
            Assert.Equal(80, emulator.Operations("CancelJobExecution").Length);
            Assert.All(emulator.State.Requests, r => Assert.Equal("Valid", r.Signature));
            // Streamed: cancels of the first page went out before the last page was read.
            Assert.True(emulator.State.Requests.First(r => r.Operation == "CancelJobExecution").Sequence < lists.Last().Sequence);
        }

        [Fact]
        public void ListedObjectsCarryBothKeysTheConnectionAndUtcTimes()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution -JobId fw-7 @aws").AssertClean();

            Assert.Equal(120, result.Output.Count);
            var list = Assert.Single(emulator.State.Requests);
            Assert.Contains("maxResults=250", list.Query);
            Assert.DoesNotContain("status=", list.Query);
            var first = result.Output[0];
            Assert.Equal("CancelJobs.Engine.IoT.IoTJobExecution", first.TypeNames[0]);
            Assert.Equal("fw-7", first.Properties["JobId"].Value);
            Assert.Equal("thing-000", first.Properties["ThingName"].Value);
            Assert.Equal("QUEUED", first.Properties["Status"].Value);
            Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)first.Properties["QueuedAt"].Value).Offset);
            // The connection travels with the object (see the pipe tests) but is not one of its properties.
            Assert.Null(first.Properties["Connection"]);
        }

        [Theory]
        [InlineData("-MaxItems 45 -PageSize 30", 45, new[] { "maxResults=30", "maxResults=15" })]
        [InlineData("-MaxItems 10", 10, new[] { "maxResults=10" })]
        [InlineData("-MaxItems 60 -PageSize 30", 60, new[] { "maxResults=30", "maxResults=30" })]
        public void MaxItemsStopsWithoutFetchingFurtherPages(string parameters, int expected, string[] pageSizes)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run($"Get-IoTJobExecution -JobId fw-7 -Status QUEUED {parameters} @aws | Stop-IoTJobExecution").AssertClean();

            Assert.Equal(expected, result.Output.Count);
            var lists = emulator.State.Requests.Where(r => r.Operation == "ListJobExecutionsForJob").ToList();
            Assert.Equal(pageSizes.Length, lists.Count);
            Assert.All(pageSizes.Zip(lists), pair => Assert.Contains(pair.First, pair.Second.Query));
            Assert.Equal(expected, emulator.Operations("CancelJobExecution").Length);
            Assert.Equal(expected, Seeds.Range(120).Count(i => StatusOf("fw-7", i) == "CANCELED"));
            Assert.Equal(80 - expected, Seeds.Range(120).Count(i => StatusOf("fw-7", i) == "QUEUED"));
        }

        [Fact]
        public void ByThingListsEveryJobOfThatThingAndFillsThingName()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution -ThingName arn:aws:iot:us-east-1:123456789012:thing/thing-001 -Status QUEUED @aws | Stop-IoTJobExecution").AssertClean();

            Assert.Equal(new[] { "fw-7", "fw-8" }, result.Strings("JobId").OrderBy(j => j));
            Assert.All(result.Output, o => Assert.Equal("thing-001", o.Properties["ThingName"].Value));
            Assert.Equal("CANCELED", StatusOf("fw-8", 1));
            Assert.Equal("QUEUED", StatusOf("fw-8", 0));
            Assert.Contains("/things/thing-001/jobs", emulator.State.Requests.Single(r => r.Operation == "ListJobExecutionsForThing").Path);
        }

        [Fact]
        public void JobAndThingDescribeOneExecutionAndAMissingOneIsANonTerminatingJobNotFound()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution -JobId fw-7 -ThingName nope @aws; Get-IoTJobExecution fw-7 thing-004 @aws");

            Assert.Null(result.Terminating);
            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
            var execution = Assert.Single(result.Output);
            Assert.Equal("thing-004", execution.Properties["ThingName"].Value);
            Assert.Equal(1L, execution.Properties["VersionNumber"].Value);
            Assert.Equal(new[] { "DescribeJobExecution", "DescribeJobExecution" }, emulator.Operations());
        }

        [Fact]
        public void StatusFiltersPipedThingsOfOneJobAsItFiltersAList()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("1..6 | ForEach-Object { [pscustomobject]@{ ThingName = 'thing-{0:000}' -f $_ } } | Get-IoTJobExecution -JobId fw-7 -Status QUEUED @aws").AssertClean();

            var expected = Enumerable.Range(1, 6).Where(i => StatusOf("fw-7", i) == "QUEUED").Select(i => "thing-" + Seeds.Number(i)).ToArray();
            Assert.NotEmpty(expected);
            Assert.True(expected.Length < 6, "the seed should mix states");
            Assert.Equal(expected, result.Strings("ThingName"));
            Assert.Equal(6, emulator.Operations("DescribeJobExecution").Length);
        }

        [Theory]
        [InlineData("Get-IoTJobExecution -JobId 'bad id' @aws", "JobId")]
        [InlineData("Get-IoTJobExecution -ThingName 'bad thing' @aws", "ThingName")]
        [InlineData("Get-IoTJobExecution -JobId fw-7 -ThingName ('t' * 129) @aws", "ThingName")]
        public void BadIdentifiersSendNothing(string script, string expectedInMessage)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(script);

            result.AssertRejectedBeforeSending(emulator, expectedInMessage);
        }

        [Fact]
        public void StatusIsValidatedAgainstTheModelAndCaseInsensitive()
        {
            using var session = emulator.NewSession(Seed);

            var bad = session.Run("Get-IoTJobExecution -JobId fw-7 -Status RUNNING @aws");
            Assert.Contains("ParameterArgumentValidationError", bad.TerminatingRecord?.FullyQualifiedErrorId ?? string.Join(",", bad.Errors.Select(e => e.FullyQualifiedErrorId)));
            Assert.Empty(emulator.State.Requests);

            var result = session.Run("Get-IoTJobExecution -JobId fw-7 -Status succeeded @aws").AssertClean();
            Assert.Equal(40, result.Output.Count);
            Assert.Contains("status=SUCCEEDED", emulator.State.Requests.Single().Query);
        }

        [Theory]
        [InlineData("Get-IoTJobExecution @aws")]
        [InlineData("Get-IoTJobExecution -Status QUEUED @aws")]
        public void WithoutJobOrThingItNamesBothParametersAsksNothingAndSendsNothing(string command)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run(command);

            var error = result.TerminatingRecord ?? Assert.Single(result.Errors);
            Assert.StartsWith("JobIdOrThingNameRequired", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-JobId", error.Exception.Message);
            Assert.Contains("-ThingName", error.Exception.Message);
            Assert.Empty(session.Host.TestUI.Prompts);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void PipedObjectsChooseTheQueryByWhatTheyCarry()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("[pscustomobject]@{ ThingName = 'thing-001' }, [pscustomobject]@{ JobId = 'fw-8' }, [pscustomobject]@{ JobId = 'fw-7'; ThingName = 'thing-002' } | Get-IoTJobExecution @aws").AssertClean();

            Assert.Equal(new[] { "ListJobExecutionsForThing", "ListJobExecutionsForJob", "DescribeJobExecution" },
                emulator.State.Requests.Select(r => r.Operation).ToArray());
            Assert.Contains(result.Output, o => (string)o.Properties["JobId"].Value == "fw-7" && (string)o.Properties["ThingName"].Value == "thing-002");
        }

        [Fact]
        public void AMissingJobIsNamedAsTheJobNotAsItsExecutions()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJobExecution -JobId no-such-job @aws");

            var error = Assert.Single(result.Errors);
            Assert.Equal("JobNotFound", RunResult.ErrorIdOf(error));
            Assert.StartsWith("IoT job no-such-job was not found", error.Exception.Message);
        }

        [Fact]
        public void CtrlCStopsBetweenPages()
        {
            using var session = emulator.NewSession(Seed);
            emulator.State.Faults = new CancelJobs.Emulator.Control.FaultSettings { LatencyMs = 150 };

            var result = session.RunAndStopWhen("Get-IoTJobExecution -JobId fw-7 -PageSize 10 @aws",
                () => emulator.State.Requests.Count >= 2, TimeSpan.FromSeconds(60));
            // When Ctrl+C came, not when Stop() returned: Stop() waits for the pipeline, so a page asked for while the
            // command ignored the stop would be earlier than that and pass unnoticed.
            var stopped = result.StopRequestedAt!.Value;
            // No wait needed: Stop() returns when the command has stopped, and a page request it canceled is never logged
            // (the emulator's latency ends with the aborted request); one it waited for was logged before that.
            var pages = emulator.State.Requests;

            // No page was asked for after the stop, and the listing did not run to its end (12 pages of 10).
            Assert.All(pages, page => Assert.True(page.Time <= stopped, $"a page was requested {(page.Time - stopped).TotalMilliseconds:0} ms after Ctrl+C"));
            Assert.InRange(pages.Count, 2, 11);
            Assert.InRange(result.Output.Count, 10, 110);
        }

        [Fact]
        public void TableViewShowsTheKeys()
        {
            using var session = emulator.NewSession(Seed);

            var text = System.Text.RegularExpressions.Regex.Replace(session.RunFormatted("Get-IoTJobExecution -JobId fw-7 -MaxItems 2 @aws"), "\x1b\\[[0-9;]*m", "");

            Assert.Matches(@"JobId\s+ThingName\s+Status\s+ExecutionNumber\s+LastUpdatedAt", text);
            Assert.Contains("thing-001", text);
            // Times are UTC and say so, whatever the culture.
            Assert.Matches(@"thing-001\s+\w+\s+\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", text);
        }
    }
}
