using System;
using System.Collections.Generic;
using System.Linq;
using CancelJobs.Engine.Aws;
using CancelJobs.Engine.Bulk;
using CancelJobs.Engine.Errors;
using Xunit;

namespace CancelJobs.Engine.Tests
{
    /// <summary>
    /// The report of items whose outcome was not written when a run ended early (Ctrl+C, -ErrorAction Stop, a
    /// terminating error): what it says of each item, from its outcome and its cancel request's wire state, and which
    /// taken outcomes it names, once.
    /// </summary>
    public sealed class UnwrittenReportTests
    {
        private static ApiRequest Cancel(WireState wire, int attempts = 1, int answered = 0, int unanswered = 0, int unconnected = 0,
            int throttles = 0, bool mayHaveActed = false, bool succeeded = false, string? sentTo = "127.0.0.1:4566")
        {
            var request = ApiRequest.Rest("CancelJobExecution", "PUT", "/things/{thingName}/jobs/{jobId}/cancel");
            request.AttemptCount = attempts;
            request.AnsweredCount = answered;
            request.UnansweredCount = unanswered;
            request.UnconnectedCount = unconnected;
            request.ThrottleCount = throttles;
            request.wireState = (int)wire;
            request.mayHaveActed = mayHaveActed ? 1 : 0;
            request.succeeded = succeeded ? 1 : 0;
            request.SentTo = sentTo;
            return request;
        }

        private static UnwrittenItem Running(params ApiRequest[] requests) =>
            new UnwrittenItem("IoT job execution fw-7 on thing t-1") { Started = true, Requests = requests };

        [Fact]
        public void AnItemThatNeverStartedIsNotSentAndNamesTheSettingNotAParameter()
        {
            var (kind, text) = UnwrittenReport.StateOf(new UnwrittenItem("IoT job execution fw-7 on thing t-1"), null);

            Assert.Equal(UnwrittenKind.NotSent, kind);
            Assert.Contains("waiting for a throttle slot or " + Mention.MaxRequestsPerSecond, text);
            Assert.DoesNotContain("-MaxRequestsPerSecond", text);
        }

        [Fact]
        public void ARequestHandedToTheConnectionWithoutAnAnswerMayHaveTakenEffect()
        {
            Assert.Equal(UnwrittenKind.SentAnswerUnknown, UnwrittenReport.StateOf(Running(Cancel(WireState.AwaitingAnswer)), null).Kind);
            // An attempt whose answer was lost, now waiting to be retried: still "may have acted".
            Assert.Equal(UnwrittenKind.SentAnswerUnknown, UnwrittenReport.StateOf(Running(Cancel(WireState.NotSent, attempts: 2, unanswered: 1, mayHaveActed: true)), null).Kind);
        }

        [Fact]
        public void AThrottledRequestWaitingToBeSentAgainIsNotCancelled()
        {
            var (kind, text) = UnwrittenReport.StateOf(Running(Cancel(WireState.Answered, attempts: 2, answered: 2, throttles: 2)), null);

            Assert.Equal(UnwrittenKind.ThrottledWaiting, kind);
            Assert.Equal("throttled, waiting to resend (2 throttled answers); not cancelled", text);
        }

        [Fact]
        public void ACancelTheServiceAcceptedIsDoneEvenWhenItsResultWasNeverWritten()
        {
            var accepted = UnwrittenReport.StateOf(Running(Cancel(WireState.Answered, answered: 1, succeeded: true)), null);
            Assert.Equal(UnwrittenKind.Done, accepted.Kind);
            Assert.Contains("the service accepted the cancel", accepted.Text);

            var waiting = Running(Cancel(WireState.Answered, answered: 1, succeeded: true));
            waiting.AcceptedStatus = "CANCELED";
            waiting.Completed = true;
            waiting.Error = new OperationCanceledException();
            Assert.Equal((UnwrittenKind.Done, "the cancel was accepted (CANCELED); waiting for a terminal state stopped"), UnwrittenReport.StateOf(waiting, null));
        }

        [Fact]
        public void AnItemRefusedBeforeSendingNamesItsErrorId()
        {
            var item = new UnwrittenItem("input 'x'") { RejectedErrorId = ErrorIds.InvalidIdentifier };

            Assert.Equal((UnwrittenKind.NotSent, "not sent: InvalidIdentifier"), UnwrittenReport.StateOf(item, null));
        }

        [Fact]
        public void ARequestStillConnectingToTheEndpointNobodyAnswersIsNotSent()
        {
            var connecting = Running(Cancel(WireState.AwaitingAnswer, sentTo: "10.0.0.1:443"));

            Assert.Equal(UnwrittenKind.NotSent, UnwrittenReport.StateOf(connecting, "10.0.0.1:443").Kind);
            // Another endpoint (a piped object's own) may have taken it.
            Assert.Equal(UnwrittenKind.SentAnswerUnknown, UnwrittenReport.StateOf(connecting, "10.0.0.2:443").Kind);
        }

        [Fact]
        public void TheHeadingCountsEachKindAndEveryItemHasALine()
        {
            var lines = UnwrittenReport.Lines("Stop-IoTJobExecution", new[]
            {
                Running(Cancel(WireState.AwaitingAnswer)),
                new UnwrittenItem("IoT job execution fw-7 on thing t-2"),
                new UnwrittenItem("IoT job execution fw-7 on thing t-3"),
            }, null);

            Assert.Equal("Stop-IoTJobExecution stopped with 3 items whose outcome was not written (1 sent, answer unknown; 2 not sent):", lines[0]);
            Assert.Equal(4, lines.Count);
            Assert.StartsWith("  IoT job execution fw-7 on thing t-3: not sent", lines[3]);
            Assert.Empty(UnwrittenReport.Lines("Stop-IoTJobExecution", Array.Empty<UnwrittenItem>(), null));
        }

        [Fact]
        public void TheLedgerNamesTheOutcomeBeingWrittenWhenTheStopCame()
        {
            var ledger = new UnwrittenLedger<string>();
            ledger.Taking("first");
            ledger.Written();
            ledger.Taking("second");

            Assert.Equal(new[] { "second", "untaken" }, ledger.ReportOnce(() => new[] { "untaken" }));
        }

        [Fact]
        public void AfterAHaltTheLedgerNamesTheCanceledItemButNotTheFailureWrittenInItsPlace()
        {
            var ledger = new UnwrittenLedger<string>();
            ledger.Taking("canceled-by-halt");
            ledger.CanceledByHalt("canceled-by-halt", "failure");
            ledger.Taking("failure");
            ledger.Written();

            Assert.Equal(new[] { "canceled-by-halt", "untaken" }, ledger.ReportOnce(() => new[] { "failure", "untaken" }));
        }

        [Fact]
        public void TheLedgerReportsOnceAndDoesNotAskTheExecutorAgain()
        {
            var ledger = new UnwrittenLedger<string>();
            var asked = 0;
            IEnumerable<string> Untaken() { asked++; return new[] { "a" }; }

            Assert.Equal(new[] { "a" }, ledger.ReportOnce(Untaken));
            Assert.Null(ledger.ReportOnce(Untaken));
            Assert.Equal(1, asked);
            Assert.True(ledger.Reported);
        }

        [Fact]
        public void TheOutOfOrderFailureIsLeftOutOfWhatTheExecutorStillHolds()
        {
            var ledger = new UnwrittenLedger<string>();
            ledger.CanceledByHalt("canceled", "failure");

            Assert.Equal(new[] { "canceled", "later" }, ledger.ReportOnce(() => new[] { "failure", "later" }));
        }
    }
}
