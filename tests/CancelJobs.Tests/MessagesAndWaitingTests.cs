using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CancelJobs.Tests.Hosting;
using Xunit;

namespace CancelJobs.Tests
{
    /// <summary>Messages that say what to do, -Wait that shows it is waiting, and the audit trail on results and errors.</summary>
    public sealed class MessagesAndWaitingTests : IClassFixture<EmulatorFixture>
    {
        private readonly EmulatorFixture emulator;

        public MessagesAndWaitingTests(EmulatorFixture emulator) => this.emulator = emulator;

        private static object? Member(object target, string name) => PSObject.AsPSObject(target).Properties[name]?.Value;

        [Fact]
        public void CancelInProgressWhereNobodyCanAnswerSaysToAddForceAndSendsNothing()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            // The test host cannot answer a prompt it has no answer for, like `pwsh -NonInteractive` or a runbook.
            var (caught, _) = session.RunCatchingTerminating("'sensor-3','sensor-1' | Stop-IoTJobExecution -JobId fw-7 -CancelInProgress @aws");

            Assert.Equal("ConfirmationRequired", RunResult.ErrorIdOf(caught!));
            Assert.Contains("Add -Force", caught!.Exception.Message);
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void WhatIfForCancelInProgressSaysItForceCancelsAnInProgressExecution()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var text = session.RunFormatted("Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress -WhatIf @aws; Stop-IoTJobExecution fw-7 sensor-1 -WhatIf @aws");

            Assert.Contains("force-cancels it if IN_PROGRESS", text);
            var plain = text.Split('\n').Single(line => line.Contains("sensor-1"));
            Assert.Contains("Performing the operation \"Cancel\" on target", plain);
            Assert.Empty(emulator.State.Requests);
        }

        [Theory]
        [InlineData("404 Not Found")]
        [InlineData("200 OK")]
        public void AnEndpointThatIsNotAnAwsServiceShowsTheHttpStatusAndSaysTheEndpointMayBeWrong(string status)
        {
            using var notAws = new NotAnAwsServer(status);
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, _) = session.RunCatchingTerminating(
                $"'tm-run-1','tm-run-2' | Stop-TwinMakerTransferJob -EndpointUrl {notAws.Url} -Region us-east-1 -AccessKey AKIDEXAMPLE -SecretKey x");

