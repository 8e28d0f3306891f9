using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CancelJobs.Emulator;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Services.IoT;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// AWS Tools' session defaults ($StoredAWSRegion) in AWS Tools' place, and many regions in one pipeline against an
    /// emulator answering as three regions (each request goes to the region its signature is scoped to).
    /// </summary>
    public sealed class SessionDefaultsAndRegionsTests : IClassFixture<EmulatorFixture>
    {
        private const string Keys = "-AccessKey AKIDEXAMPLE -SecretKey wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private static readonly string[] Regions = { "eu-west-1", "us-east-1", "ap-southeast-2" };
        private readonly EmulatorFixture emulator;

        public SessionDefaultsAndRegionsTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static string ScopeOf(RequestLogEntry request) =>
            request.Headers.TryGetValue("Authorization", out var header) ? header.Split('/')[2] : "";

        [Fact]
        public void StoredAwsRegionComesAfterRegionAndBeforeTheEnvironmentAndIsNamedInVerbose()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var url = emulator.Host.BaseUri.ToString().TrimEnd('/');

            var result = session.Run($"$StoredAWSRegion = 'eu-west-1'; Get-IoTJobExecution fw-7 sensor-1 -EndpointUrl {url} {Keys} -Verbose").AssertClean();
            session.Run($"$StoredAWSRegion = 'eu-west-1'; Get-IoTJobExecution fw-7 sensor-1 -EndpointUrl {url} -Region us-west-2 {Keys}").AssertClean();

            Assert.Equal(new[] { "eu-west-1", "us-west-2" }, emulator.State.Requests.Select(ScopeOf).ToArray());
            Assert.Contains(session.Host.TestUI.Verbose, line => line.Contains("region eu-west-1 (from $StoredAWSRegion)"));
            Assert.Equal("eu-west-1", result.Output.Single().Properties["Region"].Value);
        }

        [Fact]
        public async Task ManyRegionsInOnePipelineEachCancelGoesToItsOwnRegion()
        {
            var options = new EmulatorOptions();
            foreach (var region in Regions)
            {
                options.Regions.Add(region);
            }
            await using var host = await EmulatorHost.StartAsync(options);
            foreach (var region in Regions)
            {
                host.Regions[region].SeedJson("{\"iot\":[{\"jobId\":\"fw-7\",\"thingName\":\"" + region + "-thing\",\"status\":\"QUEUED\"}]}");
            }
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var results = session.Run($"Get-IoTJobExecution -JobId fw-7 -Status QUEUED -Region {string.Join(",", Regions)} -EndpointUrl {url} {Keys} | Stop-IoTJobExecution -Force").AssertClean();
            var ambiguous = session.Run($"'eu-west-1-thing' | Stop-IoTJobExecution fw-7 -Region eu-west-1,us-east-1 -EndpointUrl {url} {Keys} -Force");

            Assert.Equal(3, results.Output.Count);
            foreach (var region in Regions)
            {
                var state = host.Regions[region];
                var cancel = Assert.Single(state.Requests, r => r.Operation == "CancelJobExecution");
                Assert.Equal($"/things/{region}-thing/jobs/fw-7/cancel", cancel.Path);
                Assert.All(state.Requests, r => Assert.Equal(region, ScopeOf(r)));
                Assert.Contains(results.Output, o => (string)o.Properties["Region"].Value == region && (string)o.Properties["ThingName"].Value == region + "-thing");
            }
            Assert.Equal("AmbiguousRegion", Assert.Single(ambiguous.ErrorIds));
            Assert.Equal(1, host.Regions["eu-west-1"].Requests.Count(r => r.Operation == "CancelJobExecution"));
        }
        [Fact]
        public async Task ARegionThatThrottlesDoesNotHoldUpTheCancelsOfAnother()
        {
            // eu-west-1 allows 1 cancel a second; us-east-1 has no quota to speak of. At the default -ThrottleLimit, items
            // waiting for eu-west-1's quota used to hold every slot, so us-east-1's cancels waited seconds behind them.
            await using var host = await TwoRegionsWithQueuedExecutions("eu-west-1", "us-east-1", 6);
            host.Regions["eu-west-1"].Faults = new FaultSettings { RequestsPerSecond = 1, Burst = 1 };
            var rows = Interleaved("eu-west-1", "us-east-1", 6);
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var results = session.Run($"{rows} | Stop-IoTJobExecution -JobId fw-7 -Region eu-west-1,us-east-1 -EndpointUrl {url} {Keys} -Force").AssertClean();

            Assert.Equal(12, results.Output.Count);
            var throttled = host.Regions["eu-west-1"].Requests.Where(r => r.Operation == "CancelJobExecution" && r.StatusCode == 200).Select(r => r.Answered).OrderBy(t => t).ToList();
            var other = host.Regions["us-east-1"].Requests.Where(r => r.Operation == "CancelJobExecution").ToList();
            Assert.Equal(6, throttled.Count);
            Assert.Equal(6, other.Count(r => r.StatusCode == 200));
            // Every us-east-1 cancel was answered before eu-west-1's quota had let its third one through (about 2 s in).
            Assert.True(other.Max(r => r.Answered) < throttled[2], $"us-east-1's last cancel at {other.Max(r => r.Answered):HH:mm:ss.fff}, eu-west-1's third at {throttled[2]:HH:mm:ss.fff}");
        }

        [Fact]
        public async Task ProgressNamesTheRegionWhoseQuotaIsThrottlingWhateverRegionTheLatestItemWentTo()
        {
            await using var host = await TwoRegionsWithQueuedExecutions("eu-west-1", "us-east-1", 8);
            host.Regions["eu-west-1"].Faults = new FaultSettings { RequestsPerSecond = 2, Burst = 1 };
            var rows = Rows(("eu-west-1", 8), ("us-east-1", 8));
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            // eu-west-1's rows first, us-east-1's last: while the run waits for eu-west-1's quota, the latest item sent
            // went to us-east-1, which never throttles.
            session.Run($"{rows} | Stop-IoTJobExecution -JobId fw-7 -Region eu-west-1,us-east-1 -EndpointUrl {url} {Keys} -Force").AssertClean();

            Assert.Contains(session.Host.TestUI.Progress, p => p.CurrentOperation?.StartsWith("The service is throttling CancelJobExecution in eu-west-1: waiting for the quota", StringComparison.Ordinal) == true);
        }

        [Fact]
        public async Task ARegionThatRefusesTheCredentialsEndsOnlyItsOwnPartOfTheRun()
        {
            // On AWS an opt-in region the account has not enabled refuses every request (UnrecognizedClientException)
            // while the other regions accept the same keys. That region's items fail; the others' are cancelled.
            await using var host = await TwoRegionsWithQueuedExecutions("eu-west-1", "ap-east-1", 3);
            host.Regions["ap-east-1"].Settings = host.Regions["ap-east-1"].Settings with { RegionEnabled = false };
            var rows = Interleaved("ap-east-1", "eu-west-1", 3);
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var stop = session.Run($"{rows} | Stop-IoTJobExecution -JobId fw-7 -Region eu-west-1,ap-east-1 -EndpointUrl {url} {Keys} -Force -ThrottleLimit 1");
            var list = session.Run($"Get-IoTJobExecution -JobId fw-7 -Region ap-east-1,eu-west-1 -EndpointUrl {url} {Keys}");

            Assert.Null(stop.Terminating);
            Assert.Equal(new[] { "eu-west-1-1", "eu-west-1-2", "eu-west-1-3" }, stop.Strings("ThingName"));
            Assert.All(Enumerable.Range(1, 3), i => Assert.Equal("CANCELED", host.Regions["eu-west-1"].FindIoTExecution("fw-7", "eu-west-1-" + i)!.Status));
            Assert.Equal(new[] { "AuthenticationFailed", "AuthenticationFailed", "AuthenticationFailed" }, stop.ErrorIds);
            // After the first refusal nothing more is sent to that region, and each later item says why.
            Assert.Single(host.Regions["ap-east-1"].Requests, r => r.Operation == "CancelJobExecution");
            Assert.Contains("ap-east-1 refused the credentials for", stop.Errors[1].Exception.Message);
            Assert.Null(list.Terminating);
            Assert.Equal(3, list.Output.Count);
            Assert.Contains("ap-east-1", Assert.Single(list.Errors).Exception.Message);
        }

        [Fact]
        public async Task RowsWithARegionColumnGoToThatRegionAndOneOtherRegionParameterRefusesThem()
        {
            // Export-Csv of Get-* output keeps each job's Region. Imported without -Region, a row goes where it says, not to
            // the default region, where the same job id may be another job; with one -Region that differs it is refused.
            await using var host = await StartRegions(_ => "{\"iotJobs\":[{\"jobId\":\"fw-7\",\"status\":\"IN_PROGRESS\"}]}", "us-east-1", "eu-west-1");
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');
            const string Row = "[pscustomobject]@{ JobId = 'fw-7'; Region = 'us-east-1' }";

            var refused = session.Run($"{Row} | Stop-IoTJob -Region eu-west-1 -EndpointUrl {url} {Keys} -Force");
            var routed = session.Run($"$env:AWS_REGION = 'eu-west-1'; try {{ {Row} | Stop-IoTJob -EndpointUrl {url} {Keys} -Force -Verbose }} finally {{ $env:AWS_REGION = $null }}").AssertClean();

            Assert.Equal("RegionMismatch", Assert.Single(refused.ErrorIds));
            Assert.Contains("says it is in us-east-1", refused.Errors[0].Exception.Message);
            Assert.Equal("us-east-1", Assert.Single(routed.Output).Properties["Region"].Value);
            Assert.Equal("CANCELED", host.Regions["us-east-1"].FindIoTJob("fw-7")!.Status);
            Assert.Equal("IN_PROGRESS", host.Regions["eu-west-1"].FindIoTJob("fw-7")!.Status);
            Assert.DoesNotContain(host.Regions["eu-west-1"].Requests, r => r.Operation == "CancelJob");
            Assert.Contains(session.Host.TestUI.Verbose, line => line.Contains("region us-east-1 (from the piped object's Region property)"));
        }

        [Fact]
        public async Task ItemsAlreadyQueuedForARegionThatRefusedTheCredentialsAreNotSentThere()
        {
            // -ThrottleLimit 2: the executor queues many items per region ahead of their turn. Once the region refused the
            // credentials, the ones still waiting for a slot must not be sent either: at most the two already in flight were.
            await using var host = await TwoRegionsWithQueuedExecutions("eu-west-1", "ap-east-1", 10);
            host.Regions["ap-east-1"].Settings = host.Regions["ap-east-1"].Settings with { RegionEnabled = false };
            var rows = Interleaved("ap-east-1", "eu-west-1", 10);
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var stop = session.Run($"{rows} | Stop-IoTJobExecution -JobId fw-7 -Region eu-west-1,ap-east-1 -EndpointUrl {url} {Keys} -Force -ThrottleLimit 2");

            Assert.Null(stop.Terminating);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => "eu-west-1-" + i), stop.Strings("ThingName"));
            Assert.Equal(Enumerable.Repeat("AuthenticationFailed", 10), stop.ErrorIds);
            var sent = host.Regions["ap-east-1"].Requests.Count(r => r.Operation == "CancelJobExecution");
            Assert.InRange(sent, 1, 2);
            // Each item not sent says so, naming the item the region refused.
            Assert.Equal(10 - sent, stop.Errors.Count(e => e.Exception.Message.StartsWith("Nothing was sent for", StringComparison.Ordinal)
                && e.Exception.Message.Contains("ap-east-1 refused the credentials for")));
        }

        [Fact]
        public async Task CredentialsEveryRegionRefusesEndTheCommandOnceAsWithOneRegion()
        {
            // A wrong secret key is refused in every region: no item can succeed, so it is one terminating error (after at
            // most one per region), not an error per item with every region's share of requests sent.
            await using var host = await TwoRegionsWithQueuedExecutions("eu-west-1", "ap-east-1", 10);
            var rows = Interleaved("ap-east-1", "eu-west-1", 10);
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var (caught, stop) = session.RunCatchingTerminating($"{rows} | Stop-IoTJobExecution -JobId fw-7 -Region eu-west-1,ap-east-1 "
                + $"-EndpointUrl {url} -AccessKey AKIDEXAMPLE -SecretKey not-the-secret-key -Force -ThrottleLimit 1");

            Assert.NotNull(caught);
            Assert.Equal("AuthenticationFailed", RunResult.ErrorIdOf(caught!));
            Assert.InRange(stop.Errors.Count, 0, 1);
            Assert.DoesNotContain(stop.Output, o => o.Properties["ThingName"] != null);
            Assert.All(new[] { "eu-west-1", "ap-east-1" }, region => Assert.InRange(host.Regions[region].Requests.Count(r => r.Operation == "CancelJobExecution"), 0, 1));
        }

        [Fact]
        public async Task AnObjectReadInOneRegionIsNotSentToTheOtherRegionOneRegionParameterNames()
        {
            // A rollout's job id is the same in every region: Get-IoTJob -Region us-east-1 | Stop-IoTJob -Region eu-west-1
            // would cancel eu-west-1's job of that name, a fleet the list never showed. Refused, as with several -Region values.
            await using var host = await StartRegions(_ => "{\"iotJobs\":[{\"jobId\":\"fw-7\",\"status\":\"IN_PROGRESS\"}]}", "us-east-1", "eu-west-1");
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var refused = session.Run($"Get-IoTJob -Region us-east-1 -EndpointUrl {url} {Keys} | Stop-IoTJob -Region eu-west-1 -Force");
            var sameRegion = session.Run($"Get-IoTJob -Region us-east-1 -EndpointUrl {url} {Keys} | Stop-IoTJob -Region us-east-1 -Force").AssertClean();

            Assert.Empty(refused.Output);
            Assert.Equal("RegionMismatch", Assert.Single(refused.ErrorIds));
            Assert.DoesNotContain(host.Regions["eu-west-1"].Requests, r => r.Operation == "CancelJob");
            Assert.Equal("IN_PROGRESS", host.Regions["eu-west-1"].FindIoTJob("fw-7")!.Status);
            Assert.Single(sameRegion.Output);
            Assert.Equal("CANCELED", host.Regions["us-east-1"].FindIoTJob("fw-7")!.Status);
        }
        [Fact]
        public async Task WithSeveralRegionsAGetReadsAPipedObjectOnlyInTheRegionItSaysItIsIn()
        {
            // Get-IoTJob -Region a,b | Get-IoTJobExecution -Region a,b read each piped job in both regions: every execution
            // was listed twice (once per region's job of the same id), and piped on, cancelled twice. An object or row that
            // says where it is is read there; one in none of the -Region values is refused; a plain one is read in each.
            var options = new EmulatorOptions();
            options.Regions.Add("eu-west-1");
            options.Regions.Add("us-east-1");
            options.Regions.Add("ap-southeast-2");
            await using var host = await EmulatorHost.StartAsync(options);
            foreach (var region in new[] { "eu-west-1", "us-east-1", "ap-southeast-2" })
            {
                host.Regions[region].SeedJson("{\"iotJobs\":[{\"jobId\":\"fw-7\",\"status\":\"IN_PROGRESS\"}],\"iot\":[{\"jobId\":\"fw-7\",\"thingName\":\"" + region + "-thing\",\"status\":\"QUEUED\"}]}");
            }
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');
            var aws = $"-Region eu-west-1,us-east-1 -EndpointUrl {url} {Keys}";

            var piped = session.Run($"Get-IoTJob {aws} | Get-IoTJobExecution {aws}").AssertClean();
            var elsewhere = session.Run($"[pscustomobject]@{{ JobId = 'fw-7'; Region = 'ap-southeast-2' }} | Get-IoTJobExecution {aws}");
            var plain = session.Run($"[pscustomobject]@{{ JobId = 'fw-7' }} | Get-IoTJobExecution {aws}").AssertClean();

            Assert.Equal(new[] { "eu-west-1-thing", "us-east-1-thing" }, piped.Strings("ThingName").OrderBy(t => t, StringComparer.Ordinal));
            Assert.All(piped.Output, o => Assert.Equal(((string)o.Properties["ThingName"].Value).Replace("-thing", ""), o.Properties["Region"].Value));
            Assert.Empty(elsewhere.Output);
            Assert.Equal("RegionMismatch", Assert.Single(elsewhere.ErrorIds));
            Assert.Contains("says it is in ap-southeast-2", elsewhere.Errors[0].Exception.Message);
            Assert.Empty(host.Regions["ap-southeast-2"].Requests);
            Assert.Equal(new[] { "eu-west-1-thing", "us-east-1-thing" }, plain.Strings("ThingName").OrderBy(t => t, StringComparer.Ordinal));
            // Per region: one ListJobs, one listing for the piped job read there, one for the plain row.
            Assert.All(new[] { "eu-west-1", "us-east-1" }, region => Assert.Equal(2, host.Regions[region].Requests.Count(r => r.Operation == "ListJobExecutionsForJob")));
        }

        [Fact]
        public async Task WithSeveralRegionsAPipedObjectWhoseRegionRefusesTheCredentialsFailsOnlyThere()
        {
            // A row routed to one of several -Region values that refuses the credentials (an opt-in region not enabled) is
            // that row's error, naming the region; later rows for it are not read there; the other region's rows are read.
            var options = new EmulatorOptions();
            options.Regions.Add("eu-west-1");
            options.Regions.Add("ap-east-1");
            await using var host = await EmulatorHost.StartAsync(options);
            host.Regions["eu-west-1"].SeedJson("{\"iot\":[{\"jobId\":\"fw-7\",\"thingName\":\"sensor-1\",\"status\":\"QUEUED\"}]}");
            host.Regions["ap-east-1"].Settings = host.Regions["ap-east-1"].Settings with { RegionEnabled = false };
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var result = session.Run("@([pscustomobject]@{ JobId = 'fw-7'; Region = 'ap-east-1' }, [pscustomobject]@{ JobId = 'fw-7'; Region = 'ap-east-1' }, "
                + $"[pscustomobject]@{{ JobId = 'fw-7'; Region = 'eu-west-1' }}) | Get-IoTJobExecution -Region eu-west-1,ap-east-1 -EndpointUrl {url} {Keys}");

            Assert.Null(result.Terminating);
            Assert.Equal("sensor-1", Assert.Single(result.Output).Properties["ThingName"].Value);
            Assert.Equal(new[] { "AuthenticationFailed", "AuthenticationFailed" }, result.ErrorIds);
            Assert.All(result.Errors, e => Assert.Contains("ap-east-1", e.Exception.Message));
            Assert.Single(host.Regions["ap-east-1"].Requests, r => r.Operation == "ListJobExecutionsForJob");
        }

        [Fact]
        public async Task CredentialsEveryRegionRefusesEndAGetOnceAsWithOneRegion()
        {
            // A wrong secret key with several -Region values: Get-* wrote an error per piped row and region, for ever. Once
            // every region has refused, it stops once, as a Stop-* does and as with one region.
            var options = new EmulatorOptions();
            options.Regions.Add("eu-west-1");
            options.Regions.Add("us-east-1");
            await using var host = await EmulatorHost.StartAsync(options);
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var (caught, result) = session.RunCatchingTerminating("1..5 | ForEach-Object { [pscustomobject]@{ JobId = \"fw-$_\" } } | Get-IoTJobExecution "
                + $"-Region eu-west-1,us-east-1 -EndpointUrl {url} -AccessKey AKIDEXAMPLE -SecretKey not-the-secret-key");

            Assert.NotNull(caught);
            Assert.Equal("AuthenticationFailed", RunResult.ErrorIdOf(caught!));
            Assert.InRange(result.Errors.Count, 0, 1);
            Assert.All(new[] { "eu-west-1", "us-east-1" }, region => Assert.Single(host.Regions[region].Requests));
        }

        [Fact]
        public async Task WithSeveralRegionsAListErrorNamesTheRegionItCameFromAndTheOthersAreListed()
        {
            var options = new EmulatorOptions();
            options.Regions.Add("eu-west-1");
            options.Regions.Add("us-east-1");
            await using var host = await EmulatorHost.StartAsync(options);
            host.Regions["eu-west-1"].SeedJson("{\"iot\":[{\"jobId\":\"fw-7\",\"thingName\":\"sensor-1\",\"status\":\"QUEUED\"}]}");
            using var session = new PowerShellSession(host.BaseUri, RepoPaths.BuiltManifest);
            var url = host.BaseUri.ToString().TrimEnd('/');

            var result = session.Run($"Get-IoTJobExecution -JobId fw-7 -Region eu-west-1,us-east-1 -EndpointUrl {url} {Keys}");

            Assert.Equal("eu-west-1", result.Output.Single().Properties["Region"].Value);
            Assert.Equal("JobNotFound", Assert.Single(result.ErrorIds));
            Assert.Contains("fw-7 in us-east-1", result.Errors.Single().Exception.Message);
        }
        [Fact]
        public void SecretKeyAloneIsIncompleteAlsoWhenStoredAwsCredentialsAreSet()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var url = emulator.Host.BaseUri.ToString().TrimEnd('/');

            var (caught, _) = session.RunCatchingTerminating(
                $"$StoredAWSCredentials = [CancelJobs.Tests.Hosting.ForeignCredentials]::Create('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'); "
                + $"Get-IoTJobExecution fw-7 sensor-1 -EndpointUrl {url} -Region us-east-1 -SecretKey 'not-the-stored-one'");

            Assert.NotNull(caught);
            Assert.Equal("IncompleteCredentials", RunResult.ErrorIdOf(caught!));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void StoredAwsCredentialsThatCannotDeliverAreOneClearErrorNamingThem()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var url = emulator.Host.BaseUri.ToString().TrimEnd('/');

            var (caught, _) = session.RunCatchingTerminating(
                $"$StoredAWSCredentials = [CancelJobs.Tests.Hosting.ForeignCredentials]::Create('expired', 'x'); Get-IoTJobExecution fw-7 sensor-1 -EndpointUrl {url} -Region us-east-1");

            Assert.Equal("CredentialSourceFailed", RunResult.ErrorIdOf(caught!));
            Assert.Contains("$StoredAWSCredentials", caught!.Exception.Message);
            Assert.Contains("SSO session token has expired", caught.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        /// <summary>An emulator answering as two regions, each with <paramref name="each"/> QUEUED executions of job fw-7 on things named "&lt;region&gt;-&lt;i&gt;".</summary>
        private static Task<EmulatorHost> TwoRegionsWithQueuedExecutions(string first, string second, int each) =>
            StartRegions(region => "{\"iot\":[" + string.Join(",", Enumerable.Range(1, each).Select(i =>
                "{\"jobId\":\"fw-7\",\"thingName\":\"" + region + "-" + i + "\",\"status\":\"QUEUED\"}")) + "]}", first, second);

        /// <summary>An emulator answering as <paramref name="regions"/>, each seeded with what <paramref name="seedFor"/> gives for it.</summary>
        private static async Task<EmulatorHost> StartRegions(Func<string, string> seedFor, params string[] regions)
        {
            var options = new EmulatorOptions();
            foreach (var region in regions)
            {
                options.Regions.Add(region);
            }
            var host = await EmulatorHost.StartAsync(options);
            foreach (var region in regions)
            {
                host.Regions[region].SeedJson(seedFor(region));
            }
            return host;
        }

        /// <summary>A PowerShell array of rows (ThingName, Region), region by region: each region's things 1..count.</summary>
        private static string Rows(params (string Region, int Count)[] regions) =>
            "@(" + string.Join(",", regions.SelectMany(r => Enumerable.Range(1, r.Count).Select(i => Row(r.Region, i)))) + ")";

        /// <summary>A PowerShell array of rows alternating between the two regions: first-1, second-1, first-2, …</summary>
        private static string Interleaved(string first, string second, int each) =>
            "@(" + string.Join(",", Enumerable.Range(1, each).SelectMany(i => new[] { Row(first, i), Row(second, i) })) + ")";

        private static string Row(string region, int i) => $"[pscustomobject]@{{ ThingName = '{region}-{i}'; Region = '{region}' }}";
    }
}
