using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// The pure units of the Stop-* pipeline (src/CancelJobs/Infrastructure): which region an item goes to, when
    /// ShouldProcess prompts, and the progress texts. They are internal to the module, which this project never
    /// references (the module loads its own engine), so they are reached by reflection once the module is imported.
    /// </summary>
    public sealed class StopPipelineUnitTests : IDisposable
    {
        private static readonly string[] TwoRegions = { "eu-west-1", "us-east-1" };
        private readonly PowerShellSession session = new PowerShellSession(null, RepoPaths.BuiltManifest);
        private readonly Assembly module = AppDomain.CurrentDomain.GetAssemblies().Last(assembly => assembly.GetName().Name == "CancelJobs");

        public void Dispose() => session.Dispose();

        [Fact]
        public void SeveralRegionsTakeTheRegionARowOrDictionaryNames()
        {
            var (problem, region) = OfSeveral(new PSObject(new Hashtable { ["JobId"] = "fw-7", ["Region"] = "us-east-1" }));
            Assert.Null(problem);
            Assert.Equal("us-east-1", region);

            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("JobId", "fw-7"));
            row.Properties.Add(new PSNoteProperty("Region", "eu-west-1"));
            (problem, region) = OfSeveral(row);
            Assert.Null(problem);
            Assert.Equal("eu-west-1", region);
        }

        [Fact]
        public void SeveralRegionsRefuseAnItemThatDoesNotSayWhereItIs()
        {
            var (problem, region) = OfSeveral(new PSObject("fw-7"));
            Assert.Equal("AmbiguousRegion", ErrorIdOf(problem));
            Assert.Null(region);
            Assert.Contains("-Region names 2 regions (eu-west-1, us-east-1) and IoT job fw-7 does not say which one", MessageOf(problem));

            (problem, region) = OfSeveral(null);
            Assert.Equal("AmbiguousRegion", ErrorIdOf(problem));
        }

        [Fact]
        public void SeveralRegionsRefuseARegionNotAmongThem()
        {
            var (problem, region) = OfSeveral(new PSObject(new Hashtable { ["Region"] = "ap-south-1" }));
            Assert.Equal("RegionMismatch", ErrorIdOf(problem));
            Assert.Null(region);
            Assert.Equal("IoT job fw-7 is in ap-south-1, which is not one of the -Region values (eu-west-1, us-east-1); it was not sent.", MessageOf(problem));

            // Region names are compared exactly, as AWS spells them.
            (problem, _) = OfSeveral(new PSObject(new Hashtable { ["Region"] = "US-EAST-1" }));
            Assert.Equal("RegionMismatch", ErrorIdOf(problem));
        }

        [Fact]
        public void SeveralRegionsTakeTheRegionARecordWasReadIn()
        {
            var (problem, region) = OfSeveral(new PSObject(Record("us-east-1")));
            Assert.Null(problem);
            Assert.Equal("us-east-1", region);
        }

        [Fact]
        public void OneRegionRefusesARecordOrRowThatSaysItIsInAnother()
        {
            var elsewhere = ReadElsewhere(new PSObject(Record("eu-west-1")), "us-east-1");
            Assert.StartsWith("IoT job fw-7 was read in eu-west-1, and -Region names us-east-1, where the same id may be another job; it was not sent.", elsewhere);
            Assert.Null(ReadElsewhere(new PSObject(Record("us-east-1")), "us-east-1"));
            // A row's Region column (Export-Csv of Get-* output) says where the job is, as a record does.
            Assert.StartsWith("IoT job fw-7 says it is in eu-west-1, and -Region names us-east-1", ReadElsewhere(new PSObject(new Hashtable { ["Region"] = "eu-west-1" }), "us-east-1"));
            Assert.Null(ReadElsewhere(new PSObject(new Hashtable { ["Region"] = "" }), "us-east-1"));
            Assert.Null(ReadElsewhere(new PSObject(new Hashtable { ["Region"] = " us-east-1 " }), "us-east-1"));
            Assert.Null(ReadElsewhere(new PSObject("fw-7"), "us-east-1"));
        }

        [Theory]
        // -Confirm given: it decides, whatever the preference.
        [InlineData(false, true, "None", "Medium", true)]
        [InlineData(false, false, "Low", "Medium", false)]
        // No -Confirm: the preference at or below the command's own impact prompts; None never does.
        [InlineData(false, null, "High", "Medium", false)]
        [InlineData(false, null, "Medium", "Medium", true)]
        [InlineData(false, null, "High", "High", true)]
        [InlineData(false, null, "None", "High", false)]
        [InlineData(false, null, "Low", "Medium", true)]
        // -WhatIf never prompts.
        [InlineData(true, true, "Low", "High", false)]
        public void ShouldProcessPromptsWhenConfirmOrThePreferenceSaysSo(bool whatIf, bool? confirm, string preference, string ownImpact, bool prompts)
        {
            var method = Internal("CancelJobs.Infrastructure.StopConfirmation").GetMethod("PromptsAtShouldProcess", BindingFlags.Public | BindingFlags.Static)!;
            object? confirmGiven = confirm.HasValue ? new SwitchParameter(confirm.Value) : null;
            var result = (bool)method.Invoke(null, new object?[] { whatIf, confirmGiven, Enum.Parse<ConfirmImpact>(preference), Enum.Parse<ConfirmImpact>(ownImpact) })!;
            Assert.Equal(prompts, result);
        }

        [Theory]
        [InlineData(0.25, "0.25")]
        [InlineData(2.5, "2.5")]
        [InlineData(2.0, "2")]
        [InlineData(12.6, "13")]
        public void RatesAreShownWithTheDigitsThatMatter(double perSecond, string shown)
        {
            Assert.Equal(shown, InvariantCulture(() => Progress("FormatRate", perSecond)));
        }

        [Theory]
        [InlineData(0.2, "1 s")]
        [InlineData(89.1, "90 s")]
        [InlineData(90, "2 min")]
        [InlineData(5399, "90 min")]
        [InlineData(5400, "1.5 h")]
        public void DurationsAreShownInSecondsMinutesOrHours(double seconds, string shown)
        {
            Assert.Equal(shown, InvariantCulture(() => Progress("FormatDuration", seconds)));
        }

        [Fact]
        public void ThrottlingProgressSaysTheRateAndTheTimeLeft()
        {
            Assert.Equal("The service is throttling CancelJob: waiting for the quota, about 2.5 requests/s; about 4 s left for 10 items.",
                InvariantCulture(() => Progress("ThrottlingNote", "CancelJob", 2.5, 10L)));
            Assert.Equal("The service is throttling CancelJob: waiting for the quota, about 0.5 requests/s; about 2 s left for 1 item.",
                InvariantCulture(() => Progress("ThrottlingNote", "CancelJob", 0.5, 1L)));
            Assert.Equal("The service is throttling CancelJob: waiting for the quota, about 3 requests/s.",
                InvariantCulture(() => Progress("ThrottlingNote", "CancelJob", 3.0, 0L)));
        }

        [Fact]
        public void PollNotesSayWhatEachStatusReadSaw()
        {
            Assert.Equal("IoT job fw-7 is CANCELED after the cancel; nothing to wait for.", Progress("PollNote", "IoT job fw-7", 1, "CANCELED", true));
            Assert.Equal("Waiting for IoT job fw-7 to reach a terminal state: IN_PROGRESS after the cancel.", Progress("PollNote", "IoT job fw-7", 1, "IN_PROGRESS", false));
            Assert.Equal("Waiting for IoT job fw-7 to reach a terminal state: state unknown after the cancel.", Progress("PollNote", "IoT job fw-7", 1, null, false));
            Assert.Equal("Waiting for IoT job fw-7: CANCELED (poll 2).", Progress("PollNote", "IoT job fw-7", 3, "CANCELED", true));
        }

        private (object? Problem, string? Region) OfSeveral(PSObject? input)
        {
            var method = Internal("CancelJobs.Infrastructure.ItemRegion").GetMethod("OfSeveral", BindingFlags.Public | BindingFlags.Static)!;
            var arguments = new object?[] { input, TwoRegions, "IoT job fw-7", null };
            var problem = method.Invoke(null, arguments);
            return (problem, (string?)arguments[3]);
        }

        private string? ReadElsewhere(PSObject? input, string asked) =>
            (string?)Internal("CancelJobs.Infrastructure.ItemRegion").GetMethod("ReadElsewhere", BindingFlags.Public | BindingFlags.Static)!
                .Invoke(null, new object?[] { input, asked, "IoT job fw-7" });

        private string Progress(string method, params object?[] arguments) =>
            (string)Internal("CancelJobs.Infrastructure.StopProgress").GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;

        private static string? ErrorIdOf(object? problem) => (string?)problem?.GetType().GetProperty("ErrorId")!.GetValue(problem);

        private static string? MessageOf(object? problem) => (string?)problem?.GetType().GetProperty("Message")!.GetValue(problem);

        /// <summary>A record of the engine's (any concrete Get-* record type) read in <paramref name="region"/>.</summary>
        private object Record(string region)
        {
            // The record type the module itself was bound to: the engine in the module's own load context.
            var recordBase = Internal("CancelJobs.Infrastructure.ItemRegion").GetMethod("ReadIn", BindingFlags.Public | BindingFlags.Static)!.GetParameters()[0].ParameterType;
            var type = recordBase.Assembly.GetTypes().First(t => !t.IsAbstract && recordBase.IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null);
            var record = Activator.CreateInstance(type)!;
            recordBase.GetProperty("Region")!.SetValue(record, region);
            return record;
        }

        private Type Internal(string name) => module.GetType(name, throwOnError: true)!;

        private static string InvariantCulture(Func<string> format)
        {
            var before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            try
            {
                return format();
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }
    }
}