            Assert.Equal("EndpointNotAws", RunResult.ErrorIdOf(caught!));
            Assert.Contains("HTTP " + status.Split(' ')[0], caught!.Exception.Message);
            Assert.Contains("endpoint may be wrong", caught.Exception.Message);
            Assert.DoesNotContain("See inner exception", caught.Exception.Message);
            Assert.Equal(ErrorCategory.ConnectionError, caught.CategoryInfo.Category);
        }

        [Fact]
        public void ResultsCarryTheServicesRequestIdAndTheAttempts()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var result = session.Run("Stop-IoTJobExecution fw-7 sensor-1 @aws; Stop-TwinMakerTransferJob tm-run-1 -Wait -Timeout 20 @aws").AssertClean();

            var cancels = emulator.State.Requests.Where(r => r.Operation!.StartsWith("Cancel")).ToList();
            Assert.Equal(cancels.Select(r => r.RequestId), result.Strings("ServiceRequestId"));
            Assert.Equal(new[] { "1", "1" }, result.Strings("Attempts"));
        }

        [Fact]
        public void ExportedResultsShowTheJobAndItsAuditTrailButNotTheConnectionTheyCarry()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            // No @aws on Stop: the connection travels with the listed object, yet neither export shows it.
            var result = session.Run("""
                $listed = Get-IoTJobExecution -JobId fw-7 -ThingName sensor-1 @aws
                $results = $listed | Stop-IoTJobExecution
                ($results | ConvertTo-Csv)[0]
                ($results | ConvertTo-Json | ConvertFrom-Json).PSObject.Properties.Name -join ','
                ($listed | ConvertTo-Json | ConvertFrom-Json).PSObject.Properties.Name -join ','
                ($results | ConvertTo-Json | ConvertFrom-Json).ServiceRequestId
                ($results | ConvertTo-Json | ConvertFrom-Json).Attempts
                """).AssertClean();

            var lines = result.Output.Select(o => o.ToString()).ToList();
            Assert.DoesNotContain("Connection", lines[0]);
            Assert.Contains("\"ServiceRequestId\"", lines[0]);
            Assert.DoesNotContain("Connection", lines[1].Split(','));
            Assert.Contains("ThingName", lines[1].Split(','));
            Assert.DoesNotContain("Connection", lines[2].Split(','));
            Assert.Equal(Assert.Single(emulator.State.Requests, r => r.Operation == "CancelJobExecution").RequestId, lines[3]);
            Assert.Equal("1", lines[4]);
            Assert.Equal("CANCELED", emulator.State.FindIoTExecution("fw-7", "sensor-1")!.Status);
        }

        [Fact]
        public void ErrorRecordsCarryTheServicesRequestIdAndTheAttempts()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var notFound = session.Run("Stop-IoTJobExecution fw-7 ghost @aws");
            var logged = Assert.Single(emulator.State.Requests);
            Assert.Equal(logged.RequestId, Member(notFound.Errors.Single().Exception, "ServiceRequestId"));
            Assert.Equal(1, Member(notFound.Errors.Single().Exception, "Attempts"));

            emulator.State.Faults = new CancelJobs.Emulator.Control.FaultSettings { ThrottleRate = 1.0 };
            // Throttles are sent again until -ThrottleTimeout runs out; every one of those sends is an attempt.
            var throttled = session.Run("Stop-IoTJobExecution fw-7 sensor-1 -ThrottleTimeout 1 @aws");
            Assert.Equal("Throttled", Assert.Single(throttled.ErrorIds));
            var sends = emulator.State.Requests.Count - 1;
            Assert.True(sends >= 2, $"{sends} sends");
            Assert.Equal(sends, Member(throttled.Errors[0].Exception, "Attempts"));
            Assert.Equal(emulator.State.Requests.Last().RequestId, Member(throttled.Errors[0].Exception, "ServiceRequestId"));
        }

        [Fact]
        public void GetErrorsCarryTheRequestIdAndAttemptsOfTheRequestThatAnsweredThem()
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var missingJob = session.Run("Get-IoTJobExecution -JobId nope @aws");
            var listed = Assert.Single(emulator.State.Requests);
            Assert.Equal("JobNotFound", Assert.Single(missingJob.ErrorIds));
            Assert.Equal(listed.RequestId, Member(missingJob.Errors[0].Exception, "ServiceRequestId"));
            Assert.Equal(1, Member(missingJob.Errors[0].Exception, "Attempts"));

            // DMS finds one request through a list filter: an empty answer is the not-found, and it is named.
            var missingRequest = session.Run("Get-DmsMetadataModelConversion legacy-oracle -RequestIdentifier nope @aws");
            Assert.Equal("JobNotFound", Assert.Single(missingRequest.ErrorIds));
            Assert.Equal(emulator.State.Requests.Last().RequestId, Member(missingRequest.Errors[0].Exception, "ServiceRequestId"));
            Assert.Equal(1, Member(missingRequest.Errors[0].Exception, "Attempts"));
        }

        [Theory]
        [InlineData("Stop-TwinMakerTransferJob tm-run-1 -Region us-east-1 -ProfileName no-such-profile", "ProfileNotFound")]
        [InlineData("Stop-IoTJobExecution fw-7 sensor-3 -CancelInProgress @aws", "ConfirmationRequired")]
        [InlineData("Stop-IoTJobExecution fw-7 sensor-1 -StatusDetail @{ a = @{} } @aws", "InvalidStatusDetail")]
        [InlineData("Get-IoTJobExecution -Status QUEUED @aws", "JobIdOrThingNameRequired")]
        [InlineData("Stop-TwinMakerTransferJob 'bad id' @aws", "InvalidIdentifier")]
        public void ErrorsRaisedBeforeSendingHaveTheSameAuditFieldsNullAndZero(string script, string errorId)
        {
            using var session = emulator.NewSession(Seeds.AllServices);

            var (caught, result) = session.RunCatchingTerminating(script);

            var record = caught ?? Assert.Single(result.Errors);
            Assert.Equal(errorId, RunResult.ErrorIdOf(record));
            Assert.Equal("CancelJobs.Infrastructure.JobOperationException", record.Exception.GetType().FullName);
            Assert.Null(Member(record.Exception, "ServiceRequestId"));
            Assert.Equal(0, Member(record.Exception, "Attempts"));
            Assert.Empty(emulator.State.Requests);
        }

        [Fact]
        public void AThrottledPollWhileWaitingSaysTheCancelWasAcceptedNotThatItFailed()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            emulator.State.Faults = new CancelJobs.Emulator.Control.FaultSettings { ThrottleRate = 1.0, FaultOperations = new[] { "GetMetadataTransferJob" } };

            var result = session.Run("Stop-TwinMakerTransferJob tm-run-1 -Wait -ThrottleTimeout 1 @aws");

            Assert.Equal("WaitFailed", Assert.Single(result.ErrorIds));
            var message = result.Errors[0].Exception.Message;
            Assert.Contains("was accepted", message);
            Assert.Contains("GetMetadataTransferJob for TwinMaker metadata transfer job tm-run-1 did not get through", message);
            Assert.DoesNotContain("was not cancelled", message);
            Assert.Contains(emulator.State.FindTwinMakerJob("tm-run-1")!.Status, new[] { "CANCELLING", "CANCELLED" });
        }

        [Fact]
        public void WaitShowsProgressAndAVerboseLinePerPollFromTheStartAndSeesTheEndWithinAboutTwoSeconds()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var settings = emulator.State.Settings;
            emulator.State.Settings = settings with { TwinMakerCancelDelayMs = 8000 };
            try
            {
                var result = session.Run("Stop-TwinMakerTransferJob tm-run-1 -Wait -Timeout 60 -Verbose @aws").AssertClean();

                Assert.Equal("CANCELLED", Assert.Single(result.Output).Properties["Status"].Value);
                Assert.NotEmpty(session.Host.TestUI.Progress);
                var polls = emulator.State.Requests.Where(r => r.Operation == "GetMetadataTransferJob").Select(r => r.Time).ToList();
                Assert.True(polls.Count >= 5, $"{polls.Count} polls");
                Assert.True(session.Host.TestUI.Verbose.Count(v => v.StartsWith("Waiting for TwinMaker metadata transfer job tm-run-1")) >= polls.Count,
                    string.Join("\n", session.Host.TestUI.Verbose));
                // Polls are at most 2 s apart. Doubling without that cap would have polled at 0.5, 1.5, 3.5, 7.5 and 15.5 s:
                // an 8 s gap, and the end seen 7.5 s late. The margins are generous for a busy machine.
                var widestGap = polls.Zip(polls.Skip(1), (a, b) => b - a).Max();
                Assert.True(widestGap < TimeSpan.FromSeconds(4.5), $"polls {widestGap.TotalMilliseconds} ms apart");
                var cancelledAt = emulator.State.Requests.Single(r => r.Operation == "CancelMetadataTransferJob").Time + TimeSpan.FromSeconds(8);
                Assert.True(polls.Last() - cancelledAt < TimeSpan.FromSeconds(4.5), $"terminal state seen {(polls.Last() - cancelledAt).TotalMilliseconds} ms late");
            }
            finally
            {
                emulator.State.Settings = settings;
            }
        }

        [Fact]
        public void CtrlCWhileWaitingSaysTheCancelWasAcceptedAndWaitingStopped()
        {
            using var session = emulator.NewSession(Seeds.AllServices);
            var settings = emulator.State.Settings;
            emulator.State.Settings = settings with { TwinMakerCancelDelayMs = 60_000 };
            try
            {
                session.RunAndStopWhen("Stop-TwinMakerTransferJob tm-run-1 -Wait -Timeout 60 @aws",
                    () => emulator.Operations("GetMetadataTransferJob").Length >= 1, TimeSpan.FromSeconds(20));

                var warned = string.Join("\n", session.Host.TestUI.Warnings);
                Assert.Contains("tm-run-1: the cancel was accepted (CANCELLING); waiting for a terminal state stopped", warned);
                Assert.DoesNotContain("may have taken effect", warned);
            }
            finally
            {
                emulator.State.Settings = settings;
            }
        }

        /// <summary>A web server that is not AWS: answers every request 404 with an HTML page and no AWS headers.</summary>
        private sealed class NotAnAwsServer : IDisposable
        {
            private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
            private readonly CancellationTokenSource stop = new CancellationTokenSource();
            private readonly string status;

            public NotAnAwsServer(string status)
            {
                this.status = status;
                listener.Start();
                _ = Task.Run(ServeAsync);
            }

            public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

            private async Task ServeAsync()
            {
                while (!stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try
                    {
                        client = await listener.AcceptTcpClientAsync(stop.Token);
                    }
                    catch (Exception)
                    {
                        return;
                    }
                    _ = Task.Run(() => AnswerAsync(client));
                }
            }

            private async Task AnswerAsync(TcpClient client)
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var received = new StringBuilder();
                    var buffer = new byte[8192];
                    // Read the headers and whatever body the Content-Length announces, then answer.
                    while (true)
                    {
                        var read = await stream.ReadAsync(buffer);
                        if (read == 0)
                        {
                            return;
                        }
                        received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                        var text = received.ToString();
                        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (end < 0)
                        {
                            continue;
                        }
                        var length = text.Split("\r\n").Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                            .Select(h => int.Parse(h.Substring(15).Trim())).FirstOrDefault();
                        if (text.Length - end - 4 >= length)
                        {
                            break;
                        }
                    }
                    var body = "<html><body><h1>Not Found</h1></body></html>";
                    var answer = $"HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
                }
            }

            public void Dispose()
            {
                stop.Cancel();
                listener.Stop();
                stop.Dispose();
            }
        }
    }
}
