using System.Management.Automation;
using System.Threading;
using CancelJobs.Engine.Errors;

namespace CancelJobs.Infrastructure
{
    /// <summary>What <see cref="StopOutcomeWriter{TTarget, TCancellation}"/> needs from its cmdlet: the streams, and what the command says about a failure.</summary>
    internal interface IStopOutput<TTarget>
    {
        string CommandName { get; }

        /// <summary>Signaled by Ctrl+C: tells a stopped pipeline from an error -ErrorAction Stop made terminating.</summary>
        CancellationToken Stopping { get; }

        /// <summary>-EndpointUrl was given on the command line (not carried by a piped record).</summary>
        bool EndpointUrlGiven { get; }

        /// <summary>How many -Region values the command was given (items choose one of them when there are several).</summary>
        int RegionsAsked { get; }

        void WriteResult(object result);

        /// <summary>A non-terminating error; throws when -ErrorAction Stop makes it terminating or the pipeline stopped.</summary>
        void WriteItemFailure(ErrorRecord record);

        /// <summary>A verbose line, redacted.</summary>
        void WriteVerboseLine(string text);

        /// <summary>A failure's full detail for -Debug, redacted.</summary>
        void WriteFailureDetail(Failure failure);

        /// <summary>Ends the command with <paramref name="record"/>; never returns.</summary>
        void Terminate(ErrorRecord record);

        /// <summary>A warning line straight to the host: the pipeline may be stopping and take no more output.</summary>
        void WarnThroughHost(string text);

        /// <summary>The command's sentence to add to a failure's message, or null.</summary>
        string? AdviceFor(Failure failure, TTarget target);
    }
}
