using System;
using CancelJobs.Engine.Aws;

namespace CancelJobs.Engine.Model
{
    /// <summary>
    /// A cancel request may have taken effect (an attempt's answer was lost) and the job's state, read afterwards, could
    /// not be read either: the module cannot know whether the job is cancelled, and says so instead of guessing.
    /// </summary>
    public sealed class OutcomeUnknownException : Exception
    {
        public OutcomeUnknownException(string target, ApiRequest cancel, ApiRequest read, Exception? readFailure, string readProblem)
            : base($"Whether {target} is cancelled is unknown: the cancel request was sent {Times(cancel.Attempts)} and the answer to "
                + $"{(cancel.UnansweredAttempts <= 1 ? "one of them" : cancel.UnansweredAttempts + " of them")} was lost, so it may have taken effect; "
                + $"reading the job's state afterwards failed too ({readProblem} after {read.Attempts} attempt{(read.Attempts == 1 ? "" : "s")}). "
                + "Check its state with the Get-* command, or run the cancel again: a job already cancelled is reported AlreadyCancelled.", readFailure)
        {
            CancelAttempts = cancel.Attempts;
            ReadAttempts = read.Attempts;
        }

        public int CancelAttempts { get; }
        public int ReadAttempts { get; }

        private static string Times(int count) => count == 1 ? "once" : $"{count} times";
    }
}
