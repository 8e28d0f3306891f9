using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>
    /// Issue 16 (items 3, 4, 6, 7, 8) with parameters only: endpoint URLs that are more than scheme, host, port and path;
    /// the signed path is the sent path; plain http warns; -Verbose and -WhatIf resolve locally; short AuthenticationFailed;
    /// secrets echoed in any form; conflicting identifiers. Environment and profile cases: <see cref="ConnectionSourceTests"/>.
    /// </summary>
    public sealed class ConnectionTruthTests : IClassFixture<EmulatorFixture>
    {
        private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        private readonly EmulatorFixture emulator;

        public ConnectionTruthTests(EmulatorFixture emulator) => this.emulator = emulator;

        private string Url => emulator.Host.BaseUri.ToString().TrimEnd('/');
        private string Keys => $"-AccessKey AKIDEXAMPLE -SecretKey '{Secret}'";

        [Theory]
        [InlineData("{url}/?x=1", "query")]
        [InlineData("{url}#frag", "fragment")]
        [InlineData("{url} ", "whitespace")]
        [InlineData(" {url}", "whitespace")]
        [InlineData("{url}/a/../b", "'..'")]
        [InlineData("{url}/a/./b", "'..'")]
        [InlineData("http://127.0.0.1:99999", "port")]
        [InlineData("http://[::1", "not a valid URL")]
        [InlineData("127.0.0.1:4566", "no http:// or https:// scheme")]
        [InlineData("bob:p@ss/Word-Secret-1@127.0.0.1:4566", "user info")]
        [InlineData("http://bob:p@ss/Word-Secret-1@127.0.0.1:4566", "user info")]
        public void AnEndpointUrlThatIsMoreThanSchemeHostPortAndPathIsInvalidEndpointUrlAndNothingIsSent(string template, string reason)
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var url = template.Replace("{url}", Url);

            // The URL travels in a variable, as a real script's would: PowerShell itself records a command line (InvocationInfo).
            session.Run($"$endpoint = '{url}'").AssertClean();
            var (caught, result) = session.RunCatchingTerminating($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -EndpointUrl $endpoint -Region us-east-1 {Keys} -Confirm:$false");

            Assert.Equal("InvalidEndpointUrl", RunResult.ErrorIdOf(caught!));
            Assert.Contains(reason, caught!.Exception.Message);
            Assert.Contains("-EndpointUrl", caught.Exception.Message);
            Assert.DoesNotContain("p@ss", caught.ToString());
            Assert.DoesNotContain("Word-Secret-1", session.Run("$Error | Out-String -Width 500; $Error | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue").Output.Select(o => o.ToString()).Aggregate("", string.Concat));
            Assert.Empty(result.Errors);
            Assert.Empty(emulator.State.Requests);
        }

        [Theory]
        [InlineData("/base/")]
        [InlineData("/base")]
        [InlineData("/")]
        public void TheSignedPathIsTheSentPathWhateverTheBasePath(string basePath)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run($"Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl '{Url}{basePath}' -Region us-east-1 {Keys} -Confirm:$false");

            var sent = Assert.Single(emulator.State.Requests);
            Assert.Equal(basePath.TrimEnd('/') + "/things/sensor-1/jobs/fw-7/cancel", sent.Path);
            Assert.Equal("Valid", sent.Signature);
        }

        [Fact]
        public void PlainHttpToAnotherHostWarnsOncePerCommandAndLoopbackDoesNot()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            // -WhatIf: the warning comes from resolving the endpoint, before anything could be sent to a host nobody runs.
            var remote = session.Run($"'sensor-1','sensor-2','sensor-3' | Stop-IoTJobExecution -JobId fw-7 -EndpointUrl http://10.255.255.1:4566 -Region us-east-1 {Keys} -WhatIf");
            var local = session.Run($"'sensor-1','sensor-2' | Stop-IoTJobExecution -JobId fw-7 -EndpointUrl {Url} -Region us-east-1 {Keys} -WhatIf");

            var warning = Assert.Single(remote.Warnings);
            Assert.Contains("http://10.255.255.1:4566", warning);
            Assert.Contains("unencrypted", warning);
            Assert.Empty(local.Warnings);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void VerboseNamesRegionEndpointAndCredentialsAndWhereEachCameFromAlsoUnderWhatIf()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run($"Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {Url} -Region eu-west-1 {Keys} -WhatIf -Verbose");
            var whatIf = string.Join("\n", session.Host.TestUI.Verbose);
            var before = session.Host.TestUI.Verbose.Count;
            session.Run("Get-IoTJobExecution -JobId fw-7 -Status QUEUED @aws | Stop-IoTJobExecution -Verbose -Confirm:$false").AssertClean();
            var piped = string.Join("\n", session.Host.TestUI.Verbose.Skip(before));

            Assert.Contains("region eu-west-1 (from -Region)", whatIf);
            Assert.Contains($"endpoint {Url} (from -EndpointUrl)", whatIf);
            Assert.Contains("access key", whatIf);
            Assert.DoesNotContain("AKIDEXAMPLE", whatIf);
            Assert.Contains("region us-east-1 (from the piped object)", piped);
            Assert.Contains($"endpoint {Url} (from the piped object)", piped);
            Assert.Contains("(from the piped object)", piped.Substring(piped.IndexOf("credentials:", StringComparison.Ordinal)));
        }

        [Fact]
        public void WhatIfRefusesAThingArnOfAnotherRegionAsTheRunDoes()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($"Stop-IoTJobExecution fw-7 arn:aws:iot:eu-west-1:123456789012:thing/sensor-1 -EndpointUrl {Url} -Region us-east-1 {Keys} -WhatIf");

            Assert.Equal("RegionMismatch", Assert.Single(result.ErrorIds));
            Assert.DoesNotContain(session.Host.TestUI.Text.Split('\n'), line => line.StartsWith("What if:", StringComparison.Ordinal));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WhatIfWithoutAnyRegionIsNoRegionAsTheRunIs()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating($"Stop-IoTJobExecution fw-7 sensor-1 {Keys} -WhatIf");

            Assert.Equal("NoRegion", RunResult.ErrorIdOf(caught!));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AuthenticationFailedIsShortAndNamesTheKeyAndCausesTheCanonicalRequestOnlyUnderDebugRedacted()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            const string Token = "SessionTokenThatMustNotLeak0123456789";

            var result = session.Run($$"""
                $DebugPreference = 'Continue'
                & { try { Stop-IoTJobExecution fw-7 sensor-1 -EndpointUrl {{Url}} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey wrongSecretKeyValue0123456789 -SessionToken {{Token}} -Confirm:$false } catch { $_ } } 5>&1 | ForEach-Object { "$($_.GetType().Name)|$_" }
                """);

            var lines = result.Output.Select(o => o.ToString()!).ToList();
            var error = Assert.Single(lines, line => line.StartsWith("ErrorRecord|", StringComparison.Ordinal));
            Assert.Contains("AuthenticationFailed", session.Run("$Error[0].FullyQualifiedErrorId").Output[0].ToString());
            Assert.Contains("AKIDEXAMPLE", error);
            Assert.Contains("clock", error);
            Assert.True(error.Length < 400, $"{error.Length} characters: {error}");
            Assert.DoesNotContain("x-amz-date", error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("x-amz-date", session.Run("$Error[0].Exception.ToString()").Output[0].ToString()!, StringComparison.OrdinalIgnoreCase);
            var debug = string.Join("\n", lines.Where(line => line.StartsWith("DebugRecord|", StringComparison.Ordinal)));
            Assert.Contains("x-amz-date", debug, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Token, debug);
            Assert.DoesNotContain("wrongSecretKeyValue0123456789", string.Join("\n", lines));
        }

        [Fact]
        public void SecretsAServerEchoesInJsonXmlFormEncodingOrHeadersNeverReachAnyText()
        {
            const string Token = "IQoJb3JpZ2luX2VjEchoedSessionToken/0123+456==";
            const string Unknown = "ProxyInventedToken0123456789abcdef";
            using var server = new EchoingServer(headers =>
                "{\"__type\":\"ValidationException\",\"message\":\"Rejected. Request headers: " + JsonString(headers)
                + " Also: {\\\"SessionToken\\\": \\\"" + Unknown + "\\\"} <SecretAccessKey>" + Secret + "</SecretAccessKey> form aws_secret_access_key="
                + Uri.EscapeDataString(Secret) + " json " + JsonString(Secret) + "\"}");
            using var session = emulator.NewSession(Seeds.AllServices);
            var connection = $"-EndpointUrl {server.Url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey $secret -SessionToken $token";

            session.Run($"$secret = '{Secret}'; $token = '{Token}'").AssertClean();
            var scanned = session.Run($$"""
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
                $all = @(
                    & { Stop-IoTJobExecution fw-7 sensor-1 {{connection}} -Confirm:$false } *>&1
                    & { Get-IoTJobExecution -JobId fw-7 {{connection}} } *>&1
                    & { Stop-DmsMetadataModelConversion legacy-oracle req-1 {{connection}} -Confirm:$false } *>&1
                )
                @(
                    ($all | ForEach-Object { "$_" })
                    ($Error | ForEach-Object { $_.ToString(); $_.Exception.ToString(); "$($_.Exception.InnerException)" })
                    ($Error | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
                    ($Error | Out-String -Width 1000)
                    [System.Management.Automation.PSSerializer]::Serialize($Error, 6)
                ) -join "`n"
                """);

            var text = string.Join("\n", scanned.Output.Select(o => o?.ToString())) + session.Host.TestUI.Text;
            Assert.Equal(3, server.Requests);
            Assert.Contains("ServiceValidation", text);
            Assert.Contains("X-Amz-Security-Token", text, StringComparison.OrdinalIgnoreCase);
            foreach (var secret in new[] { Token, Unknown, Secret, Uri.EscapeDataString(Secret), Uri.EscapeDataString(Token), "wJalrXUtnFEMI", "IQoJb3JpZ2luX2VjEchoed" })
            {
                Assert.DoesNotContain(secret, text);
            }
        }

        [Theory]
        [InlineData("Stop-IoTJobExecution", "[pscustomobject]@{ ThingName = 'sensor-1'; ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-2'; JobId = 'fw-7' }", "ThingArn")]
        [InlineData("Stop-DmsMetadataModelConversion", "[pscustomobject]@{ MigrationProjectIdentifier = 'arn:aws:dms:us-east-1:123456789012:migration-project:legacy-oracle'; MigrationProjectArn = 'arn:aws:dms:us-east-1:123456789012:migration-project:other'; RequestIdentifier = 'req-1' }", "MigrationProjectArn")]
        [InlineData("Stop-DmsMetadataModelConversion", "@{ MigrationProjectIdentifier = 'legacy-oracle'; MigrationProject = 'other'; RequestIdentifier = 'req-1' }", "MigrationProject")]
        [InlineData("Stop-DataZoneMetadataGenerationRun", "[pscustomobject]@{ DomainIdentifier = 'dzd_sales01'; DomainId = 'dzd_other01'; Identifier = 'run-1' }", "DomainId")]
        [InlineData("Stop-DataZoneMetadataGenerationRun", "[pscustomobject]@{ DomainIdentifier = 'dzd_sales01'; Identifier = 'run-1'; RunId = 'run-2' }", "RunId")]
        [InlineData("Stop-TwinMakerTransferJob", "[pscustomobject]@{ MetadataTransferJobId = 'tm-run-1'; Id = 'tm-run-2' }", "Id")]
        public void ConflictingIdentifiersOnOneInputAreAmbiguousInputAndNothingIsSent(string command, string input, string otherName)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($"{input} | {command} @aws -Confirm:$false");

            result.AssertRejectedBeforeSending(emulator, $"its {otherName} ", "AmbiguousInput");
        }

        [Theory]
        [InlineData("Get-IoTJobExecution", "[pscustomobject]@{ ThingName = 'sensor-1'; ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-2' }", "ThingArn")]
        [InlineData("Get-DataZoneMetadataGenerationRun", "[pscustomobject]@{ DomainIdentifier = 'dzd_sales01'; DomainId = 'dzd_other01'; Identifier = 'run-1' }", "DomainId")]
        [InlineData("Get-DmsMetadataModelConversion", "[pscustomobject]@{ MigrationProjectIdentifier = 'legacy-oracle'; MigrationProject = 'other' }", "MigrationProject")]
        public void GetCommandsRefuseConflictingIdentifiersOnOneInputToo(string command, string input, string otherName)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run($"{input} | {command} @aws");

            result.AssertRejectedBeforeSending(emulator, $"its {otherName} ", "AmbiguousInput");
        }

        [Theory]
        [InlineData("Stop-IoTJobExecution", "[pscustomobject]@{ ThingName = 'sensor-1'; ThingArn = 'arn:aws:iot:us-east-1:123456789012:thing/sensor-1'; JobId = 'fw-7' }")]
        [InlineData("Stop-DmsMetadataModelConversion", "[pscustomobject]@{ MigrationProjectIdentifier = 'legacy-oracle'; MigrationProjectArn = 'arn:aws:dms:us-east-1:123456789012:migration-project:EXAMPLEOPAQUEID'; RequestIdentifier = 'req-1' }")]
        [InlineData("Stop-DataZoneMetadataGenerationRun", "[pscustomobject]@{ DomainIdentifier = 'dzd_sales01'; DomainId = 'dzd_sales01'; Identifier = 'run-1' }")]
        public void AgreeingIdentifiersOnOneInputAreSent(string command, string input)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            session.Run($"{input} | {command} @aws -Confirm:$false").AssertClean();

            Assert.Single(emulator.State.Requests);
        }

        /// <summary>Text as it appears inside a JSON string (escaped, without the quotes): System.Text.Json writes + as \u002B.</summary>
        private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value)[1..^1];

        /// <summary>The headers as a JSON object, inside a JSON string.</summary>
        private static string JsonString(System.Collections.Generic.IDictionary<string, string> headers) =>
            JsonString(System.Text.Json.JsonSerializer.Serialize(headers));

        /// <summary>
        /// A stand-in for a proxy or service that quotes the request back: every request gets HTTP 400 with an AWS
        /// request id and a JSON error whose message holds the request's headers (as JSON) and whatever else the test adds.
        /// </summary>
        private sealed class EchoingServer : IDisposable
        {
            private readonly HttpListener listener = new HttpListener();
            private readonly Func<System.Collections.Generic.IDictionary<string, string>, string> body;
            private readonly Task loop;
            private int requests;

            public EchoingServer(Func<System.Collections.Generic.IDictionary<string, string>, string> body)
            {
                this.body = body;
                var port = FreePort();
                Url = $"http://127.0.0.1:{port}";
                listener.Prefixes.Add(Url + "/");
                listener.Start();
                loop = Task.Run(ServeAsync);
            }

            public string Url { get; }
            public int Requests => Volatile.Read(ref requests);

            private async Task ServeAsync()
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    Interlocked.Increment(ref requests);
                    var headers = context.Request.Headers.AllKeys.Where(k => k != null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "");
                    var bytes = Encoding.UTF8.GetBytes(body(headers));
                    context.Response.StatusCode = 400;
                    context.Response.ContentType = "application/json";
                    context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
                    context.Response.Headers["x-amzn-ErrorType"] = "ValidationException";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            }

            private static int FreePort()
            {
                var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
                probe.Start();
                var port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                return port;
            }

            public void Dispose()
            {
                listener.Stop();
                listener.Close();
                try
                {
                    loop.Wait(TimeSpan.FromSeconds(5));
                }
                catch (AggregateException)
                {
                    // Stopping the listener ends the loop with an exception; nothing to report.
                }
            }
        }
    }
}
