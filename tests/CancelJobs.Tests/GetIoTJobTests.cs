using System.Linq;
using System.Management.Automation;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Get-IoTJob: ListJobs with its filters and paging, DescribeJob for one id, and what its output pipes into.</summary>
    public sealed class GetIoTJobTests : IClassFixture<EmulatorFixture>
    {
        private const string Seed = """
            {"iotJobs":[
               {"jobId":"fw-7","status":"IN_PROGRESS","thingGroupName":"sensors","description":"rollout 7","reasonCode":"R"},
               {"jobId":"fw-8","status":"IN_PROGRESS","thingGroupName":"sensors","targetSelection":"CONTINUOUS"},
               {"jobId":"fw-6","status":"COMPLETED","thingGroupName":"sensors"},
               {"jobId":"gw-1","status":"IN_PROGRESS","thingGroupName":"gateways"},
               {"jobId":"gw-2","status":"SCHEDULED","thingGroupName":"gateways"}],
             "iot":[
               {"jobId":"fw-7","thingName":"sensor-1","status":"QUEUED"},
               {"jobId":"fw-7","thingName":"sensor-2","status":"IN_PROGRESS"},
               {"jobId":"fw-7","thingName":"sensor-3","status":"QUEUED"}]}
            """;

        private readonly EmulatorFixture emulator;

        public GetIoTJobTests(EmulatorFixture emulator) => this.emulator = emulator;

        [Fact]
        public void APipedStringOrObjectThatBindsNothingIsRefusedNotReadAsListEveryJob()
        {
            // 'fw-7' | Get-IoTJob used to list every job in the region, once per string: piped on into Stop-IoTJob -Force,
            // that cancels every rollout. An item that binds no parameter is refused, as PowerShell refuses one itself.
            using var session = emulator.NewSession(Seed);

            var result = session.Run("'fw-7','fw-8' | Get-IoTJob @aws; [pscustomobject]@{ Name = 'fw-7' } | Get-IoTJob @aws; "
                + "[pscustomobject]@{ JobId = 'fw-6' } | Get-IoTJob @aws");

            Assert.Equal(new[] { "fw-6" }, result.Strings("JobId"));
            Assert.Equal(new[] { "InvalidInputType", "InvalidInputType", "InvalidInputType" }, result.ErrorIds);
            Assert.Contains("String 'fw-7' has none of them", result.Errors[0].Exception.Message);
            Assert.Empty(emulator.Operations("ListJobs"));
            Assert.Single(emulator.Operations("DescribeJob"));
        }

        [Fact]
        public void APipedHashtableOrNullIsRefusedNotReadAsListEveryJob()
        {
            // PowerShell binds a Get-*'s parameters by property name, and a hashtable's keys are not properties: @{ JobId = 'gw-1' }
            // bound nothing and listed every job; so did a piped $null. Each is refused per item, and the rest are read.
            using var session = emulator.NewSession(Seed);

            var result = session.Run("@{ JobId = 'gw-1' } | Get-IoTJob @aws; $null | Get-IoTJob @aws; "
                + "@(@{ JobId = 'fw-7' }, [pscustomobject]@{ JobId = 'fw-7' }) | Get-IoTJobExecution -Status QUEUED @aws");

            Assert.Equal(new[] { "InvalidInputType", "InvalidInputType", "InvalidInputType" }, result.ErrorIds);
            Assert.Null(result.Terminating);
            Assert.Contains("Hashtable's keys", result.Errors[0].Exception.Message);
            Assert.Contains("$null", result.Errors[1].Exception.Message);
            Assert.Equal(new[] { "sensor-1", "sensor-3" }, result.Strings("ThingName"));
            Assert.Empty(emulator.Operations("ListJobs"));
            Assert.Empty(emulator.Operations("DescribeJob"));
        }

        [Fact]
        public void ListsEveryJobPageByPageWithTypedRecords()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJob -PageSize 2 @aws").AssertClean();

            Assert.Equal(new[] { "fw-7", "fw-8", "fw-6", "gw-1", "gw-2" }, result.Strings("JobId"));
            Assert.All(result.Output, o => Assert.Equal("CancelJobs.Engine.IoT.IoTJob", o.TypeNames[0]));
            Assert.Equal(3, emulator.Operations("ListJobs").Length);
            Assert.Equal("arn:aws:iot:us-east-1:123456789012:job/fw-8", result.Output[1].Properties["JobArn"].Value);
            Assert.Equal("CONTINUOUS", result.Output[1].Properties["TargetSelection"].Value);
        }

        [Theory]
        [InlineData("-Status in_progress", "fw-7,fw-8,gw-1", "status=IN_PROGRESS")]
        [InlineData("-ThingGroupName gateways", "gw-1,gw-2", "thingGroupName=gateways")]
        [InlineData("-ThingGroupName sensors -Status IN_PROGRESS -TargetSelection CONTINUOUS", "fw-8", "targetSelection=CONTINUOUS")]
        [InlineData("-MaxItems 2", "fw-7,fw-8", "maxResults=2")]
        public void FiltersGoToTheServiceAndMaxItemsStopsEarly(string parameters, string expected, string inQuery)
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run($"Get-IoTJob {parameters} @aws").AssertClean();

            Assert.Equal(expected.Split(','), result.Strings("JobId"));
            Assert.All(emulator.State.Requests, r => Assert.Contains(inQuery, r.Query));
        }

        [Fact]
        public void OneJobByIdIsDescribedWithItsDetails()
        {
            using var session = emulator.NewSession(Seed);

            var job = Assert.Single(session.Run("Get-IoTJob -JobId fw-7 @aws").AssertClean().Output);

            Assert.Equal(new[] { "DescribeJob" }, emulator.Operations());
            Assert.Equal("rollout 7", job.Properties["Description"].Value);
            Assert.Equal("R", job.Properties["ReasonCode"].Value);
            Assert.Equal(2, job.Properties["QueuedThings"].Value);
            Assert.Equal(1, job.Properties["InProgressThings"].Value);
            Assert.Equal(new[] { "arn:aws:iot:us-east-1:123456789012:thinggroup/sensors" }, (string[])job.Properties["Targets"].Value);
        }

        [Fact]
        public void AnUnknownJobIsJobNotFoundAndAStatusFilterOnOneJobWritesNothing()
        {
            using var session = emulator.NewSession(Seed);

            var missing = session.Run("Get-IoTJob -JobId nope @aws");
            var filtered = session.Run("Get-IoTJob -JobId fw-7 -Status COMPLETED @aws").AssertClean();

            Assert.Equal("JobNotFound", Assert.Single(missing.ErrorIds));
            Assert.Equal(ErrorCategory.ObjectNotFound, missing.Errors[0].CategoryInfo.Category);
            Assert.Contains("IoT job nope", missing.Errors[0].Exception.Message);
            Assert.Empty(filtered.Output);
        }

        [Theory]
        [InlineData("Get-IoTJob -ThingGroupName 'a b'", "ThingGroupName 'a b'")]
        [InlineData("Get-IoTJob -ThingGroupId 'x_y'", "ThingGroupId 'x_y'")]
        [InlineData("Get-IoTJob -JobId 'fw/7'", "JobId 'fw/7'")]
        public void BadIdentifiersAreRefusedBeforeSending(string command, string expected)
        {
            using var session = emulator.NewSession(Seed);

            session.Run(command + " @aws").AssertRejectedBeforeSending(emulator, expected);
        }

        [Fact]
        public void AJobPipesIntoGetIoTJobExecutionWithAStatusFilter()
        {
            using var session = emulator.NewSession(Seed);

            var result = session.Run("Get-IoTJob -JobId fw-7 @aws | Get-IoTJobExecution -Status QUEUED").AssertClean();

            Assert.Equal(new[] { "sensor-1", "sensor-3" }, result.Strings("ThingName"));
            Assert.Contains("status=QUEUED", emulator.State.Requests.Single(r => r.Operation == "ListJobExecutionsForJob").Query);
        }

        [Fact]
        public void TheTableViewShowsTheJobsAndUtcTimes()
        {
            using var session = emulator.NewSession(Seed);

            var text = session.RunFormatted("Get-IoTJob -ThingGroupName gateways @aws");

            Assert.Contains("TargetSelection", text);
            Assert.Matches(@"gw-2\s+SCHEDULED\s+SNAPSHOT\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", text);
        }
    }
}
